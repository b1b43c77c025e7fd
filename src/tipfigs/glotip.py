"""UNODC Global Report on Trafficking in Persons (GLOTIP) country data, as a tidy table.

The workbook (``data_glotip.xlsx``; releases 2023-05-30 and 2025-04-14 have the same
layout) has one sheet: title rows, then a header row starting with ``Iso3_code``, then
one row per country (or, in the 2023 release, per regional aggregate), indicator,
dimension, category, sex, age and year. Values are text (``txtVALUE``): counts with
thousands separators ("1,282") or censored counts ("<5").

Censored values are kept as censored: ``value`` is empty for them, ``censored`` is
True, and the bounds ``value_low``/``value_high`` hold what is known (for "<5": 0 and
4, counts being whole numbers; the data never show an explicit 0, so 0 cannot be ruled
out). Aggregations sum either bound and report both.

Consistency checks (:func:`check`, :data:`RULES`) find faults from the data by general
rules, never from a list of countries: a breakdown whose sum exceeds its total, sex or age
parts above the cell they are part of, values far beyond what an indicator allows, years
stored as values, rows for groups of countries. They compare bounds (censored values at 0 on
the side that could exceed, at their upper bound on the other) with a small tolerance
(:func:`tolerance`), so censoring and slips of a person or two are never flagged.
:func:`load` marks every row whose cell is flagged (column ``flagged``), and
:func:`leave_out_flagged` applies the one stated rule of the notebooks: a country-year is left
out of a sum when any cell the sum takes from it is flagged. :func:`quality` is the table of
flags written to ``figures/data-quality-glotip-<release>.csv`` (``python -m tipfigs.quality``).

Every error names the file, and the column where there is one.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tipfigs import datafiles, params, paths
from tipfigs.errors import ParameterError, SchemaError

DEFAULT_PATH = "data/raw/unodc/data_glotip_2023-05-30.xlsx"
READER_VERSION = 3

#: workbook column -> tidy column
COLUMNS = {
    "Iso3_code": "iso3",
    "Country": "country",
    "Region": "region",
    "Subregion": "subregion",
    "Indicator": "indicator",
    "Dimension": "dimension",
    "Category": "category",
    "Sex": "sex",
    "Age": "age",
    "Year": "year",
    "Unit of measurement": "unit",
    "txtVALUE": "value_text",
    "Source": "source",
}

VICTIMS = "Detected trafficking victims"
PROSECUTED = "Persons prosecuted"
CONVICTED = "Persons convicted"
INDICATORS = (
    VICTIMS,
    PROSECUTED,
    CONVICTED,
    "Persons brought into formal contact",
    "Offences of trafficking in persons",
)
DIMENSIONS = ("Total", "by form of exploitation", "by citizenship", "by country of repatriation")
SEXES = ("Total", "Female", "Male", "Other", "Unknown")
AGES = ("Total", "18 years or over", "0 to 17 years", "Unknown")
UNITS = ("Counts",)

ADULT, CHILD = "18 years or over", "0 to 17 years"
#: (sex, age) -> the group the reports name; the four add up to the victims of known sex and age.
SEX_AGE = {
    ("Female", ADULT): "Women",
    ("Female", CHILD): "Girls",
    ("Male", ADULT): "Men",
    ("Male", CHILD): "Boys",
}
GROUPS = ("Women", "Girls", "Men", "Boys")
#: The three forms of exploitation of the "by form of exploitation" dimension.
FORMS = ("Sexual exploitation", "Forced labour", "Other forms of exploitation")

_COUNT = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.0+)?$")
_CENSORED = re.compile(r"^<\s*(\d+)$")


def parse_value(text) -> tuple[float, bool, float, float]:
    """(value, censored, low, high) of one txtVALUE cell; ValueError if it is neither a
    count nor a censored count. A value of "<n" has bounds 0 and n - 1."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if text != text or text < 0:  # NaN or negative
            raise ValueError(repr(text))
        return float(text), False, float(text), float(text)
    s = str(text).strip()
    m = _CENSORED.match(s)
    if m:
        n = int(m.group(1))
        if n < 1:
            raise ValueError(repr(text))
        return float("nan"), True, 0.0, float(n - 1)
    if _COUNT.match(s):
        v = float(s.replace(",", ""))
        return v, False, v, v
    raise ValueError(repr(text))


