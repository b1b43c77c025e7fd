"""Words and keys for the CTDC figures: what a release is (for source notes), who is counted
and how many lack the variable shown (for subtitles), phrases that name each release's value
(for findings computed from the data), text wrapped to the printed width, and marker-area keys.

The functions only format what the notebooks compute; none of them types a number.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from tipfigs import ctdc, style

#: Marker shapes of the releases (with their colours from :data:`style.SOURCE_COLORS`), so that
#: colour never carries a release alone.
RELEASE_MARKERS = {"2021": "o", "2018": "s", "vp2022": "D"}


def release_name(release: str) -> str:
    """The short name of a release in a figure: "2021 release"."""
    ctdc._release(release)
    return f"{'2022' if release == 'vp2022' else release} release"


def release_color(release: str) -> str:
    """The release's colour in the collection's colour system."""
    return style.SOURCE_COLORS[ctdc.MANIFEST_KEYS[ctdc._release(release)]]


def join_words(items: Iterable[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def percent(share: float | None, digits: int = 0) -> str:
    """A share (0-1) as a percentage: "68%"; "n/a" when missing."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "n/a"
    return f"{100 * share:.{digits}f}%"


def share_range(shares: Iterable[float | None], digits: int = 0) -> str:
    """The range of the known shares as percentages with an en dash ("68–87%"), one value
    when they round alike ("68%"), "n/a" when none is known."""
    known = sorted(100 * s for s in shares if s is not None and not math.isnan(s))
    if not known:
        return "n/a"
    lo, hi = f"{known[0]:.{digits}f}", f"{known[-1]:.{digits}f}"
    return f"{lo}%" if lo == hi else style.span(lo, f"{hi}%")


def per_release(values: Mapping[str, str], every: str = "in both releases") -> str:
    """One phrase for a value per release: "construction (in both releases)" when every release
    gives the same value, else "domestic work (2021 release) and manufacturing (2018 release)".
    Releases without a value (empty string or None) are left out."""
    given = {r: v for r, v in values.items() if v}
    if not given:
        return ""
    if len(given) > 1 and len(set(given.values())) == 1:
        return f"{next(iter(given.values()))} ({every if len(given) == 2 else 'in every release'})"
    if len(given) == 1 and len(values) == 1:
        return next(iter(given.values()))
    return join_words(f"{v} ({release_name(r)})" for r, v in given.items())


def unknown_line(counts: Mapping[str, tuple[int, int]], variable: str) -> str:
    """Who lacks the variable, one line per release: ``counts`` maps a release to (records,
    records without ``variable``). "2021 release: n = 14,495; sector not recorded for 69%"."""
    parts = []
    for r, (n, unknown) in counts.items():
        share = unknown / n if n else float("nan")
        parts.append(f"{release_name(r)}: n\u00a0=\u00a0{n:,}; {variable} not recorded for "
                     f"{percent(share)}")
    return "\n".join(parts)


def spread(positions: Mapping[str, float], gap: float) -> dict[str, float]:
    """Positions for direct labels: labels at least ``gap`` apart (in data units), in the order
    of their points, each group of labels that would overlap centred on its points' mean (a
    label with room stays at its point). Returns {label: position}."""
    items = sorted(positions.items(), key=lambda kv: (kv[1], kv[0]))
    clusters: list[list[float]] = []  # [start, point, point, ...]
    for _, y in items:
        clusters.append([y, y])
        while len(clusters) > 1:
            prev, last = clusters[-2], clusters[-1]
            if prev[0] + gap * (len(prev) - 1) <= last[0]:
                break
            points = prev[1:] + last[1:]
            clusters[-2:] = [[sum(points) / len(points) - gap * (len(points) - 1) / 2, *points]]
    placed = [c[0] + gap * i for c in clusters for i in range(len(c) - 1)]
    return {k: placed[i] for i, (k, _) in enumerate(items)}


# -- marker area ------------------------------------------------------------------------------
def nice_floor(x: float) -> int:
    """The largest of 1, 2, 5, 10, 20, 50, ... that is at most ``x`` (0 below 1)."""
    if x < 1:
        return 0
    exp = 10 ** math.floor(math.log10(x))
    return int(max(m * exp for m in (1, 2, 5) if m * exp <= x))


def size_key_values(largest: float) -> list[int]:
    """Two or three round reference counts for a key of marker areas whose largest marker
    stands for ``largest`` records: about a sixteenth, a quarter and all of it, rounded down
    to 1, 2 or 5 times a power of ten (at least 1 and the largest, when they differ)."""
    values = {nice_floor(largest / d) for d in (16, 4, 1)} - {0}
    if len(values) < 2 and largest >= 2:
        values.add(1)
    return sorted(values)


#: Inked area of a marker of size ``s`` (matplotlib's ``s``, points squared) as a share of
#: ``s``: a circle of diameter d inks pi/4 d^2, a square or diamond of side d inks d^2.
INK = {"o": 1.0, "s": math.pi / 4, "D": math.pi / 4}


def marker_area(n, largest: float, area_max: float = 160.0, marker: str = "o"):
    """Marker size ``s`` (points squared) whose inked area is proportional to ``n``: a circle
    of size ``area_max`` for ``largest``; squares and diamonds are scaled to ink the same area
    as a circle for the same count, so one key serves every shape."""
    return INK[marker] * area_max * (n / largest) if largest > 0 else 0 * n


def size_key(ax, largest: float, area_max: float = 160.0, what: str = "records", **legend):
    """Add a legend of reference marker areas (hollow grey circles) to ``ax``; returns it.
    Keeps any legend ``ax`` already has."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], linestyle="none", marker="o", markerfacecolor="none",
                      markeredgecolor="#555555",
                      markersize=math.sqrt(marker_area(v, largest, area_max)))
               for v in size_key_values(largest)]
    labels = [f"{v:,}" for v in size_key_values(largest)]
    old = ax.get_legend()
    leg = ax.legend(handles, labels, title=f"Marker area: {what}", **legend)
    if old is not None:
        ax.add_artist(old)
    return leg
