"""Figure 1's publication figure and its words: the people in modern slavery in 2021, by form
(the global estimates) and by region (Walk Free's country estimates, summed).

The drawing takes the numbers it draws and never types one; the sentences are computed from
the same numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from tipfigs import publication, style, words
from tipfigs.gsi import region_phrase

#: The three published parts of forced labour, by transcribed id, in the report's words.
FORCED_LABOUR_PARTS = {
    "fl_private_world_2021": "in the private economy",
    "fl_cse_world_2021": "forced commercial sexual exploitation",
    "fl_state_world_2021": "imposed by the state",
}


def forms(value) -> list[tuple[str, float, bool]]:
    """The rows of the panel by form: (label, million people, whether it is a part of forced
    labour), from ``value`` (the transcribed value of an id)."""
    return ([("Forced labour, of which:", value("fl_world_2021"), False)]
            + [(name, value(id_), True) for id_, name in FORCED_LABOUR_PARTS.items()]
            + [("Forced marriage", value("fm_world_2021"), False)])


def _bars(ax, v, labels: Sequence[str], values: Sequence[float], colors: Sequence,
          texts: Sequence[str]) -> None:
    """Horizontal bars, top to bottom, each with its value just past its end in dark ink."""
    y = range(len(labels))
    ax.barh(list(y), list(values), color=list(colors), height=0.68)
    room = max(values) * 0.015
    for i, (x, text) in enumerate(zip(values, texts, strict=True)):
        ax.text(x + room, i, text, va="center", ha="left", fontsize=v.pt(8),
                color=style.GREYS["ink"])
    ax.set_yticks(list(y), list(labels))
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.spines[["top", "right"]].set_visible(False)


def draw(fig, v, by_form: Sequence[tuple[str, float, bool]], by_region: pd.Series,
         total: float, colors: Mapping[str, object]) -> None:
    """The publication figure: (a) the world's people in modern slavery by form, (b) by region
    with each region's share of ``total`` (million). Stacked on the page, side by side on a
    slide; both panels on one scale of million people."""
    rows, cols = (1, 2) if v.landscape else (2, 1)
    ax_form, ax_region = fig.subplots(rows, cols, sharex=True)
    part, whole = style.GREYS["light"], style.GREYS["neutral"]
    _bars(ax_form, v, [f[0] for f in by_form], [f[1] for f in by_form],
          [part if f[2] else whole for f in by_form], [f"{f[1]:.1f}" for f in by_form])
    ax_form.set_title("By form", loc="left")
    order = by_region.sort_values(ascending=False)
    _bars(ax_region, v, list(order.index), list(order.values),
          [colors[r] for r in order.index],
          [f"{x:.1f} ({words.percent(x / total)})" for x in order.values])
    ax_region.set_title("By region", loc="left")
    top = max(max(f[1] for f in by_form), order.max())
    step = 10 if v.landscape or top > 40 else 5
    ax_region.set_xlim(0, top * (1.16 if v.landscape else 1.12))
    for ax in (ax_form, ax_region):  # the values are on the bars: no grid to cross them
        ax.grid(False)
        ax.set_xticks(list(range(0, int(top) + 1, step)))
        ax.set_xlabel("million people")
    if not v.landscape:  # stacked: one scale, read under the lower panel
        ax_form.tick_params(axis="x", labelbottom=False)
        ax_form.set_xlabel("")
        ax_form.spines["bottom"].set_visible(False)


def subtitle(cover: Mapping) -> str:
    """What is counted, where, and for which year, in plain words."""
    return (f"Million people in modern slavery (forced labour and forced marriage) on any given "
            f"day in 2021.\nBy form: the global estimates. By region: Walk Free’s estimates for "
            f"{cover['with_estimate']} countries, summed (the {cover['without_estimate']} countries "
            f"and territories without one hold {words.percent(cover['population_share_without_estimate'], 1)}"
            " of the population), with each region’s share of the world total.")


def alt(total: float, by_form, top: str, top_share: float) -> str:
    """The text alternative: one sentence with the finding and its numbers."""
    labour, marriage = by_form[0][1], by_form[-1][1]
    return (f"{total:.1f} million people were in modern slavery in 2021, {labour:.1f} million in "
            f"forced labour and {marriage:.1f} million in forced marriage; "
            f"{words.percent(top_share)} were in {region_phrase(top)}.")


def description(by_form, by_region: pd.Series, total: float) -> str:
    """The long description: what each panel draws, with its numbers."""
    labour = [f for f in by_form if not f[2]]
    parts = [f for f in by_form if f[2]]
    order = by_region.sort_values(ascending=False)
    regions = words.join(f"{region_phrase(r)} {x:.1f} million ({words.percent(x / total)})"
                         for r, x in order.items())
    return (f"Two bar charts of the people in modern slavery on any given day in 2021, in million. "
            f"The first gives the global estimates by form: forced labour "
            f"{labour[0][1]:.1f} million ("
            + words.join(f"{x:.1f} {name}" for name, x, _ in parts)
            + f") and forced marriage {labour[-1][1]:.1f} million. The second gives Walk "
            f"Free’s country estimates summed by region, largest first, with each region’s share "
            f"of their world total of {total:.1f} million: {regions}.")


def source(sources: Iterable[str]) -> str:
    """The one-line source: the plain names of the data drawn; when the line is wider than the
    page, a month before a year is left out ("September 2022" -> "2022")."""
    names = list(sources)
    line = publication.source_line(names)
    width = publication.PAGE.width - 2 * publication.PAD_PT / 72
    if style.text_width(line, publication.SOURCE_PT) > width:
        line = publication.source_line(re.sub(rf"\b(?:{'|'.join(words.MONTHS)}) (\d{{4}})\b", r"\1", n)
                                       for n in names)
    return line
