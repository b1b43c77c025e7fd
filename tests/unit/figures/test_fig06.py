"""tipfigs.figures.fig06: the two readings of "much more likely", the words its sentences are
written with, and the headline and finding that compare female and male victims."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import ctdc_records

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


def _victims(n, sex, country=None, age="Adult", **flags):
    return ctdc_records.frame([{"sex": sex, "country": country, "age_group": age,
                                "year_start": 2019.0, "year_end": 2019.0, **flags}] * n)


def _flip_construction() -> pd.DataFrame:
    """Forced-labour victims with a recorded type: 100 women (5 in construction), 100 men (60 in
    construction) and a reporter "BIG" with 400 men in agriculture; victims of sexual
    exploitation, 50 women and girls and 5 men, and 30 girls in domestic work."""
    fl = {"exploit_forced_labour": True}
    parts = [_victims(5, "Female", "SML", **fl, labour_construction=True),
             _victims(95, "Female", None, **fl, labour_agriculture=True),
             _victims(60, "Male", "SML", **fl, labour_construction=True),
             _victims(40, "Male", None, **fl, labour_agriculture=True),
             _victims(400, "Male", "BIG", **fl, labour_agriculture=True),
             _victims(30, "Female", "SML", "Minor", **fl, labour_domestic_work=True),
             _victims(50, "Female", "SML", exploit_sexual=True),
             _victims(5, "Male", None, exploit_sexual=True)]
    return ctdc_records.frame(pd.concat(parts, ignore_index=True).to_dict("records"), "2021")


def test_one_reporter_decides_the_construction_reading_and_adults_are_apart():
    table = fig06.spec_table(_flip_construction(), "2021")
    assert set(table["reporter"]) == {"BIG", "SML"}  # each comparison's own largest reporter
    assert table.loc[table["comparison"] == "construction", "reporter"].eq("BIG").all()
    grids = fig06.exploitation_grids(table, 10, "toy")
    points = grids["men-more-in-construction-20-points"]
    assert points.deciding == ["largest_reporter"] and (points.k, points.n) == (2, 4)
    assert points.default.value == pytest.approx(100 * (60 / 500 - 5 / 130))
    assert grids["men-more-in-construction-twice"].unanimous
    # adults: the 30 girls in domestic work are not among them
    dom = table[(table["comparison"] == "domestic_work") & (table["largest_reporter"] == "kept")]
    by = dom.set_index("population")
    assert by.loc["all-ages", "female"] == pytest.approx(30 / 130)
    assert by.loc["adults", "female"] == pytest.approx(0.0)
    assert by.loc["adults", "n_female"] == 100
    again = fig06.exploitation_grids(fig06.spec_table(_flip_construction(), "2021"), 10, "toy")
    for cid, g in grids.items():  # deterministic
        pd.testing.assert_frame_equal(g.frame(), again[cid].frame())
    # the headline says "far" only where every specification holds, and the finding names the
    # reading that depends on the choices
    results = {cid: {"2021": g} for cid, g in grids.items()}
    shares = fig06.population_shares({"2021": table}, "all-ages", 10)
    title = fig06.exploitation_headline(shares["domestic"], shares["construction"],
                                        shares["women_girls"], results)
    assert "male forced-labour victims are more often in construction" in title
    assert "far more often in construction" not in title
    adults = fig06.population_shares({"2021": table}, "adults", 10)
    finding = fig06.exploitation_finding(shares["domestic"], shares["construction"],
                                         shares["women_girls"], adults, results)
    assert "of all ages" in finding and "among adults, 0% of women" in finding
    assert ("women at least 20 points more often in domestic work in the 2021 release, holding "
            "in 2 of 4 specifications (0.0 to 23.1), but not holding with adult victims only "
            "(0.0)") in finding
    assert ("; men at least 20 points more often in construction in the 2021 release, "
            "not holding in 2 of 4 specifications") in finding  # as the default finds it
    assert "but holding with the largest reporter left out (56.2)." in finding


def test_a_release_without_countries_lists_its_left_out_reporter_apart():
    df = ctdc_records.frame(
        pd.concat([_victims(40, "Female", exploit_sexual=True),
                   _victims(10, "Male", age=None, exploit_sexual=True),
                   _victims(20, "Male", exploit_forced_labour=True)]).to_dict("records"), "vp2022")
    grids = fig06.exploitation_grids(fig06.spec_table(df, "vp2022"), 5)
    assert "men-more-in-construction-twice" not in grids  # no types of forced labour recorded
    vast = grids["sexual-exploitation-women-girls-nine-in-ten"]
    assert [o.spec["largest_reporter"] for o in vast.not_computable] == ["left-out", "left-out"]
    assert all("no country" in o.why for o in vast.not_computable)
    assert [round(v, 1) for v in vast.values()] == [80.0, 100.0]  # all ages, adults
    assert vast.deciding == ["population"]


def test_the_headline_names_the_releases_where_a_difference_holds():
    h = fig06.exploitation_headline({"2021": (0.5, 0.1), "2018": (0.1, 0.5)},
                                    {"2021": (0.1, 0.5), "2018": (0.1, 0.5)}, {})
    assert h == ("Female forced-labour victims are more often in domestic work in the 2021 "
                 "release; male forced-labour victims are far more often in construction")
    assert "of 2 releases" not in h
    # both differences hold everywhere, with different strengths: one clause for the two
    h = fig06.exploitation_headline({"2021": (0.5, 0.1)}, {"2021": (0.1, 0.2)}, {})
    assert h == ("Female forced-labour victims are far more often in domestic work, male ones "
                 "more often in construction")


def test_the_publication_words_say_whom_they_count_and_what_depends_on_choices():
    grids = fig06.exploitation_grids(fig06.spec_table(_flip_construction(), "2021"), 10, "toy")
    results = {cid: {"2021": g} for cid, g in grids.items()}
    said = fig06.depends_words(results)
    assert said == ("in the 2021 release, women’s lead in domestic work is 0 points, below 20, "
                    "with adult victims only; men’s lead in construction is 56 points, at least "
                    "20, with the largest reporter left out")  # one release named once
    assert "twice" not in said and "specification" not in said
    assert fig06.depends_words({cid: {} for cid in grids}) == ""
    text = fig06.subtitle("2021", (8783, 9833), 58214, ["2021", "2018"], said)
    assert text.startswith("Identified victims of all ages in the CTDC 2021 release, girls counted "
                           "with women and boys with men: 8,783 female and 9,833 male victims")
    assert "The headline rests on the 2021 and 2018 releases; under other choices, in the" in text
    assert fig06.subtitle("vp2022", None, 10, ["vp2022"], "").endswith(
        "10 victims of sexual exploitation with a recorded sex. The headline rests on the 2022 "
        "Victim-Perpetrator release.")


def test_the_text_alternative_keeps_to_thirty_words():
    alt = fig06.alt_text("2021", (0.486, 0.047), (0.009, 0.327), 0.949)
    assert alt == ("In the CTDC 2021 release, 49% of female forced-labour victims were in domestic "
                   "work (5% of male) and 33% of male ones in construction (1% of female).")
    assert fig06.alt_text("vp2022", None, None, 0.98) == (
        "In the CTDC 2022 Victim-Perpetrator release, women and girls were 98% of victims of "
        "sexual exploitation.")
    assert fig06.alt_text("2021", None, None, None).startswith("Too few records")
    for found in (alt, fig06.alt_text("2018", (0.757, 0.145), (0.005, 0.503), 0.988)):
        assert len(found.split()) <= 30
