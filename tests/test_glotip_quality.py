"""The GLOTIP consistency checks, the rule that leaves flagged country-years out of sums, and the
data-quality tables: on small synthetic workbooks (each rule has a case that only it catches),
and on the two real releases (both load through the one loader; the known faults are found)."""

from __future__ import annotations

import pandas as pd
import pytest
from test_glotip import HEADER, A, C, K, P, V, row, workbook
from xlsx import write_xlsx

from tipfigs import glotip, paths, quality
from tipfigs.errors import ParameterError, SchemaError

FORM = "by form of exploitation"
SE, FL = "Sexual exploitation", "Forced labour"

#: women, girls, men, boys of each form: the forms add up to the totals exactly
CLEAN_FORMS = {SE: (20, 8, 2, "<5"), FL: (10, 2, 18, 4)}


def _count(v):
    return 0 if isinstance(v, str) else v


def block(country, year, forms=CLEAN_FORMS, totals=None, indicator=V):
    """One country-year of detected victims: the total by sex and age (sum of the forms unless
    ``totals`` is given) and the forms by sex and age, each with its own totals."""
    def cells(w, g, m, b, **kw):
        vals = {("Female", A): w, ("Female", K): g, ("Male", A): m, ("Male", K): b}
        out = [row(country, indicator, str(v), year=year, sex=s, age=a, **kw)
               for (s, a), v in vals.items()]
        n = {k: _count(v) for k, v in vals.items()}
        out += [row(country, indicator, str(n["Female", A] + n["Female", K]), year=year,
                    sex="Female", **kw),
                row(country, indicator, str(n["Male", A] + n["Male", K]), year=year, sex="Male",
                    **kw),
                row(country, indicator, str(n["Female", A] + n["Male", A]), year=year, age=A,
                    **kw),
                row(country, indicator, str(n["Female", K] + n["Male", K]), year=year, age=K,
                    **kw),
                row(country, indicator, str(sum(n.values())), year=year, **kw)]
        return out
    if totals is None:
        totals = tuple(
            "<5" if all(isinstance(f[i], str) for f in forms.values())
            else sum(_count(f[i]) for f in forms.values()) for i in range(4))
    rows = cells(*totals)
    for form, values in forms.items():
        rows += cells(*values, dimension=FORM, category=form)
    return rows


def clean_body():
    body = []
    for country in ("Alpha", "Beta"):
        for year in (2019, 2020):
            body += block(country, year)
            body += [row(country, P, "12", year=year), row(country, C, "<5", year=year)]
    return body


def flags_of(path):
    return glotip.check(glotip.load(path))


@pytest.fixture
def clean(fake_root, tmp_path):
    return workbook(tmp_path, clean_body(), name="clean.xlsx")


def test_a_clean_workbook_flags_nothing(clean):
    df = glotip.load(clean)
    assert glotip.check(df).empty
    assert (df["flagged"] == "").all()
    assert list(glotip.check(df).columns) == glotip.QUALITY_COLUMNS


