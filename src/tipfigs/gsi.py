"""Walk Free Global Slavery Index 2023: the country summary sheet as a tidy table."""

from __future__ import annotations

import os

import pandas as pd

from tipfigs import io, paths

SHEET = "GSI 2023 summary data"
DEFAULT_PATH = "data/raw/walkfree/2023-Global-Slavery-Index-Data.xlsx"

#: The five regions of the ILO/Walk Free/IOM estimates, in the order the article lists them.
REGIONS = (
    "Asia and the Pacific",
    "Europe and Central Asia",
    "Africa",
    "Americas",
    "Arab States",
)

#: workbook column -> tidy column
COLUMNS = {
    "Country": "country",
    "Population": "population",
    "Region": "region",
    "Estimated prevalence of modern slavery per 1,000 population": "prevalence_per_1000",
    "Estimated number of people in modern slavery": "number_in_modern_slavery",
    "Governance issues": "governance_issues",
    "Lack of basic needs": "lack_of_basic_needs",
    "Inequality": "inequality",
    "Disenfranchised groups": "disenfranchised_groups",
    "Effects of conflict": "effects_of_conflict",
    "Total Vulnerability score (%)": "vulnerability_total",
    "Government response total (%)": "government_response_total",
}
NUMERIC = [c for c in COLUMNS.values() if c not in ("country", "region")]

#: The five vulnerability dimensions (0-100, higher = more vulnerable).
VULNERABILITY_DIMENSIONS = (
    "governance_issues",
    "lack_of_basic_needs",
    "inequality",
    "disenfranchised_groups",
    "effects_of_conflict",
)


def _parse(path) -> pd.DataFrame:
    rows = io.xlsx_rows(path, SHEET)
    df = io.header_frame(rows, "Country", path, SHEET)
    where = f"{paths.show(path)}, sheet '{SHEET}'"
    io.require_columns(df, COLUMNS, where)
    df = df[list(COLUMNS)].rename(columns=COLUMNS)
    df = df[df["country"].notna()].reset_index(drop=True)
    for col in NUMERIC:
        df[col] = io.numeric(df, col, where)
    df["country"] = df["country"].astype(str).str.strip()
    df["region"] = df["region"].astype(str).str.strip()
    io.allowed_values(df["region"], REGIONS, "Region", where)
    return df


def load(path: str | os.PathLike = DEFAULT_PATH) -> pd.DataFrame:
    """One row per country: population, region, prevalence, estimated number, and the
    vulnerability and government-response scores (empty where the workbook has none)."""
    p = io.require_file(path, "GSI workbook")
    return io.cached(p, "gsi2023", 1, lambda: _parse(p))


def regional_totals(df: pd.DataFrame) -> pd.DataFrame:
    """Sum of the country estimates by region: number, population (of all countries and
    of those with an estimate) and the implied prevalence per 1,000."""
    has = df["number_in_modern_slavery"].notna()
    g = df.groupby("region", sort=False)
    out = pd.DataFrame({
        "countries": g.size(),
        "countries_with_estimate": df[has].groupby("region").size(),
        "number_in_modern_slavery": g["number_in_modern_slavery"].sum(min_count=1),
        "population": g["population"].sum(),
        "population_with_estimate": df[has].groupby("region")["population"].sum(),
    }).reindex([r for r in REGIONS if r in set(df["region"])])
    out["countries_with_estimate"] = out["countries_with_estimate"].fillna(0).astype(int)
    out["prevalence_per_1000"] = (
        out["number_in_modern_slavery"] / out["population_with_estimate"] * 1000
    )
    out.index.name = "region"
    return out.reset_index()
