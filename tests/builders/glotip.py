"""Builders of GLOTIP test data: rows and small synthetic workbooks in the layout of the UNODC
releases (written by builders.xlsx: the project reads xlsx with python-calamine, which cannot
write), a clean body whose breakdowns add up to their totals, and the two real releases."""

from __future__ import annotations

import pytest

from builders.xlsx import write_xlsx
from tipfigs import paths
from tipfigs.glotip import read
from tipfigs.glotip.schema import ADULT, CHILD, CONVICTED, PROSECUTED, VICTIMS

HEADER = ["Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category",
          "Sex", "Age", "Year", "Unit of measurement", "txtVALUE", "Source"]
V, P, C = VICTIMS, PROSECUTED, CONVICTED
A, K = ADULT, CHILD

FORM = "by form of exploitation"
SE, FL = "Sexual exploitation", "Forced labour"

#: women, girls, men, boys of each form: the forms add up to the totals exactly
CLEAN_FORMS = {SE: (20, 8, 2, "<5"), FL: (10, 2, 18, 4)}

#: the header of a file of published shares (data/glotip_published.csv)
PUBLISHED_HEADER = ("id,quantity,region,year,value,unit,report,table_or_figure,page,stated_by,url,"
                    "url_date,checked\n")


def row(country, indicator, value, year=2020, sex="Total", age="Total", dimension="Total",
        category="Total", iso3=None, region="Europe", subregion="Western Europe"):
    return [iso3 if iso3 is not None else (country or "XXX")[:3].upper(), country, region,
            subregion, indicator, dimension, category, sex, age, year, "Counts", value, "GLOTIP"]


def workbook(tmp_path, body, header=HEADER, name="glotip.xlsx"):
    return write_xlsx(tmp_path / name, [["UNODC"], ["30/05/2023"], header, *body])


def sample_body():
    """Alpha and Beta by sex and age, Beta's persons prosecuted and convicted, a row for a group
    of countries (2023 release), and a questionnaire field code stored as a count (2025)."""
    return [
        row("Alpha", V, "1,282", sex="Female", age=A),
        row("Alpha", V, "<5", sex="Female", age=K),
        row("Alpha", V, "300", sex="Male", age=A),
        row("Alpha", V, "18", sex="Male", age=K),
        row("Alpha", V, "1,700"),
        row("Beta", V, "10", sex="Female", age=A),
        row("Beta", V, "<5", sex="Male", age=A),
        row("Beta", V, "7", sex="Other", age=A),
        row("Beta", P, "12"),
        row("Beta", C, "<5"),
        # a group of countries (2023 release): code, no name, no region
        row(None, P, "40", iso3="SAF", region=None, subregion=None),
        # a questionnaire field code in the value column (2025 release)
        row("Gamma", C, "61,102,019", dimension="by citizenship", category="Q6.1_10s_2019"),
    ]


def _count(v):
    return 0 if isinstance(v, str) else v


def block(country, year, forms=CLEAN_FORMS, totals=None, indicator=V):
    """One country-year of detected victims: the total by sex and age (sum of the forms unless
    ``totals`` is given) and the forms by sex and age, each with its own totals."""
    def cells(w, g, m, b, **kw):
        vals = {("Female", A): w, ("Female", K): g, ("Male", A): m, ("Male", K): b}
        out = [row(country, indicator, str(v), year=year, sex=s, age=a, **kw)
               for (s, a), v in vals.items()]
        n = {k: _count(v) for k, v in vals.items()}
        out += [row(country, indicator, str(n["Female", A] + n["Female", K]), year=year,
                    sex="Female", **kw),
                row(country, indicator, str(n["Male", A] + n["Male", K]), year=year, sex="Male",
                    **kw),
                row(country, indicator, str(n["Female", A] + n["Male", A]), year=year, age=A,
                    **kw),
                row(country, indicator, str(n["Female", K] + n["Male", K]), year=year, age=K,
                    **kw),
                row(country, indicator, str(sum(n.values())), year=year, **kw)]
        return out
    if totals is None:
        totals = tuple(
            "<5" if all(isinstance(f[i], str) for f in forms.values())
            else sum(_count(f[i]) for f in forms.values()) for i in range(4))
    rows = cells(*totals)
    for form, values in forms.items():
        rows += cells(*values, dimension=FORM, category=form)
    return rows


def clean_body():
    body = []
    for country in ("Alpha", "Beta"):
        for year in (2019, 2020):
            body += block(country, year)
            body += [row(country, P, "12", year=year), row(country, C, "<5", year=year)]
    return body


def planted(tmp_path, name="planted.xlsx"):
    """Alpha and Beta, 2019 and 2020; Alpha 2020's forms of exploitation exceed its total (a
    breakdown-sum-over-total flag); Gamma, in another region, reports in 2018 only."""
    body = [r for r in clean_body() if not (r[1] == "Alpha" and r[9] == 2020 and r[4] == V)]
    body += block("Alpha", 2020, forms={SE: (20, 8, 40, "<5"), FL: (10, 2, 18, 4)},
                  totals=(30, 10, 20, 4))
    body += [row("Gamma", V, "9", year=2018, region="Africa", subregion="Northern Africa")]
    return workbook(tmp_path, body, name=name)


def published_file(root, value="20"):
    """A file of published shares under ``root``/data: men 2018 (``value``) and boys 2018."""
    path = root / "data" / "published.csv"
    path.write_text("# Shares published by UNODC (test).\n" + PUBLISHED_HEADER
                    + f"men_2018,share of men among detected victims,World,2018,{value},per cent,"
                      "GLOTIP 2020,,,A page,https://example.org/a,2021-02-02,stated there\n"
                    + "boys_2018,share of boys among detected victims,World,2018,15,per cent,"
                      "GLOTIP 2020,,,A page,https://example.org/a,2021-02-02,stated there\n")
    return path


# -- The real releases ----------------------------------------------------------------------

RELEASES = {"2023-05-30": "data_glotip_2023-05-30.xlsx", "2025-04-14": "data_glotip_2025-04-14.xlsx"}


def real_path(date: str):
    """The committed workbook of the release of ``date``; the test fails if it is missing."""
    path = paths.raw_dir() / "unodc" / RELEASES[date]
    if not path.is_file():
        pytest.fail(f"{paths.show(path)} is missing: run `make data` first")
    return path


def real_release(date: str):
    """(rows, flags) of the release of ``date`` (cached after the first parse)."""
    path = real_path(date)
    return read.load(path), read.flags(path)


def hit(flags, rule, iso3, years, **where):
    """The years in ``years`` in which ``rule`` flags a cell of ``iso3`` (matching ``where``)."""
    f = flags[(flags["rule"] == rule) & (flags["iso3"] == iso3) & flags["year"].isin(years)]
    for k, v in where.items():
        f = f[f[k] == v]
    return sorted(set(f["year"]))
