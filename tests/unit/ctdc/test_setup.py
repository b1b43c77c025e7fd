"""tipfigs.ctdc.setup: one call that validates a CTDC figure's parameters, loads the releases,
records the files read and returns what the notebook draws from (small synthetic files, and the
verified vp2022 release for the citation of a manifest file); what a claim was computed on; the
source note that cites the releases read."""

from __future__ import annotations

import dataclasses

import pytest
from builders.ctdc import dictionary_stand_in, write_release

from tipfigs import paths
from tipfigs.ctdc import read, schema, setup
from tipfigs.errors import DataError, ParameterError
from tipfigs.outputs import FigureOutputs


@pytest.fixture
def files(tmp_path, monkeypatch):
    """One small file per release (2021: 2019-2020 and one record without a year, in USA and
    PHL; 2018: 2016-2017 in USA; vp2022: a bin and a year) and a stand-in dictionary."""
    monkeypatch.setattr(read, "iso2_to_iso3", lambda dictionary: {"US": "USA", "PH": "PHL"})
    dictionary = dictionary_stand_in(tmp_path)
    f2021 = write_release(tmp_path, "2021", [
        {"yearOfRegistration": "2019", "gender": "Male", "CountryOfExploitation": "USA"},
        {"yearOfRegistration": "2020", "gender": "Female", "CountryOfExploitation": "PHL"},
        {"yearOfRegistration": "", "gender": "Female", "CountryOfExploitation": "USA"},
    ], name="a2021.csv.gz")
    f2018 = write_release(tmp_path, "2018", [
        {"yearOfRegistration": "2016", "gender": "Male", "CountryOfExploitation": "US"},
        {"yearOfRegistration": "2017", "gender": "Female", "CountryOfExploitation": "US"},
    ], name="a2018.csv.gz")
    fvp = write_release(tmp_path, "vp2022", [
        {"yearRegister": "2005-2013", "gender": "Male"},
        {"yearRegister": "2019", "gender": "Female"},
    ], name="avp.csv.gz")
    return {"ctdc_2021_file": f2021, "ctdc_2018_file": f2018, "ctdc_vp2022_file": fvp,
            "ctdc_dictionary": dictionary}


def _out(tmp_path):
    return FigureOutputs(stem="figxx-test", output_dir=tmp_path / "out")


def _read(out):
    return [d["path"].rsplit("/", 1)[-1] for d in out.about["data"]]


def test_defaults_load_every_release_and_record_each_file_read(tmp_path, files, capsys):
    out = _out(tmp_path)
    s = setup.setup(out, releases=["2021", "2018", "vp2022"], **files, min_records=5)
    assert s.releases == ["2021", "2018", "vp2022"]
    assert _read(out) == ["a2021.csv.gz", "a2018.csv.gz", "avp.csv.gz", "dict.xlsx"]
    assert s.dictionary == files["ctdc_dictionary"]
    assert s.years == (2005, 2020) and s.all_years and s.year_filter is None
    # years=None: every record, those without a year too
    assert {r: len(df) for r, df in s.selected.items()} == {"2021": 3, "2018": 2, "vp2022": 2}
    assert s.frames["2018"]["country"].tolist() == ["USA", "USA"]
    assert s.data == {"2021": "CTDC synthetic data, 2021 release, file a2021.csv.gz",
                      "2018": "CTDC k-anonymised data, 2018 release, file a2018.csv.gz",
                      "vp2022": "CTDC Victim-Perpetrator synthetic data, 2022 release, "
                                "file avp.csv.gz"}
    assert s.filters == {"releases": ["2021", "2018", "vp2022"], "years": None, "country": None,
                         "min_records": 5}
    # files outside the manifest are named, never cited as the release
    assert s.citation.startswith("Sources: Data file a2021.csv.gz, in the format of the CTDC "
                                 "2021 release")
    assert "the dictionary file dict.xlsx" in s.citation
    assert setup.citation("2021") not in s.citation
    printed = capsys.readouterr().out
    assert "CTDC synthetic data, 2021 release: 3 records, 1 without a year of registration; " \
           "3 selected." in printed
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.country = "USA"


