"""Specification curves (Simonsohn, Simmons and Nelson; the multiverse analysis of Steegen et
al.): a reading's value under every specification of its grid, sorted, with the threshold the
reading is tested against and the choices of each specification marked beneath.

These are check figures of the reproduction, shown in the notebook (and so in the reading
edition), never part of the publication figure: :func:`overview` draws one small panel per
reading, :func:`curve` the full curve with its choices for a reading that depends on them.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from tipfigs import style
from tipfigs.specs import DIMENSIONS, Result

#: Holds / does not hold: filled dark and open grey markers (never colour alone).
HOLDS = {"color": style.GREYS["dark"], "marker": "o", "fill": True}
FAILS = {"color": style.GREYS["secondary"], "marker": "o", "fill": False}


def _sorted(result: Result):
    """The computable outcomes sorted by value (ties in grid order), with the default's place."""
    done = [(i, o) for i, o in enumerate(result.outcomes) if o.computable]
    order = sorted(done, key=lambda t: (t[1].value, t[0]))
    place = next((k for k, (i, _) in enumerate(order) if i == 0), None)
    return [o for _, o in order], place


def _draw_values(ax, result: Result, size: float = 14) -> None:
    outs, place = _sorted(result)
    xs = list(range(len(outs)))
    for style_, keep in ((HOLDS, True), (FAILS, False)):
        pts = [(x, o.value) for x, o in zip(xs, outs, strict=True) if bool(o.holds) == keep]
        if pts:
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=size, marker=style_["marker"],
                       facecolors=style_["color"] if style_["fill"] else "white",
                       edgecolors=style_["color"], linewidths=0.9, zorder=3,
                       label="holds" if keep else "does not hold")
    if place is not None:
        ax.scatter([place], [outs[place].value], s=size * 4, facecolors="none",
                   edgecolors=style.GREYS["dark"], linewidths=1.0, zorder=4, label="default")
    if result.band is not None:
        ax.axhspan(*result.band, color=style.GREYS["light"], alpha=0.5, lw=0, zorder=1)
    if result.threshold is not None:
        ax.axhline(result.threshold, color=style.GREYS["note"], lw=0.9, ls="--", zorder=2)
    ax.set_xlim(-0.8, max(len(outs), 1) - 0.2)
    ax.set_xticks([])


def title_of(result: Result, width: int = 38) -> str:
    """A panel's title: the reading, the data set and "k of n"."""
    data = f" ({result.data})" if result.data else ""
    head = "\n".join(textwrap.wrap(f"{result.reading}{data}", width))
    return f"{head}\n{result.k} of {result.n} hold"


def overview(results: Sequence[Result], columns: int = 3, title: str = ""):
    """One small panel per reading (and data set): the values sorted, the threshold (dashed)
    or the tolerance band (shaded), filled markers where the reading holds, open where it does
    not, the default ringed. Returns the figure (show it with ``style.notebook_only``)."""
    n = max(len(results), 1)
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    fig = style.new_figure(style.FULL_WIDTH, 1.9 * rows + (0.4 if title else 0.2))
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, result in zip(axes, results, strict=False):
        _draw_values(ax, result)
        ax.set_title(title_of(result), fontsize=8, fontweight="normal")
        ax.tick_params(labelsize=8)
    for ax in axes[len(results):]:
        ax.set_visible(False)
    if results:
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncol=3, frameon=False, fontsize=8)
    if title:
        fig.suptitle(title, fontsize=9, x=0.01, ha="left")
    return fig


def curve(result: Result, title: str = ""):
    """The full specification curve of one reading: its values sorted (above) and, beneath,
    one row per option of each dimension with a mark under every specification that takes it."""
    outs, _ = _sorted(result)
    dims = list(result.grid.dimensions)
    rows = [(d, o) for d in dims for o in result.grid.choices(d)]
    fig = style.new_figure(style.FULL_WIDTH, 2.2 + 0.17 * len(rows))
    top, bottom = fig.subplots(2, 1, sharex=True,
                               gridspec_kw={"height_ratios": [2.2, 0.17 * len(rows) + 0.2]})
    _draw_values(top, result, size=18)
    top.set_title(title or title_of(result, 90), fontsize=8.5)
    top.set_ylabel(result.unit or "value", fontsize=8)
    top.legend(loc="best", frameon=False, fontsize=8)
    for x, o in enumerate(outs):
        for y, (d, opt) in enumerate(rows):
            if o.spec[d] == opt:
                bottom.plot(x, y, marker="s", ms=3.2, ls="",
                            color=HOLDS["color"] if o.holds else FAILS["color"])
    bottom.set_yticks(range(len(rows)))
    bottom.set_yticklabels([_short(d, opt) for d, opt in rows], fontsize=8)
    bottom.set_ylim(len(rows) - 0.5, -0.5)
    bottom.set_xlabel(f"the {len(outs)} specifications, sorted by value", fontsize=8)
    bottom.grid(False)
    return fig


def _short(dimension: str, option: str) -> str:
    """A row label of the choice matrix: "largest reporter: left-out"."""
    label = DIMENSIONS[dimension].label.removeprefix("the ")
    return f"{label}: {option}"
