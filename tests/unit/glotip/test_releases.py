"""The releases a UNODC notebook reads and its one set-up call (glotip.releases.setup): every
parameter validated by name, the files it reads recorded and cited (a workbook outside the
manifest is never cited as a UNODC release), the data-quality lines it prints, the filters and
the stated rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
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

from tipfigs import manifest, paths
from tipfigs.errors import ParameterError
from tipfigs.glotip import quality, read, releases, sums
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


def _manifest_release(root, body=None, key="glotip", published="2023-05-30"):
    """A planted workbook (or ``body``) listed in the fake root's manifest as the GLOTIP release
    of ``published``, at data/raw/data_glotip_<published>.xlsx; returns its path."""
    name = f"data_glotip_{published}.xlsx"
    path = (planted(root / "data" / "raw", name=name) if body is None else
            workbook(root / "data" / "raw", body, name=name))
    with open(root / "data" / "manifest.toml", "a") as f:
        f.write(f"""
[files.{key}]
path = "{name}"
published = "{published}"
title = "GLOTIP country data"
publisher = "UNODC"
release = "{published}"
url = "https://example.org/glotip"
sha256 = "{manifest.sha256_file(path)}"
terms = "terms"
citation = "UNODC ({published[:4]}). GLOTIP country data, release of {published}."
""")
    return path


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
    ({"exclusion": "yes"}, r"parameter exclusion='yes' is not allowed; choose one of "
                           r"'confirm-by-total', 'strict', 'none'"),
    ({"exclusion": True}, r"parameter exclusion=True is not allowed"),
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
    _manifest_release(root)
    other = planted(tmp_path, name="other.xlsx")
    published_file(root)
    out = _out(tmp_path)
    u = releases.setup(out, [str(other), "data/raw/data_glotip_2023-05-30.xlsx"],
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
    """A workbook outside the manifest has its table written where the run writes its outputs,
    and every line names a file that exists and lists what the line counts; the second workbook
    is compared with the first for revisions."""
    clean = workbook(tmp_path, clean_body(), name="clean.xlsx")
    out = _out(tmp_path)
    u = releases.setup(out, [str(planted(tmp_path)), str(clean)])
    lines = capsys.readouterr().out.splitlines()
    where = {k: out.output_dir / f"data-quality-glotip-{k}.csv" for k in ("planted", "clean")}
    assert lines == [
        "workbook planted.xlsx: 4 flagged cells (breakdown-sum-over-total 4); every flag is "
        f"listed in {paths.show(where['planted'])}",
        f"workbook clean.xlsx: 0 flagged cells (none); every flag is listed in "
        f"{paths.show(where['clean'])}"]
    for line in lines:
        named = Path(line.rsplit(" listed in ", 1)[1])
        assert paths.resolve(named).is_file()
    assert len(pd.read_csv(where["planted"])) == 4 and pd.read_csv(where["clean"]).empty
    assert u.quality_files == {"workbook planted.xlsx": where["planted"],
                               "workbook clean.xlsx": where["clean"]}
    # the first workbook has none before it; the second is compared with the first
    assert u.revised["workbook planted.xlsx"] is None
    assert u.revised["workbook clean.xlsx"].empty
    assert u.earlier == {"workbook planted.xlsx": "", "workbook clean.xlsx": "workbook planted.xlsx"}
    counts = u.flag_counts
    assert list(counts.index) == list(quality.RULES)
    assert list(counts.columns) == ["workbook planted.xlsx", "workbook clean.xlsx"]
    assert counts.loc["breakdown-sum-over-total"].tolist() == [4, 0]
    assert counts.to_numpy().sum() == len(read.flags(u.releases[0].path)) == 4


def test_a_manifest_release_names_its_table_under_figures_when_it_holds_these_flags(
        fake_root, tmp_path, capsys):
    root, _, _ = fake_root
    path = _manifest_release(root)
    figures = root / "figures" / "data-quality-glotip-2023-05-30.csv"
    out = _out(tmp_path)
    # no table under figures/ yet (make quality not run): the run writes its own and names it
    u = releases.setup(out, ["data/raw/data_glotip_2023-05-30.xlsx"])
    assert u.quality_files["article's release (2023-05-30)"] == (
        out.output_dir / "data-quality-glotip-2023-05-30.csv")
    # the table make quality writes: the run names it, and writes nothing
    figures.write_bytes(quality.csv_bytes(quality.table(path)))
    (out.output_dir / figures.name).unlink()
    u = releases.setup(out, ["data/raw/data_glotip_2023-05-30.xlsx"])
    assert u.quality_file(u.releases[0]) == "figures/data-quality-glotip-2023-05-30.csv"
    assert not (out.output_dir / figures.name).exists()
    assert capsys.readouterr().out.splitlines()[-1].endswith(
        "listed in figures/data-quality-glotip-2023-05-30.csv")
    # a stale table under figures/ is never named: the run writes the table it counted
    figures.write_text("rule\n")
    u = releases.setup(out, ["data/raw/data_glotip_2023-05-30.xlsx"])
    assert u.quality_files["article's release (2023-05-30)"] == out.output_dir / figures.name


def test_a_later_release_is_compared_with_the_manifest_release_before_it(fake_root, tmp_path,
                                                                        capsys):
    """Run on the later release alone, the set-up still finds its revisions: it reads the
    manifest's release before it (and records that it did)."""
    root, _, _ = fake_root
    gamma = [row("Gamma", V, "<5", year=2019, region="Africa", subregion="Northern Africa")]
    _manifest_release(root, clean_body() + gamma, key="glotip2023", published="2023-05-30")
    revised = [row("Gamma", V, "3,000", year=2019, region="Africa", subregion="Northern Africa")]
    _manifest_release(root, clean_body() + revised, key="glotip2025", published="2025-04-14")
    out = _out(tmp_path)
    u = releases.setup(out, ["data/raw/data_glotip_2025-04-14.xlsx"])
    (r,) = u.releases
    assert u.earlier[r.label] == "release of 2023-05-30"
    found = u.revised[r.label]
    assert found[["country", "year", "value", "compared_value"]].values.tolist() == [
        ["Gamma", 2019, "3,000", "<5"]]
    assert found.loc[0, "compared_with"] == "the same cell in the release of 2023-05-30"
    assert [Path(d["path"]).name for d in out.about["data"]] == [
        "data_glotip_2025-04-14.xlsx", "data_glotip_2023-05-30.xlsx"]
    assert "revised-between-releases 1" in capsys.readouterr().out
    # the first release has none before it
    u = releases.setup(out, ["data/raw/data_glotip_2023-05-30.xlsx"])
    assert u.revised[u.releases[0].label] is None


