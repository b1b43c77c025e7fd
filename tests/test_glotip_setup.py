"""The one set-up call of the UNODC notebooks (glotip.setup): every parameter validated by name,
the files it reads recorded and cited (a workbook outside the manifest is never cited as a UNODC
release), the data-quality lines it prints, the filters and the stated rule; and the claims helpers
of those notebooks (published_claims, ReleaseChecks)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_glotip import HEADER, V, row, workbook
from test_glotip_quality import FL, SE, block, clean_body
from xlsx import write_xlsx

from tipfigs import glotip, manifest
from tipfigs.claims import Claims, Reading
from tipfigs.errors import ParameterError, SchemaError
from tipfigs.outputs import FigureOutputs

PUBLISHED_HEADER = ("id,quantity,region,year,value,unit,report,table_or_figure,page,stated_by,url,"
                    "url_date,checked\n")


def _planted(tmp_path, name="planted.xlsx"):
    """Alpha and Beta, 2019 and 2020; Alpha 2020's forms of exploitation exceed its total (a
    breakdown-sum-over-total flag); Gamma, in another region, reports in 2018 only."""
    body = [r for r in clean_body() if not (r[1] == "Alpha" and r[9] == 2020 and r[4] == V)]
    body += block("Alpha", 2020, forms={SE: (20, 8, 40, "<5"), FL: (10, 2, 18, 4)},
                  totals=(30, 10, 20, 4))
    body += [row("Gamma", V, "9", year=2018, region="Africa", subregion="Northern Africa")]
    return workbook(tmp_path, body, name=name)


def _out(tmp_path) -> FigureOutputs:
    return FigureOutputs(stem="figzz-unodc", output_dir=tmp_path / "out")


def _published(root: Path, value="20") -> Path:
    path = root / "data" / "published.csv"
    path.write_text("# Shares published by UNODC (test).\n" + PUBLISHED_HEADER
                    + f"men_2018,share of men among detected victims,World,2018,{value},per cent,"
                      "GLOTIP 2020,,,A page,https://example.org/a,2021-02-02,stated there\n"
                    + "boys_2018,share of boys among detected victims,World,2018,15,per cent,"
                      "GLOTIP 2020,,,A page,https://example.org/a,2021-02-02,stated there\n")
    return path


@pytest.mark.parametrize("kwargs,message", [
    ({"exclude_flagged": "yes"}, r"parameter exclude_flagged='yes' is not allowed"),
    ({"years": [2020, 2019]}, r"parameter years=\[2020, 2019\]: first year after last year"),
    ({"years": [1990, 1995]}, r"parameter years=\[1990, 1995\] lies outside the data's years "
                              r"2018-2020"),
    ({"years": "2019"}, r"parameter years='2019' must be a pair of years"),
    ({"region": "Atlantis"}, r"parameter region='Atlantis' does not occur in the data; choose "
                             r"None or one of 'Africa', 'Europe'"),
    ({"subregion": "Nowhere"}, r"parameter subregion='Nowhere' does not occur"),
    ({"min_coverage": 1.5}, r"parameter min_coverage=1.5 must be a number between 0 and 1"),
    ({"published_shares": "nope.csv"}, r"parameter published_shares='nope.csv': no such file"),
])
def test_each_parameter_is_validated_by_name(fake_root, tmp_path, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        glotip.setup(_out(tmp_path), [str(_planted(tmp_path))], **kwargs)


def test_the_workbooks_parameter_is_validated_by_name(fake_root, tmp_path):
    with pytest.raises(ParameterError, match="parameter glotip_workbooks=\\[\\] must be a list"):
        glotip.setup(_out(tmp_path), [])
    with pytest.raises(ParameterError, match="parameter glotip_workbooks='x.xlsx': no such file"):
        glotip.setup(_out(tmp_path), ["x.xlsx"])


def test_a_workbook_outside_the_manifest_is_cited_by_its_own_file(fake_root, tmp_path, capsys):
    root, _, _ = fake_root
    path = _planted(tmp_path, name="my own.xlsx")
    out = _out(tmp_path)
    u = glotip.setup(out, str(path))
    assert [d["path"] for d in out.about["data"]] == [str(path)]
    assert out.about["data"][0]["kind"] == "file"
    assert u.citation == out.about["data"][0]["citation"] == u.citations["workbook my own.xlsx"]
    assert "my own.xlsx" in u.citation and "not a release listed" in u.citation
    assert "UNODC (2023)" not in u.citation
    assert u.data == {"workbook my own.xlsx": "GLOTIP workbook my own.xlsx"}
    assert u.published is None and u.published_citation == ""


def test_a_manifest_release_is_cited_by_its_entry_and_the_published_file_by_its_comment(
        fake_root, tmp_path, capsys):
    root, _, _ = fake_root
    path = _planted(root / "data" / "raw", name="glotip.xlsx")
    with open(root / "data" / "manifest.toml", "a") as f:
        f.write(f"""
