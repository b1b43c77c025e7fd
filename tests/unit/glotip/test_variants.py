"""The sums under the data choices of a specification grid (glotip.variants): shares with
censored counts placed as a specification says, a country left out at no cost, a dominant
reporter named, no share where every count is censored, and one table per exclusion rule and
revision choice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from builders.glotip import A, K, V, row, workbook

from tipfigs.glotip import read, revisions, sums, variants

CELLS = (("Female", A), ("Female", K), ("Male", A), ("Male", K))


def _rows(country, year, values):
    return [row(country, V, str(v), year=year, sex=s, age=a)
            for (s, a), v in zip(CELLS, values, strict=True)]


@pytest.fixture
def data(fake_root, tmp_path):
    """2020: Alpha (big, mostly women), Beta (small, mostly men, some censored), Gamma (all
    censored). 2021: Gamma alone, all censored."""
    body = (_rows("Alpha", 2020, (600, 200, 100, 100)) + _rows("Beta", 2020, (10, "<5", 30, "<5"))
            + _rows("Gamma", 2020, ("<5",) * 4) + _rows("Gamma", 2021, ("<5",) * 4))
    return sums.sex_age(sums.countries(read.load(workbook(tmp_path, body, name="v.xlsx"))))


def test_shares_with_censored_counts_placed_as_a_specification_says(data):
    cs = variants.CountrySums.of(data, "year")
    wg = ("Women", "Girls")
    # Alpha 800 of 1,000; Beta 10 + [0, 4] of 40 + [0, 8]; Gamma 4 cells of [0, 4]
    low = 100 * 810 / (810 + 230)
    high = 100 * (810 + 4 + 8) / (810 + 4 + 8 + 230 + 4 + 8)
    mid = 100 * (810 + 2 + 4) / (810 + 2 + 4 + 230 + 2 + 4)
    least = 100 * 810 / (810 + 230 + 4 + 8)  # theirs at 0, the others' 3 censored at 4
    got = {c: cs.share_at(wg, c, None, [2020])[0] for c in variants.CENSORED}
    assert got == pytest.approx({"midpoint": mid, "low": low, "high": high,
                                 "least-favourable": least})
    assert cs.shares(wg, keys=[2020]).iloc[0] == pytest.approx(mid)
    # the same as the shares of the figure's table (censored counts at 2)
    table = sums.combined_share(sums.sex_age_shares(data[data["year"] == 2020], ["year"]), wg,
                                ["year"]).iloc[0]
    assert table["share_mid"] == pytest.approx(mid)
    assert table["share_low"] == pytest.approx(least)


def test_a_country_left_out_and_the_largest_and_dominant_reporter(data):
    cs = variants.CountrySums.of(data, "year")
    assert cs.largest([2020]) == ("Alpha", pytest.approx(1000 / (1000 + 44 + 8)))
    assert cs.dominant([2020])[0] == "Alpha"
    without = cs.share_at(("Women", "Girls"), "low", "Alpha", [2020])[0]
    assert without == pytest.approx(100 * 10 / 40)
    # in 2021 only Gamma reports, all censored: no share, with or without anyone
    assert np.isnan(cs.share_at(("Women",), "midpoint", None, [2021])[0])
    assert np.isnan(cs.share_at(("Women",), "midpoint", None, [1999])[0])  # no such year
    assert cs.total_low([2020]) == 1000 + 40 and cs.total_low() == 1040
    assert cs.countries == ["Alpha", "Beta", "Gamma"]


def test_one_table_per_rule_and_revision_choice(data):
    found = variants.variants(data, "year", None)
    assert set(found) == {(r, c) for r in ("confirm-by-total", "strict", "none")
                          for c in ("kept", "left-out")}
    assert found["none", "left-out"] == variants.NO_EARLIER  # no earlier release
    assert found["none", "kept"].removed == 0
    # a revised cell among the rows summed leaves its country-year out
    revised = pd.DataFrame([{"rule": revisions.RULE, "country": "Alpha", "year": 2020,
                             "indicator": V, "dimension": "Total", "category": "Total",
                             "sex": "Female", "age": A}])
    found = variants.variants(data, "year", revised)
    left = found["none", "left-out"]
    assert "Alpha" not in left.countries
    assert left.removed == pytest.approx(100 * 1000 / 1040)
