"""The UNODC notebooks (fig07, fig09): given a workbook outside the manifest they cite that file,
take the years asked for and write its data-quality table with their outputs (every message
names a file that exists); a region's longer headline stays within the page; a form whose
counts are all censored is checked as such, never as equal shares. Each runs the notebook's own
code in this process (builders.notebooks.run_code, no kernel)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from builders.notebooks import run_code

from tipfigs import paths


@pytest.mark.slow
def test_fig09_given_another_workbook_cites_that_file_and_takes_the_years(tmp_path):
    """End to end: the real notebook on a copy of the article's release saved elsewhere, with a
    fixed period, cites the file it read (never the UNODC release it is a copy of)."""
    copy = tmp_path / "my copy.xlsx"
    shutil.copy(paths.raw_dir() / "unodc" / "data_glotip_2023-05-30.xlsx", copy)
    out = run_code("fig09-criminal-justice", tmp_path / "out", glotip_workbooks=[str(copy)],
                     years=[2016, 2019])
    about = json.loads((out / "fig09-criminal-justice.about.json").read_text())
    assert [(d["kind"], Path(d["path"]).name) for d in about["data"]] == [("file", "my copy.xlsx")]
    svg = (out / "fig09-criminal-justice.svg").read_text()
    assert "UNODC (2023)" not in svg and "my copy.xlsx" in svg
    claims = json.loads((out / "fig09-criminal-justice.claims.json").read_text())
    assert {c["data"] for c in claims} == {"GLOTIP workbook my copy.xlsx", ""}
    assert all(c["source"].startswith("Data file my copy.xlsx (sha256 ") for c in claims if c["data"])
    table = pd.read_csv(out / "fig09-criminal-justice.csv")
    assert (table["year"].min(), table["year"].max()) == (2016, 2019)


@pytest.mark.slow
def test_fig07_given_another_workbook_and_years(tmp_path, capsys):
    """End to end: fig07 on one workbook outside the manifest and a [first, last] of years cites
    the file it read and the published shares, and checks the published shares of other years
    as not reproducible in this run."""
    copy = tmp_path / "my copy.xlsx"
    shutil.copy(paths.raw_dir() / "unodc" / "data_glotip_2023-05-30.xlsx", copy)
    stem = "fig07-detected-victims-by-sex-age"
    out = run_code(stem, tmp_path / "out", glotip_workbooks=[str(copy)], years=[2010, 2021])
    about = json.loads((out / f"{stem}.about.json").read_text())
    assert [(d["kind"], Path(d["path"]).name) for d in about["data"]] == [
        ("file", "my copy.xlsx"), ("transcribed", "glotip_published.csv")]
    assert "UNODC (2023)" not in (out / f"{stem}.svg").read_text()
    claims = {c["id"]: c for c in json.loads((out / f"{stem}.claims.json").read_text())}
    assert {c["data"] for c in claims.values()} == {"GLOTIP workbook my copy.xlsx"}
    assert all("Data file my copy.xlsx (sha256 " in c["source"] for c in claims.values())
    assert claims["published-women-2004"]["status"] == "not-reproducible"
    assert "2004 is outside the years 2010\u20132021 of this run" in claims[
        "published-women-2004"]["note"]
    assert claims["published-women-2018"]["article_value"] == 46
    table = pd.read_csv(out / f"{stem}.csv")  # the well-covered years of the run's years
    assert table["year"].min() == 2010 and table["year"].between(2010, 2021).all()
    # the workbook's data-quality table is written with the outputs, and the message names it
    quality = out / "data-quality-glotip-my copy.csv"
    named = _named_tables(capsys.readouterr().out)
    assert [Path(n).resolve() for n in named] == [quality.resolve()]
    assert len(pd.read_csv(quality)) > 1000
    # every claim carries its grid; the revised country-years cannot be left out (no release
    # before this one in the run), and the specifications are saved with the figure
    specs = pd.read_csv(out / f"{stem}.specs.csv")
    assert set(specs["choice_revised"]) == {"kept", "left-out"}
    assert set(specs.loc[~specs["computable"], "why_not_computable"]) == {
        "no earlier release to compare with"}
    assert claims["women-and-girls-majority"]["specs"]["n"] == 18


def _named_tables(printed: str) -> list[str]:
    """The data-quality tables the set-up's lines name, in what the notebook printed."""
    return [line.rsplit(" listed in ", 1)[1] for line in printed.splitlines()
            if "every flag is listed in" in line]


@pytest.mark.slow
def test_fig07_checks_a_form_whose_counts_are_all_censored_as_such(tmp_path, capsys):
    """Oceania, 2020: every count of sexual exploitation by sex and age is "<5" on both
    releases. Its claims are not reproducible, said so (never four equal shares of 25%), and the
    publication figure of the region is published all the same. The tables the set-up names
    (the manifest's, under figures/) exist."""
    stem = "fig07-detected-victims-by-sex-age"
    out = run_code(stem, tmp_path / "out", region="Oceania", form_year=2020)
    claims = json.loads((out / f"{stem}.claims.json").read_text())
    se = [c for c in claims if c["id"].startswith("sexual-exploitation-")]
    assert len(se) == 4 and all(c["status"] == "not-reproducible" for c in se)
    assert all("every count is censored" in json.dumps(c) for c in se)
    for suffix in (".png", ".slide.png", ".bare.png"):
        assert (out / f"{stem}{suffix}").is_file()
    assert "Oceania" in json.loads((out / f"{stem}.about.json").read_text())["title"]
    named = _named_tables(capsys.readouterr().out)
    assert named == ["figures/data-quality-glotip-2023-05-30.csv",
                     "figures/data-quality-glotip-2025-04-14.csv"]
    assert all((paths.root() / n).is_file() for n in named)


@pytest.mark.slow
def test_fig07_for_one_region_keeps_its_longer_headline_within_the_page(tmp_path):
    """A region's name makes the headline longer than the default's: it is broken between words
    and the figure is published (it used to stop at the print-size check)."""
    stem = "fig07-detected-victims-by-sex-age"
    out = run_code(stem, tmp_path / "out", region="Europe")
    about = json.loads((out / f"{stem}.about.json").read_text())
    assert "Europe" in about["title"]
    assert (out / f"{stem}.png").is_file()
