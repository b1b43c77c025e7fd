"""The claims a UNODC notebook checks on every release it reads, each claim's note ending by
saying whether the other releases agree."""

from __future__ import annotations

from tipfigs.glotip.releases import Release


def agreement(results: dict[str, tuple[bool | None, str]], label: str) -> str:
    """One line for a claim's note: whether the other releases agree with release ``label``.
    ``results`` maps each release's label to (whether the statement holds there, None if it
    cannot be checked there; the value to show)."""
    mine = results[label][0]
    others = [(k, h, v) for k, (h, v) in results.items() if k != label]
    if not others:
        return "Only one release was checked in this run."

    def verdict(h):
        return "it holds" if h else "it does not hold"

    parts = []
    for k, h, v in others:
        if h is None:
            parts.append(f"the {k} cannot check it ({v})")
        elif mine is None:
            parts.append(f"the {k} can: {verdict(h)} there ({v})")
        elif h == mine:
            parts.append(f"the {k} agrees: {verdict(h)} there {'too' if h else 'either'} ({v})")
        else:
            parts.append(f"the {k} does not agree: {verdict(h)} there ({v})")
    return "Other release: " + "; ".join(parts) + "."


class ReleaseChecks:
    """The claims a notebook checks on each release, recorded together by :meth:`record` so that
    each claim's note ends by saying whether the other releases agree (:func:`agreement`).
    :meth:`test`, :meth:`compare` and :meth:`not_reproducible` take the arguments of the
    methods of :class:`tipfigs.claims.Claims` of the same names (``specs``: the reading's
    specification grid, :func:`tipfigs.specs.run`), the release instead of ``data``, and
    ``shown``: the value a note on another release quotes."""

    def __init__(self, claims, releases: list[Release]):
        self.claims = claims
        self.labels = [r.label for r in releases]
        self._pending: list[tuple] = []

    def test(self, release: Release, id: str, holds: bool, computed_value, source: str, *,
             evidence: str, note: str, shown: str, measure: str = "", specs=None) -> None:
        self._pending.append((release, id, "test", shown, dict(
            holds=holds, computed_value=computed_value, source=source, evidence=evidence,
            note=note, measure=measure, specs=specs)))

    def compare(self, release: Release, id: str, computed_value, source: str, *, evidence: str,
                note: str, shown: str, measure: str = "", specs=None) -> None:
        self._pending.append((release, id, "compare", shown, dict(
            computed_value=computed_value, source=source, evidence=evidence, note=note,
            measure=measure, specs=specs)))

    def not_reproducible(self, release: Release, id: str, source: str, note: str,
                         shown: str) -> None:
        self._pending.append((release, id, "not_reproducible", shown,
                              dict(source=source, note=note)))

    def record(self) -> list:
        """Record every check, release by release (oldest first, in the order checked), each
        note followed by what the other releases say; returns the claims recorded."""
        if not self._pending:
            raise ValueError("no checks to record")
        done = []
        for release, id_, kind, shown, args in sorted(
                self._pending, key=lambda p: self.labels.index(p[0].label)):
            claim = getattr(self.claims, kind)(id_, **args, data=release.claims_data)
            done.append((release.label, claim, shown))
        self._pending = []
        results: dict[str, dict] = {}
        for label, claim, shown in done:
            results.setdefault(claim.id, {})[label] = (claim.holds, shown)
        for label, claim, _ in done:
            claim.note = f"{claim.note} {agreement(results[claim.id], label)}"
        return [claim for _, claim, _ in done]
