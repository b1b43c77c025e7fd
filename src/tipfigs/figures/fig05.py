"""Figure 5 (fig05-male-victims-trend): the share of men and boys per period of registration
(a year; a bin of the 2022 release), the two readings of a trend in it that the notebook tests
(the long run: the first third of the registration years against the last third; the recent
years: a least-squares slope), the same readings under every specification of their grids
(:mod:`tipfigs.specs`), and the headline and the finding, which say only what holds under
every specification, else what it depends on."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from tipfigs import specs, words
from tipfigs.ctdc import grid
from tipfigs.ctdc.names import RELEASE_SHORT
from tipfigs.ctdc.schema import SEXES
from tipfigs.ctdc.shares import shares, suppress


def linear_slope(x: Iterable[float], y: Iterable[float],
                 weights: Iterable[float] | None = None) -> float:
    """Least-squares slope of y on x (NaN with fewer than two points); with ``weights``, each
    point's squared residual counts ``weights`` times (e.g. its number of records)."""
    x, y = np.asarray(list(x), float), np.asarray(list(y), float)
    if len(x) < 2:
        return float("nan")
    w = None if weights is None else np.sqrt(np.asarray(list(weights), float))
    return float(np.polyfit(x, y, 1, w=w)[0])


def period_shares(df: pd.DataFrame, category: str = "Male", var: str = "sex",
                  categories: Iterable[str] = SEXES, min_records: int = 1) -> pd.DataFrame:
    """Share of ``category`` among the records with ``var`` known, per period of registration
    (a year; a bin of the 2022 release). Records without a year are left out.

    Columns: ``year_start``, ``year_end``, ``year`` (NaN for a multi-year bin), ``period``
    (its label), ``mid`` (the period's midpoint, years taken as [y, y+1)), ``width`` (years),
    ``count``, ``n_known``, ``n_unknown``, ``n_total``, ``share``, ``unknown_share`` and
    ``suppressed`` (fewer than ``min_records`` records with ``var`` known: share blanked)."""
    dated = df[df["year_start"].notna()]
    s = shares(dated, var, ["year_start", "year_end"], categories=categories)
    s = s[s["category"] == category].drop(columns="category").reset_index(drop=True)
    s = suppress(s, min_records)
    s.insert(2, "year", s["year_start"].where(s["year_start"] == s["year_end"]))
    s.insert(3, "period", [words.years(a, b, dash="-")
                           for a, b in zip(s["year_start"], s["year_end"], strict=True)])
    s.insert(4, "mid", (s["year_start"] + s["year_end"] + 1) / 2)
    s.insert(5, "width", s["year_end"] - s["year_start"] + 1)
    return s


def thirds(periods: pd.DataFrame) -> pd.Series:
    """"early", "middle" or "late": the third of the span of ``periods`` (from the first year of
    the earliest to the end of the latest; years as [y, y+1)) that holds each period's midpoint."""
    lo = periods["year_start"].min()
    span = periods["year_end"].max() + 1 - lo
    pos = 3 * ((periods["year_start"] + periods["year_end"] + 1) / 2 - lo)  # exact in floats
    return pd.Series(np.where(pos < span, "early", np.where(pos > 2 * span, "late", "middle")),
                     index=periods.index)


def _span(t: pd.DataFrame) -> str:
    return words.years(t["year_start"].min(), t["year_end"].max(), dash="-")


def long_run_change(periods: pd.DataFrame) -> dict | None:
    """The long-run reading of a trend: the pooled share (``count`` over ``n_known``) in the
    periods of the first third of the span against the last third (see :func:`thirds`).
    ``periods``: the periods with enough records. None when either third has no period."""
    third = thirds(periods)
    early, late = periods[third == "early"], periods[third == "late"]
    if early.empty or late.empty:
        return None
    e = early["count"].sum() / early["n_known"].sum()
    lt = late["count"].sum() / late["n_known"].sum()
    return {"early": _span(early), "late": _span(late),
            "early_years": (int(early["year_start"].min()), int(early["year_end"].max())),
            "late_years": (int(late["year_start"].min()), int(late["year_end"].max())),
            "early_share": float(e),
            "late_share": float(lt), "early_n": int(early["n_known"].sum()),
            "late_n": int(late["n_known"].sum()), "change_pp": float(100 * (lt - e)),
            "rise": bool(lt > e)}


