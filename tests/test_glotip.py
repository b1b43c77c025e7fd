"""The GLOTIP loader on small synthetic workbooks (written by tests/xlsx.py: the project reads
xlsx with python-calamine, which cannot write)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from xlsx import write_xlsx

from tipfigs import glotip
from tipfigs.errors import DataError, ParameterError, SchemaError

HEADER = ["Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category",
          "Sex", "Age", "Year", "Unit of measurement", "txtVALUE", "Source"]
V, P, C = glotip.VICTIMS, glotip.PROSECUTED, glotip.CONVICTED
A, K = glotip.ADULT, glotip.CHILD


def row(country, indicator, value, year=2020, sex="Total", age="Total", dimension="Total",
        category="Total", iso3=None, region="Europe", subregion="Western Europe"):
    return [iso3 if iso3 is not None else (country or "XXX")[:3].upper(), country, region,
            subregion, indicator, dimension, category, sex, age, year, "Counts", value, "GLOTIP"]


def workbook(tmp_path, body, header=HEADER, name="glotip.xlsx"):
    return write_xlsx(tmp_path / name, [["UNODC"], ["30/05/2023"], header, *body])


@pytest.fixture
def sample(fake_root, tmp_path):
    body = [
        row("Alpha", V, "1,282", sex="Female", age=A),
        row("Alpha", V, "<5", sex="Female", age=K),
        row("Alpha", V, "300", sex="Male", age=A),
        row("Alpha", V, "18", sex="Male", age=K),
        row("Alpha", V, "1,700"),
        row("Beta", V, "10", sex="Female", age=A),
        row("Beta", V, "<5", sex="Male", age=A),
        row("Beta", V, "7", sex="Other", age=A),
        row("Beta", P, "12"),
        row("Beta", C, "<5"),
        # a group of countries (2023 release): code, no name, no region
        row(None, P, "40", iso3="SAF", region=None, subregion=None),
        # a questionnaire field code in the value column (2025 release)
        row("Gamma", C, "61,102,019", dimension="by citizenship", category="Q6.1_10s_2019"),
    ]
    return workbook(tmp_path, body)


def test_parse_value_counts_and_censored():
    assert glotip.parse_value("1,282") == (1282.0, False, 1282.0, 1282.0)
    assert glotip.parse_value("7") == (7.0, False, 7.0, 7.0)
    assert glotip.parse_value(12.0) == (12.0, False, 12.0, 12.0)
    value, censored, low, high = glotip.parse_value("<5")
    assert math.isnan(value) and censored and (low, high) == (0.0, 4.0)
    assert glotip.parse_value("< 3")[1:] == (True, 0.0, 2.0)
    for bad in ("5+", "1,28", "n/a", "", "-3", "<0", -1.0):
        with pytest.raises(ValueError):
            glotip.parse_value(bad)


def test_load_keeps_censored_values_and_flags_rows(sample):
    df = glotip.load(sample)
    assert len(df) == 12
    assert list(df["sheet_row"][:2]) == [4, 5]  # title rows and header skipped
    girls = df[(df["country"] == "Alpha") & (df["age"] == K) & (df["sex"] == "Female")].iloc[0]
    assert girls["value_text"] == "<5" and girls["censored"]
    assert math.isnan(girls["value"]) and (girls["value_low"], girls["value_high"]) == (0, 4)
    women = df[(df["country"] == "Alpha") & (df["age"] == A) & (df["sex"] == "Female")].iloc[0]
    assert women["value"] == 1282 and not women["censored"]
    assert df["year"].dtype.kind == "i"
    assert list(df.loc[~df["is_country"], "iso3"]) == ["SAF"]
    # the field code stored as a count is flagged (it exceeds every other country's total)
    assert list(df.loc[df["flagged"] != "", "country"].fillna("")) == ["", "Gamma"]
    assert set(df["flagged"]) == {"", "aggregate-row", "beyond-indicator-range"}
    kept = glotip.countries(df)
    assert "SAF" not in set(kept["iso3"]) and "Gamma" in set(kept["country"])
    assert set(glotip.countries(df, subregion="Western Europe")["country"]) == {"Alpha", "Beta", "Gamma"}
    assert glotip.countries(df, region="Africa").empty


def test_load_parses_once_then_uses_the_cache(sample, monkeypatch):
    first = glotip.load(sample)

    def fail(path):
        raise AssertionError("workbook parsed again")

    monkeypatch.setattr(glotip, "_parse", fail)
    again = glotip.load(sample)
    pd.testing.assert_frame_equal(first, again)
    # a changed workbook (new content, new sha256) is parsed again
    write_xlsx(sample, [["UNODC"], [""], HEADER, row("Delta", P, "3")])
    with pytest.raises(AssertionError, match="parsed again"):
        glotip.load(sample)


def test_missing_column_names_file_and_column(fake_root, tmp_path):
    header = [h for h in HEADER if h != "Age"]
    body = [row("Alpha", V, "3")[:8] + row("Alpha", V, "3")[9:]]
    path = workbook(tmp_path, body, header=header)
    with pytest.raises(SchemaError, match=r"glotip\.xlsx.*'Age'"):
        glotip.load(path)


def test_bad_value_names_column_and_row(fake_root, tmp_path):
    path = workbook(tmp_path, [row("Alpha", V, "3"), row("Alpha", V, "about 40")])
    with pytest.raises(SchemaError, match=r"glotip\.xlsx.*'txtVALUE'.*'about 40'.*row 5"):
        glotip.load(path)


def test_unknown_category_values_are_errors(fake_root, tmp_path):
    path = workbook(tmp_path, [row("Alpha", V, "3", sex="Woman")])
    with pytest.raises(SchemaError, match=r"'Sex'.*'Woman'"):
        glotip.load(path)
    path = workbook(tmp_path, [row("Alpha", V, "3", year="2020?")], name="year.xlsx")
    with pytest.raises(SchemaError, match=r"'Year'.*2020\?"):
        glotip.load(path)


def test_no_header_and_not_a_workbook(fake_root, tmp_path):
    path = write_xlsx(tmp_path / "nohead.xlsx", [["UNODC"], ["a", "b"]])
    with pytest.raises(SchemaError, match="Iso3_code"):
        glotip.load(path)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="broken.xlsx"):
        glotip.load(broken)


def test_sex_age_shares_with_censoring_bounds(sample):
    df = glotip.countries(glotip.load(sample))
    shares = glotip.sex_age_shares(df[df["indicator"] == V], ["year"]).set_index("group")
    assert list(shares.index) == list(glotip.GROUPS)
    # Women 1282 + 10; Girls <5; Men 300 + <5; Boys 18; 'Other' sex is not counted.
    assert shares.loc["Women", "victims_low"] == 1292
    assert (shares.loc["Men", "victims_low"], shares.loc["Men", "victims_high"]) == (300, 304)
    assert shares.loc["Women", "countries"] == 2 and shares.loc["Girls", "censored_cells"] == 1
    total_low, total_high = 1292 + 0 + 300 + 18, 1292 + 4 + 304 + 18
    assert shares.loc["Women", "share_low"] == pytest.approx(100 * 1292 / total_high)
    assert shares.loc["Women", "share_high"] == pytest.approx(100 * 1292 / total_low)
    assert shares.loc["Girls", "share_low"] == 0
    assert shares.loc["Girls", "share_high"] == pytest.approx(100 * 4 / (total_low + 4))
    assert shares["share_mid"].sum() == pytest.approx(100)


def test_totals_one_per_country_and_year(sample, fake_root, tmp_path):
    df = glotip.load(sample)
    conv = glotip.totals(glotip.countries(df), C)
    assert list(conv["country"]) == ["Beta"]
    assert (conv.loc[0, "value_low"], conv.loc[0, "value_high"], conv.loc[0, "censored"]) == \
        (0, 4, True)
    dup = glotip.load(workbook(tmp_path, [row("Alpha", P, "3"), row("Alpha", P, "4")],
                               name="dup.xlsx"))
    with pytest.raises(SchemaError, match="two totals for Alpha 2020"):
        glotip.totals(dup, P)


def test_parameter_validators(sample):
    df = glotip.load(sample)
    assert glotip.area("region", None, df, "region") is None
    assert glotip.area("region", "Europe", df, "region") == "Europe"
    with pytest.raises(ParameterError, match="region='Atlantis'.*'Europe'"):
        glotip.area("region", "Atlantis", df, "region")
    assert glotip.fraction("min_coverage", 0.5) == 0.5
    for bad in (1.5, -0.1, "half", True):
        with pytest.raises(ParameterError, match="min_coverage"):
            glotip.fraction("min_coverage", bad)


def test_sex_age_of_no_rows_keeps_the_columns(sample):
    df = glotip.load(sample)
    empty = glotip.sex_age(df[df["year"] == 1999])
    assert empty.empty and {"flagged", "value_low", "group"} <= set(empty.columns)


def test_unknown_sex_age_counts_what_the_shares_leave_out():
    def rows(country, year, low, high=None, group=None):
        return {"country": country, "year": year, "value_low": low,
                "value_high": low if high is None else high, "group": group}

    totals = pd.DataFrame([rows("Alpha", 2020, 100), rows("Beta", 2020, 50),
                           rows("Gamma", 2020, 30), rows("Delta", 2020, 9)])
    kept = pd.DataFrame([
        # Alpha: 80 of its 100 victims are of known sex and age (20 unknown)
        rows("Alpha", 2020, 60, group="Women"), rows("Alpha", 2020, 20, group="Men"),
        # Beta: its parts add up to a little more than its total: no negative unknown
        rows("Beta", 2020, 52, group="Women"),
        # Epsilon: parts, no total (its parts are its victims), censored: at the middle, 2
        rows("Epsilon", 2020, 0, 4, group="Boys"),
    ])
    got = glotip.unknown_sex_age(totals, kept).iloc[0]
    assert got["countries"] == 3 and got["known"] == 80 + 52 + 2
    assert got["victims"] == 100 + 52 + 2
    assert got["unknown_share"] == pytest.approx(100 * 20 / 154)
    # Gamma and Delta report a total and no breakdown
    assert (got["reporting"], got["not_in_shares"]) == (4, 2)


def test_change_words_compare_as_a_reader_sees_the_numbers():
    assert glotip.change_words(71.4, 59.6) == "down from 71%"
    assert glotip.change_words(40.2, 59.6) == "up from 40%"
    assert glotip.change_words(59.6, 60.4) == "unchanged from 60%"
    assert glotip.change_words(0.214, 0.43, unit="", fmt=".2f") == "up from 0.21"
    assert glotip.change_words(2507, 1396, unit=" persons", fmt=",.0f") == "down from 2,507 persons"


def test_spread_keeps_order_and_gap_and_moves_only_crowded_labels():
    assert glotip.spread([1, 1.1, 5], 1) == pytest.approx([0.55, 1.55, 5.0])
    # a crowded group is centred on its values and kept within the bounds
    assert glotip.spread([1, 1.1, 1.2], 1, low=0.8) == pytest.approx([0.8, 1.8, 2.8])
    assert glotip.spread([3, 2.9], 1, high=3) == pytest.approx([3.0, 2.0])
    assert glotip.spread([0.3, 0.1, 0.2, 0.9], 0.1) == pytest.approx([0.3, 0.1, 0.2, 0.9])
    values = [5, 4.9, 5.1, 5.05, 0]
    got = glotip.spread(values, 0.5)
    ranked = sorted(range(5), key=lambda i: (values[i], i))
    placed = [got[i] for i in ranked]
    assert placed == sorted(placed)  # the order of the values is kept
    assert all(b - a >= 0.5 - 1e-9 for a, b in zip(placed[:-1], placed[1:], strict=True))
    # the crowded four are centred on their mean; the lone label stays where it is
    assert sum(placed[1:]) / 4 == pytest.approx(sum(values[:4]) / 4) and got[4] == 0
    assert glotip.spread([], 1) == []