def _header_index(rows: list[list]) -> int:
    for i, row in enumerate(rows[:20]):
        if row and str(row[0]).strip() == "Iso3_code":
            return i
    return -1


def _parse(path) -> pd.DataFrame:
    rows = datafiles.xlsx_rows(path)
    where = paths.show(path)
    df = datafiles.header_frame(rows, "Iso3_code", path, "first sheet")
    first_data_row = _header_index(rows) + 2  # 1-based spreadsheet row of the first data row
    datafiles.require_columns(df, COLUMNS, where)
    df = df[list(COLUMNS)].rename(columns=COLUMNS)
    df.index = pd.RangeIndex(first_data_row, first_data_row + len(df))
    # Drop blank rows (no indicator and no value), keep everything else.
    df = df[df[["indicator", "value_text"]].notna().any(axis=1)]
    for col in ("iso3", "country", "region", "subregion", "indicator", "dimension", "category",
                "sex", "age", "unit", "source", "value_text"):
        df[col] = df[col].map(lambda v: None if v is None else str(v).strip(), na_action="ignore")
    for col in ("indicator", "dimension", "sex", "age", "value_text", "year"):
        empty = df.index[df[col].isna()]
        if len(empty):
            raise SchemaError(f"{where}: column '{_workbook_name(col)}' is empty in spreadsheet "
                              f"row(s) {', '.join(map(str, empty[:5]))}")
    for col, allowed in (("indicator", INDICATORS), ("dimension", DIMENSIONS), ("sex", SEXES),
                         ("age", AGES), ("unit", UNITS)):
        datafiles.allowed_values(df[col], allowed, _workbook_name(col), where)
    years = pd.to_numeric(df["year"], errors="coerce")
    bad = df.index[years.isna() | (years % 1 != 0)]
    if len(bad):
        raise SchemaError(f"{where}: column 'Year' must be a whole year; found "
                          f"{df.loc[bad[0], 'year']!r} in spreadsheet row {bad[0]}")
    df["year"] = years.astype(int)
    parsed = []
    for row, text in df["value_text"].items():
        try:
            parsed.append(parse_value(text))
        except ValueError:
            raise SchemaError(
                f"{where}: column 'txtVALUE' must hold a count (e.g. '1,282') or a censored "
                f"count (e.g. '<5'); found {text!r} in spreadsheet row {row}"
            ) from None
    values = pd.DataFrame(parsed, index=df.index,
                          columns=["value", "censored", "value_low", "value_high"])
    df = pd.concat([df, values], axis=1)
    df["censored"] = df["censored"].astype(bool)
    # Country rows carry a country name and a region; the 2023 release also has rows for
    # groups of countries (codes such as 'CAR', 'SAF', without name or region).
    df["is_country"] = df["country"].notna() & df["region"].notna()
    df = df.reset_index(names="sheet_row")
    return df[["sheet_row", "iso3", "country", "region", "subregion", "is_country", "indicator",
               "dimension", "category", "sex", "age", "year", "unit", "value_text", "value",
               "censored", "value_low", "value_high", "source"]]


def _workbook_name(col: str) -> str:
    return {v: k for k, v in COLUMNS.items()}[col]


def load(path: str | os.PathLike = DEFAULT_PATH) -> pd.DataFrame:
    """All rows of a GLOTIP workbook (either release), validated, as a tidy table, with the
    consistency checks of :func:`check` applied.

    Columns: sheet_row, iso3 (empty for Sark), country, region, subregion, is_country,
    indicator, dimension, category, sex, age, year, unit, value_text (as published),
    value (empty when censored), censored, value_low, value_high, source, and ``flagged``:
    the rules (``;``-separated, empty when none) that flag the row's cell (see :func:`check`
    and :func:`mark`; group-of-countries rows carry ``aggregate-row``). The checked table is
    cached by the workbook's sha256 and this module's code (an unchanged file is parsed and
    checked once).
    """
    p = datafiles.require_file(path, "GLOTIP workbook")
    return datafiles.cached(p, "glotip", _cache_version(), lambda: _checked(_parse(p)))


