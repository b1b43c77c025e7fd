"""Figure 9's own analysis and sentences: persons prosecuted and convicted and detected victims
summed over a panel of countries, convictions per detected victim with the bounds of censored
counts, the specification grid of its readings, the headline and finding that follow from it,
and the direct labels at the lines' ends.

The grid varies the panel of countries (:data:`PANEL_NEEDS`, each over a release's period:
the figure's own ``balanced-recent``; ``balanced-victims``, whatever the countries report of
prosecutions; ``balanced-long``, the longest window that ends with the period and holds enough
countries, :func:`long_first`; ``each-year``, whoever reports all three in a year, as the
figure's ``panel_rule="each-year"``), the rule for flagged totals (``exclusion``: each panel is
built again from the totals each rule keeps, :func:`spec_panels_by_rule`), censored counts at
the reading's own bound or at 2 (:data:`GRID_CENSORED`) and the largest reporter of detected
victims kept or left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from tipfigs import specs, words

MEASURES = ("prosecuted", "convicted", "victims")
NAMES = {"prosecuted": "persons prosecuted", "convicted": "persons convicted",
         "victims": "detected victims"}

#: What a country must report, in every year of the panel's window (in the year, for
#: ``each-year``), to be in each panel of the grid.
PANEL_NEEDS = {
    "balanced-recent": MEASURES,
    "balanced-victims": ("convicted", "victims"),
    "balanced-long": ("convicted", "victims"),
    "each-year": MEASURES,
}

#: Persons convicted and detected victims at each censored option (numerator, denominator);
#: "least-favourable" to "fewer persons are convicted than victims are detected": convictions
#: at their upper and victims at their lower bound.
CENSORED = {"least-favourable": ("convicted_high", "victims_low"),
            "low": ("convicted_low", "victims_low"),
            "high": ("convicted_high", "victims_high")}


#: The censored options the grid tries: the reading's own and the middle of the bounds (the
#: bounds themselves are drawn as bands); with the three rules, four panels and the largest
#: reporter this keeps a grid at 48 specifications.
GRID_CENSORED = ("least-favourable", "midpoint")
#: The rules for flagged totals the grid tries (:data:`tipfigs.glotip.exclusion.RULES`).
GRID_EXCLUSION = ("confirm-by-total", "strict", "none")


def mid(df: pd.DataFrame, col: str) -> pd.Series:
    """The middle of the bounds ``<col>_low`` and ``<col>_high``."""
    return (df[f"{col}_low"] + df[f"{col}_high"]) / 2


def totals_by(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sums over the countries of ``df`` (one row per country and year, with the bounds of
    persons prosecuted and convicted and of detected victims, and a ``code`` per country) within
    each group of ``by``: the bounds and middles of the three, the countries summed and their
    codes, and persons convicted per detected victim (middle, and the lowest and highest the
    bounds allow) where every country summed reports detected victims."""
    g = df.groupby(by)
    t = g.agg(countries=("country", "nunique"),
              prosecuted_low=("prosecuted_low", "sum"), prosecuted_high=("prosecuted_high", "sum"),
              convicted_low=("convicted_low", "sum"), convicted_high=("convicted_high", "sum"),
              victims_low=("victims_low", "sum"), victims_high=("victims_high", "sum"),
              victims_reported=("victims_low", "count")).reset_index()
    codes = g.apply(lambda d: pd.Series({
        "countries_prosecuted_convicted": " ".join(sorted(d["code"])),
        "countries_victims": " ".join(sorted(d.loc[d["victims_low"].notna(), "code"]))}),
        include_groups=False).reset_index()
    t = t.merge(codes, on=by)
    for col in ("prosecuted", "convicted", "victims"):
        t[col] = mid(t, col)
    # Convictions per detected victim: only where every country summed reports victims
    # (otherwise convictions and victims would be summed over different countries).
    same = t["victims_reported"] == t["countries"]
    t["convictions_per_victim"] = (t["convicted"] / t["victims"]).where(same)
    t["convictions_per_victim_low"] = (t["convicted_low"] / t["victims_high"]).where(same)
    t["convictions_per_victim_high"] = (t["convicted_high"]
                                        / t["victims_low"].replace(0, np.nan)).where(same)
    return t


