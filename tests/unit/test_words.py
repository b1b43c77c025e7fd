"""tipfigs.words: the one home of the collection's small pieces of text and label placement."""

import math

import pytest

from tipfigs import words


def test_join_lists_as_a_reader_writes_them():
    assert words.join([]) == ""
    assert words.join(["a"]) == "a"
    assert words.join(["a", "b"]) == "a and b"
    assert words.join(["a", "b", "c"]) == "a, b and c"


def test_signed_and_number_use_a_true_minus_sign():
    assert words.signed(7.84) == "+7.8"
    assert words.signed(-5.25, 2) == "\u22125.25"
    assert words.number(-0.1) == "\u22120.10"
    assert words.interval(0.36, 0.6) == "0.36\u20130.60"
    assert words.interval(-0.1, 0.2) == "\u22120.10 to 0.20"


def test_years_and_spans():
    assert words.years(2019, 2019) == "2019"
    assert words.years(2005.0, 2013.0) == "2005\u20132013"
    assert words.years(2005, 2013, dash="-") == "2005-2013"
    assert words.span("49", "76%") == "49\u201376%"


def test_percent_and_ranges():
    assert words.percent(0.684) == "68%"
    assert words.percent(0.684, 1) == "68.4%"
    assert words.percent(None) == "n/a"
    assert words.percent(float("nan")) == "n/a"
    assert words.share_range([0.49, 0.7612, None, float("nan")]) == "49\u201376%"
    assert words.share_range([0.491, 0.494]) == "49%"
    assert words.share_range([]) == "n/a"


def test_bounds_and_changes():
    assert words.bounds(1282, 1282) == "1,282"
    assert words.bounds(20, 24) == "20-24"
    assert words.bounds(20, 24, words.EN_DASH) == "20\u201324"
    assert words.change(71.2, 58.4) == "down from 71%"
    assert words.change(50, 60.2) == "up from 50%"
    assert words.change(60.2, 59.9) == "unchanged from 60%"
    assert words.change(1200, 1500, unit="", fmt=",.0f") == "up from 1,200"


def test_ordinals_numbers_and_where_held():
    assert words.ordinal(3) == "third"
    assert words.ordinal(11) == "11th"
    with pytest.raises(ValueError):
        words.ordinal(0)
    assert words.number_word(5) == "five"
    assert words.number_word(12) == "12"
    assert words.held_in(1, 1) == "the one release"
    assert words.held_in(0, 3) == "any of the 3 releases"
    assert words.held_in(3, 3) == "all 3 releases"
    assert words.held_in(2, 3) == "2 of 3 releases"


def test_spread_keeps_labels_apart_and_in_order():
    assert words.spread([1.0, 5.0], gap=1.0) == [1.0, 5.0]  # room: each at its value
    placed = words.spread([2.0, 2.1, 2.2], gap=1.0)
    assert placed == pytest.approx([1.1, 2.1, 3.1])  # centred on the mean of the values
    assert all(b - a >= 1.0 - 1e-9 for a, b in zip(placed, placed[1:], strict=False))
    # within bounds where they fit
    low = words.spread([0.0, 0.1], gap=1.0, low=0.0)
    assert low[0] >= 0.0 and low[1] - low[0] == pytest.approx(1.0)
    # returned in the order of the values given
    assert words.spread([5.0, 1.0], gap=1.0) == [5.0, 1.0]


def test_spread_labels_breaks_ties_by_name():
    placed = words.spread_labels({"b": 1.0, "a": 1.0}, gap=1.0)
    assert placed["a"] < placed["b"]
    assert math.isclose(placed["b"] - placed["a"], 1.0)


def test_change_compares_as_a_reader_sees_the_numbers():
    # as glotip's former change_words was tested
    assert words.change(71.4, 59.6) == "down from 71%"
    assert words.change(40.2, 59.6) == "up from 40%"
    assert words.change(59.6, 60.4) == "unchanged from 60%"
    assert words.change(0.214, 0.43, unit="", fmt=".2f") == "up from 0.21"
    assert words.change(2507, 1396, unit=" persons", fmt=",.0f") == "down from 2,507 persons"


def test_spread_keeps_order_and_gap_and_moves_only_crowded_labels():
    # as glotip's former spread was tested
    assert words.spread([1, 1.1, 5], 1) == pytest.approx([0.55, 1.55, 5.0])
    # a crowded group is centred on its values and kept within the bounds
    assert words.spread([1, 1.1, 1.2], 1, low=0.8) == pytest.approx([0.8, 1.8, 2.8])
    assert words.spread([3, 2.9], 1, high=3) == pytest.approx([3.0, 2.0])
    assert words.spread([0.3, 0.1, 0.2, 0.9], 0.1) == pytest.approx([0.3, 0.1, 0.2, 0.9])
    values = [5, 4.9, 5.1, 5.05, 0]
    got = words.spread(values, 0.5)
    ranked = sorted(range(5), key=lambda i: (values[i], i))
    placed = [got[i] for i in ranked]
    assert placed == sorted(placed)  # the order of the values is kept
    assert all(b - a >= 0.5 - 1e-9 for a, b in zip(placed[:-1], placed[1:], strict=True))
    # the crowded four are centred on their mean; the lone label stays where it is
    assert sum(placed[1:]) / 4 == pytest.approx(sum(values[:4]) / 4) and got[4] == 0
    assert words.spread([], 1) == []


# -- as the CTDC figures use it: percentages and their ranges, lists, and direct labels kept apart
# (words.spread_labels) yet near their points ------------------------------------------------------

def test_percentages_and_ranges():
    assert words.percent(0.6775) == "68%"
    assert words.percent(float("nan")) == "n/a"
    assert words.share_range([0.678, float("nan"), 0.873]) == "68\u201387%"
    assert words.share_range([0.678, 0.681]) == "68%"  # both round to 68
    assert words.share_range([float("nan")]) == "n/a"
    assert words.join(["a", "b", "c"]) == "a, b and c"
    assert words.join(["a"]) == "a"


def test_spread_keeps_labels_apart_and_near_their_points():
    # two lines ending at the same value: labels a gap apart, centred on it
    assert words.spread_labels({"2021": 50.0, "2018": 50.0}, gap=6) == {"2018": 47.0, "2021": 53.0}
    # labels with room stay at their points
    assert words.spread_labels({"2021": 77.0, "2018": 18.0}, gap=6) == {"2018": 18.0, "2021": 77.0}
    # a crowded group moves as one, centred on its points; a label far away does not move
    at = words.spread_labels({"a": 10.0, "b": 12.0, "c": 16.0, "d": 60.0}, gap=6)
    assert [at[k] for k in "abc"] == pytest.approx([20 / 3, 38 / 3, 56 / 3])
    assert at["d"] == 60.0
    ys = sorted(at.values())
    assert all(b - a >= 6 - 1e-9 for a, b in zip(ys, ys[1:], strict=False))


def test_dates_are_written_out_at_their_own_precision():
    assert words.date("2023-05-30") == "30 May 2023"
    assert words.date("2025-04") == "April 2025"
    assert words.date("2018") == "2018"


def test_quoted_uses_typographic_quotes():
    assert words.quoted("the article's sectors") == "\u201cthe article\u2019s sectors\u201d"