def recent_trend(periods: pd.DataFrame, recent_years: int) -> dict | None:
    """The recent reading of a trend: over the periods that lie wholly within the last
    ``recent_years`` years of the span of ``periods`` (the periods with enough records), the
    least-squares slope of the share on the period's midpoint (a rise: slope > 0). Also the
    slope weighted by records, and how many steps from one period to the next go up. None
    with fewer than two such periods."""
    end = periods["year_end"].max()
    first = end - recent_years + 1
    r = periods[periods["year_start"] >= first].sort_values("year_start")
    if len(r) < 2:
        return None
    steps = r["share"].diff().dropna()
    slope = linear_slope(r["mid"], r["share"])
    return {"window": words.years(first, end, dash="-"), "periods": ", ".join(r["period"]),
            "shares": ", ".join(f"{p}: {100 * v:.1f}%" for p, v in zip(r["period"], r["share"],
                                                                       strict=True)),
            "slope_pp": 100 * slope,
            "weighted_slope_pp": 100 * linear_slope(r["mid"], r["share"], r["n_known"]),
            "steps_up": int((steps > 0).sum()), "steps": len(steps),
            "change_pp": float(100 * (r["share"].iloc[-1] - r["share"].iloc[0])),
            "rise": bool(slope > 0)}


# The specification grids of the three readings (tipfigs.specs), computed from one table of
# periods per choice of the largest reporter: every window, weighting and fewest records per
# period is derived from it.

LONG = "male-share-long-run-rise"
RECENT = "male-share-recent-rise"
WOMEN = "historically-most-victims-women"
#: The first year after the long run's fixed cut (the 2022 release's first bin ends in 2013).
FIXED_CUT = 2014
#: How many years the "five-years" window takes at each end of the span.
FIVE = 5
#: The fewest records per period the grids try besides the run's own.
MIN_RECORDS_OPTIONS = ("1000", "9000")


def sex_periods(df: pd.DataFrame) -> pd.DataFrame:
    """Every period of registration of ``df`` with a record of known sex (none blanked), in
    plain numbers: ``year_start``, ``year_end``, ``mid`` (as in :func:`period_shares`), the
    records of known sex (``n_known``), of men and boys (``count``) and of women and girls
    (``female``). Records without a year are left out."""
    known = df[df["year_start"].notna() & df["sex"].notna()]
    t = pd.DataFrame({"year_start": known["year_start"].to_numpy(float),
                      "year_end": known["year_end"].to_numpy(float), "n_known": 1,
                      "count": known["sex"].eq("Male").to_numpy(int),
                      "female": known["sex"].eq("Female").to_numpy(int)})
    t = t.groupby(["year_start", "year_end"], as_index=False, sort=True).sum()
    return t.assign(mid=(t["year_start"] + t["year_end"] + 1) / 2)


