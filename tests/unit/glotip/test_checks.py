"""The GLOTIP consistency checks on small synthetic workbooks (each rule has a case that only it
catches) and on the two real releases (the known faults are found), and the rule that leaves
flagged country-years out of sums."""

from __future__ import annotations

import pytest
from builders.glotip import FL, FORM, SE, A, C, K, P, V, block, clean_body, hit, real_release, row, workbook

from tipfigs.glotip import checks, exclusion, read, sums
from tipfigs.glotip.schema import CONVICTED


def flags_of(path):
    return checks.check(read.load(path))


@pytest.fixture
def clean(fake_root, tmp_path):
    return workbook(tmp_path, clean_body(), name="clean.xlsx")


def test_a_clean_workbook_flags_nothing(clean):
    df = read.load(clean)
    assert checks.check(df).empty
    assert (df["flagged"] == "").all()
    assert list(checks.check(df).columns) == checks.QUALITY_COLUMNS


def test_a_planted_breakdown_over_total_is_flagged_and_left_out_of_the_sums(fake_root, tmp_path):
    # Alpha 2020: the men of sexual exploitation shifted into men (40 instead of 2), as the
    # labels of a form were shifted in a real release; the total keeps its 20 men.
    shifted = {SE: (20, 8, 40, "<5"), FL: (10, 2, 18, 4)}
    body = clean_body()
    body = [r for r in body if not (r[1] == "Alpha" and r[9] == 2020 and r[4] == V)]
    body += block("Alpha", 2020, forms=shifted, totals=(30, 10, 20, 4))
    df = read.load(workbook(tmp_path, body))
    flags = checks.check(df)
    assert set(flags["rule"]) == {"breakdown-sum-over-total"}
    men = flags[(flags["sex"] == "Male") & (flags["age"] == A)].iloc[0]
    assert (men["country"], men["year"], men["dimension"]) == ("Alpha", 2020, FORM)
    assert (men["value_low"], men["compared_high"]) == (58, 20)
    assert men["action"] == checks.ACTIONS["breakdown-sum-over-total"]
    # the breakdown's cells are flagged, the total they exceed is not
    alpha = df[(df["country"] == "Alpha") & (df["year"] == 2020)]
    assert (alpha.loc[alpha["dimension"] == FORM, "flagged"] != "").any()
    assert (alpha.loc[alpha["dimension"] == "Total", "flagged"] == "").all()

    # the strict rule: the sum over forms leaves Alpha 2020 out whole, and says so
    forms = sums.sex_age(sums.countries(df).query("dimension == @FORM and year == 2020"))
    kept, left_out = exclusion.leave_out(forms, "strict")
    assert set(left_out["country"]) == {"Alpha"} and set(kept["country"]) == {"Beta"}
    assert len(left_out) == 8  # all four groups of both forms
    summary = sums.left_out_summary(left_out)
    assert summary[["country", "year", "iso3", "rules"]].values.tolist() == [
        ["Alpha", 2020, "ALP", "breakdown-sum-over-total"]]
    assert (summary.loc[0, "persons_low"], summary.loc[0, "persons_high"]) == (102, 106)
    se = sums.sex_age_shares(kept[kept["category"] == SE], ["category"]).set_index("group")
    assert se.loc["Men", "victims_low"] == 2  # Beta's 2 men only, not Alpha's 40
    raw = sums.sex_age_shares(forms[forms["category"] == SE], ["category"]).set_index("group")
    assert raw.loc["Men", "victims_low"] == 42
    # the totals by sex and age of Alpha 2020 still enter a sum of totals
    totals = sums.sex_age(sums.countries(df).query("dimension == 'Total' and year == 2020"))
    assert set(exclusion.leave_out(totals, "strict")[0]["country"]) == {"Alpha", "Beta"}
    # each form's breakdown adds up to the form's own total: a total confirms it, and the
    # default rule keeps it (the flag stays listed); with no rule nothing leaves either
    assert exclusion.leave_out(forms, "confirm-by-total")[1].empty
    assert exclusion.leave_out(forms, "none")[1].empty


def test_breakdown_tolerance_and_censored_bounds(fake_root, tmp_path):
    def men_flagged(se_men, fl_men, total_men, name):
        forms = {SE: (20, 8, se_men, "<5"), FL: (10, 2, fl_men, 4)}
        body = block("Alpha", 2020, forms=forms, totals=(30, 10, total_men, 4))
        f = flags_of(workbook(tmp_path, body, name=name))
        return not f[(f["rule"] == "breakdown-sum-over-total") & (f["sex"] == "Male")
                     & (f["age"] == A)].empty

    # 2 persons (the tolerance for a total of 20) over the total: left alone; 3: flagged
    assert not men_flagged(4, 18, 20, "at.xlsx")
    assert men_flagged(5, 18, 20, "over.xlsx")
    # censored parts count at 0 against a censored total at 4: censoring never raises a flag
    assert not men_flagged("<5", "<5", "<5", "censored.xlsx")
    # ... but 18 men cannot fit in a total of "<5" (at most 4) plus the tolerance
    assert men_flagged("<5", 18, "<5", "censored-total.xlsx")
    assert list(checks.tolerance([10, 100, 1000])) == [2, 2, 20]


