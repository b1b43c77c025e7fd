"""Figure 9's publication figure: persons convicted against detected victims in one release,
drawn once for the page, the slide and the bare variant (:mod:`tipfigs.publication`), and the
words a report's reader gets with it (the plain name of the release, the subtitle's sentence on
what the finding depends on, the text alternative and the long description).

The figure has one message, that fewer persons are convicted than victims are detected, in two
panels: (a) detected victims, persons prosecuted and persons convicted summed over the panel of
countries each year; (b) persons convicted per detected victim over the same countries and by
region, against the line at one where as many persons would be convicted as victims detected.
The other release, the coverage and the specification curves are the notebook's check figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from tipfigs import publication, specs, style, words

#: The sums of panel (a): (colour, marker, line width on the page), the main series first.
SERIES = {"victims": (style.GREYS["dark"], "s", 1.8),
          "prosecuted": (style.GREYS["light"], "^", 1.2),
          "convicted": (style.GREYS["thin"], "o", 1.8)}
#: How panel (a) names each series at its end.
SERIES_WORDS = {"victims": "detected victims", "prosecuted": "prosecuted",
                "convicted": "convicted"}
#: The marker of each UNODC region (its colour is the collection's).
REGION_MARKERS = {"Africa": "^", "Americas": "v", "Asia": "D", "Europe": "o", "Oceania": "P"}
#: The choices of the specification grid, as a report's reader reads them.
CHOICES = {"panel": "the countries summed", "exclusion": "flagged totals",
           "censored": "counts below five", "largest_reporter": "the largest reporter"}


def look(group: str, group_col: str, region_of: pd.Series) -> tuple[str, str]:
    """Colour and marker of a region (its colour and shape), or of a subregion (its region's
    colour, a shape by its place among the region's subregions)."""
    if group_col == "region":
        return style.UNODC_REGION_COLORS[group], REGION_MARKERS[group]
    siblings = sorted(region_of.index[region_of == region_of[group]])
    return style.UNODC_REGION_COLORS[region_of[group]], "o^vDP"[siblings.index(group) % 5]


def choices(dimensions) -> str:
    """The choices ``dimensions`` in plain words ("which countries are summed and ...")."""
    return words.join(CHOICES.get(d, specs.DIMENSIONS[d].label) for d in dimensions)


def robustness(fewer: specs.Result, direction: specs.Result, years: tuple[int, int]) -> str:
    """What the finding holds under, and what it depends on, for the subtitle: the level
    (:func:`tipfigs.figures.fig09.level_reading`) and the direction
    (:func:`tipfigs.figures.fig09.direction`) of one release's grid."""
    if fewer.n == 0:
        return ""
    tried = choices(d for d in CHOICES if d in fewer.grid.dimensions)
    if fewer.unanimous:
        said = ("Convictions stay below detected victims" if fewer.k == fewer.n
                else "Convictions reach detected victims in some year")
        text = f"{said} under each of the {fewer.n} combinations of choices tried ({tried})"
    else:
        text = (f"Convictions stay below detected victims in {fewer.k} of the {fewer.n} combinations "
                f"of choices tried ({tried}), depending on {choices(fewer.depends_on())}")
    if direction.n:
        said = direction.reading.rsplit(" ", 1)[-1]
        span = words.span(*years)
        if direction.unanimous:
            held = said if direction.k == direction.n else ("fell" if said == "rose" else "rose")
            text += f"; the ratio {held} over {span} under each of them"
        else:
            text += (f"; whether the ratio {said} over {span} depends on "
                     f"{choices(direction.depends_on())} (it {said} in {direction.k} of "
                     f"{direction.n})")
    return text + "."


def alt(title: str, who: str, short: str, years: tuple[int, int], highest: float) -> str:
    """The text alternative: the headline and the highest convictions per detected victim
    over ``who`` (``short`` when the sentence would pass
    :data:`tipfigs.publication.MAX_ALT_WORDS` words)."""
    for over in (who, short):
        text = (f"{title.rstrip('.')}: summed over {over}, {words.span(*years)}, persons "
                f"convicted per detected victim peaked at {highest:.2f}.")
        if len(text.split()) <= publication.MAX_ALT_WORDS:
            break
    return text


def description(sums: pd.DataFrame, groups: pd.DataFrame, who: str, group_col: str,
                min_countries: int, hidden: list[str], release: str) -> str:
    """The long description: what each panel draws, with its numbers (``who``: the countries
    summed; ``hidden``: the groups not drawn, with their number of countries)."""
    first, last = int(sums.index[0]), int(sums.index[-1])
    span, r = words.span(first, last), sums["convictions_per_victim"]

    def ends(col):
        return f"{sums[col].iloc[0]:,.0f} in {first} and {sums[col].iloc[-1]:,.0f} in {last}"

    drawn = sorted(groups["group"].unique())
    by = (f" and one line per {group_col} with at least {min_countries} countries in the panel "
          f"({words.join(drawn)}, each labelled with its number of countries)" if drawn else "")
    return (f"Two panels, from {release}. Left: detected victims ({ends('victims')}), persons "
            f"prosecuted ({ends('prosecuted')}) and persons convicted ({ends('convicted')}) for "
            f"trafficking in persons each year, {span}, summed over {who}. Right: persons "
            "convicted per detected victim, "
            f"over the same countries (a thick dark line, {r.iloc[0]:.2f} in {first} and "
            f"{r.iloc[-1]:.2f} in {last}){by}, under a dashed line at 1, where as many persons "
            "would be convicted as victims detected."
            + (f" Not drawn, with fewer countries: {words.join(hidden)}." if hidden else "")
            + " Counts given as fewer than five are put at 2; shaded bands, barely wider than "
            "the lines, run from all of them at 0 to all at 4.")


# -- the drawing ------------------------------------------------------------------------------
def _end_labels(ax, x: float, items, v, high: float) -> list:
    """Labels right of the lines' last points at ``x`` (text, value, colour), in ink that reads
    on white; moved apart after the layout by :func:`place`."""
    return [(ax.annotate(text, (x, value), xytext=(v.pt(6), 0), textcoords="offset points",
                         va="center", fontsize=v.pt(8), color=style.ink(color),
                         annotation_clip=False), value, high) for text, value, color in items]


def place(fig, labels, v) -> None:
    """Move each axes' end labels apart by a line of type, measured on the laid-out figure."""
    fig.draw_without_rendering()
    for ax in {a.axes for a, _, _ in labels}:
        mine = [(a, value, high) for a, value, high in labels if a.axes is ax]
        low, top = ax.get_ylim()
        per_inch = (top - low) / (ax.get_position().height * fig.get_figheight())
        gap = v.pt(8) * 1.25 / 72 * per_inch
        high = mine[0][2]
        for (a, _, _), y in zip(mine, words.spread([m[1] for m in mine], gap, low, high),
                                strict=True):
            a.xy = (a.xy[0], y)


def _years(ax, first: int, last: int, v) -> None:
    step = max(1, math.ceil((last - first + 1) / 7))
    ax.set_xticks(range(first, last + 1, step))
    ax.set_xlim(first - 0.3, last + 0.3)
    ax.grid(axis="x", visible=False)  # no vertical lines behind the labels


@dataclass
class Drawing:
    """The publication figure of one release: ``sums`` (one row per year, indexed by year:
    the bounds and middles of persons prosecuted and convicted and of detected victims, and
    convictions per detected victim with its bounds, over the panel's countries), ``groups``
    (the regions drawn: ``group``, ``year``, ``convictions_per_victim``, ``countries``),
    the number of countries, what the sums are over ("the 21 countries") and each group's
    colour and marker."""

    sums: pd.DataFrame
    groups: pd.DataFrame
    countries: int
    over: str
    looks: dict = field(default_factory=dict)

    def __call__(self, fig, v) -> None:
        axes = fig.subplots(1, 2) if v.landscape else fig.subplots(2, 1)
        labels = self.counts(axes[0], v) + self.ratio(axes[1], v)
        place(fig, labels, v)

    def counts(self, ax, v) -> list:
        s, first, last = self.sums, int(self.sums.index[0]), int(self.sums.index[-1])
        for col, (color, marker, lw) in SERIES.items():
            ax.fill_between(s.index, s[f"{col}_low"], s[f"{col}_high"], color=color, alpha=0.25,
                            lw=0)
            ax.plot(s.index, s[col], color=color, marker=marker, lw=v.pt(lw), ms=v.pt(4))
        top = 1.05 * float(s[[f"{c}_high" for c in SERIES]].to_numpy().max())
        ax.set_ylim(0, top)
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}"))
        _years(ax, first, last, v)
        ax.set_title(f"a  Persons, summed over {self.over}")
        return _end_labels(ax, last, [(f"{s[c].iloc[-1]:,.0f} {SERIES_WORDS[c]}", s[c].iloc[-1],
                                       SERIES[c][0]) for c in SERIES], v, top)

    def ratio(self, ax, v) -> list:
        s, first, last = self.sums, int(self.sums.index[0]), int(self.sums.index[-1])
        r, g = s["convictions_per_victim"], self.groups
        top = max(1.0, float(s["convictions_per_victim_high"].max()),
                  float(g["convictions_per_victim"].max()) if len(g) else 0.0)
        top = 1.0 if top <= 1.0 else 1.05 * top
        ax.axhline(1, color=style.GREYS["muted"], lw=v.pt(1), ls="--", zorder=3, clip_on=False)
        ax.annotate("as many convicted as victims detected", (0, 1), xytext=(v.pt(3), -v.pt(3)),
                    xycoords=ax.get_yaxis_transform(), textcoords="offset points", va="top",
                    fontsize=v.pt(8), color=style.ink(style.GREYS["muted"]))
        items = []
        for name, d in g.groupby("group", sort=True):
            d = d.dropna(subset=["convictions_per_victim"])
            if d.empty:
                continue
            color, marker = self.looks[name]
            ax.plot(d["year"], d["convictions_per_victim"], color=color, marker=marker,
                    lw=v.pt(1.2), ms=v.pt(3.5))
            n = int(d["countries"].max())
            items.append((f"{name} ({n})", d["convictions_per_victim"].iloc[-1], color))
        dark = style.GREYS["dark"]
        ax.fill_between(s.index, s["convictions_per_victim_low"], s["convictions_per_victim_high"],
                        color=dark, alpha=0.25, lw=0)
        ax.plot(s.index, r, color=dark, marker="s", lw=v.pt(2.2), ms=v.pt(4.5), zorder=3)
        items.append((f"all ({self.countries})", r.iloc[-1], dark))
        ax.set_ylim(0, top)
        ax.yaxis.set_major_locator(MaxNLocator(5))
        _years(ax, first, last, v)
        ax.set_title("b  Persons convicted per detected victim")
        return _end_labels(ax, last, items, v, top)