def test_filters_rows_and_the_rule(fake_root, tmp_path, capsys):
    path = str(planted(tmp_path))
    u = releases.setup(_out(tmp_path), [path], years=[2019, 2025], region="Europe")
    assert u.filters == {"area": "Europe", "region": "Europe", "subregion": None,
                         "first_year": 2019, "last_year": 2020, "exclusion": "confirm-by-total",
                         "rule": "flagged country-years left out unless a total confirms them",
                         "min_coverage": 0.5}
    assert not u.world
    (r,) = u.releases
    rows = u.rows(r, VICTIMS)
    assert set(rows["country"]) == {"Alpha", "Beta"} and set(rows["year"]) == {2019, 2020}
    assert set(u.rows(r)["indicator"]) == {V, PROSECUTED, CONVICTED}
    forms = sums.sex_age(rows[rows["dimension"] == "by form of exploitation"])
    # Alpha 2020's forms exceed its total, but each form adds up to its own total: kept
    kept, left_out = u.leave_out(forms)
    assert left_out.empty and len(kept) == len(forms)
    kept, left_out = u.leave_out(forms, exclusion="strict")
    assert set(zip(left_out["country"], left_out["year"], strict=True)) == {("Alpha", 2020)}
    assert len(kept) + len(left_out) == len(forms)

    strict = releases.setup(_out(tmp_path), [path], exclusion="strict", left_out="totals")
    assert strict.rule == "flagged totals left out"
    assert len(strict.leave_out(forms)[1]) == 8
    raw = releases.setup(_out(tmp_path), [path], exclusion="none", left_out="totals")
    assert raw.rule == "raw sums (flagged totals kept)"
    assert (raw.area, raw.world, raw.first_year, raw.last_year) == ("all countries", True,
                                                                     2018, 2020)
    kept, left_out = raw.leave_out(forms)
    assert left_out.empty and len(kept) == len(forms)


def test_setup_reads_a_release_whose_workbook_has_no_victims(fake_root, tmp_path, capsys):
    path = write_xlsx(tmp_path / "p.xlsx", [["UNODC"], [""], HEADER,
                                            row("Delta", PROSECUTED, "3", year=2015)])
    u = releases.setup(_out(tmp_path), [str(path)])
    (r,) = u.releases
    assert u.rows(r, V).empty and (u.first_year, u.last_year) == (2015, 2015)


def test_what_the_rule_removes_is_one_line_and_a_record_of_the_figure(fake_root, tmp_path, capsys):
    out = _out(tmp_path)
    # strict: the planted breakdown is left out although its parts agree with their own totals
    u = releases.setup(out, [str(planted(tmp_path))], years=[2019, 2025], region="Europe",
                       exclusion="strict")
    (r,) = u.releases
    rows = u.rows(r, VICTIMS)
    forms = sums.sex_age(rows[rows["dimension"] == "by form of exploitation"])
    kept, left_out = u.leave_out(forms)
    line = u.removed(r, "victims by form of exploitation", kept, left_out)
    low, high = left_out["value_low"].sum(), left_out["value_high"].sum()
    percent = 100 * low / (kept["value_low"].sum() + low)
    assert line.startswith(f"{r.label}, victims by form of exploitation: the rule leaves out "
                           "1 country-years, ")
    assert f"({percent:.1f}% of the persons summed without the rule)." in line
    (record,) = out.about["left_out"]
    assert record == {"data": r.label, "what": "victims by form of exploitation",
                      "rule": "flagged country-years left out", "groups": 1,
                      "persons_low": low, "persons_high": high, "percent": round(percent, 1)}
    assert "left_out" not in _out(tmp_path).about  # a figure that records nothing is unchanged


def test_a_release_is_named_in_plain_words_and_a_users_workbook_by_its_file():
    article = manifest.load()["glotip2023"]
    named = releases.Release(path=article.local, entry=article, data=pd.DataFrame())
    assert named.plain_name == "the May 2023 UNODC data release"
    mine = releases.Release(path=Path("data/my copy.xlsx"), entry=None, data=pd.DataFrame())
    assert mine.plain_name == "the workbook my copy.xlsx"
