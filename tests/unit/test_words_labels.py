"""tipfigs.words as the CTDC figures use it: percentages and their ranges, lists, and direct
labels kept apart (words.spread_labels) yet near their points."""

from __future__ import annotations

import pytest

from tipfigs import words


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
