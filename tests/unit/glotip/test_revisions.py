"""Revisions between two GLOTIP releases (glotip.revisions): a planted revision is found from the
data, a change censoring can explain never is, and on the real releases the rule finds
Pakistan's 2019 and 2020 rows (published as "<5" and 22 in the article's release)."""

from __future__ import annotations

import pandas as pd
import pytest
from builders.glotip import A, V, clean_body, real_path, row, workbook

from tipfigs.glotip import quality, read, revisions
from tipfigs.glotip.checks import QUALITY_COLUMNS


def _pair(tmp_path, earlier_rows, later_rows):
    """Two workbooks: the clean body with ``earlier_rows`` / ``later_rows`` added."""
    return (workbook(tmp_path, clean_body() + earlier_rows, name="earlier.xlsx"),
            workbook(tmp_path, clean_body() + later_rows, name="later.xlsx"))


def test_a_planted_revision_is_flagged_with_both_values(fake_root, tmp_path):
    earlier, later = _pair(tmp_path, [row("Gamma", V, "<5", year=2019, iso3="GAM")],
                           [row("Gamma", V, "32,022", year=2019, iso3="GAM")])
    found = revisions.compare(read.load(earlier), read.load(later), "workbook earlier.xlsx")
    assert list(found.columns) == QUALITY_COLUMNS
    (r,) = found.itertuples()
    assert (r.rule, r.iso3, r.year, r.value, r.compared_value) == (
        "revised-between-releases", "GAM", 2019, "32,022", "<5")
    assert (r.value_low, r.compared_high) == (32022, 4)
    assert r.compared_with == "the same cell in the workbook earlier.xlsx"
    assert r.action == revisions.ACTION
    # the clean cells, the same in both, are not revisions
    assert set(revisions.country_years(found)["country"]) == {"Gamma"}


@pytest.mark.parametrize("before,after,flagged", [
    ("5,000", "20", True),        # a fall by more than 5 times and 1,000 persons
    ("1,000", "4,000", False),    # 3,000 more, but only 4 times as many
    ("10", "900", False),         # 90 times as many, but fewer than 1,000 more
    ("<5", "<5000", False),       # censoring alone: "<5000" may be as low as 0
    ("<5", "1,100", True),        # "<5" is at most 4: 1,100 is both far and many more
    ("<5", "1,004", False),       # 1,000 more than the upper bound 4 at most: not more
])
def test_bounds_against_bounds_so_censoring_never_raises_it(fake_root, tmp_path, before, after,
                                                           flagged):
    earlier, later = _pair(tmp_path, [row("Gamma", V, before, sex="Female", age=A)],
                           [row("Gamma", V, after, sex="Female", age=A)])
    found = revisions.compare(read.load(earlier), read.load(later), "x")
    assert (len(found) == 1) == flagged


def test_a_country_renamed_between_releases_is_the_same_country(fake_root, tmp_path):
    earlier, later = _pair(tmp_path, [row("Turkey", V, "<5", iso3="TUR")],
                           [row("Türkiye", V, "5,000", iso3="TUR")])
    found = revisions.compare(read.load(earlier), read.load(later), "x")
    assert found["country"].tolist() == ["Türkiye"]


def test_the_later_table_lists_the_revisions_and_the_rows_they_leave_out(fake_root, tmp_path):
    earlier, later = _pair(tmp_path, [row("Gamma", V, "<5", year=2019, sex="Female", age=A)],
                           [row("Gamma", V, "9,000", year=2019, sex="Female", age=A)])
    table = quality.table(later, earlier, "workbook earlier.xlsx")
    # listed last, after the later workbook's own flags (9,000 is beyond the indicator's range)
    assert table["rule"].tolist() == ["beyond-indicator-range", "revised-between-releases"]
    assert quality.summary(table).set_index("rule").loc["revised-between-releases",
                                                        "flagged cells"] == 1
    rows = read.load(later)
    kept, left_out = revisions.leave_out(rows[rows["is_country"]], table)
    assert set(left_out["country"]) == {"Gamma"} and "Gamma" not in set(kept["country"])
    # cached by both files: the same table again
    pd.testing.assert_frame_equal(revisions.between(earlier, later, "w"),
                                  revisions.between(earlier, later, "w"))


def test_the_real_releases_pakistan_2019_and_2020_are_revised():
    earlier, later = real_path("2023-05-30"), real_path("2025-04-14")
    found = revisions.between(earlier, later, "release of 2023-05-30")
    pak = found[(found["iso3"] == "PAK") & (found["sex"] == "Total") & (found["age"] == "Total")]
    assert pak[["year", "value", "compared_value"]].values.tolist() == [
        [2019, "32,022", "<5"], [2020, "20,045", "22"]]
    years = revisions.country_years(found)
    assert set(years.loc[years["country"] == "Pakistan", "year"]) == {2019, 2020}
    # the sex labels of a form put back in place are found too (United States, 2019-2021)
    usa = found[found["iso3"] == "USA"]
    assert set(usa["year"]) == {2019, 2020, 2021}
    assert set(usa["category"]) == {"Sexual exploitation"}
    # what the rule finds, in all: 14 country-years of 9 countries, all of detected victims
    assert len(years) == 14 and years["country"].nunique() == 9
    assert set(found["indicator"]) == {V}
    # the earlier release, compared with nothing, has none: the rule is about two releases
    assert quality.summary(quality.table(earlier)).set_index("rule").loc[
        "revised-between-releases", "flagged cells"] == 0


def test_pakistans_detected_victims_in_the_latest_release():
    df = read.load(real_path("2025-04-14"))
    pak = df[(df["iso3"] == "PAK") & (df["indicator"] == V) & (df["dimension"] == "Total")
             & (df["sex"] == "Total") & (df["age"] == "Total")].set_index("year")
    assert (pak.loc[2019, "value"], pak.loc[2020, "value"]) == (32022, 20045)