def test_a_planted_breakdown_over_total_is_flagged_and_left_out_of_the_sums(fake_root, tmp_path):
    # Alpha 2020: the men of sexual exploitation shifted into men (40 instead of 2), as the
    # labels of a form were shifted in a real release; the total keeps its 20 men.
    shifted = {SE: (20, 8, 40, "<5"), FL: (10, 2, 18, 4)}
    body = clean_body()
    body = [r for r in body if not (r[1] == "Alpha" and r[9] == 2020 and r[4] == V)]
    body += block("Alpha", 2020, forms=shifted, totals=(30, 10, 20, 4))
    df = glotip.load(workbook(tmp_path, body))
    flags = glotip.check(df)
    assert set(flags["rule"]) == {"breakdown-sum-over-total"}
    men = flags[(flags["sex"] == "Male") & (flags["age"] == A)].iloc[0]
    assert (men["country"], men["year"], men["dimension"]) == ("Alpha", 2020, FORM)
    assert (men["value_low"], men["compared_high"]) == (58, 20)
    assert men["action"] == glotip.ACTIONS["breakdown-sum-over-total"]
    # the breakdown's cells are flagged, the total they exceed is not
    alpha = df[(df["country"] == "Alpha") & (df["year"] == 2020)]
    assert (alpha.loc[alpha["dimension"] == FORM, "flagged"] != "").any()
    assert (alpha.loc[alpha["dimension"] == "Total", "flagged"] == "").all()

    # the rule: the sum over forms leaves Alpha 2020 out whole, and says so
    forms = glotip.sex_age(glotip.countries(df).query("dimension == @FORM and year == 2020"))
    kept, left_out = glotip.leave_out_flagged(forms)
    assert set(left_out["country"]) == {"Alpha"} and set(kept["country"]) == {"Beta"}
    assert len(left_out) == 8  # all four groups of both forms
    summary = glotip.left_out_summary(left_out)
    assert summary[["country", "year", "iso3", "rules"]].values.tolist() == [
        ["Alpha", 2020, "ALP", "breakdown-sum-over-total"]]
    assert (summary.loc[0, "persons_low"], summary.loc[0, "persons_high"]) == (102, 106)
    se = glotip.sex_age_shares(kept[kept["category"] == SE], ["category"]).set_index("group")
    assert se.loc["Men", "victims_low"] == 2  # Beta's 2 men only, not Alpha's 40
    raw = glotip.sex_age_shares(forms[forms["category"] == SE], ["category"]).set_index("group")
    assert raw.loc["Men", "victims_low"] == 42
    # the totals by sex and age of Alpha 2020 still enter a sum of totals
    totals = glotip.sex_age(glotip.countries(df).query("dimension == 'Total' and year == 2020"))
    assert set(glotip.leave_out_flagged(totals)[0]["country"]) == {"Alpha", "Beta"}


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
    assert list(glotip.tolerance([10, 100, 1000])) == [2, 2, 20]


def test_parts_over_own_total_flags_the_cell_and_its_parts(fake_root, tmp_path):
    body = [r for r in clean_body() if not (r[1] == "Beta" and r[9] == 2019)]
    beta = block("Beta", 2019)
    # the women and girls of sexual exploitation, Beta 2019, are 20 and 8: publish their total
    # as 20 instead of 28 (the forms still add up to less than the country's female total)
    for r in beta:
        if r[5] == FORM and r[6] == SE and r[7] == "Female" and r[8] == "Total":
            r[11] = "20"
    df = glotip.load(workbook(tmp_path, body + beta))
    flags = glotip.check(df)
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
    df = glotip.load(workbook(tmp_path, body))
    flags = glotip.check(df)
    assert flags[["rule", "iso3", "value"]].values.tolist() == [["aggregate-row", "SAF", "40"]]
    assert df.loc[~df["is_country"], "flagged"].tolist() == ["aggregate-row"]
    assert "SAF" not in set(glotip.countries(df)["iso3"])


def test_repeated_cells_are_summed_before_checking(fake_root, tmp_path):
    # sub-forms of "other forms" share one label: their rows add up to the form
    body = block("Alpha", 2020, forms={SE: (20, 8, 2, "<5"), "Other forms of exploitation":
                                       (10, 2, 18, 4)})
    body = [r for r in body if not (r[6] == "Other forms of exploitation" and r[7] == "Total"
                                    and r[8] == "Total")]
    body += [row("Alpha", V, "20", dimension=FORM, category="Other forms of exploitation"),
             row("Alpha", V, "14", dimension=FORM, category="Other forms of exploitation")]
    assert flags_of(workbook(tmp_path, body)).empty


def test_quality_tables_are_deterministic(clean, fake_root, tmp_path):
    root, _, _ = fake_root
    body = clean_body() + [row(None, P, "40", iso3="SAF", region=None, subregion=None),
                           row("Beta", C, "61,102,019", year=2020, dimension="by citizenship",
                               category="Q6.1_10s_2020")]
    path = workbook(tmp_path, body, name="faults.xlsx")
    first = quality.write(path, "2099-01-01", tmp_path / "dq").read_bytes()
    for p in (root / "build" / "cache").glob("glotip*"):
        p.unlink()  # checked again from scratch
    second = quality.write(path, "2099-01-01", tmp_path / "dq")
    assert second.name == "data-quality-glotip-2099-01-01.csv"
    assert second.read_bytes() == first
    table = pd.read_csv(second)
    assert list(table.columns) == glotip.QUALITY_COLUMNS
    assert table["rule"].tolist() == ["breakdown-sum-over-total", "beyond-indicator-range",
                                      "aggregate-row"]
    assert int(table.loc[1, "value_low"]) == 61102019  # counts stay whole, never 6.1e+07
    assert not list((tmp_path / "dq").glob(".*"))  # no temporary file left


