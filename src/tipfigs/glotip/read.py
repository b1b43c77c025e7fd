"""UNODC Global Report on Trafficking in Persons (GLOTIP) country data, as a tidy table.

The workbook's layout and vocabulary are in :mod:`tipfigs.glotip.schema`. Values are text
(``txtVALUE``): counts with thousands separators ("1,282") or censored counts ("<5").

Censored values are kept as censored: ``value`` is empty for them, ``censored`` is True, and
the bounds ``value_low``/``value_high`` hold what is known (for "<5": 0 and 4, counts being
whole numbers; the data never show an explicit 0, so 0 cannot be ruled out). Aggregations sum
either bound and report both.

:func:`load` applies the consistency checks of :mod:`tipfigs.glotip.checks` and marks every row
whose cell is flagged (column ``flagged``) and every row whose cell a total confirms (column
``confirmed``, :mod:`tipfigs.glotip.exclusion`); :func:`flags` is the table of those flags. Both
are cached by the workbook's sha256 and the code that parses and checks it
(:func:`cache_version`). Every error names the file, and the column where there is one.
"""

from __future__ import annotations

import os
import re

import pandas as pd

from tipfigs import codebase, datafiles, paths
from tipfigs.errors import SchemaError
from tipfigs.glotip import checks, exclusion
from tipfigs.glotip.schema import AGES, COLUMNS, DIMENSIONS, INDICATORS, SEXES, UNITS

DEFAULT_PATH = "data/raw/unodc/data_glotip_2023-05-30.xlsx"
READER_VERSION = 3

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
    consistency checks of :func:`tipfigs.glotip.checks.check` applied.

    Columns: sheet_row, iso3 (empty for Sark), country, region, subregion, is_country,
    indicator, dimension, category, sex, age, year, unit, value_text (as published),
    value (empty when censored), censored, value_low, value_high, source, and ``flagged``:
    the rules (``;``-separated, empty when none) that flag the row's cell (see
    :func:`tipfigs.glotip.checks.check` and :func:`tipfigs.glotip.checks.mark`;
    group-of-countries rows carry ``aggregate-row``), and ``confirmed``: whether a total confirms
    the row's cell (:func:`tipfigs.glotip.exclusion.confirmed`). The checked table is cached by the
    workbook's sha256 and :func:`cache_version` (an unchanged file is parsed and checked once).
    """
    p = datafiles.require_file(path, "GLOTIP workbook")
    return datafiles.cached(p, "glotip", cache_version(), lambda: _checked(_parse(p)))


def flags(path: str | os.PathLike = DEFAULT_PATH) -> pd.DataFrame:
    """The flags of a workbook (its data-quality table): :func:`tipfigs.glotip.checks.check` on
    its rows, cached like :func:`load`."""
    p = datafiles.require_file(path, "GLOTIP workbook")
    return datafiles.cached(p, "glotip-quality", cache_version(), lambda: checks.check(load(p)))


#: The modules whose code decides what the cached tables hold: this reader and what it imports,
#: directly or through others (the workbook's vocabulary, the checks, the totals that confirm a
#: breakdown, the words the checks write values with, the file readers), found from the
#: imports. The figures' own modules are not among them: editing a figure never parses a
#: workbook again.
CODE = codebase.module_files(__file__)


def cache_version() -> str:
    """The parsed and checked tables are cached under the reader's version and a digest of the
    code of :data:`CODE`, so that a change to a rule can never be hidden by a cached table."""
    return f"{READER_VERSION}-{datafiles.code_digest(*CODE)}"


def _checked(df: pd.DataFrame) -> pd.DataFrame:
    return exclusion.mark(checks.mark(df, checks.check(df)))
