"""tipfigs.figures.fig02: the sentence that compares the regions by number and by rate."""

from __future__ import annotations

import pandas as pd

from tipfigs import rankings
from tipfigs.figures import fig02

COUNTS = pd.Series({"Asia and the Pacific": 15.1, "Europe and Central Asia": 4.1, "Africa": 3.8,
                    "Americas": 3.6, "Arab States": 0.9})


RATES = pd.Series({"Asia and the Pacific": 3.5, "Europe and Central Asia": 4.4, "Africa": 2.9,
                   "Americas": 3.5, "Arab States": 5.3})


def test_verb_agrees_with_the_region_name():
    assert fig02.verb("Americas", "has", "have") == "have"
    assert fig02.verb("Africa", "has", "have") == "has"


def test_ranking_finding_states_the_ranks_with_ties():
    s = fig02.ranking_finding(COUNTS, RATES, 27.6, "people in forced labour", all_regions=5)
    assert s == ("Asia and the Pacific has the most people in forced labour (15.1 million, 55% of "
                 "the world's 27.6 million) but ranks joint third per 1,000 people (3.5, with the "
                 "Americas); the Arab States, fifth by number (0.9 million), have the highest rate "
                 "(5.3 per 1,000 people).")
    assert "fourth" not in s


def test_ranking_finding_follows_the_data():
    rates = RATES.copy()
    rates["Asia and the Pacific"] = 6.0  # now first on both
    s = fig02.ranking_finding(COUNTS, rates, 27.6, "people in forced labour", all_regions=5)
    assert s.endswith("and the highest rate too (6.0 per 1,000 people).")
    two = fig02.ranking_finding(COUNTS[["Africa", "Americas"]], RATES[["Africa", "Americas"]],
                                  27.6, "people in forced labour", all_regions=5)
    assert "of the 2 regions shown" in two and "the Americas, second by number" in two
    one = fig02.ranking_finding(COUNTS[["Africa"]], RATES[["Africa"]], 27.6, "people", 5)
    assert one == "Africa has 3.8 million people (14% of the world's 27.6 million), 2.9 per 1,000 people."
    assert rankings.ranks_differ(COUNTS, RATES) and not rankings.ranks_differ(COUNTS, COUNTS / 2)