[files.glotip]
path = "glotip.xlsx"
published = "2023-05-30"
title = "GLOTIP country data"
publisher = "UNODC"
release = "2023-05-30"
url = "https://example.org/glotip"
sha256 = "{manifest.sha256_file(path)}"
terms = "terms"
citation = "UNODC (2023). GLOTIP country data, release of 2023-05-30."
""")
    other = _planted(tmp_path, name="other.xlsx")
    _published(root)
    out = _out(tmp_path)
    u = glotip.setup(out, [str(other), "data/raw/glotip.xlsx"],
                     published_shares="data/published.csv")
    # the manifest release first (oldest first; files outside the manifest last), then the
    # published shares; each file read is recorded once, in the order read
    assert [d["kind"] for d in out.about["data"]] == ["release", "file", "transcribed"]
    assert u.labels == ["article's release (2023-05-30)", "workbook other.xlsx"]
    assert u.citation.startswith("UNODC (2023). GLOTIP country data, release of 2023-05-30. "
                                 "Data file other.xlsx (sha256 ")
    assert u.published_citation == "Shares published by UNODC (test)."
    assert "Shares published" not in u.citation
    assert list(u.published["group"]) == ["Men", "Boys"]
    assert u.data["article's release (2023-05-30)"].key == "glotip"


def test_the_data_quality_lines_and_counts(fake_root, tmp_path, capsys):
    clean = workbook(tmp_path, clean_body(), name="clean.xlsx")
    u = glotip.setup(_out(tmp_path), [str(_planted(tmp_path)), str(clean)])
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "workbook planted.xlsx: 4 flagged cells (breakdown-sum-over-total 4); every flag is "
        "listed in figures/data-quality-glotip-planted.csv",
        "workbook clean.xlsx: 0 flagged cells (none); every flag is listed in "
        "figures/data-quality-glotip-clean.csv"]
    counts = u.flag_counts
    assert list(counts.index) == list(glotip.RULES)
    assert list(counts.columns) == ["workbook planted.xlsx", "workbook clean.xlsx"]
    assert counts.loc["breakdown-sum-over-total"].tolist() == [4, 0]
    assert counts.to_numpy().sum() == len(glotip.quality(u.releases[0].path)) == 4


def test_filters_rows_and_the_rule(fake_root, tmp_path, capsys):
    path = str(_planted(tmp_path))
    u = glotip.setup(_out(tmp_path), [path], years=[2019, 2025], region="Europe")
    assert u.filters == {"area": "Europe", "region": "Europe", "subregion": None,
                         "first_year": 2019, "last_year": 2020, "exclude_flagged": True,
                         "rule": "flagged country-years left out", "min_coverage": 0.5}
    assert not u.world
    (r,) = u.releases
    rows = u.rows(r, glotip.VICTIMS)
    assert set(rows["country"]) == {"Alpha", "Beta"} and set(rows["year"]) == {2019, 2020}
    assert set(u.rows(r)["indicator"]) == {V, glotip.PROSECUTED, glotip.CONVICTED}
    forms = glotip.sex_age(rows[rows["dimension"] == "by form of exploitation"])
    kept, left_out = u.leave_out(forms)
    assert set(zip(left_out["country"], left_out["year"], strict=True)) == {("Alpha", 2020)}
    assert len(kept) + len(left_out) == len(forms)

    raw = glotip.setup(_out(tmp_path), [path], exclude_flagged=False, left_out="totals")
    assert raw.rule == "raw sums (flagged totals kept)"
    assert (raw.area, raw.world, raw.first_year, raw.last_year) == ("all countries", True,
                                                                     2018, 2020)
    kept, left_out = raw.leave_out(forms)
    assert left_out.empty and len(kept) == len(forms)
    assert glotip.rule_name(True, "totals") == "flagged totals left out"


def _claims(**values) -> Claims:
    readings = {cid: Reading(cid, ("s1",), f"reading {cid}", v, "per cent", 0.5)
                for cid, v in values.items()}
    return Claims("figzz-unodc", readings=readings)


def test_published_claims_map_each_share_to_its_reading(fake_root, tmp_path):
    root, _, _ = fake_root
    published = glotip.load_published(_published(root))
    claims = _claims(**{"published-men-2018": 20})
    assert glotip.published_claim_id("Women and girls", 2022) == "published-women-and-girls-2022"
    # boys 2018 has no reading: drawn, not checked
    assert glotip.published_claims(published, claims) == {"men_2018": "published-men-2018",
                                                          "boys_2018": None}
    # the same number transcribed twice must agree
    published = glotip.load_published(_published(root, value="21"))
    with pytest.raises(SchemaError, match=r"'men_2018' is 21 in the published shares file but 20 "
                                          r"in data/article_claims.csv \(claim published-men-2018\)"):
        glotip.published_claims(published, claims)


def _release(name) -> glotip.Release:
    return glotip.Release(Path(name), pd.DataFrame(), None)


def test_release_checks_record_by_release_and_say_whether_the_others_agree():
    a, b = _release("a.xlsx"), _release("b.xlsx")
    claims = _claims(x=50, y=10)
    checks = glotip.ReleaseChecks(claims, [a, b])
    checks.compare(b, "x", 50.3, "src b", evidence="direct", note="On b.", shown="50.3%")
    checks.test(a, "y", True, 12, "src a", evidence="other-source", note="Y on a.", shown="12")
    checks.compare(a, "x", 49.0, "src a", evidence="direct", note="On a.", shown="49.0%",
                   measure="per cent of something")
    checks.not_reproducible(b, "y", "src b", note="No y on b.", shown="no data")
    assert claims.items == []  # nothing is recorded before record()
    recorded = checks.record()
    assert [(c.id, c.data, c.status) for c in recorded] == [
        ("y", "GLOTIP workbook a.xlsx", "context"),
        ("x", "GLOTIP workbook a.xlsx", "differs"),
        ("x", "GLOTIP workbook b.xlsx", "reproduced"),
        ("y", "GLOTIP workbook b.xlsx", "not-reproducible")]
    assert recorded == claims.items
    notes = {(c.id, c.data[-6:]): c.note for c in recorded}
    assert notes["x", "a.xlsx"] == ("On a. Other release: the workbook b.xlsx does not agree: it "
                                    "holds there (50.3%).")
    assert notes["y", "a.xlsx"] == "Y on a. Other release: the workbook b.xlsx cannot check it (no data)."
    assert notes["y", "b.xlsx"] == ("No y on b. Other release: the workbook a.xlsx can: it holds "
                                    "there (12).")
    assert recorded[1].measure == "per cent of something" and recorded[1].article_value == 50
    with pytest.raises(ValueError, match="no checks to record"):
        checks.record()


def test_a_single_release_says_so():
    a = _release("a.xlsx")
    claims = _claims(x=50)
    checks = glotip.ReleaseChecks(claims, [a])
    checks.test(a, "x", False, 40, "src", evidence="direct", note="On a.", shown="40")
    (c,) = checks.record()
    assert c.note == "On a. Only one release was checked in this run."


def test_setup_reads_a_release_whose_workbook_has_no_victims(fake_root, tmp_path, capsys):
    path = write_xlsx(tmp_path / "p.xlsx", [["UNODC"], [""], HEADER,
                                            row("Delta", glotip.PROSECUTED, "3", year=2015)])
    u = glotip.setup(_out(tmp_path), [str(path)])
    (r,) = u.releases
    assert u.rows(r, V).empty and (u.first_year, u.last_year) == (2015, 2015)


@pytest.mark.slow
def test_fig09_given_another_workbook_cites_that_file_and_takes_the_years(tmp_path):
    """End to end: the real notebook on a copy of the article's release saved elsewhere, with a
    fixed period, cites the file it read (never the UNODC release it is a copy of)."""
    import json
    import shutil

    from figruns import run_figure

    from tipfigs import paths

    copy = tmp_path / "my copy.xlsx"
    shutil.copy(paths.raw_dir() / "unodc" / "data_glotip_2023-05-30.xlsx", copy)
    out = run_figure(tmp_path, "fig09-criminal-justice", glotip_workbooks=[str(copy)],
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
def test_fig07_given_another_workbook_and_years(tmp_path):
    """End to end: fig07 on one workbook outside the manifest and a [first, last] of years cites
    the file it read and the published shares, and checks the published shares of other years
    as not reproducible in this run."""
    import json
    import shutil

    from figruns import run_figure

    from tipfigs import paths

    copy = tmp_path / "my copy.xlsx"
    shutil.copy(paths.raw_dir() / "unodc" / "data_glotip_2023-05-30.xlsx", copy)
    stem = "fig07-detected-victims-by-sex-age"
    out = run_figure(tmp_path, stem, glotip_workbooks=[str(copy)], years=[2010, 2021])
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
    table = pd.read_csv(out / f"{stem}.csv")
    assert (table["year"].min(), table["year"].max()) == (2010, 2021)


@pytest.mark.slow
def test_fig07_for_one_region_keeps_its_longer_headline_within_the_page(tmp_path):
    """A region's name makes the headline longer than the default's: it is broken between words
    and the figure is published (it used to stop at the print-size check)."""
    import json

    from figruns import run_figure

    stem = "fig07-detected-victims-by-sex-age"
    out = run_figure(tmp_path, stem, region="Europe")
    about = json.loads((out / f"{stem}.about.json").read_text())
    assert "Europe" in about["title"]
    assert (out / f"{stem}.png").is_file()
