"""Walk Free Global Slavery Index 2023: the country summary sheet as a tidy table, its sums by
region and in total, and general consistency checks of it (:func:`checks`).

Rule for a country whose population is missing or zero: it is kept in every count and left
out of every rate (numerator and denominator); :func:`checks` reports each such country.

Country names: the workbook uses short names ("North Korea", "Russia"); the table gives every
country its United Nations name (the English short name of the UN Statistics Division's M49
standard, as UNODC's data use it), by one rule applied to every row: :data:`UN_NAMES` maps each
workbook name that differs from the UN name, and every other name is kept (it already is the UN
name, or the area has no M49 entry: Kosovo, Taiwan). The workbook's own name is kept in
``name_in_workbook``. tests/test_gsi_io.py checks the mapping against the names UNODC's workbook
gives by ISO3 code.

A notebook reads the workbook through :func:`setup`: one call that validates the notebook's
parameters for this source, loads the table, records the file read and prints the consistency
lines.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tipfigs import datafiles, params, paths

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

#: Workbook name -> United Nations name (UN M49 English short name, as in UNODC's country data),
#: for the names of the GSI 2023 workbook that differ from it. Every other name is kept as it is.
UN_NAMES = {
    "Bolivia": "Bolivia (Plurinational State of)",
    "Cape Verde": "Cabo Verde",
    "Côte d'Ivoire": "Côte d’Ivoire",
    "Hong Kong": "China, Hong Kong Special Administrative Region",
    "Iran": "Iran (Islamic Republic of)",
    "Lao PDR": "Lao People's Democratic Republic",
    "Moldova": "Republic of Moldova",
    "North Korea": "Democratic People's Republic of Korea",
    "Republic of the Congo": "Congo",
    "Russia": "Russian Federation",
    "South Korea": "Republic of Korea",
    "Syria": "Syrian Arab Republic",
    "Tanzania": "United Republic of Tanzania",
    "United Kingdom": "United Kingdom of Great Britain and Northern Ireland",
    "Venezuela": "Venezuela (Bolivarian Republic of)",
}


def region_phrase(region: str) -> str:
    """The region's name as used in a sentence ('the Americas', 'Africa')."""
    return f"the {region}" if region in ("Americas", "Arab States") else region


def un_name(name: str) -> str:
    """The United Nations name of a country named ``name`` in the GSI workbook (see
    :data:`UN_NAMES`; a name not listed there is returned unchanged)."""
    return UN_NAMES.get(name, name)

#: The five vulnerability dimensions (0-100, higher = more vulnerable).
VULNERABILITY_DIMENSIONS = (
    "governance_issues",
    "lack_of_basic_needs",
    "inequality",
    "disenfranchised_groups",
    "effects_of_conflict",
)


def _parse(path) -> pd.DataFrame:
    rows = datafiles.xlsx_rows(path, SHEET)
    df = datafiles.header_frame(rows, "Country", path, SHEET)
    where = f"{paths.show(path)}, sheet '{SHEET}'"
    datafiles.require_columns(df, COLUMNS, where)
    df = df[list(COLUMNS)].rename(columns=COLUMNS)
    df = df[df["country"].notna()].reset_index(drop=True)
    for col in NUMERIC:
        df[col] = datafiles.numeric(df, col, where)
    df["name_in_workbook"] = df["country"].astype(str).str.strip()
    df["country"] = df["name_in_workbook"].map(un_name)
    df["region"] = df["region"].astype(str).str.strip()
    datafiles.allowed_values(df["region"], REGIONS, "Region", where)
    return df


def load(path: str | os.PathLike = DEFAULT_PATH) -> pd.DataFrame:
    """One row per country: its UN name (``country``; the workbook's own name in
    ``name_in_workbook``), population, region, prevalence, estimated number, and the
    vulnerability and government-response scores (empty where the workbook has none)."""
    p = datafiles.require_file(path, "GSI workbook")
    return datafiles.cached(p, "gsi2023", 2, lambda: _parse(p))


#: The workbook's estimated numbers are rounded to the thousand: a count and the number implied
#: by prevalence x population may differ by half of that.
COUNT_ROUNDING = 1000

