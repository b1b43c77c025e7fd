"""tipfigs.figures.fig05: the share of men and boys per period of registration, the two readings
of a trend in it (long run and recent), on small frames with known answers; their specification
grids (a reporter that flips a trend, specifications that cannot be computed, the analyst's
values on the real releases); and the headline and finding that report them."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import ctdc_records

from tipfigs import specs
from tipfigs.claims import Claims, Reading
from tipfigs.ctdc import grid
from tipfigs.figures import fig05


def _tidy_years(shares: dict, n: int = 100, bins: dict | None = None) -> pd.DataFrame:
    """A tidy-like frame: for each year (or bin (start, end)), n records of known sex, the given
    share of them male, and n // 10 records of unknown sex."""
    rows = []
    for key, share in shares.items():
        start, end = key if isinstance(key, tuple) else (key, key)
        males = round(share * n)
        rows += [(start, end, "Male")] * males + [(start, end, "Female")] * (n - males)
        rows += [(start, end, None)] * (n // 10)
    return pd.DataFrame(rows, columns=["year_start", "year_end", "sex"]).astype(
        {"year_start": float, "year_end": float})


def test_period_shares_and_thirds():
    df = _tidy_years({(2005, 2013): 0.4, (2014, 2018): 0.5, 2019: 0.3, 2020: 0.2, (2021, 2022): 0.6})
    p = fig05.period_shares(df, "Male", min_records=50)
    assert p["period"].tolist() == ["2005-2013", "2014-2018", "2019", "2020", "2021-2022"]
    assert p["mid"].tolist() == [2009.5, 2016.5, 2019.5, 2020.5, 2022.0]
    assert p["width"].tolist() == [9, 5, 1, 1, 2]
    assert p["share"].tolist() == pytest.approx([0.4, 0.5, 0.3, 0.2, 0.6])
    assert p["n_unknown"].tolist() == [10] * 5
    assert p["year"].isna().tolist() == [True, True, False, False, True]
    # span 2005-2022 (18 years): thirds end at 2011 and 2017
    assert fig05.thirds(p).tolist() == ["early", "middle", "late", "late", "late"]
    annual = fig05.period_shares(_tidy_years(dict.fromkeys(range(2002, 2022), 0.5)))
    th = fig05.thirds(annual)
    assert annual.loc[th == "early", "period"].tolist() == [str(y) for y in range(2002, 2009)]
    assert annual.loc[th == "late", "period"].tolist() == [str(y) for y in range(2015, 2022)]
    thin = fig05.period_shares(_tidy_years({2019: 0.5}, n=20), min_records=50)
    assert thin["suppressed"].tolist() == [True] and thin["share"].isna().all()


def test_long_run_rise_that_is_not_a_recent_rise():
    # 2000-2014: rises from 10% to 50% by 2009, then falls to 30% over the last five years
    shares = {2000: 0.1, 2001: 0.1, 2002: 0.15, 2003: 0.2, 2004: 0.2, 2005: 0.3, 2006: 0.35,
              2007: 0.4, 2008: 0.45, 2009: 0.5, 2010: 0.5, 2011: 0.45, 2012: 0.4, 2013: 0.35,
              2014: 0.3}
    p = fig05.period_shares(_tidy_years(shares))
    long = fig05.long_run_change(p)
    assert (long["early"], long["late"]) == ("2000-2004", "2010-2014")
    assert long["early_share"] == pytest.approx(0.15)
    assert long["late_share"] == pytest.approx(0.4)
    assert long["change_pp"] == pytest.approx(25.0) and long["rise"]
    recent = fig05.recent_trend(p, 5)
    assert recent["window"] == "2010-2014" and recent["periods"] == "2010, 2011, 2012, 2013, 2014"
    assert recent["slope_pp"] == pytest.approx(-5.0) and not recent["rise"]
    assert (recent["steps_up"], recent["steps"]) == (0, 4)


def test_recent_rise_that_is_not_a_long_run_rise():
    # high at first (60%), low in the middle, rising 10% -> 30% in the last five years
    shares = {2000: 0.6, 2001: 0.6, 2002: 0.6, 2003: 0.6, 2004: 0.6, 2005: 0.2, 2006: 0.1,
              2007: 0.1, 2008: 0.1, 2009: 0.1, 2010: 0.1, 2011: 0.15, 2012: 0.2, 2013: 0.25,
              2014: 0.3}
    p = fig05.period_shares(_tidy_years(shares))
    long = fig05.long_run_change(p)
    assert long["change_pp"] == pytest.approx(20.0 - 60.0) and not long["rise"]
    recent = fig05.recent_trend(p, 5)
    assert recent["slope_pp"] == pytest.approx(5.0) and recent["rise"]
    assert recent["change_pp"] == pytest.approx(20.0) and recent["steps_up"] == 4


def test_readings_on_bins_and_when_they_cannot_be_computed():
    # bins: the recent window (last five years, 2018-2022) holds the bins 2019, 2020, 2021-2022
    p = fig05.period_shares(_tidy_years(
        {(2005, 2013): 0.5, (2014, 2018): 0.4, 2019: 0.2, 2020: 0.3, (2021, 2022): 0.4}))
    recent = fig05.recent_trend(p, 5)
    assert recent["periods"] == "2019, 2020, 2021-2022"
    assert recent["slope_pp"] == pytest.approx(100 * fig05.linear_slope(
        [2019.5, 2020.5, 2022.0], [0.2, 0.3, 0.4]))
    assert recent["rise"]
    long = fig05.long_run_change(p)
    assert (long["early"], long["late"]) == ("2005-2013", "2019-2022")
    assert (long["early_years"], long["late_years"]) == ((2005, 2013), (2019, 2022))
    assert long["late_share"] == pytest.approx((20 + 30 + 40) / 300) and not long["rise"]
    one = fig05.period_shares(_tidy_years({2019: 0.5}))
    assert fig05.long_run_change(one) is None  # a single period: no early or late third
    assert fig05.recent_trend(one, 5) is None


def test_linear_slope():
    assert fig05.linear_slope([2019, 2020, 2021], [0.1, 0.2, 0.3]) == pytest.approx(0.1)


def test_weighted_slope_counts_records():
    assert fig05.linear_slope([0, 1, 2], [0.0, 0.0, 1.0], weights=[1, 1, 1]) == pytest.approx(0.5)
    # the heavy first two points pull the line flat
    assert fig05.linear_slope([0, 1, 2], [0.0, 0.0, 1.0], weights=[1000, 1000, 1]) < 0.5


def _dated(df):
    return df[df["year_start"].notna()].reset_index(drop=True)


def test_one_reporter_flips_the_long_run_and_decides_it():
    df = ctdc_records.reporter_flips_trend()
    grids = fig05.trend_grids(df, "2021", 50, 5, "toy")
    long = grids[fig05.LONG]
    assert not long.default.holds and long.default.value < 0  # with the reporter: a fall
    assert long.deciding == ["largest_reporter"]
    left_out = [o for o in long.computed if o.spec["largest_reporter"] == "left-out"]
    kept = [o for o in long.computed if o.spec["largest_reporter"] == "kept"]
    assert left_out and all(o.holds for o in left_out) and not any(o.holds for o in kept)
    assert (long.k, long.n) == (len(left_out), len(left_out) + len(kept))
    # no period has 1,000 or 9,000 records: those specifications are listed, not counted
    assert {o.spec["min_records"] for o in long.not_computable} == {"1000", "9000"}
    assert long.n + len(long.not_computable) == len(long.grid.specs()) == 3 * 2 * 3 * 2
    assert "deciding choice: the largest reporter" in long.words()
    # recorded with its grid, the claim depends on the choices
    reading = Reading(fig05.LONG, ("s1",), "higher later", "higher", "points", None)
    claims = Claims("figzz-test", readings={fig05.LONG: reading})
    claim = claims.test(fig05.LONG, False, round(long.default.value, 1), "toy source",
                        evidence="direct", data="toy data", specs=long)
    assert claim.status == "depends-on-choices"
    assert claim.specs["deciding"] == ["largest_reporter"]


def test_the_largest_reporter_is_found_in_the_data_never_named():
    df = ctdc_records.reporter_flips_trend()
    renamed = df.assign(country=df["country"].replace({"BIG": "QQQ"}))
    a = fig05.trend_grids(df, "2021", 50, 5)[fig05.LONG]
    b = fig05.trend_grids(renamed, "2021", 50, 5)[fig05.LONG]
    assert a.values() == pytest.approx(b.values())


def test_the_grids_are_deterministic():
    df = ctdc_records.reporter_flips_trend()
    one = fig05.trend_grids(df, "2021", 50, 5)
    two = fig05.trend_grids(df.sample(frac=1, random_state=3), "2021", 50, 5)
    for reading in one:
        pd.testing.assert_frame_equal(one[reading].frame(), two[reading].frame())
    assert [dict(o.spec) for o in one[fig05.LONG].outcomes] == one[fig05.LONG].grid.specs()


def test_a_release_without_countries_lists_the_left_out_reporter_apart():
    rows = []
    for b, share in {(2005, 2013): 0.5, (2014, 2018): 0.4, (2019, 2019): 0.2, (2020, 2020): 0.3,
                     (2021, 2022): 0.4}.items():
        rows += ctdc_records.records(b, 1200, share)
    grids = fig05.trend_grids(ctdc_records.frame(rows), "vp2022", 100, 5)
    for g in grids.values():
        apart = [o for o in g.not_computable if o.spec["largest_reporter"] == "left-out"]
        assert apart and all("no country" in o.why for o in apart)
        assert all(o.spec["largest_reporter"] == "kept" for o in g.computed)
    long = grids[fig05.LONG]
    # the bins: no period lies wholly in the first five years; the fixed cut is the bins' own
    assert all(o.spec["window"] != "five-years" for o in long.computed)
    assert fig05.windows(long_periods := fig05.sex_periods(ctdc_records.frame(rows)),
                         "fixed-cut")[0]["year_end"].tolist() == [2013.0]
    with pytest.raises(specs.NotComputable, match="early part"):
        fig05.windows(long_periods, "five-years")


def test_windows_and_weightings_on_known_periods():
    rows = []
    for y in range(2000, 2012):  # 12 years: thirds 2000-2003 / 2008-2011; five years 2000-2004
        rows += ctdc_records.records(y, 100 if y % 2 else 300, 0.1 if y < 2006 else 0.5)
    p = fig05.sex_periods(ctdc_records.frame(rows))
    early, late = fig05.windows(p, "thirds")
    assert early["year_start"].tolist() == [2000, 2001, 2002, 2003]
    assert late["year_start"].tolist() == [2008, 2009, 2010, 2011]
    e5, l5 = fig05.windows(p, "five-years")
    assert e5["year_end"].max() == 2004 and l5["year_start"].min() == 2007
    assert fig05.share_over(late, "records") == pytest.approx(0.5)
    mixed = pd.DataFrame({"count": [10, 90], "n_known": [100, 100], "female": [90, 10]})
    assert fig05.share_over(mixed, "periods") == pytest.approx(0.5)
    assert fig05.share_over(mixed.assign(n_known=[100, 300], count=[10, 90]),
                            "records") == pytest.approx(0.25)
    short = fig05.sex_periods(ctdc_records.frame(
        [r for y in range(2000, 2008) for r in ctdc_records.records(y, 10, 0.5)]))
    with pytest.raises(specs.NotComputable, match="fewer than 10 years"):
        fig05.windows(short, "five-years")


@pytest.fixture(scope="module")
def real_grids():
    return {r: fig05.trend_grids(_dated(ctdc_records.real(r)), r, 100, 5) for r in ("2018", "2021")}


def _value(result, **choices):
    found = [o for o in result.outcomes if all(o.spec[k] == v for k, v in choices.items())]
    assert len(found) == 1
    return found[0].value


def test_the_analysts_values_on_the_real_releases(real_grids):
    long18, long21 = real_grids["2018"][fig05.LONG], real_grids["2021"][fig05.LONG]
    base = {"weighting": "records", "min_records": "100", "largest_reporter": "kept"}
    assert _value(long18, window="thirds", **base) == pytest.approx(13.4, abs=0.05)
    assert _value(long21, window="thirds", **base) == pytest.approx(10.4, abs=0.05)
    assert _value(long18, window="fixed-cut", **base) == pytest.approx(-1.3, abs=0.05)
    assert _value(long21, window="fixed-cut", **base) == pytest.approx(-0.9, abs=0.05)
    recent = real_grids["2021"][fig05.RECENT]
    assert recent.default.value == pytest.approx(7.8, abs=0.05)
    assert _value(recent, weighting="records", min_records="100",
                  largest_reporter="kept") == pytest.approx(4.2, abs=0.05)
    assert _value(recent, weighting="periods", min_records="100",
                  largest_reporter="left-out") == pytest.approx(3.4, abs=0.05)
    assert _value(recent, weighting="periods", min_records="9000",
                  largest_reporter="kept") == pytest.approx(-3.1, abs=0.05)
    assert long18.deciding == ["window"] and "window" in long21.deciding
    assert recent.deciding == ["min_records"]


def _result(reading, holds, values):
    """A Result of a one-dimension grid (the long-run window) with the given outcomes."""
    g = specs.Grid(("window",), {"window": "thirds"})
    opts = ["thirds", "fixed-cut", "five-years"]
    outs = [specs.Outcome({"window": w}, v, h) for w, v, h in zip(opts, values, holds,
                                                                   strict=False)]
    return specs.Result(reading, g, outs)


def test_trend_headline_and_finding_say_only_what_every_specification_allows():
    readings = {"2018": {"long": {"early_share": 0.151, "late_share": 0.285, "change_pp": 13.4,
                                  "early_years": (2002, 2006), "late_years": (2013, 2017)},
                         "recent": {"slope_pp": -5.16}}}
    split = {"2018": {fig05.LONG: _result(fig05.LONG, [True, False, True], [13.4, -1.3, 12.0]),
                      fig05.RECENT: _result(fig05.RECENT, [False, False], [-5.16, -1.3])}}
    title = fig05.trend_headline(split)
    assert title == ("Whether men and boys are a larger share of identified victims than in the "
                     "first years of registration depends on the long-run window")
    finding = fig05.trend_finding(readings, split, 5, 100)
    assert "2018 release 15.1% in 2002\u20132006 and 28.5% in 2013\u20132017 (+13.4 points)" in finding
    assert ("a rise in 2 of 3 specifications (\u22121.3 to +13.4), but no rise with the years up "
            "to 2013 against 2014 onward (\u22121.3)") in finding
    assert "2018 release \u22125.2, no rise in any of the 2 specifications" in finding
    assert finding.endswith(").")
    every = {"2018": {fig05.LONG: _result(fig05.LONG, [True, True], [13.4, 2.0])},
             "2021": {fig05.LONG: _result(fig05.LONG, [True, True], [10.4, 1.0])}}
    assert fig05.trend_headline(every) == (
        "Men and boys are a larger share of identified victims than in the first years of "
        "registration in every CTDC release, under every specification tested")
    none = {"2021": {fig05.LONG: _result(fig05.LONG, [False], [-1.0])}}
    assert fig05.trend_headline(none).startswith("Men and boys are not a larger share")
    assert fig05.trend_headline({"2021": {fig05.LONG: None}}).startswith("Too few records")
    assert "at least 100 records" in fig05.trend_finding({"2021": {}}, {}, 5, 100)


def test_comparisons_give_the_default_and_each_choice_that_flips_it():
    # the toy frame: with its largest reporter the share falls; left out, it rises
    df = ctdc_records.reporter_flips_trend()
    long = fig05.trend_grids(df, "2021", 50, 5, "toy")[fig05.LONG]
    rows = fig05.comparisons(df, "2021", long)
    default, *flipped = rows
    assert default["dimension"] == "" and default["choice"].startswith("the first against the last")
    assert default["change_pp"] == pytest.approx(long.default.value)
    assert [r["dimension"] for r in flipped] == ["largest_reporter"] * len(flipped) != []
    assert flipped[0]["choice"] == "the largest reporter left out"
    for r, o in zip(flipped, grid.flips(long), strict=True):
        assert r["change_pp"] == pytest.approx(o.value)
        assert 100 * (r["late_share"] - r["early_share"]) == pytest.approx(r["change_pp"])
        assert r["change_pp"] > 0 > default["change_pp"]
    # the years of the parts are the thirds' own
    assert default["early_years"][0] < default["late_years"][0]


def test_a_comparison_that_cannot_be_computed_says_why():
    df = ctdc_records.reporter_flips_trend()
    spec = {"window": "thirds", "weighting": "records", "min_records": "9000",
            "largest_reporter": "kept"}
    with pytest.raises(specs.NotComputable, match="9,000 records"):
        fig05.comparison(df, "2021", spec)
