"""Consistency checks of a GLOTIP workbook: faults found from the data by general rules.

The rules (:data:`RULES`) never use a list of countries: a breakdown whose sum exceeds its total,
sex or age parts above the cell they are part of, values far beyond what an indicator allows,
years stored as values, rows for groups of countries. They compare bounds (censored values at 0
on the side that could exceed, at their upper bound on the other) with a small tolerance
(:func:`tolerance`), so censoring and slips of a person or two are never flagged.
:func:`check` gives one row per flagged cell (the data-quality table,
:mod:`tipfigs.glotip.quality`); :func:`mark` marks the rows whose cell is flagged, which an exclusion rule
(:mod:`tipfigs.glotip.exclusion`) then leaves out of a sum or keeps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tipfigs.glotip.schema import ADULT, CHILD
from tipfigs.words import bounds

# General rules, found from the data, never a list of countries. Each compares what a workbook
# says about the same persons in two ways. Two properties of the data shape them:
#
# - Cells repeat. A key (country, year, indicator, dimension, category, sex, age) can occur in
#   several rows: sub-forms of "Other forms of exploitation" (begging, forced criminality...)
#   share one label, and some "by sex" rows carry an age the label lost. Their sum is the
#   cell (it matches the parts where both exist), so every check first sums repeated rows.
# - About half the values are censored ("<5": between 0 and 4). A check must not flag what
#   censoring alone can explain: it sets the lower bound of the breakdown (censored parts at 0)
#   against the upper bound of the total (a censored total at 4), so that a flag means the
#   breakdown exceeds its total *whatever* the censored values are.
#
# On top of the bounds, a small tolerance (:func:`tolerance`: 2 persons, or 2% of the total if
# larger) leaves alone the slips of one or two persons that a late correction of one part
# without the total leaves behind, and any rounding of a country's own statistics; a flag is an
# excess beyond it.

#: A country, year, indicator and dimension: the unit within which cells are compared.
BLOCK = ["iso3", "country", "year", "indicator", "dimension"]
#: Breakdown dimensions whose categories share the indicator's persons out without overlap, so
#: that their sum cannot exceed the total. "by country of repatriation" is not one: victims
#: repatriated from or to a country need not be among the victims detected there.
PARTITIONS = ("by form of exploitation", "by citizenship")
TOLERANCE_PERSONS = 2
TOLERANCE_SHARE = 0.02
#: A value larger than this many times the largest total of its indicator in any other
#: country (any year) is not a count of that indicator.
RANGE_FACTOR = 10
#: Values that read as a year, and how much larger than everything else the country reports
#: for the same indicator and year such a value must be to be taken for one.
YEARS = (1990, 2030)
YEAR_FACTOR = 10

#: The rules, in the order the data-quality table lists them.
RULES = {
    "breakdown-sum-over-total":
        "a sex/age cell summed over the categories of a breakdown that shares persons out "
        f"({', '.join(PARTITIONS)}) exceeds the same cell of the indicator's total",
    "parts-over-own-total":
        "the sex or age parts of a cell exceed the cell (same country, year, indicator, "
        "dimension and category; e.g. women and girls above the female total, or the total of "
        "adults below the women, men and others aged 18 or over)",
    "beyond-indicator-range":
        f"a value more than {RANGE_FACTOR} times the largest total of its indicator reported by "
        "any other country in any year (e.g. questionnaire field codes stored as counts)",
    "year-as-value":
        f"a value that reads as a year ({YEARS[0]}-{YEARS[1]}): equal to the row's year (and not "
        f"the sum of its own parts), or more than {YEAR_FACTOR} times anything else the country "
        "reports for the indicator and year",
    "aggregate-row":
        "a row for a group of countries (no country name or region): summed with the countries "
        "it would count them twice",
}
#: What the notebooks do with a flag. A country-year leaves a sum (its whole contribution for the
#: indicator and dimension summed) by the exclusion rule a notebook states
#: (:mod:`tipfigs.glotip.exclusion`): by default when a cell the sum takes is flagged and no total
#: confirms it (``confirm-by-total``); ``strict`` when any is flagged; ``none`` never. Which
#: cells a flag marks depends on what the comparison can tell:
_LEAVE_OUT = ("a sum taking any of them leaves out the country-year, unless a total confirms "
              "their breakdown (rule confirm-by-total; strict: always)")
ACTIONS = {
    "breakdown-sum-over-total": f"the breakdown's cells flagged: {_LEAVE_OUT}; the total is kept",
    "parts-over-own-total": f"the cell and its parts flagged: {_LEAVE_OUT}",
    "beyond-indicator-range": "the cell flagged: a sum taking it leaves out the country-year",
    "year-as-value": "the cell flagged: a sum taking it leaves out the country-year",
    "aggregate-row": "never summed (a group of countries)",
}

QUALITY_COLUMNS = ["rule", "iso3", "country", "year", "indicator", "dimension", "category", "sex",
                   "age", "value", "value_low", "value_high", "compared_with", "compared_value",
                   "compared_low", "compared_high", "tolerance", "sheet_row", "compared_rows",
                   "action"]

_SORT = ["rule_order", "iso3", "country", "year", "indicator", "dimension", "category", "sex",
         "age", "compared_with", "sheet_row"]


def tolerance(total_high):
    """How far (in persons) a breakdown's lower bound may exceed its total's upper bound before
    it is flagged: 2 persons, or 2% of the total if that is more."""
    return np.maximum(TOLERANCE_PERSONS, TOLERANCE_SHARE * np.asarray(total_high, dtype=float))


def keys(df: pd.DataFrame) -> pd.DataFrame:
    """Country rows with grouping keys that have no missing values (Sark has no ISO3 code; some
    'by country of repatriation' rows no category)."""
    x = df[df["is_country"]].copy()
    x["iso3"] = x["iso3"].fillna("")
    x["category"] = x["category"].fillna("(none)")
    return x


def cells(x: pd.DataFrame) -> pd.DataFrame:
    """Repeated rows summed: one row per block, category, sex and age, with the bounds, the
    number of rows, the spreadsheet rows and the value as published (or the summed bounds)."""
    key = BLOCK + ["category", "sex", "age"]
    x = x.sort_values("sheet_row")
    g = x.groupby(key, sort=True)
    out = g.agg(low=("value_low", "sum"), high=("value_high", "sum"), rows=("sheet_row", "size"),
                sheet_row=("sheet_row", "first"), text=("value_text", "first")).reset_index()
    out["sheet_row"] = out["sheet_row"].astype(str)
    multi = out["rows"] > 1
    if multi.any():  # few cells repeat: join their rows and show their summed bounds
        rep = x.merge(out.loc[multi, key], on=key)
        joined = rep.assign(r=rep["sheet_row"].astype(str)).groupby(key, sort=True)["r"].agg(
            " ".join)
        out.loc[multi, "sheet_row"] = joined.to_numpy()
        out.loc[multi, "text"] = [bounds(lo, hi) for lo, hi in
                                  zip(out.loc[multi, "low"], out.loc[multi, "high"], strict=True)]
    return out


def _flag(out: list, rule: str, frame: pd.DataFrame, **cols) -> None:
    if len(frame):
        out.append(frame.assign(rule=rule, **cols))


def _breakdown_sum_over_total(cells: pd.DataFrame, out: list) -> None:
    key = ["iso3", "country", "year", "indicator", "sex", "age"]
    total = cells[(cells["dimension"] == "Total") & (cells["category"] == "Total")]
    for dim in PARTITIONS:
        parts = cells[cells["dimension"] == dim]
        s = parts.groupby(key, sort=True).agg(value_low=("low", "sum"), value_high=("high", "sum"),
                                              categories=("category", "nunique")).reset_index()
        m = s.merge(total[key + ["low", "high", "text"]]
                    .assign(compared_rows=total["sheet_row"]), on=key)
        m["tolerance"] = tolerance(m["high"])
        bad = m[m["value_low"] - m["high"] > m["tolerance"]]
        rows = parts.merge(bad[key], on=key).groupby(key, sort=True)["sheet_row"].agg(" ".join)
        bad = bad.merge(rows.reset_index(), on=key)
        _flag(out, "breakdown-sum-over-total", bad.assign(
            dimension=dim, category=[f"sum of {n} categories" for n in bad["categories"]],
            value=[bounds(lo, hi) for lo, hi in zip(bad["value_low"], bad["value_high"],
                                                   strict=True)],
            compared_with="the indicator's total (dimension Total), same sex and age",
            compared_value=bad["text"], compared_low=bad["low"], compared_high=bad["high"]))


#: (parent sex, parent age) -> alternative sets of parts whose sum cannot exceed it.
_PARTS = {
    ("Female", "Total"): [[("Female", ADULT), ("Female", CHILD)]],
    ("Male", "Total"): [[("Male", ADULT), ("Male", CHILD)]],
    ("Other", "Total"): [[("Other", ADULT), ("Other", CHILD)]],
    ("Total", ADULT): [[("Female", ADULT), ("Male", ADULT), ("Other", ADULT)]],
    ("Total", CHILD): [[("Female", CHILD), ("Male", CHILD), ("Other", CHILD)]],
    ("Total", "Total"): [
        [("Female", "Total"), ("Male", "Total"), ("Other", "Total"), ("Unknown", "Unknown")],
        [("Total", ADULT), ("Total", CHILD), ("Unknown", "Unknown")],
        [(s, a) for s in ("Female", "Male", "Other") for a in (ADULT, CHILD)]
        + [("Unknown", "Unknown")],
    ],
}


def _parts_sums(cells: pd.DataFrame) -> pd.DataFrame:
    """For every parent cell present with at least one of its parts: the largest lower-bound
    sum over its alternative sets of parts (the strongest evidence), with that sum's upper
    bound and the parts used. One row per block, category and parent cell."""
    key = BLOCK + ["category"]
    wide = cells.set_index(key + ["sex", "age"])[["low", "high"]].unstack(["sex", "age"])
    lo_w, hi_w = wide["low"], wide["high"]
    found = []
    for parent, alternatives in _PARTS.items():
        if parent not in lo_w.columns:
            continue
        best_lo = best_hi = None
        best_alt = np.full(len(lo_w), -1)
        for i, parts in enumerate(alternatives):
            present = [c for c in parts if c in lo_w.columns]
            if not present:
                continue
            lo = lo_w[present].sum(axis=1, min_count=1).to_numpy()
            hi = hi_w[present].sum(axis=1, min_count=1).to_numpy()
            if best_lo is None:
                take = ~np.isnan(lo)
                best_lo, best_hi = np.where(take, lo, np.nan), np.where(take, hi, np.nan)
            else:
                take = np.nan_to_num(lo, nan=-1) > np.nan_to_num(best_lo, nan=-1)
                best_lo, best_hi = np.where(take, lo, best_lo), np.where(take, hi, best_hi)
            best_alt = np.where(take, i, best_alt)
        if best_lo is None:
            continue
        f = pd.DataFrame({"value_low": best_lo, "value_high": best_hi, "alt": best_alt,
                          "parent_low": lo_w[parent].to_numpy(),
                          "parent_high": hi_w[parent].to_numpy()}, index=lo_w.index)
        f = f.dropna(subset=["value_low", "parent_high"])
        found.append(f.assign(psex=parent[0], page=parent[1]).reset_index())
    if not found:
        return pd.DataFrame()
    return pd.concat(found, ignore_index=True)


def _parts_over_own_total(sums: pd.DataFrame, cells: pd.DataFrame, out: list) -> None:
    if sums.empty:
        return
    sums = sums.assign(tolerance=tolerance(sums["parent_high"]))
    bad = sums[sums["value_low"] - sums["parent_high"] > sums["tolerance"]]
    if bad.empty:
        return
    key = BLOCK + ["category"]
    parts = [_PARTS[(s, a)][i] for s, a, i in zip(bad["psex"], bad["page"], bad["alt"],
                                                   strict=True)]
    block = list(zip(*(bad[k] for k in key), strict=True))
    near = cells.merge(bad[key].drop_duplicates(), on=key).set_index(key + ["sex", "age"])
    text, rows = near["text"].to_dict(), near["sheet_row"].to_dict()
    _flag(out, "parts-over-own-total", bad.assign(
        sex=bad["psex"], age=bad["page"],
        value=[text[b + (s, a)] for b, s, a in zip(block, bad["psex"], bad["page"], strict=True)],
        value_low=bad["parent_low"], value_high=bad["parent_high"],
        compared_with=["the sum of its parts: " + ", ".join(f"{s} {a}" for s, a in p)
                       for p in parts],
        compared_value=[bounds(lo, hi) for lo, hi in zip(bad["value_low"], bad["value_high"],
                                                        strict=True)],
        compared_low=bad["value_low"], compared_high=bad["value_high"],
        sheet_row=[rows[b + (s, a)] for b, s, a in zip(block, bad["psex"], bad["page"],
                                                        strict=True)],
        compared_rows=[" ".join(rows[b + c] for c in p if b + c in rows)
                       for b, p in zip(block, parts, strict=True)]))


def _beyond_indicator_range(x: pd.DataFrame, out: list) -> None:
    tot = x[(x["dimension"] == "Total") & (x["category"] == "Total") & (x["sex"] == "Total")
            & (x["age"] == "Total")]
    by_country = tot.groupby(["indicator", "country"])["value_high"].max().reset_index()
    frames = []
    for indicator, y in x.groupby("indicator", sort=True):
        ref = by_country[by_country["indicator"] == indicator].sort_values(
            ["value_high", "country"], ascending=[False, True])
        if ref.empty:
            continue
        top, top_country = ref["value_high"].iloc[0], ref["country"].iloc[0]
        second = ref["value_high"].iloc[1] if len(ref) > 1 else np.nan
        reference = np.where(y["country"] == top_country, second, top)
        y = y.assign(compared_high=reference)
        frames.append(y[y["value_low"] > RANGE_FACTOR * y["compared_high"]])
    bad = pd.concat(frames) if frames else x.iloc[:0]
    if len(bad):
        _flag(out, "beyond-indicator-range", bad.assign(
            value=bad["value_text"], sheet_row=bad["sheet_row"].astype(str),
            compared_with="the largest total of the indicator reported by any other country",
            compared_value=[bounds(v, v) for v in bad["compared_high"]],
            compared_low=bad["compared_high"], tolerance=np.nan))


def _year_as_value(x: pd.DataFrame, sums: pd.DataFrame, out: list) -> None:
    lo, hi = YEARS
    cand = x[~x["censored"] & x["value"].between(lo, hi)]
    if cand.empty:
        return
    # the largest other value the country reports for the same indicator and year
    group = ["country", "year", "indicator"]
    others = x[x.set_index(group).index.isin(cand.set_index(group).index)]
    largest = []
    for _, r in cand.iterrows():
        o = others[(others["country"] == r["country"]) & (others["year"] == r["year"])
                   & (others["indicator"] == r["indicator"])
                   & (others["sheet_row"] != r["sheet_row"])]
        largest.append(o["value_high"].max() if len(o) else np.nan)
    cand = cand.assign(compared_high=largest)
    # a value equal to the year is still a count when its own parts add up to it
    confirmed = pd.Series(False, index=cand.index)
    if not sums.empty:
        s = sums.set_index(BLOCK + ["category", "psex", "page"])
        for i, r in cand.iterrows():
            k = tuple(r[c] for c in BLOCK + ["category", "sex", "age"])
            if k in s.index:
                m = s.loc[[k]]
                confirmed[i] = bool(((m["value_low"] <= r["value"])
                                     & (r["value"] <= m["value_high"])).any())
    equal = (cand["value"] == cand["year"]) & ~confirmed
    larger = cand["value"] > YEAR_FACTOR * cand["compared_high"]
    bad = cand[equal | larger]
    if len(bad):
        _flag(out, "year-as-value", bad.assign(
            value=bad["value_text"], sheet_row=bad["sheet_row"].astype(str),
            compared_with=np.where(equal[bad.index],
                                   "the row's year (its own parts do not add up to it)",
                                   "the largest other value of the country, indicator and year"),
            compared_value=np.where(equal[bad.index], bad["year"].astype(str),
                                    [bounds(v, v) for v in bad["compared_high"].fillna(0)]),
            compared_low=np.where(equal[bad.index], bad["year"], bad["compared_high"]),
            compared_high=np.where(equal[bad.index], bad["year"], bad["compared_high"]),
            tolerance=np.nan))


def check(df: pd.DataFrame) -> pd.DataFrame:
    """The consistency checks (:data:`RULES`) of one workbook's tidy table: one row per flagged
    cell, with the columns of :data:`QUALITY_COLUMNS`, in a fixed order.

    The checks use the bounds of censored values and :func:`tolerance` (see the comment above):
    ``breakdown-sum-over-total`` and ``parts-over-own-total`` flag a breakdown whose lower
    bound exceeds its total's upper bound by more than the tolerance. ``value`` is the flagged
    value as published (a sum is shown with its bounds where censored values enter it),
    ``compared_value`` what it was checked against, ``sheet_row`` the spreadsheet rows.
    """
    x = keys(df)
    by_cell = cells(x)
    found: list[pd.DataFrame] = []
    _breakdown_sum_over_total(by_cell, found)
    sums = _parts_sums(by_cell)
    _parts_over_own_total(sums, by_cell, found)
    _beyond_indicator_range(x, found)
    _year_as_value(x, sums, found)
    agg = df[~df["is_country"]]
    if len(agg):
        found.append(agg.assign(rule="aggregate-row", value=agg["value_text"],
                                sheet_row=agg["sheet_row"].astype(str), compared_with="",
                                compared_value="", compared_low=np.nan, compared_high=np.nan,
                                tolerance=np.nan))
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in QUALITY_COLUMNS})
    q = pd.concat(found, ignore_index=True)
    q["value_low"] = q["value_low"].astype(float)
    q["value_high"] = q["value_high"].astype(float)
    q["action"] = q["rule"].map(ACTIONS)
    q["compared_rows"] = q["compared_rows"].fillna("") if "compared_rows" in q else ""
    q["rule_order"] = q["rule"].map({r: i for i, r in enumerate(RULES)})
    for c in ("iso3", "country", "category"):
        q[c] = q[c].fillna("").astype(str)
    q["year"] = q["year"].astype(int)
    q = q.sort_values(_SORT, kind="mergesort").reset_index(drop=True)
    return q[QUALITY_COLUMNS]


def mark(df: pd.DataFrame, flags: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the column ``flagged``: the rules (``;``-separated, in the order of
    :data:`RULES`; "" if none) that flag each row's cell, as :data:`ACTIONS` says: the flagged
    cells, and for ``parts-over-own-total`` also the parts they were compared with."""
    order = {r: i for i, r in enumerate(RULES)}
    marks: dict[int, set] = {}
    for rule, rows, compared in zip(flags["rule"], flags["sheet_row"], flags["compared_rows"],
                                    strict=True):
        implicated = rows.split() + (compared.split() if rule == "parts-over-own-total" else [])
        for r in implicated:
            marks.setdefault(int(r), set()).add(rule)
    out = df.copy()
    out["flagged"] = [";".join(sorted(marks[r], key=order.get)) if r in marks else ""
                      for r in out["sheet_row"]]
    return out


