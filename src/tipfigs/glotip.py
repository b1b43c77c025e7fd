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

Every error names the file, and the column where there is one.
"""

from __future__ import annotations

import os
import re

import pandas as pd

from tipfigs import io, paths
from tipfigs.errors import ParameterError, SchemaError

DEFAULT_PATH = "data/raw/unodc/data_glotip_2023-05-30.xlsx"
READER_VERSION = 2

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

#: A count at least this large is not a country's annual count: in the 2025 release some
#: "by citizenship" rows carry questionnaire field codes (e.g. "61,102,019") as values.
SUSPECT_AT = 1_000_000

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
    rows = io.xlsx_rows(path)
    where = paths.show(path)
    df = io.header_frame(rows, "Iso3_code", path, "first sheet")
    first_data_row = _header_index(rows) + 2  # 1-based spreadsheet row of the first data row
    io.require_columns(df, COLUMNS, where)
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
        io.allowed_values(df[col], allowed, _workbook_name(col), where)
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
    df["suspect"] = df["value_high"] >= SUSPECT_AT
    df = df.reset_index(names="sheet_row")
    return df[["sheet_row", "iso3", "country", "region", "subregion", "is_country", "indicator",
               "dimension", "category", "sex", "age", "year", "unit", "value_text", "value",
               "censored", "value_low", "value_high", "suspect", "source"]]


def _workbook_name(col: str) -> str:
    return {v: k for k, v in COLUMNS.items()}[col]


def load(path: str | os.PathLike = DEFAULT_PATH) -> pd.DataFrame:
    """All rows of a GLOTIP workbook (either release), validated, as a tidy table.

    Columns: sheet_row, iso3 (empty for Sark), country, region, subregion, is_country,
    indicator, dimension, category, sex, age, year, unit, value_text (as published),
    value (empty when censored), censored, value_low, value_high, suspect, source.
    The parsed table is cached by the workbook's sha256 (an unchanged file is parsed once).
    """
    p = io.require_file(path, "GLOTIP workbook")
    return io.cached(p, "glotip", READER_VERSION, lambda: _parse(p))


def countries(df: pd.DataFrame, region: str | None = None,
              subregion: str | None = None) -> pd.DataFrame:
    """Country rows only (no regional aggregates, no suspect values), optionally one
    region or subregion."""
    out = df[df["is_country"] & ~df["suspect"]]
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
    keep = [k in SEX_AGE for k in keys]
    out = df[keep].copy()
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
