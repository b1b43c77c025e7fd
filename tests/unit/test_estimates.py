"""tipfigs.estimates: the GEMS 2022 regional values, looked up, cited, recorded as claims and set
beside the sums of the GSI country table."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tipfigs import estimates, gsi, transcribed
from tipfigs.claims import Claims, Reading

HEADER = ("id,quantity,region,year,value,unit,report,table_or_figure,page,stated_by,url,url_date,"
          "checked\n")


def write_gems(tmp_path, rows):
    p = tmp_path / "gems.csv"
    body = "".join(f"{id_},q,{region},2021,{value},u,GEMS 2022,Table 1,12,,,,test\n"
                   for id_, region, value in rows)
    p.write_text(HEADER + body, encoding="utf-8")
    return transcribed.load(p)


@pytest.fixture
def gems(tmp_path):
    return write_gems(tmp_path, [
        ("fl_asia_pacific_2021", "Asia and the Pacific", 15.1),
        ("fl_prev_asia_pacific_2021", "Asia and the Pacific", 3.5),
        ("fl_arab_states_2021", "Arab States", 0.9),
        ("fl_prev_arab_states_2021", "Arab States", 5.3),
        ("ms_prev_arab_states_2021", "Arab States", 10.1),
    ])


def test_gems_id_uses_region_key():
    assert estimates.gems_id("fl_prev", "Arab States") == "fl_prev_arab_states_2021"
    assert estimates.gems_id("ms", "Europe and Central Asia", 2016) == "ms_europe_central_asia_2016"


def test_gems_id_rejects_unknown_region():
    with pytest.raises(KeyError, match="Oceania"):
        estimates.gems_id("fl", "Oceania")


def test_every_gsi_region_has_a_key():
    assert set(estimates.REGION_KEYS) == set(gsi.REGIONS)


def test_gems_regional_reads_values_and_leaves_missing_as_nan(gems):
    df = estimates.gems_regional(gems, "fl", "fl_prev", ["Arab States", "Africa"])
    assert list(df["region"]) == ["Arab States", "Africa"]
    assert df.loc[0, "count_million"] == 0.9
    assert df.loc[0, "per_1000"] == 5.3
    assert math.isnan(df.loc[1, "count_million"]) and math.isnan(df.loc[1, "per_1000"])
    assert "fl_arab_states_2021" in df.loc[0, "count_source"]
    assert "Table 1" in df.loc[0, "count_source"]
    assert df.loc[1, "count_source"] == ""


def test_record_derived_is_transcribed_when_it_holds_and_differs_otherwise():
    c = Claims("test", readings={k: Reading(k, ("s01",), "s", "more than half", "share", None)
                                 for k in "ab"})
    ok = estimates.record_derived(c, "a", 0.55, True, "src", published_value="15.1 of 27.6 million")
    bad = estimates.record_derived(c, "b", 0.45, False, "src",
                                 published_value="12.4 of 27.6 million")
    # holding on transcribed values restates the report: no computed value is stored
    assert ok.status == "transcribed" and ok.computed_value is None
    assert ok.published_value == "15.1 of 27.6 million"
    # not holding is a direct finding against the article, on the transcribed values
    assert (bad.status, bad.evidence, bad.computed_value) == ("differs", "direct", 0.45)
    assert bad.data == estimates.TRANSCRIBED_DATA
    assert "Does not hold" in bad.note


def synthetic_countries(scale_arab: float = 1.0) -> pd.DataFrame:
    return pd.DataFrame({
        "country": ["A1", "A2", "B1", "B2"],
        "region": ["Arab States", "Arab States", "Africa", "Africa"],
        "population": [10_000_000.0, 30_000_000.0, 50_000_000.0, 1_000_000.0],
        "number_in_modern_slavery": [100_000.0 * scale_arab, 304_000.0 * scale_arab, 250_000.0,
                                     float("nan")],
    })


def test_gsi_vs_report_flags_rounding(gems):
    totals = gsi.regional_totals(synthetic_countries())
    out = estimates.gsi_vs_report(totals, gems).set_index("region")
    assert out.loc["Arab States", "computed_per_1000"] == pytest.approx(10.1)
    assert bool(out.loc["Arab States", "per_1000_within_rounding"]) is True
    assert out.loc["Africa", "computed_per_1000"] == pytest.approx(5.0)
    assert pd.isna(out.loc["Africa", "per_1000_within_rounding"])  # no published value


def test_gsi_vs_report_follows_the_data(gems):
    totals = gsi.regional_totals(synthetic_countries(scale_arab=2.0))
    out = estimates.gsi_vs_report(totals, gems).set_index("region")
    assert out.loc["Arab States", "computed_per_1000"] == pytest.approx(20.2)
    assert bool(out.loc["Arab States", "per_1000_within_rounding"]) is False


def test_record_transcribed_checks_the_article_value():
    c = Claims("test", readings={k: Reading(k, ("s01",), "s", 15.1, "million people", None)
                                 for k in "ab"})
    same = estimates.record_transcribed(c, "a", 15.1, "src", note="n")
    other = estimates.record_transcribed(c, "b", 12.0, "src")
    assert same.status == "transcribed" and same.note == "n"
    assert (same.computed_value, same.published_value) == (None, 15.1)
    # a transcription is never stored as a computed value, even when it disagrees
    assert other.status == "differs"
    assert (other.computed_value, other.published_value) == (None, 12.0)
    assert "not the article's" in other.note


def test_rounding_agreement_names_the_regions_that_agree_and_those_that_do_not():
    t = pd.DataFrame({"region": ["Africa", "Arab States", "Americas"],
                      "computed": [5.254, 10.408, 5.011], "published": [5.2, 10.1, float("nan")],
                      "within": [False, False, None]})
    s = estimates.rounding_agreement(t, "computed", "published", "within")
    assert s == ("differs from the published value beyond its rounding in Africa (5.25 against 5.2) "
                 "and the Arab States (10.41 against 10.1) (no published value for the Americas)")
    t.loc[0, "within"] = True
    s = estimates.rounding_agreement(t, "computed", "published", "within")
    assert s.startswith("agrees with the published value to its rounding in Africa; it does not in "
                        "the Arab States (10.41 against 10.1)")
