"""What the UNODC figures sum: the shares of women, girls, men and boys with the bounds of
censored counts, country totals, shares of several groups together, and the rule that leaves a
flagged country-year out of a sum (on the real release whose shifted rows it must leave out)."""

from __future__ import annotations

import pandas as pd
import pytest
from builders.glotip import FORM, SE, A, C, K, P, V, real_release, row, sample_body, workbook

from tipfigs.errors import SchemaError
from tipfigs.glotip import exclusion, read, sums
from tipfigs.glotip.schema import GROUPS


@pytest.fixture
def sample(fake_root, tmp_path):
    return workbook(tmp_path, sample_body())


def test_sex_age_shares_with_censoring_bounds(sample):
    df = sums.countries(read.load(sample))
    shares = sums.sex_age_shares(df[df["indicator"] == V], ["year"]).set_index("group")
    assert list(shares.index) == list(GROUPS)
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


def test_a_group_whose_counts_are_all_censored_has_no_share_only_bounds(fake_root, tmp_path):
    """Four counts of "<5" are not equal shares: the share is unknown (empty), its bounds 0 to
    100; a group of ``by`` with one uncensored count has its shares as before."""
    body = [row("Alpha", V, "<5", sex=s, age=a) for s, a in
            (("Female", A), ("Female", K), ("Male", A), ("Male", K))]
    body += [row("Alpha", V, v, year=2021, sex=s, age=a) for v, (s, a) in
             zip(("12", "<5", "<5", "<5"), (("Female", A), ("Female", K), ("Male", A),
                                            ("Male", K)), strict=True)]
    df = sums.countries(read.load(workbook(tmp_path, body, name="censored.xlsx")))
    shares = sums.sex_age_shares(df, ["year"])
    y20, y21 = shares[shares["year"] == 2020], shares[shares["year"] == 2021]
    assert y20["all_censored"].all() and y20["share_mid"].isna().all()
    assert (y20["share_low"] == 0).all() and (y20["share_high"] == 100).all()
    assert not y21["all_censored"].any() and y21["share_mid"].sum() == pytest.approx(100)
    both = sums.combined_share(shares, ["Women", "Girls"], ["year"]).set_index("year")
    assert pd.isna(both.loc[2020, "share_mid"]) and both.loc[2021, "share_mid"] > 50


def test_totals_one_per_country_and_year(sample, fake_root, tmp_path):
    df = read.load(sample)
    conv = sums.totals(sums.countries(df), C)
    assert list(conv["country"]) == ["Beta"]
    assert (conv.loc[0, "value_low"], conv.loc[0, "value_high"], conv.loc[0, "censored"]) == \
        (0, 4, True)
    dup = read.load(workbook(tmp_path, [row("Alpha", P, "3"), row("Alpha", P, "4")],
                             name="dup.xlsx"))
    with pytest.raises(SchemaError, match="two totals for Alpha 2020"):
        sums.totals(dup, P)


def test_sex_age_of_no_rows_keeps_the_columns(sample):
    df = read.load(sample)
    empty = sums.sex_age(df[df["year"] == 1999])
    assert empty.empty and {"flagged", "value_low", "group"} <= set(empty.columns)


def test_combined_share():
    shares = pd.DataFrame({"year": [2020] * 4, "group": list(GROUPS),
                           "victims_low": [60, 20, 15, 0], "victims_high": [60, 20, 15, 4],
                           "victims_mid": [60, 20, 15, 2], "countries": [3, 3, 2, 1]})
    c = sums.combined_share(shares, ["Women", "Girls"], ["year"]).iloc[0]
    assert c["share_low"] == pytest.approx(100 * 80 / 99)
    assert c["share_mid"] == pytest.approx(100 * 80 / 97)
    assert c["share_high"] == pytest.approx(100 * 80 / 95)
    assert c["countries"] == 3


@pytest.mark.parametrize("rule", ["strict", "confirm-by-total"])
def test_the_rule_leaves_the_shifted_rows_out_of_the_sexual_exploitation_share(rule):
    df, _ = real_release("2023-05-30")
    rows = sums.countries(df)
    forms = sums.sex_age(rows[(rows["indicator"] == V) & (rows["dimension"] == FORM)
                              & (rows["year"] == 2020)])
    # the shifted rows contradict their own totals: no total confirms them
    kept, left_out = exclusion.leave_out(forms, rule)
    assert "USA" in set(left_out["iso3"]) and "USA" not in set(kept["iso3"])

    def women_and_girls(x):
        s = sums.sex_age_shares(x[x["category"] == SE], ["category"])
        return sums.combined_share(s, ["Women", "Girls"], ["category"]).iloc[0]["share_mid"]

    # with the shifted rows the share is under half; without them, well above three quarters
    assert women_and_girls(forms) < 50 < 75 < women_and_girls(kept)
