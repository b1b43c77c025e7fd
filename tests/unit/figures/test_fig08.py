"""tipfigs.figures.fig08: rank correlations of vulnerability and prevalence, and their sentences."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tipfigs.figures import fig08


def test_spearman_perfect_monotone_and_reversed():
    x = [1, 2, 3, 4, 5]
    assert fig08.spearman(x, [1, 4, 9, 16, 100]) == (pytest.approx(1.0), 5)
    assert fig08.spearman(x, [5, 4, 3, 2, 1])[0] == pytest.approx(-1.0)


def test_spearman_matches_hand_computation_with_ties_and_missing():
    x = [1.0, 2.0, 2.0, 4.0, float("nan"), 6.0]
    y = [2.0, 1.0, 3.0, 5.0, 7.0, 4.0]
    rho, n = fig08.spearman(x, y)
    assert n == 5
    rx = pd.Series([1, 2.5, 2.5, 4, 5])
    ry = pd.Series([2, 1, 3, 5, 4])
    assert rho == pytest.approx(rx.corr(ry))


def test_spearman_degenerate():
    assert math.isnan(fig08.spearman([1, 2], [3, 4])[0])
    assert math.isnan(fig08.spearman([1, 1, 1, 1], [1, 2, 3, 4])[0])


def test_spearman_ci_contains_rho_and_narrows_with_n():
    lo, hi = fig08.spearman_ci(0.3, 50)
    assert lo < 0.3 < hi
    lo2, hi2 = fig08.spearman_ci(0.3, 500)
    assert hi2 - lo2 < hi - lo
    se = math.sqrt(1.06 / 47)
    assert lo == pytest.approx(math.tanh(math.atanh(0.3) - 1.959964 * se), abs=1e-6)
    assert all(math.isnan(v) for v in fig08.spearman_ci(0.3, 3))


def test_correlations_table():
    df = pd.DataFrame({"a": [1, 2, 3, 4, 5, 6], "b": [6, 5, 4, 3, 2, 1], "y": [1, 2, 3, 4, 5, 60]})
    out = fig08.correlations(df, ["a", "b"], "y")
    assert out["dimension"].tolist() == ["a", "b"]
    assert out["spearman_rho"].tolist() == [pytest.approx(1.0), pytest.approx(-1.0)]
    assert out["n_countries"].tolist() == [6, 6]


def test_by_group_masks_small_groups():
    df = pd.DataFrame({
        "g": ["x"] * 8 + ["y"] * 3,
        "a": list(range(8)) + [1, 2, 3],
        "y": list(range(8)) + [3, 2, 1],
    })
    out = fig08.by_group(df, ["a"], "y", "g").set_index("g")
    assert out.loc["x", "spearman_rho"] == pytest.approx(1.0)
    assert math.isnan(out.loc["y", "spearman_rho"]) and out.loc["y", "n_countries"] == 3


def test_rank_outliers_finds_the_country_against_the_trend():
    df = pd.DataFrame({"country": list("abcdef"), "x": [1, 2, 3, 4, 5, 6],
                       "y": [1, 2, 3, 4, 5, 0.5]})
    out = fig08.rank_outliers(df, "x", "y", 1)
    assert out["country"].tolist() == ["f"]
    assert fig08.rank_outliers(df, "x", "y", 0).empty


def test_residual_outliers_uses_log_scale_and_ignores_missing():
    df = pd.DataFrame({"country": list("abcdefg"), "x": [0, 10, 20, 30, 40, 50, 60],
                       "y": [1, 2, 4, 8, 1000, 32, float("nan")]})
    out = fig08.residual_outliers(df, "x", "y", 1)
    assert out["country"].tolist() == ["e"]
    assert out["residual"].iloc[0] > 0
    assert "g" not in set(fig08.residual_outliers(df, "x", "y", 10)["country"])


def _corr(rhos, lows, highs, n=100):
    return pd.DataFrame({"dimension": list(rhos), "n_countries": n, "spearman_rho": list(rhos.values()),
                         "ci_low": lows, "ci_high": highs})


def test_vulnerability_finding_and_headline_follow_the_correlations():
    labels = {"a": "Governance", "b": "Conflict", "t": "Total"}
    corr = _corr({"a": 0.2, "b": 0.55, "t": 0.4}, [0.01, 0.4, 0.2], [0.4, 0.7, 0.6])
    assert fig08.headline(corr, "t") == "More vulnerable countries tend to have more modern slavery"
    f = fig08.finding(corr, labels, "t")
    assert "0.55 for conflict and 0.20 for governance (all with a 95% interval above zero)" in f
    assert "and 0.40 with the total score" in f and "Across the 100 countries" in f
    weak = _corr({"a": -0.3, "b": 0.1, "t": -0.05}, [-0.5, -0.1, -0.2], [-0.1, 0.3, 0.1])
    assert fig08.headline(weak, "t").startswith("Vulnerability and modern slavery show no")
    f = fig08.finding(weak, labels, "t")
    assert "0.10 for conflict and \u22120.30 for governance (0 of the 2 with a 95% interval" in f
    neg = _corr({"a": -0.3, "t": -0.4}, [-0.5, -0.6], [-0.1, -0.2])
    assert fig08.headline(neg, "t").endswith("less modern slavery")


def test_the_reading_says_what_the_correlation_shows_and_not_a_cause():
    corr = _corr({"a": 0.2, "t": 0.46}, [0.05, 0.32], [0.35, 0.57])
    text = fig08.reading(corr, "t")
    assert "the higher it tends to rank" in text and "a moderate rank correlation, 0.46" in text
    assert "not evidence that vulnerability causes modern slavery" in text
    neg = _corr({"a": -0.6, "t": -0.55}, [-0.7, -0.65], [-0.5, -0.4])
    assert "the lower it tends" in fig08.reading(neg, "t") and "strong" in fig08.reading(neg, "t")
    none = _corr({"a": 0.1, "t": 0.05}, [-0.1, -0.1], [0.3, 0.2])
    assert "do not clearly rank higher or lower" in fig08.reading(none, "t")
    assert fig08.strength(0.29) == "weak positive" and fig08.strength(-0.5) == "strong negative"


def test_the_text_alternative_is_one_short_sentence_with_the_numbers():
    corr = _corr({"a": 0.197, "b": 0.554, "t": 0.455}, [0.04, 0.43, 0.32], [0.35, 0.66, 0.57],
                 n=159)
    alt = fig08.alt_text(corr, "t")
    assert alt.startswith("Across 159 countries, the more vulnerable tend to have more")
    assert "0.46 with the total vulnerability score, 0.20 to 0.55 by dimension." in alt
    assert len(alt.split()) <= 30 and alt.count(".") == 4  # one sentence (dots of 3 numbers)
    none = _corr({"a": -0.3, "t": 0.0}, [-0.5, -0.2], [-0.1, 0.2], n=1000)
    assert "show no clear link" in fig08.alt_text(none, "t")
    assert len(fig08.alt_text(none, "t").split()) <= 30


def test_the_description_names_the_panels_the_numbers_and_the_countries():
    labels = {"a": "Governance", "b": "Conflict", "t": "Total"}
    corr = _corr({"a": 0.2, "b": 0.55, "t": 0.4}, [0.01, 0.4, 0.2], [0.4, 0.7, 0.6])
    text = fig08.description(corr, labels, "t", 80, ["Democratic People's Republic of Korea",
                                                     "Eritrea"])
    assert text.startswith("Two panels.") and "each of the 80 countries shown" in text
    assert "the two countries farthest from the line are named: Democratic People\u2019s" in text
    assert "conflict 0.55 (0.40\u20130.70) and governance 0.20 (0.01\u20130.40)" in text
    assert "'" not in text  # typographic apostrophes only
    assert "are named" not in fig08.description(corr, labels, "t", 80, [])