def test_none_or_empty_releases_mean_every_allowed_one(tmp_path, files):
    s = setup.setup(_out(tmp_path), releases=None, **files)
    assert s.releases == ["2021", "2018", "vp2022"]
    # a notebook without a vp2022 file parameter cannot draw that release
    no_vp = {k: v for k, v in files.items() if k != "ctdc_vp2022_file"}
    assert setup.setup(_out(tmp_path), releases=[], **no_vp).releases == ["2021", "2018"]
    with pytest.raises(ParameterError, match=r"parameter releases .*'vp2022'"):
        setup.setup(_out(tmp_path), releases=["vp2022"], **no_vp)


def test_need_restricts_the_releases_as_releases_with_does(tmp_path, files):
    s = setup.setup(_out(tmp_path), releases=None, **files, need="labour")
    assert s.releases == schema.releases_with("labour") == ["2021", "2018"]
    with pytest.raises(ParameterError, match=r"parameter releases has unknown value\(s\) "
                                             r"'vp2022'; allowed: '2021', '2018'"):
        setup.setup(_out(tmp_path), releases=["2021", "vp2022"], **files, need="labour")
    with pytest.raises(ParameterError, match="parameter releases='2021' must be a list"):
        setup.setup(_out(tmp_path), releases="2021", **files)


def test_single_release(tmp_path, files):
    s = setup.setup(_out(tmp_path), releases=["2018"], **files, need="control", single=True)
    assert s.releases == ["2018"]
    with pytest.raises(ParameterError, match="releases=.*must name exactly one release"):
        setup.setup(_out(tmp_path), releases=["2021", "2018"], **files, single=True)


def test_dictionary_is_read_and_cited_only_with_the_2018_release(tmp_path, files):
    out = _out(tmp_path)
    s = setup.setup(out, releases=["2021"], **{**files, "ctdc_dictionary": "no/such.xlsx"})
    assert s.dictionary is None and _read(out) == ["a2021.csv.gz"]
    assert "dictionary" not in s.citation and s.citation.startswith("Source: Data file a2021")
    with pytest.raises(ParameterError, match="parameter ctdc_dictionary='no/such.xlsx': no such file"):
        setup.setup(_out(tmp_path), releases=["2018"], **{**files, "ctdc_dictionary": "no/such.xlsx"})


@pytest.mark.parametrize("release", ["2021", "2018", "vp2022"])
def test_a_missing_file_names_its_parameter(tmp_path, files, release):
    name = setup.FILE_PARAMETERS[release]
    out = _out(tmp_path)
    with pytest.raises(ParameterError, match=f"parameter {name}='missing.csv': no such file"):
        setup.setup(out, releases=[release], **{**files, name: "missing.csv"})
    assert out.about["data"] == []  # nothing recorded as read


def test_years_filter_and_its_errors(tmp_path, files):
    s = setup.setup(_out(tmp_path), releases=["2021", "2018"], **files, years=[2017, 2019])
    assert not s.all_years and s.years == (2017, 2019) == s.year_filter
    assert {r: len(df) for r, df in s.selected.items()} == {"2021": 1, "2018": 1}
    assert s.filters["years"] == [2017, 2019]
    with pytest.raises(ParameterError, match="parameter years=.*first year after last year"):
        setup.setup(_out(tmp_path), releases=["2021"], **files, years=[2020, 2019])
    with pytest.raises(ParameterError, match="parameter years=.*outside the data's years 2019-2020"):
        setup.setup(_out(tmp_path), releases=["2021"], **files, years=[1995, 2000])
    with pytest.raises(ParameterError, match="parameter years='2019' must be a pair of years"):
        setup.setup(_out(tmp_path), releases=["2021"], **files, years="2019")


def test_dated_leaves_out_records_without_a_year_even_for_all_years(tmp_path, files):
    s = setup.setup(_out(tmp_path), releases=["2021", "vp2022"], **files, dated=True)
    assert s.all_years and s.year_filter is None
    assert {r: len(df) for r, df in s.selected.items()} == {"2021": 2, "vp2022": 2}
    assert s.selected["2021"]["year"].notna().all()