def windows(periods: pd.DataFrame, window: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The early and the late periods of ``periods`` under a choice of the long-run window:
    the first and the last third of their span (:func:`thirds`), the periods up to
    ``FIXED_CUT - 1`` and from ``FIXED_CUT`` on, or the periods wholly within the first and
    the last ``FIVE`` years of the span (which must hold ``2 * FIVE`` years). Raises
    :class:`tipfigs.specs.NotComputable` when either part has no period."""
    if window == "thirds":
        third = thirds(periods)
        early, late = periods[third == "early"], periods[third == "late"]
    elif window == "fixed-cut":
        early = periods[periods["year_end"] < FIXED_CUT]
        late = periods[periods["year_start"] >= FIXED_CUT]
    elif window == "five-years":
        lo, hi = periods["year_start"].min(), periods["year_end"].max()
        if hi - lo + 1 < 2 * FIVE:
            raise specs.NotComputable(f"the periods span fewer than {2 * FIVE} years")
        early = periods[periods["year_end"] <= lo + FIVE - 1]
        late = periods[periods["year_start"] >= hi - FIVE + 1]
    else:
        raise ValueError(f"window: unknown option {window!r}")
    if early.empty or late.empty:
        part = "early" if early.empty else "late"
        raise specs.NotComputable(f"no period lies wholly in the {part} part (a bin cannot be split)")
    return early, late


def share_over(t: pd.DataFrame, weighting: str, column: str = "count") -> float:
    """The share of ``column`` among the records of known sex of the periods ``t``: pooled over
    their records ("records") or the mean of the periods' shares ("periods")."""
    if weighting == "records":
        return float(t[column].sum() / t["n_known"].sum())
    if weighting == "periods":
        return float((t[column] / t["n_known"]).mean())
    raise ValueError(f"weighting: unknown option {weighting!r}")


def trend_grids(df: pd.DataFrame, release: str, min_records: int, recent_years: int,
                data: str = "") -> dict[str, specs.Result]:
    """The three readings of ``df`` (a release's dated records in the selection) under every
    specification: the long-run rise and the early share of women and girls over the long-run
    window, the weighting, the fewest records per period and the largest reporter (kept or left
    out); the recent rise (its ``recent_years`` kept) over the weighting (the slope unweighted
    by default), the fewest records and the largest reporter. The defaults are the notebook's
    own readings (:func:`long_run_change`, :func:`recent_trend`)."""
    df = df[["year_start", "year_end", "sex", "country"]]  # what the readings need: fast copies
    reporter = grid.largest_reporter(df, df["sex"].notna())
    tables: dict = {"kept": sex_periods(df)}
    try:
        tables["left-out"] = sex_periods(grid.reporter_choice(df, "left-out", reporter, release))
    except specs.NotComputable as e:
        tables["left-out"] = e

    def periods(spec):
        t = tables[spec["largest_reporter"]]
        if isinstance(t, specs.NotComputable):
            raise t
        t = t[t["n_known"] >= int(spec["min_records"])]
        if t.empty:
            raise specs.NotComputable(f"no period has {int(spec['min_records']):,} records of known sex")
        return t

    parts: dict = {}  # (reporter, fewest records, window) -> (early, late), shared by readings

    def early_late(spec):
        key = (spec["largest_reporter"], spec["min_records"], spec["window"])
        if key not in parts:
            try:
                parts[key] = windows(periods(spec), spec["window"])
            except specs.NotComputable as e:
                parts[key] = e
        if isinstance(parts[key], specs.NotComputable):
            raise parts[key]
        return parts[key]

    def long(spec):
        early, late = early_late(spec)
        return 100 * (share_over(late, spec["weighting"]) - share_over(early, spec["weighting"]))

    def women(spec):
        return 100 * share_over(early_late(spec)[0], spec["weighting"], "female")

    def recent(spec):
        t = periods(spec)
        r = t[t["year_start"] >= t["year_end"].max() - recent_years + 1]
        if len(r) < 2:
            raise specs.NotComputable(f"fewer than two periods in the last {recent_years} years")
        w = r["n_known"] if spec["weighting"] == "records" else None
        return 100 * linear_slope(r["mid"], r["count"] / r["n_known"], w)

    mins = {"min_records": MIN_RECORDS_OPTIONS}
    base = {"min_records": str(min_records), "largest_reporter": "kept"}
    long_grid = specs.Grid(("window", "weighting", "min_records", "largest_reporter"),
                           {"window": "thirds", "weighting": "records", **base}, mins)
    recent_grid = specs.Grid(("weighting", "min_records", "largest_reporter"),
                             {"weighting": "periods", **base}, mins)
    return {
        LONG: specs.run(LONG, long_grid, long, lambda v: v > 0, threshold=0.0,
                        unit="points, late minus early", data=data),
        RECENT: specs.run(RECENT, recent_grid, recent, lambda v: v > 0, threshold=0.0,
                          unit="points a year", data=data),
        WOMEN: specs.run(WOMEN, long_grid, women, lambda v: v > 50, threshold=50.0,
                         unit="% women and girls, early", data=data),
    }


def reporter_windows(df: pd.DataFrame, periods: pd.DataFrame, recent_years: int) -> list[dict]:
    """Who gives the records of known sex of ``df`` in each window of the default readings
    (the first and the last third of ``periods``, the periods with enough records, and the
    last ``recent_years`` years of them): :func:`tipfigs.ctdc.grid.dominant_reporter` of each,
    with the window's name and years."""
    if periods.empty:
        return []
    third = thirds(periods)
    end = periods["year_end"].max()
    parts = {"first third": periods[third == "early"], "last third": periods[third == "late"],
             f"last {recent_years} years": periods[periods["year_start"] >= end - recent_years + 1]}
    known = df.loc[df["sex"].notna(), ["year_start", "year_end", "country"]]
    period = pd.MultiIndex.from_frame(known[["year_start", "year_end"]])
    rows = []
    for name, t in parts.items():
        if t.empty:
            continue
        inside = period.isin(list(zip(t["year_start"], t["year_end"], strict=True)))
        rows.append({"window": name, "years": _span(t), **grid.dominant_reporter(known[inside])})
    return rows


def trend_headline(results: dict[str, dict[str, specs.Result | None]]) -> str:
    """A headline for the long-run reading over the releases in ``results`` ({release:
    {reading: its grid, or None when the default cannot be computed}}): what holds under every
    specification of every release, else the choice it depends on."""
    longs = [v.get(LONG) for v in results.values()]
    longs = [g for g in longs if g is not None and g.n]
    if not longs:
        return "Too few records to compare the share of men and boys early and late"
    split = grid.deciding_words(longs)
    if split:
        return ("Whether men and boys are a larger share of identified victims than in the first "
                f"years of registration depends on {split}")
    k, n = sum(g.k == g.n for g in longs), len(longs)
    where = "" if n == 1 else (" in every CTDC release" if k == n
                               else f" in {k} of {n} CTDC releases" if k else
                               " in any CTDC release")
    verb = "are" if k else "are not"
    return (f"Men and boys {verb} a larger share of identified victims than in the first years of "
            f"registration{where}, under every specification tested")


def trend_finding(readings: dict[str, dict], results: dict[str, dict[str, specs.Result | None]],
                  recent_years: int, min_records: int) -> str:
    """One sentence, with its numbers, on both readings of the trend in the share of men and
    boys: for each release the default reading (``readings``: {release: {"long":
    :func:`long_run_change`, "recent": :func:`recent_trend`}}) and what its grid says
    (``results``, as for :func:`trend_headline`: the range over the specifications and the
    choices that flip it)."""
    longs = {r: v["long"] for r, v in readings.items() if v.get("long")}
    recents = {r: v["recent"] for r, v in readings.items() if v.get("recent")}
    if not longs and not recents:
        return (f"No release has enough periods with at least {min_records} records of known sex "
                "in the selection to test whether the share of men and boys rose.")

    def said(r, reading, yes, no):
        res = results.get(r, {}).get(reading)
        return "" if res is None else ", " + grid.clause(res, yes, no, words.signed)

    parts = []
    if longs:
        parts.append("Men and boys among identified victims with a recorded sex, the first third "
                     "of the registration years against the last: " + "; ".join(
                         f"{RELEASE_SHORT[r]} {100 * lg['early_share']:.1f}% in "
                         f"{words.years(*lg['early_years'])} and {100 * lg['late_share']:.1f}% in "
                         f"{words.years(*lg['late_years'])} ({words.signed(lg['change_pp'])} "
                         "points)" + said(r, LONG, "a rise", "no rise")
                         for r, lg in longs.items()))
    if recents:
        parts.append(f"Least-squares slope over the last {recent_years} years of registration, "
                     "points a year: " + "; ".join(
                         f"{RELEASE_SHORT[r]} {words.signed(rc['slope_pp'])}"
                         + said(r, RECENT, "a rise", "no rise") for r, rc in recents.items()))
    return ". ".join(parts) + "."


# -- the publication figure: the default comparison and the choices that flip it ---------------
def comparison(df: pd.DataFrame, release: str, spec) -> dict:
    """The long-run reading of ``df`` (a release's dated records in the selection) under one
    specification of its grid (``spec``: window, weighting, min_records, largest_reporter): the
    share of men and boys among the records of known sex early and late, the years of each part
    and the change (points). Raises :class:`tipfigs.specs.NotComputable` as the grid does."""
    df = df[["year_start", "year_end", "sex", "country"]]
    reporter = grid.largest_reporter(df, df["sex"].notna())
    t = sex_periods(grid.reporter_choice(df, spec["largest_reporter"], reporter, release))
    t = t[t["n_known"] >= int(spec["min_records"])]
    if t.empty:
        raise specs.NotComputable(f"no period has {int(spec['min_records']):,} records of known sex")
    early, late = windows(t, spec["window"])
    e, lt = share_over(early, spec["weighting"]), share_over(late, spec["weighting"])
    return {"early_share": e, "late_share": lt,
            "early_years": (int(early["year_start"].min()), int(early["year_end"].max())),
            "late_years": (int(late["year_start"].min()), int(late["year_end"].max())),
            "change_pp": 100 * (lt - e)}


def comparisons(df: pd.DataFrame, release: str, result: specs.Result) -> list[dict]:
    """The default comparison of the long-run reading (``result``, its grid on ``df``) and each
    comparison that one changed choice flips (:func:`tipfigs.ctdc.grid.flips`), in that order:
    :func:`comparison` with ``dimension`` (the choice changed; "" for the default) and
    ``choice`` (the changed choice in words; for the default, its window in words)."""
    rows = [{"dimension": "", "choice": grid.option_words("window", result.default.spec["window"]),
             **comparison(df, release, result.default.spec)}]
    for o in grid.flips(result):
        d = grid.changed(result, o)
        words_ = re.sub(r" \([^()]*\)$", "", grid.option_words(d, o.spec[d]))
        rows.append({"dimension": d, "choice": words_, **comparison(df, release, o.spec)})
    return rows