def test_quality_command(clean, fake_root, tmp_path, capsys):
    assert quality.main([str(clean), "--output-dir", str(tmp_path / "out")]) == 0
    assert "data-quality-glotip-clean.csv" in capsys.readouterr().out
    assert (tmp_path / "out" / "data-quality-glotip-clean.csv").read_text().count("\n") == 1
    assert quality.main([str(tmp_path / "nope.xlsx")]) == 1
    assert "nope.xlsx" in capsys.readouterr().err


def test_releases_parameter(clean, fake_root, tmp_path):
    other = write_xlsx(tmp_path / "other.xlsx", [["UNODC"], [""], HEADER,
                                                  row("Delta", P, "3")])
    rs = glotip.releases("glotip_workbooks", [str(clean), str(other)])
    assert [r.label for r in rs] == ["workbook clean.xlsx", "workbook other.xlsx"]
    assert rs[0].claims_data == "GLOTIP workbook clean.xlsx"
    # a file outside the manifest is drawn as a later release, and named by its file
    assert [(r.role, r.short_label) for r in rs] == [("latest", "workbook clean.xlsx"),
                                                      ("latest", "workbook other.xlsx")]
    assert [r.label for r in glotip.releases("glotip_workbooks", str(clean))] == [
        "workbook clean.xlsx"]
    with pytest.raises(ParameterError, match="glotip_workbooks"):
        glotip.releases("glotip_workbooks", [])
    with pytest.raises(ParameterError, match="twice"):
        glotip.releases("glotip_workbooks", [str(clean), str(clean)])
    with pytest.raises(ParameterError, match="no such file"):
        glotip.releases("glotip_workbooks", [str(tmp_path / "nope.xlsx")])


def test_combined_share_and_agreement():
    shares = pd.DataFrame({"year": [2020] * 4, "group": list(glotip.GROUPS),
                           "victims_low": [60, 20, 15, 0], "victims_high": [60, 20, 15, 4],
                           "victims_mid": [60, 20, 15, 2], "countries": [3, 3, 2, 1]})
    c = glotip.combined_share(shares, ["Women", "Girls"], ["year"]).iloc[0]
    assert c["share_low"] == pytest.approx(100 * 80 / 99)
    assert c["share_mid"] == pytest.approx(100 * 80 / 97)
    assert c["share_high"] == pytest.approx(100 * 80 / 95)
    assert c["countries"] == 3
    res = {"a": (True, "80%"), "b": (True, "85%"), "c": (False, "40%"), "d": (None, "no data")}
    line = glotip.agreement(res, "a")
    assert "the b agrees: it holds there too (85%)" in line
    assert "the c does not agree: it does not hold there (40%)" in line
    assert "the d cannot check it (no data)" in line
    assert glotip.agreement({"d": (None, "x"), "a": (False, "4")}, "d") == (
        "Other release: the a can: it does not hold there (4).")
    assert glotip.agreement({"a": (True, "1")}, "a") == "Only one release was checked in this run."


def test_published_shares_need_a_source(fake_root, tmp_path):
    cols = ("id,quantity,region,year,value,unit,report,table_or_figure,page,stated_by,url,"
            "url_date,checked\n")
    good = ("men_2018,share of men among detected victims,World,2018,20,per cent,GLOTIP 2020,,,"
            "A page,https://example.org/a,2021-02-02,stated there\n")
    path = tmp_path / "published.csv"
    path.write_text(cols + good)
    df = glotip.load_published(path)
    assert df.loc["men_2018", "group"] == "Men"
    assert glotip.cite_published(df, "men_2018") == (
        "GLOTIP 2020; stated by A page (https://example.org/a, 2021-02-02)")
    path.write_text(cols + good.replace("https://example.org/a", ""))
    with pytest.raises(SchemaError, match="row 'men_2018' cites no source"):
        glotip.load_published(path)
    path.write_text(cols + good.replace("share of men", "share of adults"))
    with pytest.raises(SchemaError, match="'quantity'"):
        glotip.load_published(path)