def test_country_filter_and_its_errors(tmp_path, files, capsys):
    s = setup.setup(_out(tmp_path), releases=None, **files, country="PHL")
    assert {r: len(df) for r, df in s.selected.items()} == {"2021": 1, "2018": 0, "vp2022": 0}
    assert s.no_country == ["vp2022"] and s.filters["country"] == "PHL"
    assert ("No country of exploitation recorded (regions only), so no record in country='PHL': "
            "CTDC Victim-Perpetrator synthetic data, 2022 release.") in capsys.readouterr().out
    with pytest.raises(ParameterError, match="parameter country='KAZ' does not occur in the data; "
                                             "codes present: PHL, USA"):
        setup.setup(_out(tmp_path), releases=None, **files, country="KAZ")
    with pytest.raises(ParameterError, match="parameter country='usa' must be an ISO3"):
        setup.setup(_out(tmp_path), releases=None, **files, country="usa")


def test_min_records_must_be_a_whole_number_of_at_least_one(tmp_path, files):
    for bad, words in ((0, "must be at least 1"), (2.5, "must be a whole number"),
                       (True, "must be a whole number")):
        with pytest.raises(ParameterError, match=f"parameter min_records={bad!r} {words}"):
            setup.setup(_out(tmp_path), releases=["2021"], **files, min_records=bad)


def test_filters_that_select_nothing_stop_with_a_clear_message(tmp_path, files):
    with pytest.raises(DataError, match=r"select no records \(country='PHL', years 2016-2017\)"):
        setup.setup(_out(tmp_path), releases=["2021", "2018"], **files, years=[2016, 2017],
                   country="PHL")


def test_cite_adds_the_figure_rules_and_can_name_fewer_releases(tmp_path, files):
    s = setup.setup(_out(tmp_path), releases=["2021", "2018"], **files)
    assert s.cite("Rule.") == s.citation + " Rule."
    one = s.cite(releases=["2021"])
    assert one.startswith("Sources: Data file a2021.csv.gz") and "a2018" not in one
    assert "dict.xlsx" in one  # the dictionary was read, so it is named


def test_a_verified_release_is_cited_as_its_publisher_asks(tmp_path):
    path = paths.resolve(schema.DEFAULT_FILES["vp2022"])
    if not path.is_file():
        pytest.skip("the verified CTDC 2022 release is not present (run `make data`)")
    out = _out(tmp_path)
    s = setup.setup(out, releases=["vp2022"], ctdc_vp2022_file=schema.DEFAULT_FILES["vp2022"])
    assert s.citation == setup.source_note({"vp2022": path})
    assert s.citation.startswith("Source: " + setup.citation("vp2022"))
    assert s.data["vp2022"].key == "ctdc_vp2022"
    assert out.about["data"][0]["kind"] == "release"
    assert out.about["data"][0]["citation"] == setup.citation("vp2022")


def test_data_of_names_the_release_of_a_file_outside_the_manifest(tmp_path):
    p = write_release(tmp_path, "2021", [{"yearOfRegistration": "2019"}], name="mine.csv.gz")
    assert setup.data_of(p, "2021") == "CTDC synthetic data, 2021 release, file mine.csv.gz"
    real = paths.resolve(schema.DEFAULT_FILES["vp2022"])
    if real.is_file():
        entry = setup.data_of(real, "vp2022")
        assert entry.key == "ctdc_vp2022" and entry.era == "article"


def test_source_note_cites_the_releases_read_and_describes_them_correctly(tmp_path):
    files = {r: schema.DEFAULT_FILES[r] for r in ("2021", "2018")}
    note = setup.source_note(files, dictionary=schema.DEFAULT_DICTIONARY, extra="Rule.")
    assert note.startswith("Sources: " + setup.citation("2021") + " " + setup.citation("2018"))
    assert setup.citation("vp2022") not in note
    assert "k-anonymised (k = 10)" in note
    assert "round" not in note and "multiples" not in note  # k-anonymity is not rounding
    assert "data dictionary of 2021-08-25" in note
    assert "data/raw" not in note and note.endswith(" Rule.")
    # a file that is not a manifest release is named, never cited as the release
    other = setup.source_note({"2021": tmp_path / "mine.csv.gz"})
    assert other.startswith("Source: Data file mine.csv.gz, in the format of the CTDC 2021 release")
    assert setup.citation("2021") not in other and "k = 10" not in other