def quality(path: str | os.PathLike = DEFAULT_PATH) -> pd.DataFrame:
    """The data-quality table of a workbook: :func:`check` on its rows, cached like :func:`load`."""
    p = datafiles.require_file(path, "GLOTIP workbook")
    return datafiles.cached(p, "glotip-quality", _cache_version(), lambda: check(load(p)))


def _cache_version() -> str:
    """The parsed and checked tables are cached under the reader's version and a digest of this
    module's code, so that a change to a rule can never be hidden by a cached table."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]
    return f"{READER_VERSION}-{code}"


def _checked(df: pd.DataFrame) -> pd.DataFrame:
    return mark(df, check(df))


def countries(df: pd.DataFrame, region: str | None = None,
              subregion: str | None = None) -> pd.DataFrame:
    """Country rows only (never the rows for groups of countries, which would double count),
    optionally one region or subregion. Flagged cells are kept here: a sum leaves them out with
    :func:`leave_out_flagged`, which knows which rows the sum takes."""
    out = df[df["is_country"]]
    if region is not None:
        out = out[out["region"] == region]
    if subregion is not None:
        out = out[out["subregion"] == subregion]
    return out


def area(name: str, value, df: pd.DataFrame, column: str):
    """Validate a region or subregion parameter against the values in the data (None = all)."""
    if value is None:
        return None
    known = sorted(df.loc[df["is_country"], column].dropna().unique())
    if value not in known:
        raise ParameterError(f"parameter {name}={value!r} does not occur in the data; choose None "
                             "or one of " + ", ".join(repr(k) for k in known))
    return value


def fraction(name: str, value) -> float:
    """A parameter that is a number between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ParameterError(f"parameter {name}={value!r} must be a number between 0 and 1")
    return float(value)


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
    countries (how many countries contribute) and censored_cells.
    """
    x = sex_age(df)
    x = x.assign(value_mid=(x["value_low"] + x["value_high"]) / 2)
    g = x.groupby(by + ["group"], sort=True)
    cells = g.agg(victims_low=("value_low", "sum"), victims_high=("value_high", "sum"),
                  victims_mid=("value_mid", "sum"), censored_cells=("censored", "sum"),
                  countries=("country", "nunique")).reset_index()
    tot = cells.groupby(by)[["victims_low", "victims_high", "victims_mid"]].transform("sum")
    other_low = tot["victims_low"] - cells["victims_low"]
    other_high = tot["victims_high"] - cells["victims_high"]
    # The share of one group is lowest with its own censored cells low and the others high.
    cells["share_low"] = 100 * cells["victims_low"] / (cells["victims_low"] + other_high)
    cells["share_high"] = 100 * cells["victims_high"] / (cells["victims_high"] + other_low)
    cells["share_mid"] = 100 * cells["victims_mid"] / tot["victims_mid"]
    cells["group"] = pd.Categorical(cells["group"], GROUPS, ordered=True)
    cells = cells.sort_values(by + ["group"]).reset_index(drop=True)
    cells["group"] = cells["group"].astype(str)
    cells["censored_cells"] = cells["censored_cells"].astype(int)
    return cells


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


# -- Consistency checks -----------------------------------------------------------------------
#
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
#: What the notebooks do with a flag. One rule for every sum: a country-year is left out of a
#: sum (its whole contribution for the indicator and dimension summed) when any cell the sum
#: takes from it is flagged (:func:`leave_out_flagged`; ``exclude_flagged=False`` in a notebook
#: turns it off). Which cells a flag marks depends on what the comparison can tell:
_LEAVE_OUT = "a sum taking any of them leaves out the country-year"
ACTIONS = {
    "breakdown-sum-over-total": f"the breakdown's cells flagged: {_LEAVE_OUT}; the total is kept",
    "parts-over-own-total": f"the cell and its parts flagged: {_LEAVE_OUT}",
    "beyond-indicator-range": f"the cell flagged: {_LEAVE_OUT}",
    "year-as-value": f"the cell flagged: {_LEAVE_OUT}",
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


def show_bounds(low, high, dash: str = "-") -> str:
    """A count as published ("1,282"), or its bounds ("20-24") when censored values enter it;
    text meant for readers passes ``dash="\u2013"`` (an en dash)."""
    return f"{low:,.0f}" if low == high else f"{low:,.0f}{dash}{high:,.0f}"


def _keys(df: pd.DataFrame) -> pd.DataFrame:
    """Country rows with grouping keys that have no missing values (Sark has no ISO3 code; some
    'by country of repatriation' rows no category)."""
    x = df[df["is_country"]].copy()
    x["iso3"] = x["iso3"].fillna("")
    x["category"] = x["category"].fillna("(none)")
    return x


def _cells(x: pd.DataFrame) -> pd.DataFrame:
    """Repeated rows summed: one row per block, category, sex and age, with the bounds, the
    number of rows, the spreadsheet rows and the value as published (or the summed bounds)."""
    key = BLOCK + ["category", "sex", "age"]
    x = x.sort_values("sheet_row")
    g = x.groupby(key, sort=True)
    cells = g.agg(low=("value_low", "sum"), high=("value_high", "sum"), rows=("sheet_row", "size"),
                  sheet_row=("sheet_row", "first"), text=("value_text", "first")).reset_index()
    cells["sheet_row"] = cells["sheet_row"].astype(str)
    multi = cells["rows"] > 1
    if multi.any():  # few cells repeat: join their rows and show their summed bounds
        rep = x.merge(cells.loc[multi, key], on=key)
        joined = rep.assign(r=rep["sheet_row"].astype(str)).groupby(key, sort=True)["r"].agg(
            " ".join)
        cells.loc[multi, "sheet_row"] = joined.to_numpy()
        cells.loc[multi, "text"] = [show_bounds(lo, hi) for lo, hi in
                                    zip(cells.loc[multi, "low"], cells.loc[multi, "high"],
                                        strict=True)]
    return cells


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
            value=[show_bounds(lo, hi) for lo, hi in zip(bad["value_low"], bad["value_high"],
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
        compared_value=[show_bounds(lo, hi) for lo, hi in zip(bad["value_low"], bad["value_high"],
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
            compared_value=[show_bounds(v, v) for v in bad["compared_high"]],
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
                                    [show_bounds(v, v) for v in bad["compared_high"].fillna(0)]),
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
    x = _keys(df)
    cells = _cells(x)
    found: list[pd.DataFrame] = []
    _breakdown_sum_over_total(cells, found)
    sums = _parts_sums(cells)
    _parts_over_own_total(sums, cells, found)
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


def leave_out_flagged(rows: pd.DataFrame, by=("country", "year")):
    """Split the rows a sum would take into (kept, left out): every group of ``by`` (a country
    and year, by default) with a flagged row is left out whole, so that a country-year never
    enters a sum with part of its cells. Pass only the rows the sum uses."""
    by = list(by)
    bad = rows.loc[rows["flagged"] != "", by].drop_duplicates()
    hit = rows.set_index(by).index.isin(bad.set_index(by).index)
    return rows[~hit], rows[hit]


def left_out_summary(left_out: pd.DataFrame, by=("country", "year")) -> pd.DataFrame:
    """What :func:`leave_out_flagged` removed, one row per group of ``by``: the ISO3 code, the
    rules and the persons (bounds) of the rows left out."""
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
    0, the others' at their upper bound), share_mid, share_high, and countries."""
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
    return out.reset_index()


