"""Revisions between two GLOTIP releases: a cell whose value a later release changes by far.

A later release may revise a country's earlier years. Most revisions are small (late reports,
corrections of a few persons); a few change a cell by orders of magnitude, for instance a
country-year published as "<5" that a later release gives as tens of thousands of victims, or
the sex labels of a form of exploitation put back in place. Such a change is not an error of
either release, but a sum that rests on the revised cells rests on one release's reading of
them. The rule is general (never a list of countries): a cell (same country, year, indicator,
dimension, category, sex and age, repeated rows summed) is *revised* when it changes by more
than :data:`FACTOR` times **and** more than :data:`AMOUNT` persons, compared bound against
bound (the later lower bound against the earlier upper bound, or the other way round), so
that censoring alone ("<5" is 0 to 4) can never raise it.

:func:`compare` gives one row per revised cell in the columns of the data-quality table
(:data:`tipfigs.glotip.checks.QUALITY_COLUMNS`), listed in the later release's table with both
values; :func:`country_years` the country-years (and indicators) they concern. A
specification grid may leave out of a sum the country-years whose cells it takes were revised
(:func:`leave_out`, dimension ``revised``); the default sums keep them.
"""

from __future__ import annotations

import hashlib
import os

import numpy as np
import pandas as pd

from tipfigs import datafiles, manifest
from tipfigs.glotip import checks, read

RULE = "revised-between-releases"
#: A revision changes a cell by more than this factor ...
FACTOR = 5
#: ... and by more than this many persons.
AMOUNT = 1000
DESCRIPTION = (f"a cell (same country, year, indicator, dimension, category, sex and age) whose "
               f"value changes between two releases by more than {FACTOR} times and more than "
               f"{AMOUNT:,} persons, bound against bound (censoring alone never raises it)")
ACTION = ("listed, with the earlier release's value; kept in the default sums (the figures' "
          "specification grids leave the revised country-years out as one choice)")
VERSION = 1

_KEY = ["who", "year", "indicator", "dimension", "category", "sex", "age"]


def _cells(df: pd.DataFrame) -> pd.DataFrame:
    """The cells of a release, repeated rows summed, keyed by the ISO3 code (the name where a
    country has none), so that a country renamed between releases is still the same."""
    c = checks.cells(checks.keys(df))
    return c.assign(who=np.where(c["iso3"] != "", c["iso3"], c["country"]))


def compare(earlier: pd.DataFrame, later: pd.DataFrame, earlier_label: str) -> pd.DataFrame:
    """The cells of ``later`` revised from ``earlier`` (tidy tables of two releases, as
    :func:`tipfigs.glotip.read.load` gives them), one row each in the columns of
    :data:`~tipfigs.glotip.checks.QUALITY_COLUMNS`: the later value, and the earlier one as
    ``compared_value`` (``compared_with`` names ``earlier_label``; ``compared_rows`` are the
    earlier workbook's spreadsheet rows)."""
    m = _cells(earlier).merge(_cells(later), on=_KEY, suffixes=("_e", ""))
    up = (m["low"] > FACTOR * m["high_e"]) & (m["low"] - m["high_e"] > AMOUNT)
    down = (m["low_e"] > FACTOR * m["high"]) & (m["low_e"] - m["high"] > AMOUNT)
    r = m[up | down]
    out = pd.DataFrame({
        "rule": RULE, "iso3": r["iso3"], "country": r["country"], "year": r["year"].astype(int),
        "indicator": r["indicator"], "dimension": r["dimension"], "category": r["category"],
        "sex": r["sex"], "age": r["age"], "value": r["text"], "value_low": r["low"],
        "value_high": r["high"], "compared_with": f"the same cell in the {earlier_label}",
        "compared_value": r["text_e"], "compared_low": r["low_e"], "compared_high": r["high_e"],
        "tolerance": np.nan, "sheet_row": r["sheet_row"], "compared_rows": r["sheet_row_e"],
        "action": ACTION})
    out = out.sort_values(["iso3", "country", "year", "indicator", "dimension", "category",
                           "sex", "age"], kind="mergesort")
    return out.reset_index(drop=True)[checks.QUALITY_COLUMNS]


def between(earlier_path: str | os.PathLike, later_path: str | os.PathLike,
            earlier_label: str) -> pd.DataFrame:
    """:func:`compare` on two workbooks, cached by both files' contents and the code."""
    e, lat = (datafiles.require_file(p, "GLOTIP workbook") for p in (earlier_path, later_path))
    label = hashlib.sha256(earlier_label.encode()).hexdigest()[:8]
    version = (f"{VERSION}-{read.cache_version()}-{datafiles.code_digest(__file__)}-"
               f"{manifest.sha256_file(e)[:16]}-{label}")
    return datafiles.cached(lat, "glotip-revisions", version,
                            lambda: compare(read.load(e), read.load(lat), earlier_label))


def country_years(revised: pd.DataFrame) -> pd.DataFrame:
    """The country-years (and indicators) with a revised cell (rows of rule :data:`RULE` in
    ``revised``): country, year, indicator."""
    revised = revised[revised["rule"] == RULE]
    return (revised[["country", "year", "indicator"]].drop_duplicates()
            .sort_values(["country", "year", "indicator"]).reset_index(drop=True))


def leave_out(rows: pd.DataFrame, revised: pd.DataFrame, by=("country", "year")):
    """Split the rows a sum would take into (kept, left out): a country-year (a group of ``by``)
    leaves the sum whole when a cell the sum takes from it was revised (a row of rule
    :data:`RULE` in ``revised``), as the exclusion rules treat a flagged cell."""
    by, cell = list(by), ["country", "year", "indicator", "dimension", "category", "sex", "age"]
    revised = revised[revised["rule"] == RULE]
    near = rows[rows["country"].isin(set(revised["country"]))]  # few countries: a small table
    index = pd.MultiIndex.from_frame(near[cell].assign(category=near["category"].fillna("(none)")))
    hit = index.isin(pd.MultiIndex.from_frame(revised[cell]))
    if not hit.any():
        return rows, rows.iloc[:0]
    bad = near.loc[hit, by].drop_duplicates()
    out = rows.set_index(by).index.isin(bad.set_index(by).index)
    return rows[~out], rows[out]
