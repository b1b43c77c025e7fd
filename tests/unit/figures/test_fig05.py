"""tipfigs.figures.fig05: the share of men and boys per period of registration, the two readings
of a trend in it (long run and recent), on small frames with known answers, and the headline and
finding that report them."""

from __future__ import annotations

import pandas as pd
import pytest

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


def _long(early, late, ey, ly):
    return {"early_share": early, "late_share": late, "early_years": ey, "late_years": ly,
            "rise": late > early}


def _recent(slope):
    return {"slope_pp": slope, "rise": slope > 0}


def test_trend_headline_and_finding_follow_the_readings():
    readings = {"2018": {"long": _long(0.151, 0.285, (2002, 2006), (2013, 2017)),
                         "recent": _recent(-5.16)},
                "vp2022": {"long": _long(0.444, 0.419, (2005, 2013), (2019, 2022)),
                           "recent": _recent(1.09)}}
    assert fig05.trend_headline(readings) == ("Men and boys are a larger share of identified "
                                             "victims than in the first years of registration "
                                             "in 1 of 2 CTDC releases")
    finding = fig05.trend_finding(readings, 5, 100)
    assert finding.startswith("Among identified victims with a recorded sex, men and boys were a "
                              "larger share in the last third")
    assert "in 1 of 2 releases tested" in finding
    assert "2018 release: 15.1% in 2002\u20132006, 28.5% in 2013\u20132017" in finding
    assert "2022 Victim-Perpetrator release \u22121" not in finding  # the name keeps its hyphen
    assert "2018 release \u22125.2; 2022 Victim-Perpetrator release +1.1" in finding
    assert finding.endswith(")."), finding
    # no rise anywhere: said without a double negative
    falls = {"2021": {"long": _long(0.3, 0.2, (2002, 2008), (2015, 2021)), "recent": _recent(-1.0)}}
    assert fig05.trend_headline(falls).startswith("Men and boys are not a larger share")
    f = fig05.trend_finding(falls, 5, 100)
    assert "not a larger share" in f and "did not rise" in f and "the one release tested" in f
    # nothing computable
    none = {"2021": {"long": None, "recent": None}}
    assert fig05.trend_headline(none).startswith("Too few records")
    assert "at least 100 records" in fig05.trend_finding(none, 5, 100)
