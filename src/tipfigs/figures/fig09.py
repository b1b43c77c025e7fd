"""Figure 9's own analysis and labels: persons prosecuted and convicted and detected victims
summed over a panel of countries, convictions per detected victim with the bounds of censored
counts, and the direct labels at the lines' ends."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tipfigs import words


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


def end_labels(ax, x, items, gap):
    """Direct labels (text, value, colour) right of the lines' last points, moved apart."""
    for (text, _, color), yy in zip(items, words.spread([v for _, v, _ in items], gap, low=0),
                                    strict=True):
        ax.annotate(text, (x, yy), xytext=(6, 0), textcoords="offset points", va="center",
                    fontsize=8, color=color, annotation_clip=False)
