"""The notebooks' set-up calls for the Walk Free GSI workbook (gsi.setup) and the transcribed
GEMS values (transcribed.setup): parameters validated by name, the file actually read recorded
and cited, the data-quality lines printed."""

from __future__ import annotations

import sys

import pytest
from xlsx import write_xlsx

from tipfigs import gsi, manifest, paths, transcribed
from tipfigs.errors import ParameterError
from tipfigs.outputs import FigureOutputs


@pytest.fixture
def out(tmp_path):
    return FigureOutputs(stem="figzz-test", output_dir=tmp_path / "out")


def _sheet(*records):
    """The rows of a small GSI summary sheet: a title row, the header, the records."""
    header = list(gsi.COLUMNS)
    rows = [["Source: a title row"], header]
    for country, region, pop, number in records:
        r = dict.fromkeys(header)
        r.update({"Country": country, "Region": region, "Population": pop,
                  "Estimated number of people in modern slavery": number,
                  "Estimated prevalence of modern slavery per 1,000 population":
                      None if number is None or not pop else number / pop * 1000})
        rows.append([r[c] for c in header])
    return rows


def test_gsi_setup_reads_the_release_cites_it_and_prints_its_quality_lines(out, capsys):
    got = gsi.setup(out, gsi_workbook=gsi.DEFAULT_PATH)
    release = manifest.entry_for(paths.resolve(gsi.DEFAULT_PATH))
    assert got.data == release and got.citation == release.citation
    assert [d["path"] for d in out.about["data"]] == [gsi.DEFAULT_PATH]
    assert len(got.countries) == 180 and got.countries["number_in_modern_slavery"].notna().sum() == 160
    assert got.regions == list(gsi.REGIONS) and got.filters == {"regions": list(gsi.REGIONS)}
    printed = capsys.readouterr().out.splitlines()
    assert printed == gsi.check_lines(got.checks) and len(printed) == len(got.checks) > 0
    assert any(line.startswith("Data quality: Kosovo (Europe and Central Asia): no population")
               for line in printed)
    with pytest.raises(AttributeError):
        got.citation = "another"  # frozen: a notebook cannot change what was read


def test_gsi_setup_validates_each_parameter_by_name(out):
    with pytest.raises(ParameterError, match=r"^parameter gsi_workbook='data/raw/nope.xlsx': no such"):
        gsi.setup(out, gsi_workbook="data/raw/nope.xlsx")
    with pytest.raises(ParameterError, match=r"parameter regions has unknown value\(s\) 'Atlantis'"):
        gsi.setup(out, regions=["Atlantis"])
    with pytest.raises(ParameterError, match=r"parameter regions='Africa' must be a list"):
        gsi.setup(out, regions="Africa")
    assert out.about["data"] == []  # nothing recorded for a run that stopped
    got = gsi.setup(out, regions=["Arab States", "Africa"])
    assert got.regions == ["Africa", "Arab States"]  # the article's order
    assert len(got.countries) == 180  # the filter is for display: the table stays whole


def test_gsi_setup_cites_the_workbook_it_was_given_not_the_release(fake_root, tmp_path, out, capsys):
    path = write_xlsx(tmp_path / "another GSI.xlsx",
                      _sheet(("A", "Africa", 1000.0, 5.0), ("B", "Arab States", 2000.0, 20.0)),
                      sheet_name=gsi.SHEET)
    got = gsi.setup(out, gsi_workbook=str(path))
    assert "Walk Free" not in got.citation and "Global Slavery Index" not in got.citation
    assert got.citation.startswith("Data file another GSI.xlsx (sha256 ")
    assert got.citation == out.about["data"][0]["citation"]
    assert got.data == "another GSI.xlsx (a GSI workbook that is not a manifest release)"
    assert list(got.countries["country"]) == ["A", "B"]
    assert capsys.readouterr().out.splitlines() == [gsi.check_lines(got.checks)[0]]
    assert got.checks.empty  # both populations known, both counts = prevalence x population


def test_gsi_setup_prints_a_line_per_country_without_a_population(fake_root, tmp_path, out, capsys):
    path = write_xlsx(tmp_path / "gsi.xlsx",
                      _sheet(("A", "Africa", 1000.0, 5.0), ("Z", "Africa", 0, 7.0)),
                      sheet_name=gsi.SHEET)
    got = gsi.setup(out, gsi_workbook=str(path))
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "Data quality: Z (Africa): no population: population 0, estimate 7 people. "
        "Rule: kept in the counts, left out of every rate."]
    assert list(got.checks["country"]) == ["Z"]


def test_transcribed_setup_reads_cites_and_labels_the_file(out):
    got = transcribed.setup(out, gems_values="data/gems2022.csv")
    assert got.value("fl_world_2021") == 27.6
    assert got.cite("fl_world_2021").startswith("GEMS 2022")
    assert got.data == "GEMS 2022 values transcribed in data/gems2022.csv"
    with open(paths.resolve("data/gems2022.csv"), encoding="utf-8") as f:
        first = f.readline().lstrip("#").strip()
    assert got.citation == first and got.citation.startswith("Values transcribed from ILO")
    assert out.about["data"] == [{"kind": "transcribed", "path": "data/gems2022.csv",
                                  "citation": first}]
    assert got.filters == {}


def test_transcribed_setup_validates_its_parameter_by_name(out):
    with pytest.raises(ParameterError, match=r"^parameter gems_values='data/nope.csv': no such file"):
        transcribed.setup(out, gems_values="data/nope.csv")
    with pytest.raises(ParameterError, match=r"^parameter gems_values='' must be a path to a file"):
        transcribed.setup(out, gems_values="")
    assert out.about["data"] == []


def test_transcribed_setup_cites_a_copy_elsewhere_by_its_own_name(tmp_path, out):
    copy = tmp_path / "my values.csv"
    copy.write_text((paths.root() / "data/gems2022.csv").read_text().replace(
        "fl_world_2021,people in forced labour,World,2021,27.6,",
        "fl_world_2021,people in forced labour,World,2021,30.0,"))
    got = transcribed.setup(out, gems_values=str(copy))
    assert got.value("fl_world_2021") == 30.0
    assert got.citation.startswith("Data file my values.csv (sha256 ")
    assert got.data == "GEMS 2022 values transcribed in my values.csv"  # no machine path
    assert str(tmp_path) not in got.data


def test_gsi_setup_writes_its_quality_lines_in_one_write(out, monkeypatch):
    """One write: a kernel's output timer can split output only between writes, so the lines
    reach the notebook as one output in every run."""
    writes = []

    class Stdout:
        def write(self, text):
            writes.append(text)

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Stdout())
    got = gsi.setup(out)
    assert len(gsi.check_lines(got.checks)) > 1
    assert writes == ["".join(line + "\n" for line in gsi.check_lines(got.checks))]
