"""Figure 9's own analysis and labels: sums over a panel of countries with convictions per
detected victim and its bounds, and direct labels kept apart at the lines' ends."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from tipfigs import style
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
    style.end_labels(ax, 2021, items, gap=0.5)
    labels = {t.get_text(): t for t in ax.texts}
    assert set(labels) == {"a", "b", "c"}
    y = {k: t.xy[1] for k, t in labels.items()}
    assert all(t.xy[0] == 2021 for t in labels.values())
    assert y["b"] - y["a"] == pytest.approx(0.5)  # the crowded two, centred on their values
    assert (y["a"] + y["b"]) / 2 == pytest.approx(1.025)
    assert y["c"] == 5.0  # a label with room stays at its value
    assert labels["b"].get_color() == "blue"
    low = Figure().subplots()
    style.end_labels(low, 2021, [("x", 0.0, "k"), ("y", 0.1, "k")], gap=1.0)
    assert min(t.xy[1] for t in low.texts) == 0  # never below 0


# -- panels, the specification grid and the sentences that follow from it ---------------------

KEYS = ["iso3", "country", "region", "subregion", "year"]


def _totals(rows):
    """Country totals as sums.totals gives them, from (code, year, low, high) tuples."""
    return pd.DataFrame([{"iso3": c, "country": c.title(), "region": "Asia" if c < "M" else "Europe",
                          "subregion": "", "year": y, "value_low": lo, "value_high": hi}
                         for c, y, lo, hi in rows], columns=KEYS + ["value_low", "value_high"])


def flipping_table():
    """Three countries over 2015-2020. AAA and BBB report all three totals every year and their
    convictions per victim rise (0.1 to 0.5); CCC reports convictions and victims every year but
    no prosecutions, with many victims and falling convictions, so a panel that takes in CCC
    falls. DDD reports all three only from 2018 (in each-year, not balanced)."""
    p, c, v = [], [], []
    for i, y in enumerate(range(2015, 2021)):
        for code in ("AAA", "BBB"):
            p.append((code, y, 50, 50))
            c.append((code, y, 10 + 8 * i, 10 + 8 * i))
            v.append((code, y, 100, 100))
        c.append(("CCC", y, 200 - 30 * i, 200 - 30 * i))
        v.append(("CCC", y, 1000, 1000))
        if y >= 2018:
            p.append(("DDD", y, 5, 5))
            c.append(("DDD", y, 0, 4))  # censored: between 0 and 4
            v.append(("DDD", y, 10, 10))
    return fig09.country_table(_totals(p), _totals(c), _totals(v), KEYS)


def test_country_table_keeps_every_country_year_reporting_any_total():
    t = flipping_table()
    assert len(t) == 6 * 3 + 3  # AAA, BBB, CCC every year; DDD three years
    ccc = t[t["code"] == "CCC"]
    assert ccc["prosecuted_low"].isna().all() and ccc["convicted_low"].notna().all()
    assert fig09.reporting(t, fig09.MEASURES).sum() == 12 + 3


def test_each_panel_takes_the_countries_its_rule_names():
    t = flipping_table()
    years = (2017, 2020)
    assert fig09.panel(t, "balanced-recent", years).countries == ["AAA", "BBB"]
    assert fig09.panel(t, "balanced-victims", years).countries == ["AAA", "BBB", "CCC"]
    each = fig09.panel(t, "each-year", years)
    assert each.countries == ["AAA", "BBB", "DDD"]  # CCC reports no prosecutions
    assert each.sums["countries"].tolist() == [2, 3, 3, 3]  # DDD joins in 2018
    long = fig09.panel(t, "balanced-long", years, long_from=2015)
    assert long.years == (2015, 2020) and long.countries == ["AAA", "BBB", "CCC"]
    with pytest.raises(fig09.specs.NotComputable, match="longer"):
        fig09.panel(t, "balanced-long", years, long_from=2017)  # not longer than the period
    with pytest.raises(fig09.specs.NotComputable, match="every year of 2010"):
        fig09.panel(t, "balanced-recent", (2010, 2020))
    with pytest.raises(ValueError, match="unknown panel"):
        fig09.panel(t, "everyone", years)


def test_the_long_window_is_the_longest_that_holds_enough_countries():
    t = flipping_table()
    assert fig09.long_first(t, 2020, 3) == 2015  # AAA, BBB, CCC every year since 2015
    assert fig09.long_first(t, 2020, 4) == 2018  # DDD reports from 2018
    assert fig09.long_first(t, 2020, 5) is None
    assert fig09.long_first(t, 2020, 3, needs=fig09.MEASURES) == 2018  # with prosecutions


def test_largest_reporter_and_without_it():
    t = flipping_table()
    p = fig09.panel(t, "balanced-victims", (2015, 2020))
    code, share = fig09.largest_reporter(p.rows)
    assert code == "CCC" and share == pytest.approx(6000 / 7200)
    rest = fig09.without(p, code)
    assert rest.countries == ["AAA", "BBB"] and rest.left_out == "CCC"
    with pytest.raises(fig09.specs.NotComputable, match="only country"):
        fig09.without(fig09.without(rest, "AAA"), "BBB")


def test_ratio_change_and_level_at_each_censored_option():
    sums = pd.DataFrame({"convicted_low": [0.0, 10.0], "convicted_high": [4.0, 14.0],
                         "victims_low": [10.0, 20.0], "victims_high": [14.0, 20.0]},
                        index=[2020, 2021])
    assert fig09.ratio(sums, "midpoint").tolist() == pytest.approx([2 / 12, 12 / 20])
    assert fig09.ratio(sums, "low").tolist() == pytest.approx([0, 0.5])
    assert fig09.ratio(sums, "high").tolist() == pytest.approx([4 / 14, 0.7])
    assert fig09.level(sums, "least-favourable") == pytest.approx(0.7)  # 14 / 20
    # against a rise: the first year at its highest (4/10), the last at its lowest (10/20)
    assert fig09.change(sums, "least-favourable", rising=True) == pytest.approx(0.5 - 0.4)
    assert fig09.change(sums, "least-favourable", rising=False) == pytest.approx(0.7 - 0)
    assert fig09.change(sums, "midpoint", rising=True) == pytest.approx(12 / 20 - 2 / 12)


def by_rule(t, years, min_countries):
    """The grid's panels with every rule for flagged totals given the same table (the synthetic
    tables have no flags, so the rules agree)."""
    return fig09.spec_panels_by_rule(
        {r: t for r in fig09.GRID_EXCLUSION}, years,
        {r: fig09.long_first(t, years[1], min_countries) for r in fig09.GRID_EXCLUSION})


def test_a_panel_that_flips_the_direction_makes_the_finding_say_so():
    t = flipping_table()
    panels = by_rule(t, (2017, 2020), 3)
    d = fig09.direction(panels, "balanced-recent", "confirm-by-total")
    assert d.reading == "convictions per detected victim rose" and d.default.holds
    assert not d.unanimous and d.deciding == ["panel"]
    text = fig09.direction_words(d)
    assert text.startswith("whether it rose or fell depends on the panel of countries: it rose in ")
    assert text.endswith(f"{d.k} of {d.n} specifications")
    # the same grid with a panel where it rises everywhere says so plainly
    only = {k: v for k, v in panels.items()}
    for key in list(only):
        if key[1] != "balanced-recent":
            only[key] = "left out of this test"
    rises = fig09.direction(only, "balanced-recent", "confirm-by-total")
    assert fig09.direction_words(rises) == f"it rose under every one of the {rises.n} specifications"


def test_the_grid_is_deterministic_with_the_default_first():
    t = flipping_table()
    runs = []
    for _ in range(2):
        panels = by_rule(t, (2017, 2020), 3)
        runs.append(fig09.level_reading(panels, "balanced-recent", "confirm-by-total"))
    a, b = (r.frame() for r in runs)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 3 * 4 * 2 * 2  # rules, panels, censored options, the largest reporter
    assert a.iloc[0]["spec"] == ("exclusion=confirm-by-total;panel=balanced-recent;"
                                 "censored=least-favourable;largest_reporter=kept")
    # the default is the highest year with convictions high and victims low: AAA+BBB in 2020
    assert runs[0].default.value == pytest.approx(100 / 200)


def test_the_headline_and_level_sentence_state_what_holds_under_every_specification():
    t = flipping_table()
    panels = by_rule(t, (2017, 2020), 3)
    fewer = fig09.level_reading(panels, "balanced-recent", "confirm-by-total")
    at_most = fig09.level_reading(panels, "balanced-recent", "confirm-by-total", 2)
    highest = max(fewer.values())
    # AAA and BBB without the larger of the two (by victims: a tie, AAA first) reach 0.5
    assert highest == pytest.approx(0.5) and fig09.bound(highest) == 2
    regions = pd.DataFrame({"group": ["Asia", "Asia", "Europe"], "year": [2019, 2020, 2020],
                            "convictions_per_victim": [0.6, 0.87, 0.2]})
    assert fig09.regions_above(regions, 0.5) == [("Asia", 0.87)]
    assert fig09.headline(highest, regions) == (
        "Summed over countries, at most one person is convicted for every two victims detected")
    assert fig09.headline(highest, regions.iloc[2:]) == (
        "At most one person is convicted for every two victims detected")
    assert fig09.headline(0.7, regions.iloc[2:]) == "Fewer persons are convicted than victims are detected"
    assert fig09.headline(1.2, regions) == (
        "In some years as many persons are convicted as victims are detected")
    text = fig09.level_words([fewer], [at_most], regions)
    assert text.startswith("Summed over countries, at most one person was convicted for every two "
                           f"victims detected under every one of the {fewer.n} specifications")
    assert text.endswith("; regional lines go above one for every two: in Asia up to 0.87")
    # a value that rounds to the bound is shown with the digit that puts it above
    near = regions.assign(convictions_per_victim=[0.1, 0.504, 0.2])
    assert fig09.level_words([fewer], [at_most], near).endswith("in Asia up to 0.504")


def test_the_figure_bound_that_fails_somewhere_is_said_with_its_count():
    fewer = fig09.specs.run("convictions-fewer-than-detected-victims",
                            fig09.grid("balanced-recent", "least-favourable", "strict"),
                            lambda s: 0.3 if s["largest_reporter"] == "kept" else 0.6,
                            lambda v: v < 1)
    at_most = fig09.specs.run("at most one convicted for every three victims",
                              fig09.grid("balanced-recent", "least-favourable", "strict"),
                              lambda s: 0.3 if s["largest_reporter"] == "kept" else 0.6,
                              lambda v: v <= 1 / 3, threshold=1 / 3)
    text = fig09.level_words([fewer], [at_most], pd.DataFrame(
        {"group": ["Asia"], "convictions_per_victim": [0.5]}))
    assert "fewer persons were convicted than victims were detected under every one of the 48" in text
    assert "; at most one for every three in 24 of 48, depending on the largest reporter" in text
    assert text.endswith("regional lines go above one for every three: in Asia up to 0.50")


def test_dominant_reporters_are_shown_beside_the_values_with_every_country():
    t = flipping_table()
    p = fig09.panel(t, "balanced-victims", (2015, 2020))
    d = fig09.dominant(p)
    # AAA gives half the persons prosecuted (a tie with BBB, the first by name), CCC most
    # convictions and victims
    assert d["left_out"].tolist() == ["", "AAA", "CCC", "CCC"]
    assert d["measure"].tolist() == ["", "prosecuted", "convicted", "victims"]
    assert d.loc[0, "direction"] == "fell" and d.loc[3, "direction"] == "rose"
    assert d.loc[3, "first"] == pytest.approx(0.1) and d.loc[3, "last"] == pytest.approx(0.5)
    # persons prosecuted only where every country of the panel reports them (CCC does not)
    assert np.isnan(d.loc[0, "prosecuted_first"]) and d.loc[3, "prosecuted_last"] == 100


# -- known values of the real releases ---------------------------------------------------------

def real_table(date: str, exclusion: str = "strict") -> pd.DataFrame:
    """The notebook's table of a release: country totals of the three indicators, flagged totals
    left out by ``exclusion`` (strict: the rule of the figure the analyst checked)."""
    from builders.glotip import real_release

    from tipfigs.glotip import exclusion as rules
    from tipfigs.glotip import schema, sums

    rows = sums.countries(real_release(date)[0])
    found = []
    for ind in (schema.PROSECUTED, schema.CONVICTED, schema.VICTIMS):
        t = rows[(rows["indicator"] == ind) & (rows["dimension"] == "Total")
                 & (rows["category"] == "Total") & (rows["sex"] == "Total") & (rows["age"] == "Total")]
        t = rules.leave_out(t, exclusion)[0]
        found.append(sums.totals(t, ind))
    return fig09.country_table(*found, KEYS)


def test_the_latest_release_panel_of_17_countries_rises_and_holds_4_percent_of_prosecutions():
    t = real_table("2025-04-14")
    p = fig09.panel(t, "balanced-recent", (2017, 2022))
    assert len(p.countries) == 17
    r = fig09.ratio(p.sums)
    assert (round(r[2017], 2), round(r[2020], 2), round(r[2022], 2)) == (0.23, 0.17, 0.42)
    assert fig09.mid(p.sums, "prosecuted")[2017] == 480
    both = t[fig09.reporting(t, ("prosecuted", "convicted")) & (t["year"] == 2017)]
    assert (len(both), fig09.mid(both, "prosecuted").sum()) == (94, 11459)
    # the grid: the direction depends on the panel
    panels = by_rule(t, (2017, 2022), 10)
    d = fig09.direction(panels, "balanced-recent", "strict")
    assert d.reading.endswith("rose") and "panel" in d.deciding


def test_the_latest_release_raw_sums_give_the_analysts_larger_panels_which_fall():
    t = real_table("2025-04-14", exclusion="none")
    p = fig09.panel(t, "balanced-victims", (2017, 2022))
    r = fig09.ratio(p.sums)
    assert len(p.countries) == 40 and (round(r[2017], 3), round(r[2022], 3)) == (0.125, 0.060)
    long = fig09.panel(t, "balanced-long", (2017, 2022), long_from=2012)
    r = fig09.ratio(long.sums)
    assert len(long.countries) == 20 and (round(r[2012], 2), round(r[2022], 2)) == (0.26, 0.04)


def test_a_direction_no_single_change_from_the_default_flips_names_what_it_depends_on():
    def change(s):  # falls only when the long panel AND the largest reporter left out combine
        return -0.1 if (s["panel"], s["largest_reporter"]) == ("balanced-long", "left-out") else 0.1

    d = fig09.specs.run("convictions per detected victim rose",
                        fig09.grid("balanced-recent", "midpoint", "confirm-by-total"), change,
                        lambda v: v > 0)
    assert d.deciding == [] and not d.unanimous
    assert d.depends_on() == ["panel", "largest_reporter"]
    assert fig09.direction_words(d) == (
        "whether it rose or fell depends on the panel of countries and the largest reporter: it "
        "rose in 42 of 48 specifications")
