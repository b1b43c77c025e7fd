"""Markers whose area stands for a count, and the key of reference areas that reads them:
round reference counts, the same inked area for the same count whatever the marker's shape."""

from __future__ import annotations

import math


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
