"""Figure 7's own analysis: the coverage of the shares by sex and age, and the check of the
shares UNODC published against the article's readings."""

from __future__ import annotations

import pandas as pd
import pytest
from builders.glotip import published_file

from tipfigs.claims import Claims, Reading
from tipfigs.errors import SchemaError
from tipfigs.figures import fig07
from tipfigs.glotip.published import load_published


def _claims(**values) -> Claims:
    readings = {cid: Reading(cid, ("s1",), f"reading {cid}", v, "per cent", 0.5)
                for cid, v in values.items()}
    return Claims("figzz-unodc", readings=readings)


def test_unknown_sex_age_counts_what_the_shares_leave_out():
    def rows(country, year, low, high=None, group=None):
        return {"country": country, "year": year, "value_low": low,
                "value_high": low if high is None else high, "group": group}

    totals = pd.DataFrame([rows("Alpha", 2020, 100), rows("Beta", 2020, 50),
                           rows("Gamma", 2020, 30), rows("Delta", 2020, 9)])
    kept = pd.DataFrame([
        # Alpha: 80 of its 100 victims are of known sex and age (20 unknown)
        rows("Alpha", 2020, 60, group="Women"), rows("Alpha", 2020, 20, group="Men"),
        # Beta: its parts add up to a little more than its total: no negative unknown
        rows("Beta", 2020, 52, group="Women"),
        # Epsilon: parts, no total (its parts are its victims), censored: at the middle, 2
        rows("Epsilon", 2020, 0, 4, group="Boys"),
    ])
    got = fig07.unknown_sex_age(totals, kept).iloc[0]
    assert got["countries"] == 3 and got["known"] == 80 + 52 + 2
    assert got["victims"] == 100 + 52 + 2
    assert got["unknown_share"] == pytest.approx(100 * 20 / 154)
    # Gamma and Delta report a total and no breakdown
    assert (got["reporting"], got["not_in_shares"]) == (4, 2)


def test_published_claims_map_each_share_to_its_reading(fake_root, tmp_path):
    root, _, _ = fake_root
    published = load_published(published_file(root))
    claims = _claims(**{"published-men-2018": 20})
    assert fig07.published_claim_id("Women and girls", 2022) == "published-women-and-girls-2022"
    # boys 2018 has no reading: drawn, not checked
    assert fig07.published_claims(published, claims) == {"men_2018": "published-men-2018",
                                                          "boys_2018": None}
    # the same number transcribed twice must agree
    published = load_published(published_file(root, value="21"))
    with pytest.raises(SchemaError, match=r"'men_2018' is 21 in the published shares file but 20 "
                                          r"in data/article_claims.csv \(claim published-men-2018\)"):
        fig07.published_claims(published, claims)


def test_a_published_share_is_cited_by_its_source(fake_root):
    root, _, _ = fake_root
    df = load_published(published_file(root))
    assert fig07.cite_published(df, "men_2018") == (
        "GLOTIP 2020; stated by A page (https://example.org/a, 2021-02-02)")
