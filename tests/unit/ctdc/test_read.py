"""tipfigs.ctdc.read: a file of each release into the tidy schema, on small synthetic files;
every bad value named with its column; a parsed table cached under the code that parsed it."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest
from builders.ctdc import ISO_MAP, dictionary_stand_in, vp_row, write_release

import tipfigs
from tipfigs import datafiles, paths
from tipfigs.ctdc import filters, read, schema, shares
from tipfigs.errors import SchemaError


def test_missing_column_is_named(tmp_path):
    p = write_release(tmp_path, "2021", [{"yearOfRegistration": "2019", "gender": "Male"}],
                      drop=["typeOfLabourConstruction"])
    with pytest.raises(SchemaError, match="typeOfLabourConstruction"):
        read.load(p, "2021")


def test_bad_values_name_the_column(tmp_path):
    p = write_release(tmp_path, "2021", [{"yearOfRegistration": "2019", "gender": "M"}],
                      name="g.csv.gz")
    with pytest.raises(SchemaError, match="'gender'"):
        read.load(p, "2021")
    p = write_release(tmp_path, "2021", [{"yearOfRegistration": "1850", "gender": "Male"}],
                      name="y.csv.gz")
    with pytest.raises(SchemaError, match="yearOfRegistration"):
        read.load(p, "2021")
    p = write_release(tmp_path, "2021", [{"yearOfRegistration": "2019", "isForcedLabour": "yes"}],
                      name="f.csv.gz")
    with pytest.raises(SchemaError, match="isForcedLabour"):
        read.load(p, "2021")
    p = write_release(tmp_path, "2021",
                      [{"yearOfRegistration": "2019", "CountryOfExploitation": "US"}],
                      name="c.csv.gz")
    with pytest.raises(SchemaError, match="CountryOfExploitation"):
        read.load(p, "2021")


def test_2018_release_differences_are_mapped(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "iso2_to_iso3", lambda dictionary: ISO_MAP)
    dictionary = dictionary_stand_in(tmp_path)
    rows = [
        {"yearOfRegistration": "2016", "gender": "Unknown", "ageBroad": "Unknown",
         "citizenship": "KZ", "CountryOfExploitation": "Missing", "isForcedLabour": "0",
         "isSexualExploit": "1", "typeOfLabourManufacturing": "0"},
        {"yearOfRegistration": "2016", "gender": "Male", "ageBroad": "9--17",
         "citizenship": "Unknown", "CountryOfExploitation": "US", "isForcedLabour": "1",
         "typeOfLabourManufacturing": "1", "isForcedMarriage": "0"},
        {"yearOfRegistration": "2017", "gender": "Female", "ageBroad": "Unknown",
         "majorityStatus": "Adult", "citizenship": "PH", "CountryOfExploitation": "PH"},
    ]
    p = write_release(tmp_path, "2018", rows)
    df = read.load(p, "2018", dictionary=dictionary)
    assert df["sex"].tolist() == [None, "Male", "Female"]
    assert df["age_band"].tolist() == [None, "9--17", None]
    # the age category fills in where the age band is unknown
    assert df["age_group"].tolist() == [None, "Minor", "Adult"]
    assert df["sex_age"].tolist() == [None, "Boys", "Women"]
    assert df["citizenship"].tolist() == ["KAZ", None, "PHL"]
    assert df["country"].tolist() == [None, "USA", "PHL"]
    assert df["exploit_forced_labour"].tolist() == [False, True, False]
    assert df["exploit_sexual"].tolist() == [True, False, False]
    assert df["labour_manufacturing"].tolist() == [False, True, False]
    assert "labour_manufacturing" not in schema.available("2021", "labour")
    assert "manufacturing" in schema.available("2018", "labour")


def test_2018_unmapped_country_code_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "iso2_to_iso3", lambda dictionary: {"US": "USA"})
    dictionary = dictionary_stand_in(tmp_path)
    p = write_release(tmp_path, "2018", [{"yearOfRegistration": "2016", "gender": "Male",
                                          "citizenship": "ZZ", "CountryOfExploitation": "US"}])
    with pytest.raises(SchemaError, match="citizenship.*'ZZ'"):
        read.load(p, "2018", dictionary=dictionary)


def test_2021_age_band_is_normalised_and_sex_age_derived(tmp_path):
    rows = [{"yearOfRegistration": "2019", "gender": "Female", "ageBroad": "09--17"},
            {"yearOfRegistration": "2019", "gender": "Female", "ageBroad": "30--38"},
            {"yearOfRegistration": "2019", "gender": "Male", "ageBroad": ""}]
    df = read.load(write_release(tmp_path, "2021", rows), "2021")
    assert df["age_band"].tolist() == ["9--17", "30--38", None]
    assert df["sex_age"].tolist() == ["Girls", "Women", None]


def test_dictionary_iso_map_from_real_dictionary():
    path = paths.resolve(schema.DEFAULT_DICTIONARY)
    if not path.is_file():
        pytest.skip("CTDC dictionary not fetched (run `make data`)")
    m = read.iso2_to_iso3(path)
    assert m["KZ"] == "KAZ" and m["US"] == "USA" and m["MD"] == "MDA"


def test_2018_known_shares_and_missing_release_column(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "iso2_to_iso3", lambda dictionary: ISO_MAP)
    dictionary = dictionary_stand_in(tmp_path)
    # 2016: 1 of 4 known male, one "Unknown"; flags stored as 1/0
    rows = ([{"yearOfRegistration": "2016", "gender": "Male", "isForcedLabour": "1"}]
            + [{"yearOfRegistration": "2016", "gender": "Female", "isForcedLabour": "0"}] * 3
            + [{"yearOfRegistration": "2016", "gender": "Unknown", "isForcedLabour": "0"}])
    df = read.load(write_release(tmp_path, "2018", rows), "2018", dictionary=dictionary)
    s = shares.shares(df, "sex", ["year"], categories=schema.SEXES).set_index("category")
    assert s.loc["Male", "share"] == pytest.approx(0.25)
    assert s.loc["Female", "share"] == pytest.approx(0.75)
    assert s.loc["Male", "n_unknown"] == 1
    assert df["exploit_forced_labour"].sum() == 1
    p = write_release(tmp_path, "2018", rows, name="nomaj.csv.gz", drop=["majorityStatus"])
    with pytest.raises(SchemaError, match="majorityStatus"):
        read.load(p, "2018", dictionary=dictionary)


def test_an_unknown_release_is_refused(tmp_path):
    a = write_release(tmp_path, "2021", [{"yearOfRegistration": "2010"}], name="a.csv.gz")
    with pytest.raises(SchemaError, match="release"):
        read.load(a, "2020")


# -- the 2022 Victim-Perpetrator release: binned years, through the same loader ---------------------
def test_vp2022_bins_load_through_the_one_loader(tmp_path):
    rows = [vp_row(yearRegister="2005-2013", gender="Female", majorityStatus="Minor",
                   isSexualExploit="1", UN_COO_Region="Europe", UN_COE_Region="Asia"),
            vp_row(yearRegister="2019", gender="Male", majorityStatus="Adult", isForcedLabour="1"),
            vp_row(yearRegister="", gender="", majorityStatus="",
                   UN_COO_Region="Americas/Oceania")]
    df = read.load(write_release(tmp_path, "vp2022", rows), "vp2022")
    assert df["release"].tolist() == ["vp2022"] * 3
    assert df["year_start"].tolist()[:2] == [2005.0, 2019.0]
    assert df["year_end"].tolist()[:2] == [2013.0, 2019.0]
    # a multi-year bin has no single year; a one-year bin has; unknown stays unknown
    assert pd.isna(df.loc[0, "year"]) and df.loc[1, "year"] == 2019.0
    assert df[["year_start", "year_end", "year"]].iloc[2].isna().all()
    assert df["sex"].tolist() == ["Female", "Male", None]
    assert df["age_group"].tolist() == ["Minor", "Adult", None]  # from majorityStatus
    assert df["sex_age"].tolist() == ["Girls", "Men", None]
    assert df["age_band"].isna().all() and df["country"].isna().all()
    assert df["citizenship_region"].tolist() == ["Europe", None, "Americas/Oceania"]
    assert df["exploitation_region"].tolist() == ["Asia", None, None]
    assert df["exploit_sexual"].tolist() == [True, False, False]
    assert df["exploit_forced_labour"].tolist() == [False, True, False]
    assert filters.years_in(df) == (2005, 2019)


@pytest.mark.parametrize("value", ["2013-2005", "20x9", "1850-1860", "2019-"])
def test_vp2022_bad_bin_names_the_column(tmp_path, value):
    p = write_release(tmp_path, "vp2022", [vp_row(yearRegister=value, gender="Male")])
    with pytest.raises(SchemaError, match=f"'yearRegister'.*{value}"):
        read.load(p, "vp2022")


def test_vp2022_unknown_region_is_an_error(tmp_path):
    p = write_release(tmp_path, "vp2022", [vp_row(yearRegister="2019", UN_COE_Region="Atlantis")])
    with pytest.raises(SchemaError, match="UN_COE_Region.*Atlantis"):
        read.load(p, "vp2022")


# -- the parse cache, keyed on the code that parses ---------------------------------------------
def _package_imports(path: Path) -> set[Path]:
    """The package's module files that the module at ``path`` imports, directly or through the
    modules it imports (package ``__init__`` files aside: importing them parses nothing)."""
    pkg = Path(tipfigs.__file__).resolve().parent
    todo, seen = [path.resolve()], set()
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.add(f)
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tipfigs"):
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name.startswith("tipfigs")]
            for name in names:
                module = pkg.joinpath(*name.split(".")[1:]).with_suffix(".py")
                if name != "tipfigs" and module.is_file():
                    todo.append(module)
    return seen


def test_the_cache_is_keyed_on_the_code_that_parses_and_on_nothing_else():
    parsers = {Path(f).resolve() for f in read.PARSER_FILES}
    inits = {p for p in parsers if p.name == "__init__.py"}  # the CTDC package's docstring
    assert parsers - inits == _package_imports(Path(read.__file__))
    names = {p.name for p in parsers}
    assert {"read.py", "schema.py", "datafiles.py"} <= names
    # what only names, selects or counts records is not part of it: editing it re-parses nothing
    assert not names & {"names.py", "filters.py", "shares.py", "setup.py", "style.py", "words.py"}
    assert not any(p.parent.name == "figures" for p in parsers)
    assert read.cache_version() == datafiles.code_digest(*read.PARSER_FILES)


def test_a_change_to_the_parsing_code_is_never_hidden_by_a_cached_table(tmp_path, monkeypatch):
    p = write_release(tmp_path, "2021", [{"yearOfRegistration": "2019", "gender": "Male"}])
    parsed = []
    tidy = read.tidy
    monkeypatch.setattr(read, "tidy", lambda *a, **k: parsed.append(1) or tidy(*a, **k))
    read.load(p, "2021")
    assert len(read.load(p, "2021")) == 1 and len(parsed) == 1  # parsed once, then cached
    # the same parsing code with one change (a comment is enough): the file is parsed again
    changed = tmp_path / "read.py"
    changed.write_text(Path(read.__file__).read_text(encoding="utf-8") + "# changed\n",
                       encoding="utf-8")
    before = read.cache_version()
    monkeypatch.setattr(read, "PARSER_FILES", (str(changed), *read.PARSER_FILES[1:]))
    assert read.cache_version() != before
    assert len(read.load(p, "2021")) == 1 and len(parsed) == 2


def test_code_digest_follows_the_content_and_the_order_of_the_files(tmp_path):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("A = 1\n")
    b.write_text("B = 2\n")
    digest = datafiles.code_digest(a, b)
    assert digest == datafiles.code_digest(str(a), str(b))  # paths or their names
    assert digest != datafiles.code_digest(b, a)
    a.write_text("A = 2\n")
    assert datafiles.code_digest(a, b) != digest
