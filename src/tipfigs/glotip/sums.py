"""What the UNODC figures sum: country rows, women, girls, men and boys and their shares with
the bounds of censored counts (none where every count summed is censored), country totals, and
what an exclusion rule (:mod:`tipfigs.glotip.exclusion`) left out of a sum."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tipfigs.errors import SchemaError
from tipfigs.glotip.checks import RULES
from tipfigs.glotip.schema import GROUPS, SEX_AGE


def countries(df: pd.DataFrame, region: str | None = None,
              subregion: str | None = None) -> pd.DataFrame:
    """Country rows only (never the rows for groups of countries, which would double count),
    optionally one region or subregion. Flagged cells are kept here: a sum leaves them out with
    an exclusion rule (:func:`tipfigs.glotip.exclusion.leave_out`), which knows which rows the
    sum takes."""
    out = df[df["is_country"]]
    if region is not None:
        out = out[out["region"] == region]
    if subregion is not None:
        out = out[out["subregion"] == subregion]
    return out

def sex_age(df: pd.DataFrame) -> pd.DataFrame:
    """Rows for women, girls, men and boys (column ``group``), dropping totals, 'Other'
    and 'Unknown' sex or age."""
    keys = list(zip(df["sex"], df["age"], strict=True))
    keep = np.array([k in SEX_AGE for k in keys], dtype=bool)
    out = df.loc[keep].copy()  # a boolean array, so that no rows selects no rows
    out["group"] = [SEX_AGE[k] for k, kept in zip(keys, keep, strict=True) if kept]
    return out


def sex_age_shares(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Shares (per cent) of women, girls, men and boys among the victims of known sex and age,
    summed over the rows of ``df`` (country data) within each group of ``by``.

    One row per group of ``by`` and sex-age group, with: victims_low/high (summed bounds),
    share_low/share_high (share with every censored value at its lower / upper bound, the
    others unchanged), share_mid (all censored values at the middle of their bounds),
    countries (how many countries contribute), censored_cells, and all_censored: every count
    summed in the group of ``by`` is censored, so that the shares are unknown (share_mid is
    then empty: four counts of "<5" are not equal shares; share_low and share_high still give
    the bounds).
    """
    x = sex_age(df)
    x = x.assign(value_mid=(x["value_low"] + x["value_high"]) / 2)
    g = x.groupby(by + ["group"], sort=True)
    cells = g.agg(victims_low=("value_low", "sum"), victims_high=("value_high", "sum"),
                  victims_mid=("value_mid", "sum"), censored_cells=("censored", "sum"),
                  rows=("censored", "size"), countries=("country", "nunique")).reset_index()
    tot = cells.groupby(by)[["victims_low", "victims_high", "victims_mid"]].transform("sum")
    other_low = tot["victims_low"] - cells["victims_low"]
    other_high = tot["victims_high"] - cells["victims_high"]
    # The share of one group is lowest with its own censored cells low and the others high.
    cells["share_low"] = 100 * cells["victims_low"] / (cells["victims_low"] + other_high)
    cells["share_high"] = 100 * cells["victims_high"] / (cells["victims_high"] + other_low)
    cells["share_mid"] = 100 * cells["victims_mid"] / tot["victims_mid"]
    counted = cells.groupby(by)[["censored_cells", "rows"]].transform("sum")
    cells["all_censored"] = counted["censored_cells"] == counted["rows"]
    cells.loc[cells["all_censored"], "share_mid"] = np.nan
    cells["group"] = pd.Categorical(cells["group"], GROUPS, ordered=True)
    cells = cells.sort_values(by + ["group"]).reset_index(drop=True)
    cells["group"] = cells["group"].astype(str)
    cells["censored_cells"] = cells["censored_cells"].astype(int)
    return cells.drop(columns="rows")


def totals(df: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The country totals (dimension, category, sex and age all 'Total') of one indicator:
    one row per country and year with value_low, value_high and censored."""
    x = df[(df["indicator"] == indicator) & (df["dimension"] == "Total")
           & (df["category"] == "Total") & (df["sex"] == "Total") & (df["age"] == "Total")]
    dup = x.duplicated(["country", "year"])
    if dup.any():
        r = x[dup].iloc[0]
        raise SchemaError(f"GLOTIP data: {indicator!r} has two totals for {r['country']} "
                          f"{r['year']} (sheet row {r['sheet_row']})")
    return x[["iso3", "country", "region", "subregion", "year", "value_low", "value_high",
              "censored"]].sort_values(["country", "year"]).reset_index(drop=True)


def left_out_summary(left_out: pd.DataFrame, by=("country", "year")) -> pd.DataFrame:
    """What an exclusion rule (:func:`tipfigs.glotip.exclusion.leave_out`) removed, one row per
    group of ``by``: the ISO3 code, the rules and the persons (bounds) of the rows left out."""
    by = list(by)
    cols = by + ["iso3", "rules", "persons_low", "persons_high"]
    if left_out.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    order = {r: i for i, r in enumerate(RULES)}
    g = left_out.assign(iso3=left_out["iso3"].fillna("")).groupby(by, sort=True)
    out = g.agg(iso3=("iso3", "first"), persons_low=("value_low", "sum"),
                persons_high=("value_high", "sum"))
    out["rules"] = g["flagged"].agg(lambda f: ";".join(sorted(
        {r for v in f if v for r in v.split(";")}, key=order.get)))
    return out.reset_index()[cols]


def combined_share(shares: pd.DataFrame, groups, by: list[str]) -> pd.DataFrame:
    """The share (per cent) of several groups together (e.g. women and girls), from the output
    of :func:`sex_age_shares`, within each group of ``by``: share_low (their censored cells at
    0, the others' at their upper bound), share_mid (empty where every count is censored),
    share_high, and countries."""
    inside = shares["group"].isin(list(groups))
    cols = ["victims_low", "victims_high", "victims_mid"]
    a = shares[inside].groupby(by)[cols].sum()
    b = shares[~inside].groupby(by)[cols].sum().reindex(a.index, fill_value=0)
    out = pd.DataFrame({
        "share_low": 100 * a["victims_low"] / (a["victims_low"] + b["victims_high"]),
        "share_mid": 100 * a["victims_mid"] / (a["victims_mid"] + b["victims_mid"]),
        "share_high": 100 * a["victims_high"] / (a["victims_high"] + b["victims_low"]),
        "countries": shares.groupby(by)["countries"].max().reindex(a.index),
    })
    if "all_censored" in shares:
        unknown = shares.groupby(by)["all_censored"].all().reindex(a.index, fill_value=False)
        out.loc[unknown.to_numpy(), "share_mid"] = np.nan
    return out.reset_index()