def population_known(df: pd.DataFrame) -> pd.Series:
    """Whether each country has a usable population (a positive number)."""
    return (df["population"] > 0).fillna(False).astype(bool)


def for_rates(df: pd.DataFrame) -> pd.DataFrame:
    """The countries a rate can use: an estimate and a known population. A country with an
    estimate but no population (missing or zero) is kept in the counts and left out of every
    rate, numerator and denominator (:func:`regional_totals`, :func:`world_totals`)."""
    return df[df["number_in_modern_slavery"].notna() & population_known(df)]


def coverage(df: pd.DataFrame) -> dict:
    """How much of the table the estimates cover: ``countries`` (rows), ``with_estimate``,
    ``in_rates`` (an estimate and a population), ``without_estimate``, and
    ``population_share_without_estimate``: the share of the table's known population (every
    country with a population) that lives in the countries without an estimate."""
    has = df["number_in_modern_slavery"].notna()
    known = population_known(df)
    population = df["population"].where(known, 0.0)
    total = float(population.sum())
    return {
        "countries": int(len(df)),
        "with_estimate": int(has.sum()),
        "in_rates": int((has & known).sum()),
        "without_estimate": int((~has).sum()),
        "population_share_without_estimate":
            float(population[~has].sum()) / total if total > 0 else float("nan"),
    }


def checks(df: pd.DataFrame, count_rounding: float = COUNT_ROUNDING) -> pd.DataFrame:
    """General consistency checks of the country table, one row per country and failed check
    (country, region, check, detail, rule), in table order:

    - ``no population``: population missing or not positive;
    - ``count vs prevalence``: the estimated number differs from prevalence x population / 1,000
      by more than the rounding of the count (half of ``count_rounding``).
    """
    rows = []
    has = df["number_in_modern_slavery"].notna()
    known = population_known(df)
    implied = df["prevalence_per_1000"] * df["population"] / 1000
    gap = (df["number_in_modern_slavery"] - implied).abs()
    for i in df.index:
        r = df.loc[i]
        base = {"country": r["country"], "region": r["region"]}
        pop = "missing" if pd.isna(r["population"]) else f"{r['population']:,.0f}"
        if not known[i]:
            if has[i]:
                detail = (f"population {pop}, estimate {r['number_in_modern_slavery']:,.0f} people")
                if pd.notna(r["prevalence_per_1000"]):
                    detail += (f", prevalence {r['prevalence_per_1000']:.1f} per 1,000 (computed on a "
                               "population the table does not give)")
                rule = "kept in the counts, left out of every rate"
            else:
                detail, rule = f"population {pop}, no estimate", "adds nothing to any sum"
            rows.append({**base, "check": "no population", "detail": detail, "rule": rule})
        if known[i] and has[i] and pd.notna(implied[i]) and gap[i] > count_rounding / 2 + 1e-6:
            rows.append({**base, "check": "count vs prevalence",
                         "detail": f"estimate {r['number_in_modern_slavery']:,.0f} against "
                                   f"prevalence x population {implied[i]:,.0f}",
                         "rule": "reported; the estimate is used as published"})
    return pd.DataFrame(rows, columns=["country", "region", "check", "detail", "rule"])


def check_lines(q: pd.DataFrame) -> list[str]:
    """One printable line per finding of :func:`checks` (a single line when there is none)."""
    if q.empty:
        return ["Data quality: every country has a population, and every estimate agrees with "
                "prevalence x population within its rounding."]
    return [f"Data quality: {r.country} ({r.region}): {r.check}: {r.detail}. Rule: {r.rule}."
            for r in q.itertuples()]


