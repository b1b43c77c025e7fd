"""tipfigs.rankings: ranks with ties, and the intervals that rounding allows."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tipfigs import rankings

RATES = pd.Series({"Asia and the Pacific": 3.5, "Europe and Central Asia": 4.4, "Africa": 2.9,
                   "Americas": 3.5, "Arab States": 5.3})


def test_half_unit():
    assert rankings.half_unit(1) == pytest.approx(0.05)
    assert rankings.half_unit(0) == pytest.approx(0.5)


def test_implied_population_and_its_rounding_interval():
    df = rankings.implied_population([0.9], [5.3])
    assert df.loc[0, "implied_population_million"] == pytest.approx(0.9 / 5.3 * 1000)
    assert df.loc[0, "implied_population_low"] == pytest.approx(0.85 / 5.35 * 1000)
    assert df.loc[0, "implied_population_high"] == pytest.approx(0.95 / 5.25 * 1000)


def test_implied_population_high_is_open_when_rate_may_be_zero():
    df = rankings.implied_population([0.1], [0.0])
    assert math.isnan(df.loc[0, "implied_population_high"])


def test_rate_per_1000_from_count_and_population():
    df = rankings.rate_per_1000([3.6], [1_000_000_000])
    assert df.loc[0, "per_1000"] == pytest.approx(3.6)
    assert df.loc[0, "per_1000_low"] == pytest.approx(3.55)
    assert df.loc[0, "per_1000_high"] == pytest.approx(3.65)


def test_within_is_false_outside_and_for_missing():
    got = rankings.within([1.0, 2.0, 5.0, float("nan")], [1.0, 2.5, 4.0, 0.0], [2.0, 3.0, 6.0, 1.0])
    assert got.tolist() == [True, False, True, False]


def test_rank_groups_orders_high_to_low_and_groups_ties():
    s = pd.Series({"Asia": 3.5, "Arab": 5.3, "Americas": 3.5, "Africa": 2.9, "Europe": 4.4})
    assert rankings.rank_groups(s) == [("Arab",), ("Europe",), ("Americas", "Asia"), ("Africa",)]
    assert rankings.format_ranking(rankings.rank_groups(s)) == "Arab > Europe > Americas = Asia > Africa"


def test_rank_groups_ties_only_after_rounding():
    s = pd.Series({"a": 3.54, "b": 3.49, "c": float("nan")})
    assert rankings.rank_groups(s) == [("a",), ("b",)]
    assert rankings.rank_groups(s, decimals=1) == [("a", "b")]


def test_ranks_ties_share_best_rank():
    s = pd.Series({"a": 5.3, "b": 3.5, "c": 3.5, "d": 2.9})
    assert rankings.ranks(s).tolist() == [1, 2, 2, 4]


def test_tie_offsets_spread_only_the_labels_that_share_a_rank():
    rank = rankings.ranks(pd.Series({"d": 2.9, "c": 3.5, "a": 5.3, "b": 3.5, "e": 3.5}))
    off = rankings.tie_offsets(rank)
    assert off["a"] == 0 and off["d"] == 0
    assert [off[k] for k in "bce"] == pytest.approx([-0.3, 0.0, 0.3])  # by name, around the rank
    assert rankings.tie_offsets(rank, step=1.0)["b"] == pytest.approx(-1.0)
    two = rankings.tie_offsets(rankings.ranks(pd.Series({"y": 1.0, "x": 1.0})))
    assert two == pytest.approx({"x": -0.15, "y": 0.15})


def test_share_and_bounds():
    assert rankings.share(15.1, 27.6) == pytest.approx(15.1 / 27.6)
    lo, hi = rankings.share_bounds(15.1, 27.6)
    assert lo == pytest.approx(15.05 / 27.65) and hi == pytest.approx(15.15 / 27.55)
    assert lo < rankings.share(15.1, 27.6) < hi


def test_share_rejects_non_positive_total():
    with pytest.raises(ValueError):
        rankings.share(1.0, 0.0)


def test_rank_phrase_says_joint_for_a_shared_rank():
    r = rankings.ranks(RATES)
    assert rankings.rank_phrase(r, "Arab States") == "first"
    assert rankings.rank_phrase(r, "Asia and the Pacific") == "joint third"
    assert rankings.rank_phrase(r, "Americas") == "joint third"
    assert rankings.tied_with(r, "Americas") == ["Asia and the Pacific"]
    assert rankings.rank_phrase(r, "Africa") == "fifth"  # after a tie, the next rank is skipped