def test_the_published_shares_file_cites_every_value():
    df = glotip.load_published(paths.root() / "data" / "glotip_published.csv")
    assert len(df) >= 16 and df["url"].str.startswith("https://").all()


# -- The real releases ----------------------------------------------------------------------

RELEASES = {"2023-05-30": "data_glotip_2023-05-30.xlsx", "2025-04-14": "data_glotip_2025-04-14.xlsx"}


@pytest.fixture(scope="module")
def real():
    out = {}
    for date, name in RELEASES.items():
        path = paths.raw_dir() / "unodc" / name
        if not path.is_file():
            pytest.fail(f"{paths.show(path)} is missing: run `make data` first")
        out[date] = (glotip.load(path), glotip.quality(path))
    return out


def _hit(flags, rule, iso3, years, **where):
    f = flags[(flags["rule"] == rule) & (flags["iso3"] == iso3) & flags["year"].isin(years)]
    for k, v in where.items():
        f = f[f[k] == v]
    return sorted(set(f["year"]))


def test_the_real_releases_are_named_and_drawn_by_their_role(real):
    rs = glotip.releases("glotip_workbooks", [str(paths.raw_dir() / "unodc" / n)
                                              for n in reversed(RELEASES.values())])
    assert [(r.label, r.short_label, r.role) for r in rs] == [
        ("article's release (2023-05-30)", "article's release", "article"),
        ("latest release (2025-04-14)", "latest release", "latest")]


def test_both_releases_load_through_the_one_loader(real):
    for date, (df, flags) in real.items():
        assert set(df.columns) >= {"sheet_row", "iso3", "indicator", "value_low", "flagged"}
        assert df["year"].max() == {"2023-05-30": 2021, "2025-04-14": 2022}[date]
        assert list(flags.columns) == glotip.QUALITY_COLUMNS
        assert set(flags["rule"]) <= set(glotip.RULES)


def test_the_known_faults_are_found_by_the_general_rules(real):
    old, old_flags = real["2023-05-30"]
    new, new_flags = real["2025-04-14"]
    # shifted sex/age labels of the United States' rows by form, 2019-2021 (article's release)
    assert _hit(old_flags, "breakdown-sum-over-total", "USA", [2019, 2020, 2021],
                dimension=FORM) == [2019, 2020, 2021]
    # rows for groups of countries (article's release only)
    agg = set(old_flags.loc[old_flags["rule"] == "aggregate-row", "iso3"])
    assert {"CAR", "CAS", "EEU", "MCA", "MCN", "SAF", "SAM"} <= agg
    assert "aggregate-row" not in set(new_flags["rule"])
    # years stored as counts, and questionnaire field codes as convicted persons (latest)
    assert _hit(new_flags, "year-as-value", "DOM", range(2019, 2023)) == [2019, 2020, 2021, 2022]
    codes = new_flags[new_flags["rule"] == "beyond-indicator-range"]
    assert codes["value_low"].min() > 1_000_000 and set(codes["indicator"]) == {glotip.CONVICTED}
    # smaller breakdowns over their totals
    for iso3, years, sex, age in (("BFA", [2021], "Male", K), ("ITA", [2014], "Female", A),
                                  ("BRA", [2020, 2021], "Male", A), ("DNK", [2021], "Female", A)):
        assert _hit(new_flags, "breakdown-sum-over-total", iso3, years, sex=sex, age=age) == years


def test_the_rule_leaves_the_shifted_rows_out_of_the_sexual_exploitation_share(real):
    df, _ = real["2023-05-30"]
    rows = glotip.countries(df)
    forms = glotip.sex_age(rows[(rows["indicator"] == V) & (rows["dimension"] == FORM)
                                & (rows["year"] == 2020)])
    kept, left_out = glotip.leave_out_flagged(forms)
    assert "USA" in set(left_out["iso3"]) and "USA" not in set(kept["iso3"])

    def women_and_girls(x):
        s = glotip.sex_age_shares(x[x["category"] == SE], ["category"])
        return glotip.combined_share(s, ["Women", "Girls"], ["category"]).iloc[0]["share_mid"]

    # with the shifted rows the share is under half; without them, well above three quarters
    assert women_and_girls(forms) < 50 < 75 < women_and_girls(kept)
