"""Unit tests of the CTDC loader and its helpers, on small synthetic files."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from tipfigs import ctdc
from tipfigs.errors import SchemaError


def _frame(release: str, rows: list[dict]) -> pd.DataFrame:
    cols = ctdc.required_columns(release)
    return pd.DataFrame([{c: r.get(c, "") for c in cols} for r in rows], columns=cols)


def _write(tmp_path, release: str, rows: list[dict], name: str = "ctdc.csv.gz", drop=()):
    df = _frame(release, rows).drop(columns=list(drop))
    p = tmp_path / name
    with gzip.open(p, "wt", newline="") as f:
        df.to_csv(f, index=False)
    return p


def _dictionary(tmp_path):
    """A stand-in for the CTDC dictionary's ISO2 -> ISO3 table (read through the same code path
    as the xlsx would be, by monkeypatching the reader)."""
    return {"US": "USA", "KZ": "KAZ", "MD": "MDA", "PH": "PHL"}


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    # keep the parquet cache of these tests out of the project's build/ folder
    monkeypatch.setattr(ctdc.paths, "cache_dir", lambda: tmp_path / "cache")


def test_known_male_share_per_year_is_exact(tmp_path):
    # 2019: 3 of 4 known are male (plus 2 unknown); 2020: 1 of 5 male
    rows = ([{"yearOfRegistration": "2019", "gender": "Male"}] * 3
            + [{"yearOfRegistration": "2019", "gender": "Female"}]
            + [{"yearOfRegistration": "2019", "gender": ""}] * 2
            + [{"yearOfRegistration": "2020", "gender": "Male"}]
            + [{"yearOfRegistration": "2020", "gender": "Female"}] * 4)
    p = _write(tmp_path, "2021", rows)
    df = ctdc.load(p, "2021")
    s = ctdc.shares(df, "sex", ["year"], categories=ctdc.SEXES)
    male = s[s["category"] == "Male"].set_index("year")
    assert male.loc[2019.0, "share"] == pytest.approx(0.75)
    assert male.loc[2020.0, "share"] == pytest.approx(0.2)
    assert male.loc[2019.0, "n_unknown"] == 2
    assert male.loc[2019.0, "unknown_share"] == pytest.approx(2 / 6)
    assert male.loc[2020.0, "n_known"] == 5


def test_missing_column_is_named(tmp_path):
    p = _write(tmp_path, "2021", [{"yearOfRegistration": "2019", "gender": "Male"}],
               drop=["typeOfLabourConstruction"])
    with pytest.raises(SchemaError, match="typeOfLabourConstruction"):
        ctdc.load(p, "2021")


def test_bad_values_name_the_column(tmp_path):
    p = _write(tmp_path, "2021", [{"yearOfRegistration": "2019", "gender": "M"}], name="g.csv.gz")
    with pytest.raises(SchemaError, match="'gender'"):
        ctdc.load(p, "2021")
    p = _write(tmp_path, "2021", [{"yearOfRegistration": "1850", "gender": "Male"}],
               name="y.csv.gz")
    with pytest.raises(SchemaError, match="yearOfRegistration"):
        ctdc.load(p, "2021")
    p = _write(tmp_path, "2021", [{"yearOfRegistration": "2019", "isForcedLabour": "yes"}],
               name="f.csv.gz")
    with pytest.raises(SchemaError, match="isForcedLabour"):
        ctdc.load(p, "2021")
    p = _write(tmp_path, "2021", [{"yearOfRegistration": "2019", "CountryOfExploitation": "US"}],
               name="c.csv.gz")
    with pytest.raises(SchemaError, match="CountryOfExploitation"):
        ctdc.load(p, "2021")


def test_2018_release_differences_are_mapped(tmp_path, monkeypatch):
    monkeypatch.setattr(ctdc, "iso2_to_iso3", lambda dictionary: _dictionary(tmp_path))
    dictionary = tmp_path / "dict.xlsx"
    dictionary.write_bytes(b"stand-in")
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
    p = _write(tmp_path, "2018", rows)
    df = ctdc.load(p, "2018", dictionary=dictionary)
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
    assert "labour_manufacturing" not in ctdc.available("2021", "labour")
    assert "manufacturing" in ctdc.available("2018", "labour")


def test_2018_unmapped_country_code_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(ctdc, "iso2_to_iso3", lambda dictionary: {"US": "USA"})
    dictionary = tmp_path / "dict.xlsx"
    dictionary.write_bytes(b"stand-in")
    p = _write(tmp_path, "2018", [{"yearOfRegistration": "2016", "gender": "Male",
                                   "citizenship": "ZZ", "CountryOfExploitation": "US"}])
    with pytest.raises(SchemaError, match="citizenship.*'ZZ'"):
        ctdc.load(p, "2018", dictionary=dictionary)


def test_2021_age_band_is_normalised_and_sex_age_derived(tmp_path):
    rows = [{"yearOfRegistration": "2019", "gender": "Female", "ageBroad": "09--17"},
            {"yearOfRegistration": "2019", "gender": "Female", "ageBroad": "30--38"},
            {"yearOfRegistration": "2019", "gender": "Male", "ageBroad": ""}]
    df = ctdc.load(_write(tmp_path, "2021", rows), "2021")
    assert df["age_band"].tolist() == ["9--17", "30--38", None]
    assert df["sex_age"].tolist() == ["Girls", "Women", None]


def test_select_by_years_and_country(tmp_path):
    rows = [{"yearOfRegistration": "2015", "CountryOfExploitation": "USA"},
            {"yearOfRegistration": "2018", "CountryOfExploitation": "USA"},
            {"yearOfRegistration": "2018", "CountryOfExploitation": "RUS"},
            {"yearOfRegistration": "", "CountryOfExploitation": "USA"}]
    df = ctdc.load(_write(tmp_path, "2021", rows), "2021")
    assert len(ctdc.select(df, (2016, 2020))) == 2
    assert len(ctdc.select(df, (2016, 2020), "USA")) == 1
    assert len(ctdc.select(df, None, "USA")) == 3
    assert ctdc.years_in(df) == (2015, 2018)


def test_flag_shares_over_records_with_any_flag(tmp_path):
    rows = [{"typeOfLabourConstruction": "1", "gender": "Male"},
            {"typeOfLabourConstruction": "1", "typeOfLabourOther": "1", "gender": "Male"},
            {"typeOfLabourDomesticWork": "1", "gender": "Female"},
            {"gender": "Female"}]  # no sector recorded: unknown
    rows = [dict(r, yearOfRegistration="2019") for r in rows]
    df = ctdc.load(_write(tmp_path, "2021", rows), "2021")
    s = ctdc.flag_shares(df, "labour", ctdc.available("2021", "labour"), by=["sex"])
    male = s[s["sex"] == "Male"].set_index("category")
    female = s[s["sex"] == "Female"].set_index("category")
    assert male.loc["construction", "share"] == pytest.approx(1.0)
    assert male.loc["other", "share"] == pytest.approx(0.5)
    assert female.loc["domestic_work", "share"] == pytest.approx(1.0)
    assert female.loc["domestic_work", "n_unknown"] == 1
    assert female.loc["domestic_work", "unknown_share"] == pytest.approx(0.5)


def test_suppress_blanks_thin_cells():
    df = pd.DataFrame({"n_known": [5, 50], "share": [0.4, 0.6]})
    out = ctdc.suppress(df, 10)
    assert out["suppressed"].tolist() == [True, False]
    assert pd.isna(out.loc[0, "share"]) and out.loc[1, "share"] == 0.6


def test_linear_slope():
    assert ctdc.linear_slope([2019, 2020, 2021], [0.1, 0.2, 0.3]) == pytest.approx(0.1)


def test_dictionary_iso_map_from_real_dictionary():
    path = ctdc.paths.resolve(ctdc.DEFAULT_DICTIONARY)
    if not path.is_file():
        pytest.skip("CTDC dictionary not fetched (run `make data`)")
    m = ctdc.iso2_to_iso3(path)
    assert m["KZ"] == "KAZ" and m["US"] == "USA" and m["MD"] == "MDA"


def test_2018_known_shares_and_missing_release_column(tmp_path, monkeypatch):
    monkeypatch.setattr(ctdc, "iso2_to_iso3", lambda dictionary: _dictionary(tmp_path))
    dictionary = tmp_path / "dict.xlsx"
    dictionary.write_bytes(b"stand-in")
    # 2016: 1 of 4 known male, one "Unknown"; flags stored as 1/0
    rows = ([{"yearOfRegistration": "2016", "gender": "Male", "isForcedLabour": "1"}]
            + [{"yearOfRegistration": "2016", "gender": "Female", "isForcedLabour": "0"}] * 3
            + [{"yearOfRegistration": "2016", "gender": "Unknown", "isForcedLabour": "0"}])
    df = ctdc.load(_write(tmp_path, "2018", rows), "2018", dictionary=dictionary)
    s = ctdc.shares(df, "sex", ["year"], categories=ctdc.SEXES).set_index("category")
    assert s.loc["Male", "share"] == pytest.approx(0.25)
    assert s.loc["Female", "share"] == pytest.approx(0.75)
    assert s.loc["Male", "n_unknown"] == 1
    assert df["exploit_forced_labour"].sum() == 1
    p = _write(tmp_path, "2018", rows, name="nomaj.csv.gz", drop=["majorityStatus"])
    with pytest.raises(SchemaError, match="majorityStatus"):
        ctdc.load(p, "2018", dictionary=dictionary)


def test_transgender_counts_among_known_sex(tmp_path):
    rows = [{"yearOfRegistration": "2019", "gender": g}
            for g in ("Male", "Female", "Transgender/NonConforming", "")]
    df = ctdc.load(_write(tmp_path, "2021", rows), "2021")
    s = ctdc.shares(df, "sex", categories=ctdc.SEXES).set_index("category")
    assert s.loc["Male", "share"] == pytest.approx(1 / 3)
    assert s.loc["Male", "unknown_share"] == pytest.approx(1 / 4)


def test_release_helpers(tmp_path):
    a = _write(tmp_path, "2021", [{"yearOfRegistration": "2010", "CountryOfExploitation": "USA"}],
               name="a.csv.gz")
    frames = ctdc.load_releases({"2021": a}, ["2021"])
    assert ctdc.data_years(frames) == (2010, 2010)
    assert ctdc.countries(frames) == ["USA"]
    with pytest.raises(SchemaError, match="release"):
        ctdc.load(a, "2020")


def test_require_records_names_the_filters():
    import pandas as pd

    from tipfigs.errors import DataError

    empty = pd.DataFrame({"year": []})
    full = pd.DataFrame({"year": [2010]})
    ctdc.require_records({"2021": empty, "2018": full}, (2002, 2003), "AFG")  # one release suffices
    with pytest.raises(DataError, match=r"no records \(country='AFG', years 2002-2003\)"):
        ctdc.require_records({"2021": empty, "2018": empty}, (2002, 2003), "AFG")
    with pytest.raises(DataError, match=r"all countries, any year"):
        ctdc.require_records(empty)