# -- the panels -------------------------------------------------------------------------------
def country_table(prosecuted: pd.DataFrame, convicted: pd.DataFrame, victims: pd.DataFrame,
                  keys: list[str]) -> pd.DataFrame:
    """One row per country and year that reports any of the three totals (each as
    :func:`tipfigs.glotip.sums.totals` gives it), with ``<measure>_low``/``_high`` (missing
    where the country does not report it that year) and a ``code`` (ISO3, else the name)."""
    out = None
    for name, t in zip(MEASURES, (prosecuted, convicted, victims), strict=True):
        t = t[keys + ["value_low", "value_high"]].rename(
            columns={"value_low": f"{name}_low", "value_high": f"{name}_high"})
        out = t if out is None else out.merge(t, on=keys, how="outer")
    out["code"] = out["iso3"].fillna(out["country"])
    return out.sort_values(["country", "year"]).reset_index(drop=True)


def reporting(table: pd.DataFrame, needs=MEASURES) -> pd.Series:
    """Whether each country-year reports every one of ``needs``."""
    return table[[f"{m}_low" for m in needs]].notna().all(axis=1)


def balanced(table: pd.DataFrame, years: tuple[int, int], needs=MEASURES) -> list[str]:
    """The countries that report every one of ``needs`` in every year of ``years``."""
    first, last = years
    x = table[table["year"].between(first, last) & reporting(table, needs)]
    n = x.groupby("country")["year"].nunique()
    return sorted(n.index[n == last - first + 1])


def long_first(table: pd.DataFrame, last: int, min_countries: int,
               needs=PANEL_NEEDS["balanced-long"]) -> int | None:
    """The first year of the longest window ending with ``last`` in which at least
    ``min_countries`` countries report every one of ``needs`` every year (None when not even
    ``last`` alone has as many)."""
    x = table[reporting(table, needs) & (table["year"] <= last)]
    starts = []  # each country's first year of an unbroken run of years ending with last
    for _, years in x.groupby("country")["year"]:
        have, y = set(years), last
        while y in have:
            y -= 1
        if y < last:
            starts.append(y + 1)
    if len(starts) < min_countries:
        return None
    return sorted(starts)[min_countries - 1]


@dataclass(frozen=True)
class Panel:
    """The rows of one panel (country-years), its rule and window, and its yearly sums."""

    rule: str
    years: tuple[int, int]
    rows: pd.DataFrame = field(repr=False)
    left_out: str = ""

    @property
    def countries(self) -> list[str]:
        return sorted(self.rows["code"].unique())

    @cached_property
    def sums(self) -> pd.DataFrame:
        """Persons convicted and detected victims (bounds) summed in each year, and the
        countries summed."""
        g = self.rows.groupby("year")
        out = g[["prosecuted_low", "prosecuted_high", "convicted_low", "convicted_high",
                 "victims_low", "victims_high"]].sum(min_count=1)
        return out.assign(countries=g["code"].nunique())


def panel(table: pd.DataFrame, rule: str, years: tuple[int, int],
          long_from: int | None = None) -> Panel:
    """The panel ``rule`` (:data:`PANEL_NEEDS`) over ``years``; ``balanced-long`` starts in
    ``long_from`` instead. Raises :class:`tipfigs.specs.NotComputable` when it is empty, or when
    there is no longer window."""
    if rule not in PANEL_NEEDS:
        raise ValueError(f"unknown panel {rule!r}; known: {', '.join(PANEL_NEEDS)}")
    needs = PANEL_NEEDS[rule]
    if rule == "balanced-long":
        if long_from is None or long_from >= years[0]:
            raise specs.NotComputable("no window longer than the period holds enough countries")
        years = (long_from, years[1])
    years = (int(years[0]), int(years[1]))
    rows = table[table["year"].between(*years) & reporting(table, needs)]
    if rule != "each-year":
        rows = rows[rows["country"].isin(balanced(table, years, needs))]
    if rows.empty:
        raise specs.NotComputable(f"no country reports {words.join(NAMES[m] for m in needs)} in "
                                  f"every year of {words.span(*years)}")
    return Panel(rule, years, rows)