# -- Releases and published values, for the notebooks ----------------------------------------

@dataclass(frozen=True)
class Release:
    """One workbook as a notebook uses it: its rows (checked), its manifest entry (None for a
    file that is not a manifest release), and how figures and claims name it."""
    path: Path
    data: pd.DataFrame = field(repr=False)
    entry: object | None

    @property
    def label(self) -> str:
        """By role: "article's release (2023-05-30)" or "latest release (2025-04-14)"."""
        if self.entry is None:
            return f"workbook {self.path.name}"
        return f"{self.short_label} ({self.entry.published})"

    @property
    def short_label(self) -> str:
        """"article's release" or "latest release" (for a file outside the manifest, as
        :attr:`label`)."""
        if self.entry is None:
            return self.label
        return "article's release" if self.entry.era == "article" else "latest release"

    @property
    def role(self) -> str:
        """The key of the release's drawing style (:data:`tipfigs.style.ERA_STYLES`): "article"
        for the release public on the article's date, "latest" for any other (a file outside
        the manifest is drawn as a later release)."""
        return "article" if self.entry is not None and self.entry.era == "article" else "latest"

    @property
    def claims_data(self):
        """What a claim names as its data: the manifest entry, or the file's name."""
        return self.entry if self.entry is not None else f"GLOTIP workbook {self.path.name}"

    @property
    def citation(self) -> str:
        return (self.entry.citation if self.entry is not None
                else f"UNODC GLOTIP country data ({self.path.name}).")

    @property
    def quality_label(self) -> str:
        """What names the release's data-quality table: the date the release became public, or
        the file's stem for a file outside the manifest."""
        return self.entry.published if self.entry is not None else self.path.stem