def _totals(df: pd.DataFrame, key: pd.Series) -> pd.DataFrame:
    has = df["number_in_modern_slavery"].notna()
    known = population_known(df)
    rated = has & known
    g = df.groupby(key, sort=False)
    out = pd.DataFrame({
        "countries": g.size(),
        "countries_with_estimate": has.groupby(key).sum(),
        "countries_with_population": known.groupby(key).sum(),
        "countries_in_rates": rated.groupby(key).sum(),
        "number_in_modern_slavery": g["number_in_modern_slavery"].sum(min_count=1),
        "population": df["population"].where(known, 0.0).groupby(key).sum(),
        "number_in_rates": df["number_in_modern_slavery"].where(rated, 0.0).groupby(key).sum(),
        "population_in_rates": df["population"].where(rated, 0.0).groupby(key).sum(),
    })
    for c in ("countries_with_estimate", "countries_with_population", "countries_in_rates"):
        out[c] = out[c].astype(int)
    out["prevalence_per_1000"] = (out["number_in_rates"]
                                  / out["population_in_rates"].where(out["population_in_rates"] > 0)
                                  * 1000)
    return out


def regional_totals(df: pd.DataFrame) -> pd.DataFrame:
    """Sums of the country table by region (in the article's order):

    - ``countries``, ``countries_with_estimate``, ``countries_with_population``,
      ``countries_in_rates`` (an estimate and a population);
    - ``number_in_modern_slavery``: the sum of every estimate (counts keep every country);
    - ``population``: the sum of every known population (all countries, with or without an
      estimate; a missing or zero population adds nothing);
    - ``number_in_rates`` / ``population_in_rates``: the same sums over the countries in rates,
      and ``prevalence_per_1000``, their ratio (see :func:`for_rates`).
    """
    out = _totals(df, df["region"]).reindex([r for r in REGIONS if r in set(df["region"])])
    out.index.name = "region"
    return out.reset_index()


def world_totals(df: pd.DataFrame) -> pd.DataFrame:
    """The same sums as :func:`regional_totals` over all countries (one row, region 'World')."""
    out = _totals(df, pd.Series("World", index=df.index, name="region"))
    out.index.name = "region"
    return out.reset_index()


def release(path: str | os.PathLike):
    """What a claim computed on this workbook was computed from (``data=`` of the claims API):
    its manifest entry when it is the verified release, else a label naming the file."""
    p = datafiles.require_file(path, "GSI workbook")
    entry = datafiles.verify_release(p)
    return entry if entry is not None else f"{p.name} (a GSI workbook that is not a manifest release)"


@dataclass(frozen=True)
class GSISource:
    """What :func:`setup` returns: the country table (:func:`load`) and what a notebook needs
    to say where it came from."""

    #: One row per country (:func:`load`).
    countries: pd.DataFrame
    #: The workbook read.
    path: Path
    #: What claims computed on it take as ``data=`` (:func:`release`).
    data: object
    #: The validated filter parameters, for display: ``{"regions": [...]}`` (all five, in the
    #: article's order, when the notebook passes None).
    filters: dict
    #: The findings of :func:`checks` (printed by :func:`setup`, one line each).
    checks: pd.DataFrame
    #: The source note of the file actually read (a manifest release's citation, or the file's
    #: name and checksum when it is not a release).
    citation: str

    @property
    def regions(self) -> list[str]:
        """The regions chosen by the notebook's ``regions`` parameter, in the article's order."""
        return self.filters["regions"]


def setup(out, *, gsi_workbook: str | os.PathLike = DEFAULT_PATH, regions=None) -> GSISource:
    """A notebook's set-up of the GSI workbook: validate its parameters (``gsi_workbook``: a
    file; ``regions``: None or a list of region names), load the country table, record the
    file with ``out.uses`` (a :class:`tipfigs.outputs.FigureOutputs`), print one line per
    finding of the consistency checks (:func:`check_lines`) and return the table with its release, the
    filters and its citation. A bad parameter stops with one line naming it."""
    path = params.input_file("gsi_workbook", gsi_workbook)
    shown = params.subset("regions", regions, REGIONS)
    countries = load(path)
    data = release(path)
    citation = out.uses(path)["citation"]
    findings = checks(countries)
    # one write, so that the kernel sends the lines as one output whatever its flush timer does
    sys.stdout.write("".join(line + "\n" for line in check_lines(findings)))
    return GSISource(countries, path, data, {"regions": shown}, findings, citation)