def largest_reporter(rows: pd.DataFrame, measure: str = "victims") -> tuple[str, float]:
    """The country (code) with the most of ``measure`` (middle of the bounds, summed over its
    years) and its share of the sum."""
    return specs.largest(mid(rows, measure).groupby(rows["code"]).sum())


def without(p: Panel, code: str) -> Panel:
    """The panel with country ``code`` left out."""
    rows = p.rows[p.rows["code"] != code]
    if rows.empty:
        raise specs.NotComputable(f"{code} is the only country of the panel")
    return Panel(p.rule, p.years, rows, code)


def ratio(sums: pd.DataFrame, censored: str = "midpoint") -> pd.Series:
    """Persons convicted per detected victim in each year of ``sums`` (:attr:`Panel.sums`),
    censored counts at ``censored`` (a ``censored`` option of :mod:`tipfigs.specs`); missing
    where the victims summed are 0."""
    if censored == "midpoint":
        num, den = mid(sums, "convicted"), mid(sums, "victims")
    else:
        num, den = (sums[c] for c in CENSORED[censored])
    return num / den.replace(0, np.nan)


def level(sums: pd.DataFrame, censored: str) -> float:
    """The highest yearly convictions per detected victim (NaN when no year has victims)."""
    return float(ratio(sums, censored).max())


def change(sums: pd.DataFrame, censored: str, rising: bool) -> float:
    """Convictions per detected victim in the last year minus the first. "least-favourable"
    puts each end at the bound least favourable to the direction asked for (a rise when
    ``rising``): the first year at its highest and the last at its lowest, or the reverse."""
    if censored != "least-favourable":
        r = ratio(sums, censored)
        return float(r.iloc[-1] - r.iloc[0])
    top = ratio(sums, "least-favourable")
    bottom = sums["convicted_low"] / sums["victims_high"].replace(0, np.nan)
    first, last = (top, bottom) if rising else (bottom, top)
    return float(last.iloc[-1] - first.iloc[0])


# -- the grid ---------------------------------------------------------------------------------
def spec_panels(table: pd.DataFrame, years: tuple[int, int],
                long_from: int | None) -> dict[tuple[str, str], Panel | str]:
    """Every panel of the grid, with every reporter kept and with the largest (by detected
    victims) left out: {(panel, largest_reporter): the Panel, or why it cannot be computed}."""
    out: dict[tuple[str, str], Panel | str] = {}
    for rule in PANEL_NEEDS:
        try:
            p = panel(table, rule, years, long_from)
            out[(rule, "kept")] = p
            out[(rule, "left-out")] = without(p, largest_reporter(p.rows)[0])
        except specs.NotComputable as e:
            out.setdefault((rule, "kept"), str(e))
            out[(rule, "left-out")] = str(e)
    return out


def spec_panels_by_rule(tables: dict[str, pd.DataFrame], years: tuple[int, int],
                        long_from: dict[str, int | None]) -> dict[tuple[str, str, str], Panel | str]:
    """:func:`spec_panels` for each rule for flagged totals: ``tables`` maps a rule to the
    country table built from the totals it keeps, ``long_from`` to that table's longer window.
    Keys: (exclusion, panel, largest_reporter)."""
    return {(rule, *key): p for rule, table in tables.items()
            for key, p in spec_panels(table, years, long_from[rule]).items()}


def grid(panel_default: str, censored_default: str, exclusion_default: str) -> specs.Grid:
    """The grid of a figure-9 reading: every rule for flagged totals, every panel, the censored
    options of :data:`GRID_CENSORED` and the largest reporter kept or left out, the figure's
    choices first."""
    return specs.Grid(("exclusion", "panel", "censored", "largest_reporter"), {
        "exclusion": exclusion_default, "panel": panel_default, "censored": censored_default,
        "largest_reporter": "kept"}, options={"censored": GRID_CENSORED,
                                              "exclusion": GRID_EXCLUSION})