def test_parts_over_own_total_flags_the_cell_and_its_parts(fake_root, tmp_path):
    body = [r for r in clean_body() if not (r[1] == "Beta" and r[9] == 2019)]
    beta = block("Beta", 2019)
    # the women and girls of sexual exploitation, Beta 2019, are 20 and 8: publish their total
    # as 20 instead of 28 (the forms still add up to less than the country's female total)
    for r in beta:
        if r[5] == FORM and r[6] == SE and r[7] == "Female" and r[8] == "Total":
            r[11] = "20"
    df = read.load(workbook(tmp_path, body + beta))
    flags = checks.check(df)
    assert set(flags["rule"]) == {"parts-over-own-total"}
    f = flags.iloc[0]
    assert (f["country"], f["year"], f["category"], f["sex"], f["age"], f["value"]) == (
        "Beta", 2019, SE, "Female", "Total", "20")
    assert f["compared_value"] == "28" and "Female 18 years or over" in f["compared_with"]
    flagged = df[df["flagged"] != ""]
    assert set(zip(flagged["sex"], flagged["age"], strict=True)) == {
        ("Female", "Total"), ("Female", A), ("Female", K)}  # the cell and its parts


def test_beyond_indicator_range(fake_root, tmp_path):
    body = clean_body() + [
        row("Alpha", C, "61,102,019", year=2020, dimension="by citizenship",
            category="Q6.1_10s_2020"),
        row("Beta", C, "3", year=2020, dimension="by citizenship", category="Nationals")]
    flags = flags_of(workbook(tmp_path, body))
    hit = flags[flags["rule"] == "beyond-indicator-range"]
    assert hit["value"].tolist() == ["61,102,019"]
    assert hit["compared_high"].tolist() == [4]  # Beta's convicted total, "<5"
    assert "Nationals" not in set(flags["category"])


def test_year_as_value(fake_root, tmp_path):
    body = clean_body()
    # a total equal to its year, its parts adding up to much less
    body += block("Gamma", 2015)
    for r in body:
        if r[1] == "Gamma" and r[5] == "Total" and r[7] == "Total" and r[8] == "Total":
            r[11] = "2,015"
    # a year in a breakdown that is not a partition, far above anything else that year
    body += [row("Beta", V, "2,020", year=2020, dimension="by country of repatriation",
                 category=None)]
    # a count that happens to equal its year but is the sum of its own parts: not flagged
    body += [row("Delta", V, "1,000", year=2000, sex="Female", age=A),
             row("Delta", V, "1,000", year=2000, sex="Male", age=A),
             row("Delta", V, "2,000", year=2000, age=A),
             row("Delta", V, "2,000", year=2000)]
    flags = flags_of(workbook(tmp_path, body))
    hit = flags[flags["rule"] == "year-as-value"]
    assert sorted(zip(hit["country"], hit["value"], strict=True)) == [("Beta", "2,020"),
                                                                      ("Gamma", "2,015")]
    assert "Delta" not in set(flags["country"])
    assert set(flags.loc[flags["country"] == "Gamma", "rule"]) == {"year-as-value"}


def test_aggregate_rows_are_flagged_and_never_summed(fake_root, tmp_path):
    body = clean_body() + [row(None, P, "40", iso3="SAF", region=None, subregion=None)]
    df = read.load(workbook(tmp_path, body))
    flags = checks.check(df)
    assert flags[["rule", "iso3", "value"]].values.tolist() == [["aggregate-row", "SAF", "40"]]
    assert df.loc[~df["is_country"], "flagged"].tolist() == ["aggregate-row"]
    assert "SAF" not in set(sums.countries(df)["iso3"])


def test_repeated_cells_are_summed_before_checking(fake_root, tmp_path):
    # sub-forms of "other forms" share one label: their rows add up to the form
    body = block("Alpha", 2020, forms={SE: (20, 8, 2, "<5"), "Other forms of exploitation":
                                       (10, 2, 18, 4)})
    body = [r for r in body if not (r[6] == "Other forms of exploitation" and r[7] == "Total"
                                    and r[8] == "Total")]
    body += [row("Alpha", V, "20", dimension=FORM, category="Other forms of exploitation"),
             row("Alpha", V, "14", dimension=FORM, category="Other forms of exploitation")]
    assert flags_of(workbook(tmp_path, body)).empty


def test_the_known_faults_are_found_by_the_general_rules():
    _, old_flags = real_release("2023-05-30")
    _, new_flags = real_release("2025-04-14")
    # shifted sex/age labels of the United States' rows by form, 2019-2021 (article's release)
    assert hit(old_flags, "breakdown-sum-over-total", "USA", [2019, 2020, 2021],
                dimension=FORM) == [2019, 2020, 2021]
    # rows for groups of countries (article's release only)
    agg = set(old_flags.loc[old_flags["rule"] == "aggregate-row", "iso3"])
    assert {"CAR", "CAS", "EEU", "MCA", "MCN", "SAF", "SAM"} <= agg
    assert "aggregate-row" not in set(new_flags["rule"])
    # years stored as counts, and questionnaire field codes as convicted persons (latest)
    assert hit(new_flags, "year-as-value", "DOM", range(2019, 2023)) == [2019, 2020, 2021, 2022]
    codes = new_flags[new_flags["rule"] == "beyond-indicator-range"]
    assert codes["value_low"].min() > 1_000_000 and set(codes["indicator"]) == {CONVICTED}
    # smaller breakdowns over their totals
    for iso3, years, sex, age in (("BFA", [2021], "Male", K), ("ITA", [2014], "Female", A),
                                  ("BRA", [2020, 2021], "Male", A), ("DNK", [2021], "Female", A)):
        assert hit(new_flags, "breakdown-sum-over-total", iso3, years, sex=sex, age=age) == years
