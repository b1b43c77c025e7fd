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


# -- the 2022 Victim-Perpetrator release: binned years, through the same loader ---------------------
def _vp(**kw):
    return {"yearRegister": "", "gender": "", "majorityStatus": "", "UN_COO_Region": "",
            "UN_COE_Region": "", **kw}


def test_vp2022_bins_load_through_the_one_loader(tmp_path):
    rows = [_vp(yearRegister="2005-2013", gender="Female", majorityStatus="Minor",
                isSexualExploit="1", UN_COO_Region="Europe", UN_COE_Region="Asia"),
            _vp(yearRegister="2019", gender="Male", majorityStatus="Adult", isForcedLabour="1"),
            _vp(yearRegister="", gender="", majorityStatus="",
                UN_COO_Region="Americas/Oceania")]
    df = ctdc.load(_write(tmp_path, "vp2022", rows), "vp2022")
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
    assert ctdc.available("vp2022", "exploit") == ["forced_labour", "sexual"]
    assert ctdc.available("vp2022", "labour") == []
    assert ctdc.releases_with("labour") == ["2021", "2018"]
    assert ctdc.releases_with("country") == ["2021", "2018"]
    assert ctdc.releases_with("age_group") == ["2021", "2018", "vp2022"]
    assert ctdc.years_in(df) == (2005, 2019)
    # the perpetrator columns are not required
    assert not any(c.startswith("IP_") for c in ctdc.required_columns("vp2022"))


@pytest.mark.parametrize("value", ["2013-2005", "20x9", "1850-1860", "2019-"])
def test_vp2022_bad_bin_names_the_column(tmp_path, value):
    p = _write(tmp_path, "vp2022", [_vp(yearRegister=value, gender="Male")])
    with pytest.raises(SchemaError, match=f"'yearRegister'.*{value}"):
        ctdc.load(p, "vp2022")


def test_vp2022_unknown_region_is_an_error(tmp_path):
    p = _write(tmp_path, "vp2022", [_vp(yearRegister="2019", UN_COE_Region="Atlantis")])
    with pytest.raises(SchemaError, match="UN_COE_Region.*Atlantis"):
        ctdc.load(p, "vp2022")


def test_select_keeps_whole_bins_only(tmp_path):
    rows = [_vp(yearRegister=y) for y in ("2005-2013", "2014-2018", "2019", "2020", "2021-2022", "")]
    df = ctdc.load(_write(tmp_path, "vp2022", rows), "vp2022")
    assert ctdc.select(df, (2014, 2020))["year_start"].tolist() == [2014.0, 2019.0, 2020.0]
    assert ctdc.select(df, (2015, 2022))["year_start"].tolist() == [2019.0, 2020.0, 2021.0]
    assert len(ctdc.select(df, (2014, 2020), keep_missing_year=True)) == 4
    assert len(ctdc.select(df, None, "USA")) == 0  # no country in this release


def test_vp2022_counts_match_the_dictionary_tabstat():
    data = ctdc.paths.resolve(ctdc.DEFAULT_FILES["vp2022"])
    dictionary = ctdc.paths.resolve(ctdc.VP_DICTIONARY)
    if not (data.is_file() and dictionary.is_file()):
        pytest.skip("CTDC Victim-Perpetrator data not fetched (run `make data`)")
    tab = ctdc.tabstat(dictionary)
    df = ctdc.load(data, "vp2022")
    assert len(df) == tab["yearRegister"]["Total"] == 21195

    def counts(s):
        return {("" if v is None else v): int(n)
                for v, n in s.astype(object).where(s.notna(), None).value_counts(dropna=False).items()}

    def expected(var):
        return {k: v for k, v in tab[var].items() if k != "Total"}

    periods = [None if pd.isna(a) else ctdc.period_label(a, b)
               for a, b in zip(df["year_start"], df["year_end"], strict=True)]
    assert counts(pd.Series(periods, dtype=object)) == expected("yearRegister")
    assert counts(df["sex"]) == expected("gender")
    assert counts(df["age_group"]) == expected("majorityStatus")
    assert counts(df["citizenship_region"]) == expected("UN_COO_Region")
    assert counts(df["exploitation_region"]) == expected("UN_COE_Region")
    for flag, var in (("exploit_forced_labour", "isForcedLabour"),
                      ("exploit_sexual", "isSexualExploit")):
        assert {"1": int(df[flag].sum()), "": int((~df[flag]).sum())} == expected(var)


