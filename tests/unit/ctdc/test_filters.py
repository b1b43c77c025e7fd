"""tipfigs.ctdc.filters: records by years and country (whole bins only), a clear stop when the
filters select nothing, and the years and countries the loaded tables hold."""

from __future__ import annotations

import pandas as pd
import pytest
from builders.ctdc import vp_row, write_release

from tipfigs.ctdc import filters, read, setup
from tipfigs.errors import DataError


def test_select_by_years_and_country(tmp_path):
    rows = [{"yearOfRegistration": "2015", "CountryOfExploitation": "USA"},
            {"yearOfRegistration": "2018", "CountryOfExploitation": "USA"},
            {"yearOfRegistration": "2018", "CountryOfExploitation": "RUS"},
            {"yearOfRegistration": "", "CountryOfExploitation": "USA"}]
    df = read.load(write_release(tmp_path, "2021", rows), "2021")
    assert len(filters.select(df, (2016, 2020))) == 2
    assert len(filters.select(df, (2016, 2020), "USA")) == 1
    assert len(filters.select(df, None, "USA")) == 3
    assert filters.years_in(df) == (2015, 2018)


def test_select_keeps_whole_bins_only(tmp_path):
    rows = [vp_row(yearRegister=y)
            for y in ("2005-2013", "2014-2018", "2019", "2020", "2021-2022", "")]
    df = read.load(write_release(tmp_path, "vp2022", rows), "vp2022")
    assert filters.select(df, (2014, 2020))["year_start"].tolist() == [2014.0, 2019.0, 2020.0]
    assert filters.select(df, (2015, 2022))["year_start"].tolist() == [2019.0, 2020.0, 2021.0]
    assert len(filters.select(df, (2014, 2020), keep_missing_year=True)) == 4
    assert len(filters.select(df, None, "USA")) == 0  # no country in this release


def test_years_and_countries_of_the_loaded_tables(tmp_path):
    a = write_release(tmp_path, "2021",
                      [{"yearOfRegistration": "2010", "CountryOfExploitation": "USA"}],
                      name="a.csv.gz")
    frames = setup.load_releases({"2021": a}, ["2021"])
    assert filters.data_years(frames) == (2010, 2010)
    assert filters.countries(frames) == ["USA"]


def test_require_records_names_the_filters():
    empty = pd.DataFrame({"year": []})
    full = pd.DataFrame({"year": [2010]})
    filters.require_records({"2021": empty, "2018": full}, (2002, 2003), "AFG")  # one suffices
    with pytest.raises(DataError, match=r"no records \(country='AFG', years 2002-2003\)"):
        filters.require_records({"2021": empty, "2018": empty}, (2002, 2003), "AFG")
    with pytest.raises(DataError, match=r"all countries, any year"):
        filters.require_records(empty)


def test_group_known_is_any_flag_of_the_group():
    df = pd.DataFrame({"labour_construction": [True, False, False],
                       "labour_other": [False, True, False], "exploit_sexual": [True] * 3})
    assert filters.group_known(df, "labour").tolist() == [True, True, False]
    assert filters.group_known(df, "labour", ["construction"]).tolist() == [True, False, False]
    assert not filters.group_known(df, "control").any()  # a group the table does not have
