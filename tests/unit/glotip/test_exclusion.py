"""The exclusion rules (glotip.exclusion): confirm-by-total keeps a flagged breakdown that a
total confirms and leaves out one that no total confirms; strict leaves out every flagged
country-year; none nothing. Known values on the real releases: the share of the victims each
rule removes from the sums by form of exploitation in 2020 (figure 7's panel e)."""

from __future__ import annotations

import pytest
from builders.glotip import FORM, SE, A, K, V, real_release, row, workbook

from tipfigs.glotip import exclusion, read, sums

GROUP_CELLS = (("Female", A), ("Female", K), ("Male", A), ("Male", K))


def country_year(country, parts, totals, year=2020):
    """Rows of detected victims of one country-year: women, girls, men and boys (``parts``) and
    the totals given as {(sex, age): value}."""
    rows = [row(country, V, str(v), year=year, sex=s, age=a)
            for (s, a), v in zip(GROUP_CELLS, parts, strict=True)]
    return rows + [row(country, V, str(v), year=year, sex=s, age=a) for (s, a), v in totals.items()]


def agreeing(w, g, m, b):
    return {("Female", "Total"): w + g, ("Male", "Total"): m + b, ("Total", A): w + m,
            ("Total", K): g + b, ("Total", "Total"): w + g + m + b}


@pytest.fixture
def cases(fake_root, tmp_path):
    body = []
    # Alpha: the female total is too small for women and girls (flagged), but the four add up
    # to the all-ages total: confirmed
    body += country_year("Alpha", (30, 10, 20, 4), {**agreeing(30, 10, 20, 4),
                                                    ("Female", "Total"): 20})
    # Beta: the all-ages total is too small for its parts (flagged), but the parts add up to
    # both the under-18 and the 18-or-over totals: the breakdown is confirmed, the total not
    body += country_year("Beta", (30, 10, 20, 4), {**agreeing(30, 10, 20, 4),
                                                   ("Total", "Total"): 30})
    # Gamma: the under-18 total and the all-ages total both contradict the parts: unconfirmed
    body += country_year("Gamma", (30, 10, 20, 4), {**agreeing(30, 10, 20, 4), ("Total", K): 4,
                                                    ("Total", "Total"): 40})
    # Delta: all censored, the total too: censoring is never a contradiction
    body += country_year("Delta", ("<5",) * 4, {k: "<5" for k in agreeing(0, 0, 0, 0)})
    # Epsilon: a value far beyond what the indicator allows, its parts adding up: never confirmed
    big = (61102019, 10, 20, 4)
    body += country_year("Epsilon", big, agreeing(*big))
    return read.load(workbook(tmp_path, body, name="cases.xlsx"))


def left_out_countries(df, rule, total=False):
    rows = sums.countries(df)
    if total:
        rows = rows[(rows["sex"] == "Total") & (rows["age"] == "Total")]
    else:
        rows = sums.sex_age(rows)
    kept, left_out = exclusion.leave_out(rows, rule)
    assert len(kept) + len(left_out) == len(rows)
    return set(left_out["country"])


def test_which_cells_a_total_confirms(cases):
    flagged = set(cases.loc[cases["flagged"] != "", "country"])
    assert flagged == {"Alpha", "Beta", "Gamma", "Epsilon"}
    confirmed = cases[cases["confirmed"]]
    parts = confirmed[(confirmed["sex"] != "Total") & (confirmed["age"] != "Total")]
    assert set(parts["country"]) == {"Alpha", "Beta", "Delta", "Epsilon"}
    whole = confirmed[(confirmed["sex"] == "Total") & (confirmed["age"] == "Total")]
    assert set(whole["country"]) == {"Alpha", "Delta", "Epsilon"}  # not Beta's nor Gamma's


def test_confirm_by_total_keeps_a_confirmed_breakdown_and_leaves_out_the_rest(cases):
    # the sums of women, girls, men and boys
    assert left_out_countries(cases, "confirm-by-total") == {"Gamma", "Epsilon"}
    assert left_out_countries(cases, "strict") == {"Alpha", "Gamma", "Epsilon"}
    assert left_out_countries(cases, "none") == set()
    # a sum of all-ages totals: Beta's total contradicts its parts and leaves too
    assert left_out_countries(cases, "confirm-by-total", total=True) == {"Beta", "Gamma",
                                                                         "Epsilon"}
    with pytest.raises(ValueError, match="unknown exclusion rule 'lenient'"):
        exclusion.leave_out(sums.countries(cases), "lenient")


def test_the_tolerance_of_the_checks_decides_agreement(fake_root, tmp_path):
    # the all-ages total 2 persons below the parts: they agree; 3 below: they do not
    body = country_year("Alpha", (30, 10, 20, 4), {**agreeing(30, 10, 20, 4),
                                                   ("Female", "Total"): 20, ("Total", "Total"): 62})
    body += country_year("Beta", (30, 10, 20, 4), {**agreeing(30, 10, 20, 4),
                                                   ("Female", "Total"): 20, ("Total", "Total"): 61,
                                                   ("Total", K): 20})
    df = read.load(workbook(tmp_path, body, name="tolerance.xlsx"))
    assert left_out_countries(df, "confirm-by-total") == {"Beta"}


def test_the_rule_names_and_the_share_removed():
    assert exclusion.rule_name("confirm-by-total") == ("flagged country-years left out unless a "
                                                       "total confirms them")
    assert exclusion.rule_name("strict", "totals") == "flagged totals left out"
    assert exclusion.rule_name("none") == "raw sums (flagged country-years kept)"
    assert list(exclusion.RULES) == ["confirm-by-total", "strict", "none"]


@pytest.mark.parametrize("date,removed,women_and_girls", [
    ("2023-05-30", {"confirm-by-total": 43.2, "strict": 61.9, "none": 0.0},
     {"confirm-by-total": 86.4, "strict": 80.4, "none": 43.1}),
    ("2025-04-14", {"confirm-by-total": 40.2, "strict": 88.0, "none": 0.0},
     {"confirm-by-total": 89.4, "strict": 83.5, "none": 92.7}),
])
def test_the_share_each_rule_removes_from_the_forms_of_exploitation_in_2020(date, removed,
                                                                           women_and_girls):
    df, _ = real_release(date)
    rows = sums.countries(df)
    forms = sums.sex_age(rows[(rows["indicator"] == V) & (rows["dimension"] == FORM)
                              & (rows["year"] == 2020)])
    for rule in exclusion.RULES:
        kept, left_out = exclusion.leave_out(forms, rule)
        assert round(exclusion.removed_share(kept, left_out), 1) == removed[rule]
        # the United States' sexual exploitation rows contradict their own totals: every rule
        # but none leaves them out
        assert ("USA" in set(left_out["iso3"])) == (rule != "none")
        s = sums.sex_age_shares(kept[kept["category"] == SE], ["category"])
        share = sums.combined_share(s, ["Women", "Girls"], ["category"]).iloc[0]["share_mid"]
        assert round(share, 1) == women_and_girls[rule]