def test_tabstat_reads_the_frequency_tables(tmp_path):
    from xlsx import write_xlsx

    rows = [["gender", "Gender, victim", None, None], [None] * 4,
            [None, None, "Freq.", "Percent"],
            ["Valid", "Female", 3.0, 60.0], [None, "Male", 2.0, 40.0], [None, "Total", 5.0, 100.0],
            ["Missing", None, 1.0, None], ["Total", None, 6.0, 100.0], [None] * 4,
            ["yearRegister", "Year of Registration", None, None],
            [None, None, "Freq.", "Percent"],
            ["Valid", "2005-2013", 4.0, 1.0], [None, 2019.0, 2.0, 1.0],
            ["Missing", None, 0.0, None], ["Total", None, 6.0, 100.0]]
    p = write_xlsx(tmp_path / "dict.xlsx", rows, sheet_name="TabStat")
    assert ctdc.tabstat(p) == {"gender": {"Female": 3, "Male": 2, "": 1, "Total": 6},
                               "yearRegister": {"2005-2013": 4, "2019": 2, "": 0, "Total": 6}}


# -- the two readings of a trend, on small frames with known answers --------------------------------
def _tidy_years(shares: dict, n: int = 100, bins: dict | None = None) -> pd.DataFrame:
    """A tidy-like frame: for each year (or bin (start, end)), n records of known sex, the given
    share of them male, and n // 10 records of unknown sex."""
    rows = []
    for key, share in shares.items():
        start, end = key if isinstance(key, tuple) else (key, key)
        males = round(share * n)
        rows += [(start, end, "Male")] * males + [(start, end, "Female")] * (n - males)
        rows += [(start, end, None)] * (n // 10)
    return pd.DataFrame(rows, columns=["year_start", "year_end", "sex"]).astype(
        {"year_start": float, "year_end": float})


def test_period_shares_and_thirds():
    df = _tidy_years({(2005, 2013): 0.4, (2014, 2018): 0.5, 2019: 0.3, 2020: 0.2, (2021, 2022): 0.6})
    p = ctdc.period_shares(df, "Male", min_records=50)
    assert p["period"].tolist() == ["2005-2013", "2014-2018", "2019", "2020", "2021-2022"]
    assert p["mid"].tolist() == [2009.5, 2016.5, 2019.5, 2020.5, 2022.0]
    assert p["width"].tolist() == [9, 5, 1, 1, 2]
    assert p["share"].tolist() == pytest.approx([0.4, 0.5, 0.3, 0.2, 0.6])
    assert p["n_unknown"].tolist() == [10] * 5
    assert p["year"].isna().tolist() == [True, True, False, False, True]
    # span 2005-2022 (18 years): thirds end at 2011 and 2017
    assert ctdc.thirds(p).tolist() == ["early", "middle", "late", "late", "late"]
    annual = ctdc.period_shares(_tidy_years(dict.fromkeys(range(2002, 2022), 0.5)))
    th = ctdc.thirds(annual)
    assert annual.loc[th == "early", "period"].tolist() == [str(y) for y in range(2002, 2009)]
    assert annual.loc[th == "late", "period"].tolist() == [str(y) for y in range(2015, 2022)]
    thin = ctdc.period_shares(_tidy_years({2019: 0.5}, n=20), min_records=50)
    assert thin["suppressed"].tolist() == [True] and thin["share"].isna().all()


def test_long_run_rise_that_is_not_a_recent_rise():
    # 2000-2014: rises from 10% to 50% by 2009, then falls to 30% over the last five years
    shares = {2000: 0.1, 2001: 0.1, 2002: 0.15, 2003: 0.2, 2004: 0.2, 2005: 0.3, 2006: 0.35,
              2007: 0.4, 2008: 0.45, 2009: 0.5, 2010: 0.5, 2011: 0.45, 2012: 0.4, 2013: 0.35,
              2014: 0.3}
    p = ctdc.period_shares(_tidy_years(shares))
    long = ctdc.long_run_change(p)
    assert (long["early"], long["late"]) == ("2000-2004", "2010-2014")
    assert long["early_share"] == pytest.approx(0.15)
    assert long["late_share"] == pytest.approx(0.4)
    assert long["change_pp"] == pytest.approx(25.0) and long["rise"]
    recent = ctdc.recent_trend(p, 5)
    assert recent["window"] == "2010-2014" and recent["periods"] == "2010, 2011, 2012, 2013, 2014"
    assert recent["slope_pp"] == pytest.approx(-5.0) and not recent["rise"]
    assert (recent["steps_up"], recent["steps"]) == (0, 4)


def test_recent_rise_that_is_not_a_long_run_rise():
    # high at first (60%), low in the middle, rising 10% -> 30% in the last five years
    shares = {2000: 0.6, 2001: 0.6, 2002: 0.6, 2003: 0.6, 2004: 0.6, 2005: 0.2, 2006: 0.1,
              2007: 0.1, 2008: 0.1, 2009: 0.1, 2010: 0.1, 2011: 0.15, 2012: 0.2, 2013: 0.25,
              2014: 0.3}
    p = ctdc.period_shares(_tidy_years(shares))
    long = ctdc.long_run_change(p)
    assert long["change_pp"] == pytest.approx(20.0 - 60.0) and not long["rise"]
    recent = ctdc.recent_trend(p, 5)
    assert recent["slope_pp"] == pytest.approx(5.0) and recent["rise"]
    assert recent["change_pp"] == pytest.approx(20.0) and recent["steps_up"] == 4


def test_readings_on_bins_and_when_they_cannot_be_computed():
    # bins: the recent window (last five years, 2018-2022) holds the bins 2019, 2020, 2021-2022
    p = ctdc.period_shares(_tidy_years(
        {(2005, 2013): 0.5, (2014, 2018): 0.4, 2019: 0.2, 2020: 0.3, (2021, 2022): 0.4}))
    recent = ctdc.recent_trend(p, 5)
    assert recent["periods"] == "2019, 2020, 2021-2022"
    assert recent["slope_pp"] == pytest.approx(100 * ctdc.linear_slope(
        [2019.5, 2020.5, 2022.0], [0.2, 0.3, 0.4]))
    assert recent["rise"]
    long = ctdc.long_run_change(p)
    assert (long["early"], long["late"]) == ("2005-2013", "2019-2022")
    assert (long["early_years"], long["late_years"]) == ((2005, 2013), (2019, 2022))
    assert long["late_share"] == pytest.approx((20 + 30 + 40) / 300) and not long["rise"]
    one = ctdc.period_shares(_tidy_years({2019: 0.5}))
    assert ctdc.long_run_change(one) is None  # a single period: no early or late third
    assert ctdc.recent_trend(one, 5) is None


def test_weighted_slope_counts_records():
    assert ctdc.linear_slope([0, 1, 2], [0.0, 0.0, 1.0], weights=[1, 1, 1]) == pytest.approx(0.5)
    # the heavy first two points pull the line flat
    assert ctdc.linear_slope([0, 1, 2], [0.0, 0.0, 1.0], weights=[1000, 1000, 1]) < 0.5


# -- women and men compared, over forced-labour victims -----------------------------------------------
def test_sector_shares_condition_on_the_forced_labour_flag(tmp_path):
    rows = [
        {"gender": "Female", "isForcedLabour": "1", "typeOfLabourDomesticWork": "1"},
        {"gender": "Female", "isForcedLabour": "1", "typeOfLabourAgriculture": "1"},
        {"gender": "Female", "isForcedLabour": "1"},  # forced labour, no sector: unknown
        # a sector flag without the forced-labour flag: left out
        {"gender": "Female", "isSexualExploit": "1", "typeOfLabourDomesticWork": "1"},
        {"gender": "Female", "typeOfLabourDomesticWork": "1"},
        {"gender": "Male", "isForcedLabour": "1", "typeOfLabourConstruction": "1"},
        {"gender": "Male", "typeOfLabourConstruction": "1"},
        {"gender": "", "isForcedLabour": "1", "typeOfLabourConstruction": "1"},  # sex unknown
    ]
    rows = [dict(r, yearOfRegistration="2019") for r in rows]
    df = ctdc.load(_write(tmp_path, "2021", rows), "2021")
    sectors = ctdc.available("2021", "labour")
    s = ctdc.sector_shares_by_sex(df, sectors).set_index(["sex", "category"])
    assert s.loc[("Female", "domestic_work"), "count"] == 1
    assert s.loc[("Female", "domestic_work"), "n_known"] == 2
    assert s.loc[("Female", "domestic_work"), "share"] == pytest.approx(0.5)
    assert s.loc[("Female", "domestic_work"), "n_unknown"] == 1
    assert s.loc[("Male", "construction"), "share"] == pytest.approx(1.0)
    assert s.loc[("Male", "construction"), "n_known"] == 1
    assert ctdc.sector_without_forced_labour(df, sectors) == 3


def test_much_more_likely_has_two_readings():
    both = ctdc.much_more_likely(0.515, 0.051)
    assert both["ratio"] == pytest.approx(10.098, abs=1e-3)
    assert both["difference_pp"] == pytest.approx(46.4)
    assert both["ratio_holds"] and both["points_holds"]
    rare = ctdc.much_more_likely(0.02, 0.005)  # four times as likely, 1.5 points apart
    assert rare["ratio_holds"] and not rare["points_holds"]
    common = ctdc.much_more_likely(0.6, 0.4)  # 20 points apart, 1.5 times as likely
    assert common["points_holds"] and not common["ratio_holds"]
    assert ctdc.much_more_likely(0.3, 0.0)["ratio"] == float("inf")


def test_data_of_names_the_release_of_a_file_outside_the_manifest(tmp_path):
    p = _write(tmp_path, "2021", [{"yearOfRegistration": "2019"}], name="mine.csv.gz")
    assert ctdc.data_of(p, "2021") == "CTDC synthetic data, 2021 release, file mine.csv.gz"
    real = ctdc.paths.resolve(ctdc.DEFAULT_FILES["vp2022"])
    if real.is_file():
        entry = ctdc.data_of(real, "vp2022")
        assert entry.key == "ctdc_vp2022" and entry.era == "article"


# -- age parts of a flag's share, and the words of the findings ---------------------------------------
def test_flag_parts_split_each_share_by_age_group_over_one_denominator():
    df = pd.DataFrame({
        "sex": ["Female"] * 5 + ["Male"] * 2 + [None],
        "age_group": ["Adult", "Minor", None, "Adult", "Adult", "Minor", "Adult", "Adult"],
        "labour_domestic_work": [True, True, True, False, False, False, False, True],
        "labour_construction": [False, False, False, True, False, True, True, False],
    })
    df.loc[4, "labour_domestic_work"] = False  # a record with no type: not in the denominator
    p = ctdc.flag_parts(df, "labour", ["domestic_work", "construction"])
    f = p[(p["sex"] == "Female") & (p["category"] == "domestic_work")]
    assert f["age_group"].tolist() == ["Adult", "Minor", None]
    assert f["count"].tolist() == [1, 1, 1]
    assert set(f["n_known"]) == {4}  # four female records with a type; sex unknown left out
    whole = ctdc.flag_shares(df[df["sex"].notna()], "labour", ["domestic_work", "construction"],
                             by=["sex"]).set_index(["sex", "category"])["share"]
    summed = p.groupby(["sex", "category"])["share"].sum()
    assert summed.to_dict() == pytest.approx(whole.to_dict())
    m = p[(p["sex"] == "Male") & (p["category"] == "construction")]
    assert list(zip(m["age_group"], m["count"], strict=True)) == [("Adult", 1), ("Minor", 1),
                                                                  (None, 0)]


def test_words_for_ranges_years_and_signs():
    assert ctdc.pct_range([0.486, 0.757]) == "49\u201376%"
    assert ctdc.pct_range([0.9491, 0.9488]) == "95%"
    assert ctdc.pct_range([float("nan"), None]) == "n/a"
    assert ctdc.pct_range([0.123], digits=1) == "12.3%"
    assert ctdc.years_text(2019.0, 2019.0) == "2019"
    assert ctdc.years_text(2005, 2013) == "2005\u20132013"
    assert ctdc.signed(-5.16) == "\u22125.2" and ctdc.signed(7.76) == "+7.8"
    assert ctdc.releases_text(["2021"]) == "the 2021 release"
    assert ctdc.releases_text(["2021", "2018", "vp2022"]) == (
        "the 2021, 2018 and 2022 Victim-Perpetrator releases")


def test_source_note_cites_the_releases_read_and_describes_them_correctly(tmp_path):
    files = {r: ctdc.DEFAULT_FILES[r] for r in ("2021", "2018")}
    note = ctdc.source_note(files, dictionary=ctdc.DEFAULT_DICTIONARY, extra="Rule.")
    assert note.startswith("Sources: " + ctdc.citation("2021") + " " + ctdc.citation("2018"))
    assert ctdc.citation("vp2022") not in note
    assert "k-anonymised (k = 10)" in note
    assert "round" not in note and "multiples" not in note  # k-anonymity is not rounding
    assert "data dictionary of 2021-08-25" in note
    assert "data/raw" not in note and note.endswith(" Rule.")
    # a file that is not a manifest release is named, never cited as the release
    other = ctdc.source_note({"2021": tmp_path / "mine.csv.gz"})
    assert other.startswith("Source: Data file mine.csv.gz, in the format of the CTDC 2021 release")
    assert ctdc.citation("2021") not in other and "k = 10" not in other


def _long(early, late, ey, ly):
    return {"early_share": early, "late_share": late, "early_years": ey, "late_years": ly,
            "rise": late > early}


def _recent(slope):
    return {"slope_pp": slope, "rise": slope > 0}


def test_trend_headline_and_finding_follow_the_readings():
    readings = {"2018": {"long": _long(0.151, 0.285, (2002, 2006), (2013, 2017)),
                         "recent": _recent(-5.16)},
                "vp2022": {"long": _long(0.444, 0.419, (2005, 2013), (2019, 2022)),
                           "recent": _recent(1.09)}}
    assert ctdc.trend_headline(readings) == ("Men and boys are a larger share of identified "
                                             "victims than in the first years of registration "
                                             "in 1 of 2 CTDC releases")
    finding = ctdc.trend_finding(readings, 5, 100)
    assert finding.startswith("Among identified victims with a recorded sex, men and boys were a "
                              "larger share in the last third")
    assert "in 1 of 2 releases tested" in finding
    assert "2018 release: 15.1% in 2002\u20132006, 28.5% in 2013\u20132017" in finding
    assert "2022 Victim-Perpetrator release \u22121" not in finding  # the name keeps its hyphen
    assert "2018 release \u22125.2; 2022 Victim-Perpetrator release +1.1" in finding
    assert finding.endswith(")."), finding
    # no rise anywhere: said without a double negative
    falls = {"2021": {"long": _long(0.3, 0.2, (2002, 2008), (2015, 2021)), "recent": _recent(-1.0)}}
    assert ctdc.trend_headline(falls).startswith("Men and boys are not a larger share")
    f = ctdc.trend_finding(falls, 5, 100)
    assert "not a larger share" in f and "did not rise" in f and "the one release tested" in f
    # nothing computable
    none = {"2021": {"long": None, "recent": None}}
    assert ctdc.trend_headline(none).startswith("Too few records")
    assert "at least 100 records" in ctdc.trend_finding(none, 5, 100)


def test_exploitation_headline_and_finding_follow_the_shares():
    dom = {"2021": (0.486, 0.047), "2018": (0.757, 0.145)}
    con = {"2021": (0.009, 0.327), "2018": (0.005, 0.503)}
    wg = {"2021": 0.949, "2018": 0.988}
    assert ctdc.exploitation_headline(dom, con, wg) == (
        "Female forced-labour victims are far more often in domestic work, male ones in "
        "construction; nearly all victims of sexual exploitation are women and girls")
    f = ctdc.exploitation_finding(dom, con, wg)
    assert "49\u201376% of female and 5\u201314% of male ones were in domestic work" in f
    assert "33\u201350% of male and 0\u20131% of female ones in construction" in f
    assert "women and girls were 95\u201399%" in f and f.endswith("releases).")
    # the data decide the words: equal shares, a weak difference, a bare majority
    h = ctdc.exploitation_headline({"2021": (0.25, 0.25)}, {"2021": (0.2, 0.3)}, {"2021": 0.6})
    assert h == ("Female forced-labour victims are not more often in domestic work than male ones; "
                 "male forced-labour victims are more often in construction; most victims of "
                 "sexual exploitation are women and girls")
    assert ctdc.exploitation_headline({}, {}, {"vp2022": 0.4}) == (
        "Women and girls are 40% of victims of sexual exploitation")
    assert ctdc.exploitation_finding({}, {}, {}).startswith("The selection has too few records")


def test_with_age_parts_splits_each_share_and_blanks_the_parts_of_a_blank_share():
    df = pd.DataFrame({
        "sex": ["Female"] * 4 + ["Male"] * 2,
        "age_group": ["Adult", "Minor", None, "Adult", "Minor", "Adult"],
        "labour_domestic_work": [True, True, True, False, False, False],
        "labour_construction": [False, False, False, True, True, True],
    })
    df = df.assign(**{f"labour_{s}": False for s in ctdc.available("2021", "labour")
                      if f"labour_{s}" not in df})
    sectors = ["domestic_work", "construction"]
    shares = ctdc.flag_shares(df, "labour", sectors, by=["sex"]).assign(release="2021")
    shares = ctdc.suppress(shares, 3)  # the two male records: too few, blanked
    res = ctdc.with_age_parts(shares, {"2021": df}, "labour").set_index(["sex", "category"])
    dom = res.loc[("Female", "domestic_work")]
    assert dom["share"] == pytest.approx(0.75)
    assert [dom[c] for c in ctdc.AGE_PART_COLUMNS] == pytest.approx([0.25, 0.25, 0.25])
    con = res.loc[("Female", "construction")]
    assert [con[c] for c in ctdc.AGE_PART_COLUMNS] == pytest.approx([0.25, 0.0, 0.0])
    assert res.loc[("Male", "construction"), ctdc.AGE_PART_COLUMNS].isna().all()
    # parts computed on other records than the shares do not add up: an error, not a figure
    with pytest.raises(ValueError, match="age parts of a labour share do not add up"):
        ctdc.with_age_parts(shares, {"2021": df.iloc[1:]}, "labour")
    empty = ctdc.with_age_parts(shares.iloc[0:0], {"2021": df}, "labour")
    assert list(empty.columns[-3:]) == ctdc.AGE_PART_COLUMNS and empty.empty
