"""Which flagged cells leave a sum: the exclusion rules, and the totals that confirm a breakdown.

The consistency checks (:mod:`tipfigs.glotip.checks`) flag cells; a rule here decides what a sum
does with them (:data:`RULES`):

- ``confirm-by-total`` (the default): a country-year leaves a sum when a cell the sum takes is
  flagged *and no total confirms it*. A breakdown by sex and age is confirmed when its parts
  agree with the all-ages total of the same cell (country, year, indicator, dimension and
  category), or with both its under-18 and its 18-or-over totals: within the checks' tolerance
  (:func:`tipfigs.glotip.checks.tolerance`) and with the bounds of censored counts, so that
  censoring alone never decides. A flag can come from a comparison with another cell (the
  breakdown's sum over the forms of exploitation above the indicator's total, women and girls
  above the female total); when the breakdown still adds up to its own total, the flag is listed
  and the cells are kept. Values beyond an indicator's range or read as a year are never
  confirmed.
- ``strict``: a country-year leaves a sum when any cell the sum takes is flagged.
- ``none``: nothing leaves a sum (raw sums; the flags stay listed).

Either way a country-year leaves a sum whole (``by``), never with part of its cells.
:func:`mark` adds the column ``confirmed`` to a checked table (the reader caches it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tipfigs.glotip.checks import tolerance
from tipfigs.glotip.schema import ADULT, CHILD

RULES = {
    "confirm-by-total": "a country-year leaves a sum when a cell the sum takes is flagged and no "
                        "total confirms its breakdown",
    "strict": "a country-year leaves a sum when any cell the sum takes is flagged",
    "none": "no cell leaves a sum (raw sums; the flags are listed, not acted on)",
}
DEFAULT = "confirm-by-total"
#: The rules whose flags a total can clear: they compare a breakdown with another cell.
CONFIRMABLE = ("breakdown-sum-over-total", "parts-over-own-total")
#: The cells that are compared: one country, year, indicator, dimension and category.
UNIT = ["iso3", "country", "year", "indicator", "dimension", "category"]


def _agreement(cells: pd.DataFrame, parts: pd.Series, sex: str, age: str) -> pd.Series:
    """Per unit: whether the cells of ``parts`` agree with the unit's (``sex``, ``age``) cell
    within the tolerance, bounds against bounds (False where either is missing)."""
    p = cells[parts].groupby(UNIT)[["low", "high"]].sum()
    t = cells[(cells["sex"] == sex) & (cells["age"] == age)].set_index(UNIT)[["low", "high"]]
    j = p.join(t.add_suffix("_t"), how="inner")
    tol = tolerance(j["high_t"])
    return (j["low"] - j["high_t"] <= tol) & (j["low_t"] - j["high"] <= tol)


def confirmed(df: pd.DataFrame) -> np.ndarray:
    """Per row of ``df`` (a tidy GLOTIP table): whether a total confirms the row's cell. A part
    of the breakdown by sex and age (sex and age both other than Total) is confirmed when the
    breakdown agrees with the all-ages total or with both age totals; the all-ages total when
    the whole breakdown agrees with it; an age total when that age's parts agree with it."""
    x = df[df["is_country"]].assign(iso3=df["iso3"].fillna(""),
                                    category=df["category"].fillna("(none)"))
    if x.empty:
        return np.zeros(len(df), dtype=bool)
    cells = (x.groupby(UNIT + ["sex", "age"], sort=False)
             .agg(low=("value_low", "sum"), high=("value_high", "sum")).reset_index())
    part = (cells["sex"] != "Total") & (cells["age"] != "Total")
    whole = _agreement(cells, part, "Total", "Total")
    adult = _agreement(cells, part & (cells["age"] == ADULT), "Total", ADULT)
    child = _agreement(cells, part & (cells["age"] == CHILD), "Total", CHILD)
    units = whole.index.union(adult.index).union(child.index)
    whole, adult, child = (s.reindex(units, fill_value=False) for s in (whole, adult, child))
    ok = pd.DataFrame({"part": whole | (adult & child), "whole": whole, "adult": adult,
                       "child": child}, index=units)
    found = ok.reindex(pd.MultiIndex.from_frame(x[UNIT]), fill_value=False)
    total_sex, age = x["sex"].eq("Total").to_numpy(), x["age"].to_numpy()
    kind = np.select([~total_sex & (age != "Total"), total_sex & (age == "Total"),
                      total_sex & (age == ADULT), total_sex & (age == CHILD)],
                     ["part", "whole", "adult", "child"], default="")
    result = np.zeros(len(x), dtype=bool)
    for k in ("part", "whole", "adult", "child"):
        result[kind == k] = found[k].to_numpy()[kind == k]
    out = pd.Series(False, index=df.index)
    out.loc[x.index] = result
    return out.to_numpy()


def mark(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the column ``confirmed`` (see :func:`confirmed`)."""
    return df.assign(confirmed=confirmed(df))


def counts_against(rows: pd.DataFrame, rule: str) -> np.ndarray:
    """Per row: whether its flags make the rule leave its country-year out of a sum."""
    flagged = (rows["flagged"] != "").to_numpy()
    if rule == "none":
        return np.zeros(len(rows), dtype=bool)
    if rule == "strict":
        return flagged
    if rule != "confirm-by-total":
        raise ValueError(f"unknown exclusion rule {rule!r}; choose one of {', '.join(RULES)}")
    other = np.array([any(r not in CONFIRMABLE for r in f.split(";")) if f else False
                      for f in rows["flagged"]], dtype=bool)
    return flagged & (other | ~rows["confirmed"].to_numpy(dtype=bool))


def leave_out(rows: pd.DataFrame, rule: str = DEFAULT, by=("country", "year")):
    """Split the rows a sum would take into (kept, left out) by ``rule``: every group of ``by``
    (a country and year, by default) with a row that counts against it leaves the sum whole.
    Pass only the rows the sum uses."""
    by = list(by)
    against = counts_against(rows, rule)
    if not against.any():
        return rows, rows.iloc[:0]
    bad = rows.loc[against, by].drop_duplicates()
    hit = rows.set_index(by).index.isin(bad.set_index(by).index)
    return rows[~hit], rows[hit]


def rule_name(rule: str, left_out: str = "country-years") -> str:
    """The rule as figures and tables state it."""
    return {"confirm-by-total": f"flagged {left_out} left out unless a total confirms them",
            "strict": f"flagged {left_out} left out",
            "none": f"raw sums (flagged {left_out} kept)"}[rule]


def removed_share(kept: pd.DataFrame, left_out: pd.DataFrame) -> float:
    """The per cent of the persons summed without the rule that the rule removes (censored
    counts at their lower bound; 0 when there is nothing to sum)."""
    base = kept["value_low"].sum() + left_out["value_low"].sum()
    return float(100 * left_out["value_low"].sum() / base) if base else 0.0