def _sums(panels, spec) -> pd.DataFrame:
    key = (spec["exclusion"], spec["panel"], spec["largest_reporter"])
    if isinstance(p := panels[key], str):
        raise specs.NotComputable(p)
    return p.sums


def level_reading(panels, panel_default: str, exclusion_default: str,
                  n: int | None = None) -> specs.Result:
    """The highest yearly convictions per detected victim under every specification: with
    ``n`` None, the claim "fewer persons are convicted than victims are detected" (below 1),
    else "at most one person convicted for every ``n`` victims detected" (at most 1/``n``)."""
    limit = 1.0 if n is None else 1 / n
    return specs.run("convictions-fewer-than-detected-victims" if n is None else
                     f"at most one convicted for every {words.number_word(n)} victims",
                     grid(panel_default, "least-favourable", exclusion_default),
                     lambda s: level(_sums(panels, s), s["censored"]),
                     (lambda v: v < 1) if n is None else (lambda v: v <= limit),
                     threshold=limit, unit="highest year")


def direction(panels, panel_default: str, exclusion_default: str) -> specs.Result:
    """Convictions per detected victim "rose" or "fell" (first year to last) as they do in the
    figure's own panel with censored counts at 2, under every specification."""
    base = _sums(panels, {"exclusion": exclusion_default, "panel": panel_default,
                          "largest_reporter": "kept"})
    rising = change(base, "midpoint", True) > 0
    return specs.run(f"convictions per detected victim {'rose' if rising else 'fell'}",
                     grid(panel_default, "midpoint", exclusion_default),
                     lambda s: change(_sums(panels, s), s["censored"], rising),
                     (lambda v: v > 0) if rising else (lambda v: v <= 0), threshold=0.0,
                     unit="last year minus first")


def values(p: Panel, prosecuted: bool = False) -> dict:
    """A panel's window, countries, country left out, convictions per detected victim (first,
    last, lowest, highest at 2; highest least favourable; direction) and with ``prosecuted``
    persons prosecuted in the first and last year (where every country reports them)."""
    r, s = ratio(p.sums), p.sums
    out = {"years": words.span(*p.years, dash="-"), "countries": len(p.countries),
           "left_out": p.left_out, "first": r.iloc[0], "last": r.iloc[-1], "lowest": r.min(),
           "highest": r.max(), "highest_upper": level(s, "least-favourable"),
           "direction": "rose" if r.iloc[-1] > r.iloc[0] else "fell"}
    if prosecuted:
        every = p.rows.groupby("year")["prosecuted_low"].count() == s["countries"]
        m = mid(s, "prosecuted").where(every)
        out.update(prosecuted_first=m.iloc[0], prosecuted_last=m.iloc[-1])
    return out


def panel_values(panels) -> pd.DataFrame:
    """:func:`values` of every panel of :func:`spec_panels_by_rule`, one row per rule, panel and
    largest reporter (why it cannot be computed, where it cannot)."""
    return pd.DataFrame([{"exclusion": ex, "panel": rule, "largest_reporter": largest,
                          **({"why_not_computable": p} if isinstance(p, str)
                             else {**values(p), "why_not_computable": ""})}
                         for (ex, rule, largest), p in panels.items()])


def dominant(p: Panel) -> pd.DataFrame:
    """The panel's :func:`values` with every country (first row), then without each country
    that gives more than a quarter (:func:`tipfigs.specs.dominant`) of the persons prosecuted,
    persons convicted or detected victims summed over it (``measure``, ``share``)."""
    rows = [{"measure": "", "share": np.nan, **values(p, True)}]
    for m in MEASURES:
        hit = specs.dominant(mid(p.rows, m).groupby(p.rows["code"]).sum())
        if hit:
            rows.append({"measure": m, "share": hit[1], **values(without(p, hit[0]), True)})
    return pd.DataFrame(rows)


