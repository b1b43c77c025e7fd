"""tipfigs.figures.fig06: the two readings of "much more likely", the words its sentences are
written with, and the headline and finding that compare female and male victims."""

from __future__ import annotations

import pytest

from tipfigs import words
from tipfigs.figures import fig06


def test_much_more_likely_has_two_readings():
    both = fig06.much_more_likely(0.515, 0.051)
    assert both["ratio"] == pytest.approx(10.098, abs=1e-3)
    assert both["difference_pp"] == pytest.approx(46.4)
    assert both["ratio_holds"] and both["points_holds"]
    rare = fig06.much_more_likely(0.02, 0.005)  # four times as likely, 1.5 points apart
    assert rare["ratio_holds"] and not rare["points_holds"]
    common = fig06.much_more_likely(0.6, 0.4)  # 20 points apart, 1.5 times as likely
    assert common["points_holds"] and not common["ratio_holds"]
    assert fig06.much_more_likely(0.3, 0.0)["ratio"] == float("inf")


def test_words_for_ranges_years_and_signs():
    assert words.share_range([0.486, 0.757]) == "49\u201376%"
    assert words.share_range([0.9491, 0.9488]) == "95%"
    assert words.share_range([float("nan"), None]) == "n/a"
    assert words.share_range([0.123], digits=1) == "12.3%"
    assert words.years(2019.0, 2019.0) == "2019"
    assert words.years(2005, 2013) == "2005\u20132013"
    assert words.signed(-5.16) == "\u22125.2" and words.signed(7.76) == "+7.8"
    assert fig06.releases_text(["2021"]) == "the 2021 release"
    assert fig06.releases_text(["2021", "2018", "vp2022"]) == (
        "the 2021, 2018 and 2022 Victim-Perpetrator releases")


def test_exploitation_headline_and_finding_follow_the_shares():
    dom = {"2021": (0.486, 0.047), "2018": (0.757, 0.145)}
    con = {"2021": (0.009, 0.327), "2018": (0.005, 0.503)}
    wg = {"2021": 0.949, "2018": 0.988}
    assert fig06.exploitation_headline(dom, con, wg) == (
        "Female forced-labour victims are far more often in domestic work, male ones in "
        "construction; nearly all victims of sexual exploitation are women and girls")
    f = fig06.exploitation_finding(dom, con, wg)
    assert "49\u201376% of female and 5\u201314% of male ones were in domestic work" in f
    assert "33\u201350% of male and 0\u20131% of female ones in construction" in f
    assert "women and girls were 95\u201399%" in f and f.endswith("releases).")
    # the data decide the words: equal shares, a weak difference, a bare majority
    h = fig06.exploitation_headline({"2021": (0.25, 0.25)}, {"2021": (0.2, 0.3)}, {"2021": 0.6})
    assert h == ("Female forced-labour victims are not more often in domestic work than male ones; "
                 "male forced-labour victims are more often in construction; most victims of "
                 "sexual exploitation are women and girls")
    assert fig06.exploitation_headline({}, {}, {"vp2022": 0.4}) == (
        "Women and girls are 40% of victims of sexual exploitation")
    assert fig06.exploitation_finding({}, {}, {}).startswith("The selection has too few records")
