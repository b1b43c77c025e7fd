"""Figure 9's own analysis and labels: sums over a panel of countries with convictions per
detected victim and its bounds, and direct labels kept apart at the lines' ends."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from tipfigs.figures import fig09


def _country_year(code, year, prosecuted, convicted, victims=None):
    """One country and year: (low, high) bounds of each total; victims None when not reported."""
    v = victims if victims is not None else (np.nan, np.nan)
    return {"country": code.title(), "code": code, "year": year,
            "prosecuted_low": prosecuted[0], "prosecuted_high": prosecuted[1],
            "convicted_low": convicted[0], "convicted_high": convicted[1],
            "victims_low": v[0], "victims_high": v[1]}


def test_totals_by_sums_the_bounds_and_divides_only_where_every_country_reports_victims():
    df = pd.DataFrame([
        _country_year("AAA", 2020, (10, 10), (4, 4), (20, 20)),
        _country_year("BBB", 2020, (0, 4), (0, 4), (10, 10)),
        _country_year("AAA", 2021, (12, 12), (6, 6), (30, 30)),
        _country_year("BBB", 2021, (8, 8), (2, 2)),  # no victims reported in 2021
    ])
    t = fig09.totals_by(df, ["year"]).set_index("year")
    assert t.loc[2020, ["countries", "prosecuted_low", "prosecuted_high"]].tolist() == [2, 10, 14]
    assert t.loc[2020, "prosecuted"] == 12  # the middle of the bounds
    assert t.loc[2020, "countries_prosecuted_convicted"] == "AAA BBB"
    assert t.loc[2021, "countries_victims"] == "AAA"
    # 2020: convicted 4-8 (middle 6) for 30 victims
    assert t.loc[2020, "convictions_per_victim"] == pytest.approx(6 / 30)
    assert t.loc[2020, "convictions_per_victim_low"] == pytest.approx(4 / 30)
    assert t.loc[2020, "convictions_per_victim_high"] == pytest.approx(8 / 30)
    # 2021: BBB reports no victims, so no ratio (the sums would cover different countries)
    assert np.isnan(t.loc[2021, "convictions_per_victim"])
    assert np.isnan(t.loc[2021, "convictions_per_victim_high"])


def test_totals_by_group_and_no_upper_bound_over_zero_victims():
    df = pd.DataFrame([_country_year("AAA", 2020, (1, 1), (0, 4), (0, 4))]).assign(region="Asia")
    t = fig09.totals_by(df, ["region", "year"]).iloc[0]
    assert (t["region"], t["year"]) == ("Asia", 2020)
    assert t["convictions_per_victim_low"] == 0 and np.isnan(t["convictions_per_victim_high"])


def test_end_labels_are_moved_apart_in_the_order_of_their_values():
    ax = Figure().subplots()
    items = [("a", 1.0, "red"), ("b", 1.05, "blue"), ("c", 5.0, "green")]
    fig09.end_labels(ax, 2021, items, gap=0.5)
    labels = {t.get_text(): t for t in ax.texts}
    assert set(labels) == {"a", "b", "c"}
    y = {k: t.xy[1] for k, t in labels.items()}
    assert all(t.xy[0] == 2021 for t in labels.values())
    assert y["b"] - y["a"] == pytest.approx(0.5)  # the crowded two, centred on their values
    assert (y["a"] + y["b"]) / 2 == pytest.approx(1.025)
    assert y["c"] == 5.0  # a label with room stays at its value
    assert labels["b"].get_color() == "blue"
    low = Figure().subplots()
    fig09.end_labels(low, 2021, [("x", 0.0, "k"), ("y", 0.1, "k")], gap=1.0)
    assert min(t.xy[1] for t in low.texts) == 0  # never below 0
