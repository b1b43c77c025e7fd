"""tipfigs.ctdc.grid: the largest reporter found in the data, the population, the dominant
reporter of a window, and a grid's result in words."""

from __future__ import annotations

import pandas as pd
import pytest

from tipfigs import specs, words
from tipfigs.ctdc import grid


def _df(countries, ages=None, sexes=None):
    n = len(countries)
    return pd.DataFrame({"country": countries, "age_group": ages or ["Adult"] * n,
                         "sex": sexes or ["Female"] * n})


def test_the_largest_reporter_is_the_country_with_most_records_of_the_denominator():
    df = _df(["AAA", "BBB", "BBB", None, None, None, "CCC", "CCC"],
             sexes=["Male", "Male", None, "Male", "Male", "Male", "Male", "Male"])
    assert grid.largest_reporter(df) == "BBB"  # a tie with "CCC" goes to the first code
    assert grid.largest_reporter(df, df["sex"].notna()) == "CCC"  # its known sex only
    assert grid.largest_reporter(_df([None, None])) is None


def test_leaving_the_reporter_out_keeps_the_records_without_a_country():
    df = _df(["AAA", "BBB", None, "AAA"])
    assert grid.reporter_choice(df, "kept", "AAA", "2021") is df
    left = grid.reporter_choice(df, "left-out", "AAA", "2021")
    assert left["country"].iloc[0] == "BBB" and pd.isna(left["country"].iloc[1])
    assert len(left) == 2
    with pytest.raises(specs.NotComputable, match="no country of exploitation"):
        grid.reporter_choice(df, "left-out", None, "vp2022")
    with pytest.raises(specs.NotComputable, match="no record in the selection has a country"):
        grid.reporter_choice(df, "left-out", None, "2021")
    with pytest.raises(ValueError):
        grid.reporter_choice(df, "halved", "AAA", "2021")


def test_the_population_is_all_ages_or_adults():
    df = _df(["A", "B", "C"], ages=["Adult", "Minor", None])
    assert len(grid.population_choice(df, "all-ages")) == 3
    assert grid.population_choice(df, "adults")["country"].tolist() == ["A"]
    with pytest.raises(ValueError):
        grid.population_choice(df, "minors")


def test_a_reporter_over_a_quarter_of_the_records_with_a_country_dominates():
    d = grid.dominant_reporter(_df(["BIG"] * 3 + ["A", "B", "C"] + [None] * 4))
    assert (d["largest"], d["largest_records"], d["with_country"], d["records"]) == ("BIG", 3, 6, 10)
    assert d["share_of_recorded"] == pytest.approx(0.5) and d["share_of_all"] == pytest.approx(0.3)
    assert d["dominant"]
    even = grid.dominant_reporter(_df(["A", "B", "C", "D"]))
    assert not even["dominant"] and even["share_of_recorded"] == pytest.approx(0.25)
    assert grid.dominant_reporter(_df([None]))["largest"] is None


GRID = specs.Grid(("window", "min_records"), {"window": "thirds", "min_records": "100"},
                  {"min_records": ("1000", "9000")})
VALUES = {("thirds", "100"): 10.4, ("fixed-cut", "100"): -0.9, ("five-years", "100"): 12.3,
          ("thirds", "1000"): 9.7, ("fixed-cut", "1000"): -1.6, ("five-years", "1000"): 11.6,
          ("thirds", "9000"): -8.6, ("fixed-cut", "9000"): None, ("five-years", "9000"): None}


def _run(values=VALUES):
    return specs.run("rise", GRID, lambda s: values[(s["window"], s["min_records"])],
                     lambda v: v > 0)


def test_flips_and_the_clause_name_the_choices_that_change_the_answer():
    r = _run()
    assert [grid.changed(r, o) for o in grid.flips(r)] == ["window", "min_records"]
    assert grid.with_choice(r, "min_records", "9000").value == pytest.approx(-8.6)
    assert grid.clause(r, "a rise", "no rise", words.signed) == (
        "a rise in 4 of 7 specifications (\u22128.6 to +12.3), but no rise with the years up to "
        "2013 against 2014 onward (\u22120.9) or with periods with at least 9,000 records "
        "(\u22128.6)")
    assert grid.deciding_words([r]) == "the long-run window and the fewest records per period"
    fall = _run({k: (None if v is None else -abs(v)) for k, v in VALUES.items()})
    assert grid.clause(fall, "a rise", "no rise", words.signed).startswith(
        "no rise in any of the 7 specifications (\u221212.3 to \u22120.9)")
    assert grid.deciding_words([fall]) == ""
    rise = _run({k: (None if v is None else abs(v)) for k, v in VALUES.items()})
    assert grid.clause(rise, "a rise", "no rise", words.signed).startswith(
        "a rise in every one of the 7 specifications")
    # a figure's reader gets plain words for the specifications
    assert grid.clause(r, "a rise", "no rise", words.signed, unit="ways of counting tried"
                       ).startswith("a rise in 4 of the 7 ways of counting tried (")
    assert grid.clause(rise, "a rise", "no rise", words.signed, unit="ways of counting tried"
                       ).startswith("a rise in every one of the 7 ways of counting tried")


def test_option_words_read_a_runs_own_fewest_records():
    assert grid.option_words("min_records", "250") == "periods with at least 250 records"
    assert grid.option_words("min_records", "9000") == "periods with at least 9,000 records"
    assert grid.option_words("largest_reporter", "left-out") == "the largest reporter left out"


def test_the_table_gives_k_of_n_the_deciding_choice_and_the_range():
    t = grid.table([_run()])
    row = t.iloc[0]
    assert (row["holds in"], row["not computable"]) == ("4 of 7", 2)
    assert row["deciding choice"] == "the long-run window and the fewest records per period"
    assert (row["default"], row["range"]) == ("10.4", "\u22128.6 to 12.3")