# -- sentences --------------------------------------------------------------------------------
def bound(highest: float) -> int | None:
    """The N of "at most one for every N" that a highest ratio allows (None below two)."""
    n = int(1 // highest) if math.isfinite(highest) and highest > 0 else 0
    return n if n >= 2 else None


def _level(highest: float, past: bool = False) -> str:
    """What a highest convictions per detected victim allows: "at most one person is convicted
    for every two victims detected", "fewer persons are convicted than ...", or "in some years
    as many ..." (``past``: "was", "were")."""
    n, (is_, are) = bound(highest), (("was", "were") if past else ("is", "are"))
    if n:
        return f"at most one person {is_} convicted for every {words.number_word(n)} victims detected"
    return (f"fewer persons {are} convicted than victims {are} detected" if highest < 1 else
            f"in some years as many persons {are} convicted as victims {are} detected")


def _on(results) -> str:
    """What results depend on, in words ("the panel of countries and the largest reporter")."""
    found = {d for r in results for d in r.depends_on()}
    return (words.join(specs.DIMENSIONS[d].label for d in specs.DIMENSIONS if d in found)
            or "the choices made")


def headline(highest: float, by_group: pd.DataFrame) -> str:
    """The figure's title from the highest convictions per detected victim under every
    specification, said of the sum over countries when a regional line drawn (``by_group``)
    goes above its bound."""
    n = bound(highest)
    pooled = highest < 1 and regions_above(by_group, 1 / n if n else 1.0)
    return words.capital(("summed over countries, " if pooled else "") + _level(highest))


def direction_words(result: specs.Result) -> str:
    """What the grid says of the direction: "it rose under every one of the 32
    specifications", or "whether it rose or fell depends on the panel of countries: it rose in
    10 of 32 specifications"."""
    said = result.reading.rsplit(" ", 1)[-1]
    if result.n == 0:
        return "its direction cannot be computed"
    if result.unanimous:
        held = said if result.k == result.n else ("fell" if said == "rose" else "rose")
        return (f"it {held} under every one of the {result.n} specifications" if result.n > 1
                else f"it {held}")
    return (f"whether it rose or fell depends on {_on([result])}: it {said} in "
            f"{result.k} of {result.n} specifications")


def regions_above(by_group: pd.DataFrame, limit: float) -> list[tuple[str, float]]:
    """The regional lines (``group``, ``convictions_per_victim``: those drawn) that go above
    ``limit`` somewhere: (group, its highest convictions per detected victim), highest first."""
    top = by_group.groupby("group")["convictions_per_victim"].max().dropna()
    top = top[top > limit].sort_values(ascending=False, kind="mergesort")
    return [(str(k), float(v)) for k, v in top.items()]


def level_words(fewer: list[specs.Result], at_most: list[specs.Result],
                by_group: pd.DataFrame) -> str:
    """The finding's sentence on the level, from the grids of every release: the bound that
    holds under every specification (``fewer``: :func:`level_reading` without ``n``), how often
    the figure's own bound holds (``at_most``: with its ``n``) when not always, and the
    regional lines drawn (``by_group``) that go above the lowest bound stated."""
    values = [v for r in fewer for v in r.values()]
    if not values:
        return "No specification gives a number of persons convicted per detected victim"
    highest, n = max(values), bound(max(values))
    each = ", on each release" if len(fewer) > 1 else ""
    text = (f"Summed over countries, {_level(highest, past=True)} under every one of the "
            f"{sum(r.n for r in fewer)} specifications (rules for flagged totals, panels of "
            f"countries, censored counts, the largest reporter kept or left out{each}; the "
            "highest year at "
            f"{words.span(f'{min(values):.2f}', f'{highest:.2f}')})")
    limit = 1 / n if n else 1.0
    k, m = sum(r.k for r in at_most), sum(r.n for r in at_most)
    if 0 < k < m:
        theirs = int(round(1 / at_most[0].threshold))
        text += (f"; at most one for every {words.number_word(theirs)} in {k} of {m}, depending "
                 f"on {_on(at_most)}")
        limit = min(limit, 1 / theirs)
    above = regions_above(by_group, limit)
    if above:
        text += (f"; regional lines go above one for every {words.number_word(round(1 / limit))}"
                 if limit < 1 else "; regional lines go above one") + ": " + words.join(
            # three decimals where two would not show the value above the limit
            f"in {g} up to {v:.{2 if round(v, 2) > limit else 3}f}" for g, v in above)
    return text
