"""The claims a UNODC notebook checks on every release it reads, recorded together, release by
release. Each claim's note says what was found on its own release only: the reproduction
report sets the releases side by side (one line per release under each reading), so a note
never restates what another release gives."""

from __future__ import annotations

from tipfigs.glotip.releases import Release


class ReleaseChecks:
    """The claims a notebook checks on each release, recorded together by :meth:`record`,
    oldest release first. :meth:`test`, :meth:`compare` and :meth:`not_reproducible` take the
    arguments of the methods of :class:`tipfigs.claims.Claims` of the same names, with the
    release instead of ``data``. ``shown`` (the value as a note on another release used to
    quote it) is accepted and not recorded: the report shows each release's value itself."""

    def __init__(self, claims, releases: list[Release]):
        self.claims = claims
        self.labels = [r.label for r in releases]
        self._pending: list[tuple] = []

    def test(self, release: Release, id: str, holds: bool, computed_value, source: str, *,
             evidence: str, note: str, shown: str = "", measure: str = "", specs=None,
             why: str = "") -> None:
        self._pending.append((release, id, "test", dict(
            holds=holds, computed_value=computed_value, source=source, evidence=evidence,
            note=note, measure=measure, specs=specs, why=why)))

    def compare(self, release: Release, id: str, computed_value, source: str, *, evidence: str,
                note: str, shown: str = "", measure: str = "", specs=None, why: str = "") -> None:
        self._pending.append((release, id, "compare", dict(
            computed_value=computed_value, source=source, evidence=evidence, note=note,
            measure=measure, specs=specs, why=why)))

    def not_reproducible(self, release: Release, id: str, source: str, note: str,
                         shown: str = "", why: str = "") -> None:
        self._pending.append((release, id, "not_reproducible",
                              dict(source=source, note=note, why=why)))

    def record(self) -> list:
        """Record every check, release by release (oldest first, in the order checked);
        returns the claims recorded."""
        if not self._pending:
            raise ValueError("no checks to record")
        done = []
        for release, id_, kind, args in sorted(
                self._pending, key=lambda p: self.labels.index(p[0].label)):
            done.append(getattr(self.claims, kind)(id_, **args, data=release.claims_data))
        self._pending = []
        return done
