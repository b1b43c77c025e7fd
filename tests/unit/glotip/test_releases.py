"""The releases a UNODC notebook reads and its one set-up call (glotip.releases.setup): every
parameter validated by name, the files it reads recorded and cited (a workbook outside the
manifest is never cited as a UNODC release), the data-quality lines it prints, the filters and
the stated rule."""

from __future__ import annotations

import pytest
from builders.glotip import (
    HEADER,
    RELEASES,
    P,
    V,
    clean_body,
    planted,
    published_file,
    real_path,
    row,
    sample_body,
    workbook,
)
from builders.xlsx import write_xlsx

from tipfigs import manifest
from tipfigs.errors import ParameterError
from tipfigs.glotip import read, releases, sums
from tipfigs.glotip.checks import RULES
from tipfigs.glotip.schema import CONVICTED, PROSECUTED, VICTIMS
from tipfigs.outputs import FigureOutputs


@pytest.fixture
def sample(fake_root, tmp_path):
    return workbook(tmp_path, sample_body())


@pytest.fixture
def clean(fake_root, tmp_path):
    return workbook(tmp_path, clean_body(), name="clean.xlsx")


def _out(tmp_path) -> FigureOutputs:
    return FigureOutputs(stem="figzz-unodc", output_dir=tmp_path / "out")


def test_parameter_validators(sample):
    df = read.load(sample)
    assert releases.area("region", None, df, "region") is None
    assert releases.area("region", "Europe", df, "region") == "Europe"
    with pytest.raises(ParameterError, match="region='Atlantis'.*'Europe'"):
        releases.area("region", "Atlantis", df, "region")
    assert releases.fraction("min_coverage", 0.5) == 0.5
    for bad in (1.5, -0.1, "half", True):
        with pytest.raises(ParameterError, match="min_coverage"):
            releases.fraction("min_coverage", bad)


def test_releases_parameter(clean, fake_root, tmp_path):
    other = write_xlsx(tmp_path / "other.xlsx", [["UNODC"], [""], HEADER,
                                                  row("Delta", P, "3")])
    rs = releases.releases("glotip_workbooks", [str(clean), str(other)])
    assert [r.label for r in rs] == ["workbook clean.xlsx", "workbook other.xlsx"]
    assert rs[0].claims_data == "GLOTIP workbook clean.xlsx"
    # a file outside the manifest is drawn as a later release, and named by its file
    assert [(r.role, r.short_label) for r in rs] == [("latest", "workbook clean.xlsx"),
                                                      ("latest", "workbook other.xlsx")]
    assert [r.label for r in releases.releases("glotip_workbooks", str(clean))] == [
        "workbook clean.xlsx"]
    with pytest.raises(ParameterError, match="glotip_workbooks"):
        releases.releases("glotip_workbooks", [])
    with pytest.raises(ParameterError, match="twice"):
        releases.releases("glotip_workbooks", [str(clean), str(clean)])
    with pytest.raises(ParameterError, match="no such file"):
        releases.releases("glotip_workbooks", [str(tmp_path / "nope.xlsx")])


def test_the_real_releases_are_named_and_drawn_by_their_role():
    rs = releases.releases("glotip_workbooks", [str(real_path(d)) for d in reversed(RELEASES)])
    assert [(r.label, r.short_label, r.role) for r in rs] == [
        ("article's release (2023-05-30)", "article's release", "article"),
        ("latest release (2025-04-14)", "latest release", "latest")]


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
        releases.setup(_out(tmp_path), [str(planted(tmp_path))], **kwargs)


def test_the_workbooks_parameter_is_validated_by_name(fake_root, tmp_path):
    with pytest.raises(ParameterError, match="parameter glotip_workbooks=\\[\\] must be a list"):
        releases.setup(_out(tmp_path), [])
    with pytest.raises(ParameterError, match="parameter glotip_workbooks='x.xlsx': no such file"):
        releases.setup(_out(tmp_path), ["x.xlsx"])


def test_a_workbook_outside_the_manifest_is_cited_by_its_own_file(fake_root, tmp_path, capsys):
    root, _, _ = fake_root
    path = planted(tmp_path, name="my own.xlsx")
    out = _out(tmp_path)
    u = releases.setup(out, str(path))
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
    path = planted(root / "data" / "raw", name="glotip.xlsx")
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
    other = planted(tmp_path, name="other.xlsx")
    published_file(root)
    out = _out(tmp_path)
    u = releases.setup(out, [str(other), "data/raw/glotip.xlsx"],
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
    u = releases.setup(_out(tmp_path), [str(planted(tmp_path)), str(clean)])
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "workbook planted.xlsx: 4 flagged cells (breakdown-sum-over-total 4); every flag is "
        "listed in figures/data-quality-glotip-planted.csv",
        "workbook clean.xlsx: 0 flagged cells (none); every flag is listed in "
        "figures/data-quality-glotip-clean.csv"]
    counts = u.flag_counts
    assert list(counts.index) == list(RULES)
    assert list(counts.columns) == ["workbook planted.xlsx", "workbook clean.xlsx"]
    assert counts.loc["breakdown-sum-over-total"].tolist() == [4, 0]
    assert counts.to_numpy().sum() == len(read.flags(u.releases[0].path)) == 4


def test_filters_rows_and_the_rule(fake_root, tmp_path, capsys):
    path = str(planted(tmp_path))
    u = releases.setup(_out(tmp_path), [path], years=[2019, 2025], region="Europe")
    assert u.filters == {"area": "Europe", "region": "Europe", "subregion": None,
                         "first_year": 2019, "last_year": 2020, "exclude_flagged": True,
                         "rule": "flagged country-years left out", "min_coverage": 0.5}
    assert not u.world
    (r,) = u.releases
    rows = u.rows(r, VICTIMS)
    assert set(rows["country"]) == {"Alpha", "Beta"} and set(rows["year"]) == {2019, 2020}
    assert set(u.rows(r)["indicator"]) == {V, PROSECUTED, CONVICTED}
    forms = sums.sex_age(rows[rows["dimension"] == "by form of exploitation"])
    kept, left_out = u.leave_out(forms)
    assert set(zip(left_out["country"], left_out["year"], strict=True)) == {("Alpha", 2020)}
    assert len(kept) + len(left_out) == len(forms)

    raw = releases.setup(_out(tmp_path), [path], exclude_flagged=False, left_out="totals")
    assert raw.rule == "raw sums (flagged totals kept)"
    assert (raw.area, raw.world, raw.first_year, raw.last_year) == ("all countries", True,
                                                                     2018, 2020)
    kept, left_out = raw.leave_out(forms)
    assert left_out.empty and len(kept) == len(forms)
    assert releases.rule_name(True, "totals") == "flagged totals left out"


def test_setup_reads_a_release_whose_workbook_has_no_victims(fake_root, tmp_path, capsys):
    path = write_xlsx(tmp_path / "p.xlsx", [["UNODC"], [""], HEADER,
                                            row("Delta", PROSECUTED, "3", year=2015)])
    u = releases.setup(_out(tmp_path), [str(path)])
    (r,) = u.releases
    assert u.rows(r, V).empty and (u.first_year, u.last_year) == (2015, 2015)
