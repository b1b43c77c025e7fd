"""Unit tests of tipfigs.regions and tipfigs.vulnerability on small synthetic data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tipfigs import gsi, regions, transcribed, vulnerability
from tipfigs.claims import Claims, Reading

HEADER = ("id,quantity,region,year,value,unit,report,table_or_figure,page,stated_by,url,url_date,"
          "checked\n")


def write_gems(tmp_path, rows):
    p = tmp_path / "gems.csv"
    body = "".join(f"{id_},q,{region},2021,{value},u,GEMS 2022,Table 1,12,,,,test\n"
                   for id_, region, value in rows)
    p.write_text(HEADER + body, encoding="utf-8")
    return transcribed.load(p)


@pytest.fixture
def gems(tmp_path):
    return write_gems(tmp_path, [
        ("fl_asia_pacific_2021", "Asia and the Pacific", 15.1),
        ("fl_prev_asia_pacific_2021", "Asia and the Pacific", 3.5),
        ("fl_arab_states_2021", "Arab States", 0.9),
        ("fl_prev_arab_states_2021", "Arab States", 5.3),
        ("ms_prev_arab_states_2021", "Arab States", 10.1),
    ])


# -- ids and transcribed values ------------------------------------------------------------

def test_gems_id_uses_region_key():
    assert regions.gems_id("fl_prev", "Arab States") == "fl_prev_arab_states_2021"
    assert regions.gems_id("ms", "Europe and Central Asia", 2016) == "ms_europe_central_asia_2016"


def test_gems_id_rejects_unknown_region():
    with pytest.raises(KeyError, match="Oceania"):
        regions.gems_id("fl", "Oceania")


def test_every_gsi_region_has_a_key():
    assert set(regions.REGION_KEYS) == set(gsi.REGIONS)


def test_gems_regional_reads_values_and_leaves_missing_as_nan(gems):
    df = regions.gems_regional(gems, "fl", "fl_prev", ["Arab States", "Africa"])
    assert list(df["region"]) == ["Arab States", "Africa"]
    assert df.loc[0, "count_million"] == 0.9
    assert df.loc[0, "per_1000"] == 5.3
    assert math.isnan(df.loc[1, "count_million"]) and math.isnan(df.loc[1, "per_1000"])
    assert "fl_arab_states_2021" in df.loc[0, "count_source"]
    assert "Table 1" in df.loc[0, "count_source"]
    assert df.loc[1, "count_source"] == ""


# -- rounding intervals ----------------------------------------------------------------------

def test_half_unit():
    assert regions.half_unit(1) == pytest.approx(0.05)
    assert regions.half_unit(0) == pytest.approx(0.5)


def test_implied_population_and_its_rounding_interval():
    df = regions.implied_population([0.9], [5.3])
    assert df.loc[0, "implied_population_million"] == pytest.approx(0.9 / 5.3 * 1000)
    assert df.loc[0, "implied_population_low"] == pytest.approx(0.85 / 5.35 * 1000)
    assert df.loc[0, "implied_population_high"] == pytest.approx(0.95 / 5.25 * 1000)


def test_implied_population_high_is_open_when_rate_may_be_zero():
    df = regions.implied_population([0.1], [0.0])
    assert math.isnan(df.loc[0, "implied_population_high"])


def test_rate_per_1000_from_count_and_population():
    df = regions.rate_per_1000([3.6], [1_000_000_000])
    assert df.loc[0, "per_1000"] == pytest.approx(3.6)
    assert df.loc[0, "per_1000_low"] == pytest.approx(3.55)
    assert df.loc[0, "per_1000_high"] == pytest.approx(3.65)


def test_within_is_false_outside_and_for_missing():
    got = regions.within([1.0, 2.0, 5.0, float("nan")], [1.0, 2.5, 4.0, 0.0], [2.0, 3.0, 6.0, 1.0])
    assert got.tolist() == [True, False, True, False]


# -- rankings --------------------------------------------------------------------------------

def test_rank_groups_orders_high_to_low_and_groups_ties():
    s = pd.Series({"Asia": 3.5, "Arab": 5.3, "Americas": 3.5, "Africa": 2.9, "Europe": 4.4})
    assert regions.rank_groups(s) == [("Arab",), ("Europe",), ("Americas", "Asia"), ("Africa",)]
    assert regions.format_ranking(regions.rank_groups(s)) == "Arab > Europe > Americas = Asia > Africa"


def test_rank_groups_ties_only_after_rounding():
    s = pd.Series({"a": 3.54, "b": 3.49, "c": float("nan")})
    assert regions.rank_groups(s) == [("a",), ("b",)]
    assert regions.rank_groups(s, decimals=1) == [("a", "b")]


def test_ranks_ties_share_best_rank():
    s = pd.Series({"a": 5.3, "b": 3.5, "c": 3.5, "d": 2.9})
    assert regions.ranks(s).tolist() == [1, 2, 2, 4]


def test_tie_offsets_spread_only_the_labels_that_share_a_rank():
    rank = regions.ranks(pd.Series({"d": 2.9, "c": 3.5, "a": 5.3, "b": 3.5, "e": 3.5}))
    off = regions.tie_offsets(rank)
    assert off["a"] == 0 and off["d"] == 0
    assert [off[k] for k in "bce"] == pytest.approx([-0.3, 0.0, 0.3])  # by name, around the rank
    assert regions.tie_offsets(rank, step=1.0)["b"] == pytest.approx(-1.0)
    two = regions.tie_offsets(regions.ranks(pd.Series({"y": 1.0, "x": 1.0})))
    assert two == pytest.approx({"x": -0.15, "y": 0.15})


# -- shares ----------------------------------------------------------------------------------

def test_share_and_bounds():
    assert regions.share(15.1, 27.6) == pytest.approx(15.1 / 27.6)
    lo, hi = regions.share_bounds(15.1, 27.6)
    assert lo == pytest.approx(15.05 / 27.65) and hi == pytest.approx(15.15 / 27.55)
    assert lo < regions.share(15.1, 27.6) < hi


def test_share_rejects_non_positive_total():
    with pytest.raises(ValueError):
        regions.share(1.0, 0.0)


# -- claims derived from transcribed values ----------------------------------------------------

def test_record_derived_is_transcribed_when_it_holds_and_differs_otherwise():
    c = Claims("test", readings={k: Reading(k, ("s01",), "s", "more than half", "share", None)
                                 for k in "ab"})
    ok = regions.record_derived(c, "a", 0.55, True, "src", published_value="15.1 of 27.6 million")
    bad = regions.record_derived(c, "b", 0.45, False, "src",
                                 published_value="12.4 of 27.6 million")
    # holding on transcribed values restates the report: no computed value is stored
    assert ok.status == "transcribed" and ok.computed_value is None
    assert ok.published_value == "15.1 of 27.6 million"
    # not holding is a direct finding against the article, on the transcribed values
    assert (bad.status, bad.evidence, bad.computed_value) == ("differs", "direct", 0.45)
    assert bad.data == regions.TRANSCRIBED_DATA
    assert "Does not hold" in bad.note


# -- GSI sums against the report -----------------------------------------------------------------

def synthetic_countries(scale_arab: float = 1.0) -> pd.DataFrame:
    return pd.DataFrame({
        "country": ["A1", "A2", "B1", "B2"],
        "region": ["Arab States", "Arab States", "Africa", "Africa"],
        "population": [10_000_000.0, 30_000_000.0, 50_000_000.0, 1_000_000.0],
        "number_in_modern_slavery": [100_000.0 * scale_arab, 304_000.0 * scale_arab, 250_000.0,
                                     float("nan")],
    })


def test_gsi_vs_report_flags_rounding(gems):
    totals = gsi.regional_totals(synthetic_countries())
    out = regions.gsi_vs_report(totals, gems).set_index("region")
    assert out.loc["Arab States", "computed_per_1000"] == pytest.approx(10.1)
    assert bool(out.loc["Arab States", "per_1000_within_rounding"]) is True
    assert out.loc["Africa", "computed_per_1000"] == pytest.approx(5.0)
    assert pd.isna(out.loc["Africa", "per_1000_within_rounding"])  # no published value


def test_gsi_vs_report_follows_the_data(gems):
    totals = gsi.regional_totals(synthetic_countries(scale_arab=2.0))
    out = regions.gsi_vs_report(totals, gems).set_index("region")
    assert out.loc["Arab States", "computed_per_1000"] == pytest.approx(20.2)
    assert bool(out.loc["Arab States", "per_1000_within_rounding"]) is False


def test_phrase():
    assert regions.phrase("Americas") == "the Americas"
    assert regions.phrase("Africa") == "Africa"


# -- vulnerability ------------------------------------------------------------------------------

def test_spearman_perfect_monotone_and_reversed():
    x = [1, 2, 3, 4, 5]
    assert vulnerability.spearman(x, [1, 4, 9, 16, 100]) == (pytest.approx(1.0), 5)
    assert vulnerability.spearman(x, [5, 4, 3, 2, 1])[0] == pytest.approx(-1.0)


def test_spearman_matches_hand_computation_with_ties_and_missing():
    x = [1.0, 2.0, 2.0, 4.0, float("nan"), 6.0]
    y = [2.0, 1.0, 3.0, 5.0, 7.0, 4.0]
    rho, n = vulnerability.spearman(x, y)
    assert n == 5
    rx = pd.Series([1, 2.5, 2.5, 4, 5])
    ry = pd.Series([2, 1, 3, 5, 4])
    assert rho == pytest.approx(rx.corr(ry))


def test_spearman_degenerate():
    assert math.isnan(vulnerability.spearman([1, 2], [3, 4])[0])
    assert math.isnan(vulnerability.spearman([1, 1, 1, 1], [1, 2, 3, 4])[0])


def test_spearman_ci_contains_rho_and_narrows_with_n():
    lo, hi = vulnerability.spearman_ci(0.3, 50)
    assert lo < 0.3 < hi
    lo2, hi2 = vulnerability.spearman_ci(0.3, 500)
    assert hi2 - lo2 < hi - lo
    se = math.sqrt(1.06 / 47)
    assert lo == pytest.approx(math.tanh(math.atanh(0.3) - 1.959964 * se), abs=1e-6)
    assert all(math.isnan(v) for v in vulnerability.spearman_ci(0.3, 3))


def test_correlations_table():
    df = pd.DataFrame({"a": [1, 2, 3, 4, 5, 6], "b": [6, 5, 4, 3, 2, 1], "y": [1, 2, 3, 4, 5, 60]})
    out = vulnerability.correlations(df, ["a", "b"], "y")
    assert out["dimension"].tolist() == ["a", "b"]
    assert out["spearman_rho"].tolist() == [pytest.approx(1.0), pytest.approx(-1.0)]
    assert out["n_countries"].tolist() == [6, 6]


def test_by_group_masks_small_groups():
    df = pd.DataFrame({
        "g": ["x"] * 8 + ["y"] * 3,
        "a": list(range(8)) + [1, 2, 3],
        "y": list(range(8)) + [3, 2, 1],
    })
    out = vulnerability.by_group(df, ["a"], "y", "g").set_index("g")
    assert out.loc["x", "spearman_rho"] == pytest.approx(1.0)
    assert math.isnan(out.loc["y", "spearman_rho"]) and out.loc["y", "n_countries"] == 3


def test_rank_outliers_finds_the_country_against_the_trend():
    df = pd.DataFrame({"country": list("abcdef"), "x": [1, 2, 3, 4, 5, 6],
                       "y": [1, 2, 3, 4, 5, 0.5]})
    out = vulnerability.rank_outliers(df, "x", "y", 1)
    assert out["country"].tolist() == ["f"]
    assert vulnerability.rank_outliers(df, "x", "y", 0).empty


def test_residual_outliers_uses_log_scale_and_ignores_missing():
    df = pd.DataFrame({"country": list("abcdefg"), "x": [0, 10, 20, 30, 40, 50, 60],
                       "y": [1, 2, 4, 8, 1000, 32, float("nan")]})
    out = vulnerability.residual_outliers(df, "x", "y", 1)
    assert out["country"].tolist() == ["e"]
    assert out["residual"].iloc[0] > 0
    assert "g" not in set(vulnerability.residual_outliers(df, "x", "y", 10)["country"])


def test_record_transcribed_checks_the_article_value():
    c = Claims("test", readings={k: Reading(k, ("s01",), "s", 15.1, "million people", None)
                                 for k in "ab"})
    same = regions.record_transcribed(c, "a", 15.1, "src", note="n")
    other = regions.record_transcribed(c, "b", 12.0, "src")
    assert same.status == "transcribed" and same.note == "n"
    assert (same.computed_value, same.published_value) == (None, 15.1)
    # a transcription is never stored as a computed value, even when it disagrees
    assert other.status == "differs"
    assert (other.computed_value, other.published_value) == (None, 12.0)
    assert "not the article's" in other.note


# -- sentences computed from the data ---------------------------------------------------------

COUNTS = pd.Series({"Asia and the Pacific": 15.1, "Europe and Central Asia": 4.1, "Africa": 3.8,
                    "Americas": 3.6, "Arab States": 0.9})
RATES = pd.Series({"Asia and the Pacific": 3.5, "Europe and Central Asia": 4.4, "Africa": 2.9,
                   "Americas": 3.5, "Arab States": 5.3})


def test_rank_phrase_says_joint_for_a_shared_rank():
    r = regions.ranks(RATES)
    assert regions.rank_phrase(r, "Arab States") == "first"
    assert regions.rank_phrase(r, "Asia and the Pacific") == "joint third"
    assert regions.rank_phrase(r, "Americas") == "joint third"
    assert regions.tied_with(r, "Americas") == ["Asia and the Pacific"]
    assert regions.rank_phrase(r, "Africa") == "fifth"  # after a tie, the next rank is skipped
    assert regions.ordinal(12) == "12th"
    with pytest.raises(ValueError):
        regions.ordinal(0)


def test_join_verb_and_capital():
    assert regions.join([]) == "" and regions.join(["A"]) == "A"
    assert regions.join(["A", "B", "C"]) == "A, B and C"
    assert regions.verb("Americas", "has", "have") == "have"
    assert regions.verb("Africa", "has", "have") == "has"
    assert regions.capital("the Arab States") == "The Arab States"


def test_ranking_finding_states_the_ranks_with_ties():
    s = regions.ranking_finding(COUNTS, RATES, 27.6, "people in forced labour", all_regions=5)
    assert s == ("Asia and the Pacific has the most people in forced labour (15.1 million, 55% of "
                 "the world's 27.6 million) but ranks joint third per 1,000 people (3.5, with the "
                 "Americas); the Arab States, fifth by number (0.9 million), have the highest rate "
                 "(5.3 per 1,000 people).")
    assert "fourth" not in s


def test_ranking_finding_follows_the_data():
    rates = RATES.copy()
    rates["Asia and the Pacific"] = 6.0  # now first on both
    s = regions.ranking_finding(COUNTS, rates, 27.6, "people in forced labour", all_regions=5)
    assert s.endswith("and the highest rate too (6.0 per 1,000 people).")
    two = regions.ranking_finding(COUNTS[["Africa", "Americas"]], RATES[["Africa", "Americas"]],
                                  27.6, "people in forced labour", all_regions=5)
    assert "of the 2 regions shown" in two and "the Americas, second by number" in two
    one = regions.ranking_finding(COUNTS[["Africa"]], RATES[["Africa"]], 27.6, "people", 5)
    assert one == "Africa has 3.8 million people (14% of the world's 27.6 million), 2.9 per 1,000 people."
    assert regions.ranks_differ(COUNTS, RATES) and not regions.ranks_differ(COUNTS, COUNTS / 2)


def test_rounding_agreement_names_the_regions_that_agree_and_those_that_do_not():
    t = pd.DataFrame({"region": ["Africa", "Arab States", "Americas"],
                      "computed": [5.254, 10.408, 5.011], "published": [5.2, 10.1, float("nan")],
                      "within": [False, False, None]})
    s = regions.rounding_agreement(t, "computed", "published", "within")
    assert s == ("differs from the published value beyond its rounding in Africa (5.25 against 5.2) "
                 "and the Arab States (10.41 against 10.1) (no published value for the Americas)")
    t.loc[0, "within"] = True
    s = regions.rounding_agreement(t, "computed", "published", "within")
    assert s.startswith("agrees with the published value to its rounding in Africa; it does not in "
                        "the Arab States (10.41 against 10.1)")


# -- the finding of the vulnerability figure ----------------------------------------------------

def _corr(rhos, lows, highs, n=100):
    return pd.DataFrame({"dimension": list(rhos), "n_countries": n, "spearman_rho": list(rhos.values()),
                         "ci_low": lows, "ci_high": highs})


def test_vulnerability_finding_and_headline_follow_the_correlations():
    labels = {"a": "Governance", "b": "Conflict", "t": "Total"}
    corr = _corr({"a": 0.2, "b": 0.55, "t": 0.4}, [0.01, 0.4, 0.2], [0.4, 0.7, 0.6])
    assert vulnerability.headline(corr, "t") == "More vulnerable countries tend to have more modern slavery"
    f = vulnerability.finding(corr, labels, "t")
    assert "0.55 for conflict and 0.20 for governance (all with a 95% interval above zero)" in f
    assert "and 0.40 with the total score" in f and "Across the 100 countries" in f
    weak = _corr({"a": -0.3, "b": 0.1, "t": -0.05}, [-0.5, -0.1, -0.2], [-0.1, 0.3, 0.1])
    assert vulnerability.headline(weak, "t").startswith("Vulnerability and modern slavery show no")
    f = vulnerability.finding(weak, labels, "t")
    assert "0.10 for conflict and \u22120.30 for governance (0 of the 2 with a 95% interval" in f
    neg = _corr({"a": -0.3, "t": -0.4}, [-0.5, -0.6], [-0.1, -0.2])
    assert vulnerability.headline(neg, "t").endswith("less modern slavery")


def test_interval_uses_an_en_dash_unless_a_bound_is_negative():
    assert vulnerability.interval(0.357, 0.602) == "0.36\u20130.60"
    assert vulnerability.interval(-0.1, 0.2) == "\u22120.10 to 0.20"