def releases(name: str, value) -> list[Release]:
    """Validate a list-of-workbooks parameter (one path is accepted too) and load each
    workbook, oldest release first (files outside the manifest last, in the order given)."""
    if isinstance(value, (str, os.PathLike)):
        value = [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise ParameterError(f"parameter {name}={value!r} must be a list of GLOTIP workbooks, e.g. "
                             f"[{DEFAULT_PATH!r}]")
    found = []
    for v in value:
        p = params.input_file(name, v)
        if any(r.path == p for r in found):
            raise ParameterError(f"parameter {name} names {str(v)!r} twice")
        found.append(Release(p, load(p), datafiles.verify_release(p)))
    order = {id(r): i for i, r in enumerate(found)}
    return sorted(found, key=lambda r: (r.entry is None, r.entry.published if r.entry else "",
                                        order[id(r)]))


# -- One set-up call per notebook --------------------------------------------------------------

@dataclass(frozen=True)
class Setup:
    """What a UNODC notebook works with, from :func:`setup`: the releases (each loaded and
    checked), the validated filters, the published shares (when asked for), and the citation of
    each workbook read (``citations``, by release label), computed from the records of
    ``out.uses``: a file outside the manifest is cited as that file, never as a release."""

    releases: list[Release]
    region: str | None
    subregion: str | None
    first_year: int
    last_year: int
    exclude_flagged: bool
    rule: str
    min_coverage: float
    citations: dict
    flag_counts: pd.DataFrame = field(repr=False)
    published: pd.DataFrame | None = field(default=None, repr=False)
    published_citation: str = ""

    @property
    def labels(self) -> list[str]:
        """The releases' labels, oldest first."""
        return [r.label for r in self.releases]

    @property
    def area(self) -> str:
        """The subregion or region chosen, or "all countries"."""
        return self.subregion or self.region or "all countries"

    @property
    def world(self) -> bool:
        """True when no region or subregion restricts the country data."""
        return self.region is None and self.subregion is None

    @property
    def citation(self) -> str:
        """The citations of the workbooks read, oldest release first, for a source note."""
        return " ".join(self.citations[r.label] for r in self.releases)

    @property
    def data(self) -> dict:
        """What a claim names as its data (``data=``), by release label."""
        return {r.label: r.claims_data for r in self.releases}

    @property
    def filters(self) -> dict:
        """The validated filters, for display."""
        return {"area": self.area, "region": self.region, "subregion": self.subregion,
                "first_year": self.first_year, "last_year": self.last_year,
                "exclude_flagged": self.exclude_flagged, "rule": self.rule,
                "min_coverage": self.min_coverage}

    def rows(self, release: Release, indicator: str | None = None) -> pd.DataFrame:
        """The country rows of ``release`` in the area and years chosen (of one indicator)."""
        out = countries(release.data, self.region, self.subregion)
        out = out[out["year"].between(self.first_year, self.last_year)]
        return out if indicator is None else out[out["indicator"] == indicator]

    def leave_out(self, rows: pd.DataFrame, by=("country", "year")):
        """(kept, left out): the stated rule (:func:`leave_out_flagged`), or nothing left out
        with ``exclude_flagged=False``."""
        if self.exclude_flagged:
            return leave_out_flagged(rows, by)
        return rows, rows.iloc[:0]

    def quality_file(self, release: Release) -> str:
        """The name of the release's data-quality table under figures/."""
        from tipfigs.quality import file_name

        return file_name(release.quality_label)


def rule_name(exclude_flagged: bool, left_out: str = "country-years") -> str:
    """The rule's name as figures and tables state it."""
    return (f"flagged {left_out} left out" if exclude_flagged
            else f"raw sums (flagged {left_out} kept)")


def setup(out, glotip_workbooks, *, published_shares=None, exclude_flagged=True, years=None,
          region=None, subregion=None, min_coverage=0.5, left_out="country-years") -> Setup:
    """Validate a UNODC notebook's parameters, load each workbook (:func:`releases`) and, when
    given, the published shares (:func:`load_published`), record every file read with
    ``out.uses``, and print one data-quality line per release (its flagged cells by rule, and
    the table that lists them). Errors name the parameter.

    ``years`` is [first, last] (None: every year of the releases), ``region``/``subregion`` a
    UNODC region or subregion in the data (None: all), ``min_coverage`` a fraction and
    ``left_out`` what the rule leaves out, in its name ("country-years", "totals")."""
    from tipfigs.quality import summary

    found = releases("glotip_workbooks", glotip_workbooks)
    cited = {r.label: out.uses(r.path)["citation"] for r in found}
    exclude_flagged = params.choice("exclude_flagged", exclude_flagged, [True, False])
    known = pd.concat([r.data[["is_country", "region", "subregion", "year"]] for r in found])
    region = area("region", region, known, "region")
    subregion = area("subregion", subregion, known, "subregion")
    first, last = params.year_range("years", years, int(known["year"].min()),
                                    int(known["year"].max()))
    min_coverage = fraction("min_coverage", min_coverage)
    published, published_cited = None, ""
    if published_shares is not None:
        path = params.input_file("published_shares", published_shares)
        published = load_published(path)
        published_cited = out.uses(path)["citation"]
    counts = pd.concat([summary(quality(r.path)).set_index("rule")["flagged cells"]
                        .rename(r.label) for r in found], axis=1)
    result = Setup(found, region, subregion, first, last, exclude_flagged,
                   rule_name(exclude_flagged, left_out), min_coverage, cited,
                   counts.rename_axis(columns="flagged cells"), published, published_cited)
    for r in found:
        flagged = ", ".join(f"{rule} {n}" for rule, n in counts[r.label].items() if n)
        print(f"{r.label}: {counts[r.label].sum()} flagged cells ({flagged or 'none'}); every "
              f"flag is listed in figures/{result.quality_file(r)}")
    return result


#: quantity in data/glotip_published.csv -> the group it gives the share of
PUBLISHED_GROUPS = {
    "share of women among detected victims": "Women",
    "share of girls among detected victims": "Girls",
    "share of men among detected victims": "Men",
    "share of boys among detected victims": "Boys",
    "share of women and girls among detected victims": "Women and girls",
}


def load_published(path) -> pd.DataFrame:
    """The shares UNODC published (data/glotip_published.csv), validated by the transcribed-
    values reader (a source for every value: the report's table and page, or the page that
    states it, with its address and date) and here (a known quantity). Adds ``group``."""
    from tipfigs import transcribed

    df = transcribed.load(path)
    datafiles.allowed_values(df["quantity"], PUBLISHED_GROUPS, "quantity", paths.show(paths.resolve(path)))
    return df.assign(group=df["quantity"].map(PUBLISHED_GROUPS))


def cite_published(df: pd.DataFrame, id_: str) -> str:
    """Where a published share was checked (see :func:`tipfigs.transcribed.cite`)."""
    from tipfigs import transcribed

    return transcribed.cite(df, id_)


def published_claim_id(group: str, year: int) -> str:
    """The claim id of a published share: "published-women-and-girls-2022"."""
    return f"published-{group.lower().replace(' ', '-')}-{int(year)}"


def published_claims(published: pd.DataFrame, claims) -> dict:
    """For each published share (row id of :func:`load_published`), the id of the claim that
    checks it in data/article_claims.csv, or None when that file has no reading for it (the
    share is then drawn but not checked). The article's value there and the transcribed value
    are the same number transcribed twice: a SchemaError names both files where they differ."""
    out = {}
    for id_, p in published.iterrows():
        cid = published_claim_id(p["group"], p["year"])
        try:
            article = claims.article_value(cid)
        except ValueError:
            out[id_] = None
            continue
        if not isinstance(article, (int, float)) or abs(float(article) - float(p["value"])) > 1e-9:
            raise SchemaError(f"the published share {id_!r} is {p['value']:g} in the published "
                              f"shares file but {article!r} in data/article_claims.csv (claim "
                              f"{cid}): correct one of them")
        out[id_] = cid
    return out


def agreement(results: dict[str, tuple[bool | None, str]], label: str) -> str:
    """One line for a claim's note: whether the other releases agree with release ``label``.
    ``results`` maps each release's label to (whether the statement holds there, None if it
    cannot be checked there; the value to show)."""
    mine = results[label][0]
    others = [(k, h, v) for k, (h, v) in results.items() if k != label]
    if not others:
        return "Only one release was checked in this run."

    def verdict(h):
        return "it holds" if h else "it does not hold"

    parts = []
    for k, h, v in others:
        if h is None:
            parts.append(f"the {k} cannot check it ({v})")
        elif mine is None:
            parts.append(f"the {k} can: {verdict(h)} there ({v})")
        elif h == mine:
            parts.append(f"the {k} agrees: {verdict(h)} there {'too' if h else 'either'} ({v})")
        else:
            parts.append(f"the {k} does not agree: {verdict(h)} there ({v})")
    return "Other release: " + "; ".join(parts) + "."


class ReleaseChecks:
    """The claims a notebook checks on each release, recorded together by :meth:`record` so that
    each claim's note ends by saying whether the other releases agree (:func:`agreement`).
    :meth:`test`, :meth:`compare` and :meth:`not_reproducible` take the arguments of the
    methods of :class:`tipfigs.claims.Claims` of the same names, the release instead of
    ``data``, and ``shown``: the value a note on another release quotes."""

    def __init__(self, claims, releases: list[Release]):
        self.claims = claims
        self.labels = [r.label for r in releases]
        self._pending: list[tuple] = []

    def test(self, release: Release, id: str, holds: bool, computed_value, source: str, *,
             evidence: str, note: str, shown: str, measure: str = "") -> None:
        self._pending.append((release, id, "test", shown, dict(
            holds=holds, computed_value=computed_value, source=source, evidence=evidence,
            note=note, measure=measure)))

    def compare(self, release: Release, id: str, computed_value, source: str, *, evidence: str,
                note: str, shown: str, measure: str = "") -> None:
        self._pending.append((release, id, "compare", shown, dict(
            computed_value=computed_value, source=source, evidence=evidence, note=note,
            measure=measure)))

    def not_reproducible(self, release: Release, id: str, source: str, note: str,
                         shown: str) -> None:
        self._pending.append((release, id, "not_reproducible", shown,
                              dict(source=source, note=note)))

    def record(self) -> list:
        """Record every check, release by release (oldest first, in the order checked), each
        note followed by what the other releases say; returns the claims recorded."""
        if not self._pending:
            raise ValueError("no checks to record")
        done = []
        for release, id_, kind, shown, args in sorted(
                self._pending, key=lambda p: self.labels.index(p[0].label)):
            claim = getattr(self.claims, kind)(id_, **args, data=release.claims_data)
            done.append((release.label, claim, shown))
        self._pending = []
        results: dict[str, dict] = {}
        for label, claim, shown in done:
            results.setdefault(claim.id, {})[label] = (claim.holds, shown)
        for label, claim, _ in done:
            claim.note = f"{claim.note} {agreement(results[claim.id], label)}"
        return [claim for _, claim, _ in done]


# -- Coverage, words and label positions for the figures ---------------------------------------

def unknown_sex_age(totals: pd.DataFrame, kept: pd.DataFrame, by=("year",)) -> pd.DataFrame:
    """How much of the detected victims the shares by sex and age cover, in each group of ``by``.

    ``totals`` are the country totals of detected victims (as :func:`totals`, or rows with
    value_low/value_high, country and the ``by`` columns), ``kept`` the rows of women, girls, men
    and boys that the shares sum (:func:`sex_age`, after the rule). Values at the middle of
    their bounds. Per country-year in the shares, the victims of unknown (or other) sex or age
    are its total minus its four cells, never below 0, and its detected victims the larger of
    the two (a total a little below its parts is not a negative unknown). Columns:
    ``countries`` (in the shares), ``known`` (their victims of known sex and age),
    ``victims`` (their detected victims), ``unknown_share`` (per cent of ``victims``),
    ``reporting`` (countries with a total) and ``not_in_shares`` (countries with a total that
    are not in the shares: no breakdown by sex and age, or left out by the rule)."""
    by = list(by)
    key = by + ["country"]
    mid = lambda d: (d["value_low"] + d["value_high"]) / 2  # noqa: E731
    k = kept.assign(mid=mid(kept)).groupby(key)["mid"].sum().rename("known")
    t = totals.assign(mid=mid(totals)).groupby(key)["mid"].sum().rename("total")
    cy = pd.concat([k, t.reindex(k.index)], axis=1)
    cy["total"] = cy["total"].fillna(cy["known"])
    cy["victims"] = cy[["known", "total"]].max(axis=1)
    cy["unknown"] = (cy["total"] - cy["known"]).clip(lower=0)
    out = cy.groupby(by).agg(countries=("known", "size"), known=("known", "sum"),
                             victims=("victims", "sum"), unknown=("unknown", "sum"))
    out["unknown_share"] = 100 * out["unknown"] / out["victims"].where(out["victims"] > 0)
    reporting = t.reset_index().groupby(by)["country"].nunique()
    out["reporting"] = reporting.reindex(out.index).fillna(0).astype(int)
    in_shares = set(k.index)
    missing = [i for i in t.index if i not in in_shares]
    extra = (pd.Series(1, index=pd.MultiIndex.from_tuples(missing, names=key))
             .groupby(by).size() if missing else pd.Series(dtype=int))
    out["not_in_shares"] = extra.reindex(out.index).fillna(0).astype(int)
    return out.drop(columns="unknown").reset_index()


def change_words(before: float, after: float, unit: str = "%", fmt: str = ".0f") -> str:
    """How ``after`` compares with ``before`` as a reader sees them (both formatted with ``fmt``):
    "down from 71%", "up from 50%", or "unchanged from 60%" when both read alike."""
    b, a = format(before, fmt), format(after, fmt)
    word = "unchanged from" if a == b else ("down from" if after < before else "up from")
    return f"{word} {b}{unit}"


def spread(values, gap: float, low: float = -np.inf, high: float = np.inf) -> list[float]:
    """Positions for labels at ``values`` (in data units), at least ``gap`` apart, in the order of
    the values, each group of crowded labels centred on the mean of its values, and kept within
    [``low``, ``high``] where they fit. Returned in the order of ``values``."""
    vals = [float(v) for v in values]
    order = sorted(range(len(vals)), key=lambda i: (vals[i], i))
    clusters: list[list] = []  # [first position, indices]
    for i in order:
        clusters.append([vals[i], [i]])
        while True:
            start, members = clusters[-1]
            start = min(max(start, low), max(low, high - (len(members) - 1) * gap))
            clusters[-1][0] = start
            if len(clusters) < 2:
                break
            prev_start, prev = clusters[-2]
            if prev_start + len(prev) * gap <= start + 1e-12:
                break
            merged = prev + members
            centre = sum(vals[j] for j in merged) / len(merged)
            clusters[-2:] = [[centre - (len(merged) - 1) * gap / 2, merged]]
    out = [0.0] * len(vals)
    for start, members in clusters:
        for k, j in enumerate(members):
            out[j] = float(start + k * gap)
    return out
