"""Figure 5 (fig05-male-victims-trend): the share of men and boys per period of registration
(a year; a bin of the 2022 release), the two readings of a trend in it that the notebook tests
(the long run: the first third of the registration years against the last third; the recent
years: a least-squares slope), and the headline and the finding that report both."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from tipfigs import words
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


def trend_headline(readings: dict[str, dict]) -> str:
    """A headline for the long-run reading of the trend in the share of men and boys over the
    releases in ``readings`` ({release: {"long": long_run_change(...) or None, ...}})."""
    longs = [v["long"] for v in readings.values() if v.get("long")]
    if not longs:
        return "Too few records to compare the share of men and boys early and late"
    k, n = sum(lg["rise"] for lg in longs), len(longs)
    where = "" if n == 1 else (" in every CTDC release" if k == n
                               else f" in {k} of {n} CTDC releases" if k else
                               " in any CTDC release")
    verb = "are" if k else "are not"
    return (f"Men and boys {verb} a larger share of identified victims than in the first years of "
            f"registration{where}")


def trend_finding(readings: dict[str, dict], recent_years: int, min_records: int) -> str:
    """One sentence, with its numbers, on both readings of the trend in the share of men and
    boys (``readings``: {release: {"long": long_run_change(...), "recent": recent_trend(...)}}
    in the order to report them)."""
    longs = {r: v["long"] for r, v in readings.items() if v.get("long")}
    recents = {r: v["recent"] for r, v in readings.items() if v.get("recent")}
    if not longs and not recents:
        return (f"No release has enough periods with at least {min_records} records of known sex "
                "in the selection to test whether the share of men and boys rose.")
    parts = []
    if longs:
        k = sum(lg["rise"] for lg in longs.values())
        detail = "; ".join(
            f"{RELEASE_SHORT[r]}: {100 * lg['early_share']:.1f}% in "
            f"{words.years(*lg['early_years'])}, {100 * lg['late_share']:.1f}% in "
            f"{words.years(*lg['late_years'])}"
            for r, lg in longs.items())
        parts.append(f"among identified victims with a recorded sex, men and boys were "
                     f"{'a larger' if k else 'not a larger'} share in the last third of the "
                     f"registration years than in the first in {words.held_in(k, len(longs))} "
                     f"tested ({detail})")
    if recents:
        m = sum(rc["rise"] for rc in recents.values())
        detail = "; ".join(f"{RELEASE_SHORT[r]} {words.signed(rc['slope_pp'])}"
                           for r, rc in recents.items())
        parts.append(f"their share {'rose' if m else 'did not rise'} over the last {recent_years} "
                     f"years of registration in {words.held_in(m, len(recents))} tested "
                     f"(least-squares slope, points a year: {detail})")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."

