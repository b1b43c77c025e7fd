"""The CTDC figure notebooks, run on small files whose answers are known: their table, headline,
finding, readings and citations follow the data (nothing is hard-coded). Each runs the
notebook's own code in this process (builders.notebooks.run_code, no kernel): what a kernel
adds is checked on the real notebooks by nbval and the reproducibility test, and on bad input
by tests/notebooks/test_bad_inputs.py. A CTDC release saved in another format gives the same
records: tests/unit/ctdc/test_read_formats.py."""

from __future__ import annotations

import html
import json

import pandas as pd
import pytest
from builders.ctdc import write_ctdc
from builders.notebooks import published, run_code

from tipfigs import paths
from tipfigs.ctdc import names, schema


def _run(tmp_path, stem, **params):
    """The figure's table and its claims, as a list."""
    out = run_code(stem, tmp_path / "out", **params)
    table = pd.read_csv(out / f"{stem}.csv")
    claims = json.loads((out / f"{stem}.claims.json").read_text())
    return table, claims


def _run_about(tmp_path, stem, **params):
    """The figure's about record, its claims by id, and its SVG."""
    return published(run_code(stem, tmp_path / "out", **params), stem)


def _by_id(claims):
    return {c["id"]: c for c in claims}


def _ctdc_file(path, records):
    return str(write_ctdc(path, schema.required_columns("2021"), records))


@pytest.mark.slow
def test_fig05_long_run_rise_with_a_recent_fall(tmp_path):
    # 2005-2019: the share of men rises from 10% to 60% by 2014, then falls to 40% by 2019
    shares = dict(zip(range(2005, 2020), [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6,
                                          0.6, 0.55, 0.5, 0.45, 0.4], strict=True))
    header = schema.required_columns("2021")
    records = [{"yearOfRegistration": y, "gender": "Male" if i < round(s * 100) else "Female",
                "isForcedLabour": "1"} for y, s in shares.items() for i in range(100)]
    path = write_ctdc(tmp_path / "known.csv.gz", header, records)
    table, claims = _run(tmp_path, "fig05-male-victims-trend", ctdc_2021_file=str(path),
                         releases=["2021"], min_records=10)
    assert table.set_index("year")["share_male"].to_dict() == pytest.approx(shares)
    c = _by_id(claims)
    long, recent = c["male-share-long-run-rise"], c["male-share-recent-rise"]
    assert long["status"] == "reproduced"
    assert long["computed_value"] == pytest.approx(100 * (0.5 - 0.1))  # 2015-2019 vs 2005-2009
    assert recent["status"] == "differs"
    assert recent["computed_value"] == pytest.approx(-5.0)
    assert c["historically-most-victims-women"]["computed_value"] == pytest.approx(90.0)
    # the data label names the release and the file, not a machine path
    assert long["data"] == "CTDC synthetic data, 2021 release, file known.csv.gz" and not long["era"]


@pytest.mark.slow
def test_fig05_a_reporter_that_flips_the_trend_makes_it_depend_on_choices(tmp_path):
    # a background rising from 20% to 39% men, and from 2014 a large reporter with 5% men
    records = []
    for y in range(2000, 2020):
        males = 20 + (y - 2000)
        records += [{"yearOfRegistration": y, "gender": "Male" if i < males else "Female",
                     "CountryOfExploitation": "PHL" if i % 2 else ""} for i in range(100)]
        if y >= 2014:
            records += [{"yearOfRegistration": y, "gender": "Male" if i < 20 else "Female",
                         "CountryOfExploitation": "USA"} for i in range(400)]
    stem = "fig05-male-victims-trend"
    out = run_code(stem, tmp_path / "out",
                   ctdc_2021_file=_ctdc_file(tmp_path / "flip.csv.gz", records),
                   releases=["2021"], min_records=50)
    c = _by_id(json.loads((out / f"{stem}.claims.json").read_text()))
    long = c["male-share-long-run-rise"]
    assert long["status"] == "depends-on-choices" and long["specs"]["deciding"] == ["largest_reporter"]
    assert long["specs"]["file"] == f"{stem}.specs.csv"
    grid = pd.read_csv(out / f"{stem}.specs.csv", keep_default_na=False)
    rows = grid[grid["reading"] == "male-share-long-run-rise"]
    computed = rows[rows["computable"].astype(str) == "True"]
    assert set(computed.loc[computed["holds"].astype(str) == "True", "choice_largest_reporter"]) == {
        "left-out"}
    assert (rows["computable"].astype(str) == "False").sum() == long["specs"]["not_computable"] > 0
    about = json.loads((out / f"{stem}.about.json").read_text())
    assert about["title"].startswith("Whether men and boys are a larger share")
    assert about["title"].endswith("depends on the largest reporter")


@pytest.mark.slow
def test_fig05_draws_the_2022_bins_and_tests_them(tmp_path):
    # bins: 50% men early, 30% in 2014-2018, then 20%, 30%, 40%: a recent rise, a long-run fall
    shares = {"2005-2013": 0.5, "2014-2018": 0.3, "2019": 0.2, "2020": 0.3, "2021-2022": 0.4}
    header = schema.required_columns("vp2022")
    records = [{"yearRegister": b, "gender": "Male" if i < round(s * 100) else "Female",
                "majorityStatus": "Adult"} for b, s in shares.items() for i in range(100)]
    records += [{"yearRegister": "", "gender": "Male"}] * 7  # no year: left out
    path = write_ctdc(tmp_path / "vp.csv.gz", header, records)
    table, claims = _run(tmp_path, "fig05-male-victims-trend", ctdc_vp2022_file=str(path),
                         releases=["vp2022"], min_records=10)
    assert table["period"].tolist() == list(shares)
    assert table["share_male"].tolist() == pytest.approx(list(shares.values()))
    assert table["year"].isna().tolist() == [True, True, False, False, True]
    c = _by_id(claims)
    assert c["male-share-long-run-rise"]["status"] == "differs"
    assert c["male-share-recent-rise"]["status"] == "reproduced"


@pytest.mark.slow
def test_fig05_country_filter_leaves_out_the_release_without_countries(tmp_path):
    default = paths.root() / schema.DEFAULT_FILES["2021"]
    if not default.is_file():
        pytest.skip("CTDC data not fetched (run `make data`)")
    table, claims = _run(tmp_path, "fig05-male-victims-trend", country="USA",
                         releases=["2021", "vp2022"])
    assert set(table["release"]) == {names.RELEASE_LABELS["2021"]}
    vp = [c for c in claims if c["data"].startswith("CTDC Global Victim-Perpetrator")]
    assert {c["id"] for c in vp} == {"male-share-long-run-rise", "male-share-recent-rise",
                                     "historically-most-victims-women"}
    assert {c["status"] for c in vp} == {"not-reproducible"}
    assert all("regions, not countries" in c["note"] for c in vp)


@pytest.mark.slow
def test_fig06_counts_only_forced_labour_victims_in_the_sector_comparisons(tmp_path):
    header = schema.required_columns("2021")
    base = {"yearOfRegistration": "2019"}
    records = (
        # forced labour: 10 of 40 women in domestic work, 30 of 40 men in construction
        [dict(base, gender="Female", isForcedLabour="1", typeOfLabourDomesticWork="1")] * 10
        + [dict(base, gender="Female", isForcedLabour="1", typeOfLabourAgriculture="1")] * 30
        + [dict(base, gender="Male", isForcedLabour="1", typeOfLabourConstruction="1")] * 30
        + [dict(base, gender="Male", isForcedLabour="1", typeOfLabourDomesticWork="1")] * 10
        # a type of forced labour without the forced-labour flag: left out
        + [dict(base, gender="Female", typeOfLabourDomesticWork="1")] * 200
        + [dict(base, gender="Male", isOtherExploit="1", typeOfLabourDomesticWork="1")] * 200
        # sexual exploitation: 34 women and girls, 6 men and boys (85%: three in four, not
        # nine in ten, the two readings of data/article_claims.csv)
        + [dict(base, gender="Female", isSexualExploit="1", ageBroad="18--20")] * 34
        + [dict(base, gender="Male", isSexualExploit="1")] * 6)
    path = write_ctdc(tmp_path / "sectors.csv.gz", header, records)
    table, claims = _run(tmp_path, "fig06-exploitation-by-sex", ctdc_2021_file=str(path),
                         releases=["2021"], min_records=10)
    c = _by_id(claims)
    # women 10/40 = 25% against men 10/40 = 25%: neither reading holds
    assert c["women-more-in-domestic-work-twice"]["computed_value"] == pytest.approx(1.0)
    assert c["women-more-in-domestic-work-twice"]["status"] == "differs"
    assert c["women-more-in-domestic-work-20-points"]["status"] == "differs"
    assert c["men-more-in-construction-20-points"]["computed_value"] == pytest.approx(75.0)
    assert c["men-more-in-construction-twice"]["status"] == "reproduced"
    a = table[(table["panel"] == "a") & (table["group"] == "forced labour, type Domestic work")]
    assert a.set_index("category")["n_known"].to_dict() == {"Female": 40, "Male": 40}
    assert c["sexual-exploitation-women-girls-three-quarters"]["status"] == "reproduced"
    # all ages: 85%, not nine in ten; adults alone (the men have no age recorded): 100%
    nine = c["sexual-exploitation-women-girls-nine-in-ten"]
    assert nine["status"] == "depends-on-choices" and nine["specs"]["deciding"] == ["population"]
    assert c["sexual-exploitation-women-girls-nine-in-ten"]["computed_value"] == pytest.approx(
        100 * 34 / 40)
    assert c["sexual-exploitation-women-girls-nine-in-ten"]["measure"] == (
        "percent women and girls among victims of sexual exploitation with a recorded sex")
    # the files read are cited in the figure's about record, the test file as a file
    about = json.loads((tmp_path / "out" / "fig06-exploitation-by-sex.about.json").read_text())
    assert [d["path"].rsplit("/", 1)[-1] for d in about["data"]] == ["sectors.csv.gz"]
    # the publication figure's words: whom it counts, what depends on choices, a short alt
    assert about["subtitle"].startswith("Identified victims of all ages in the CTDC 2021 release")
    assert "women and girls are 100% of victims of sexual exploitation, at least 90, with adult " \
        "victims only" in " ".join(about["subtitle"].split())
    assert about["alt"] == ("In the CTDC 2021 release, 25% of female forced-labour victims were in "
                            "domestic work (25% of male) and 75% of male ones in construction (0% "
                            "of female).")
    assert about["variants"]["slide"] == "fig06-exploitation-by-sex.slide"


BASE = {"yearOfRegistration": "2019", "ageBroad": "30--38"}


@pytest.mark.slow
def test_fig03_headline_and_finding_follow_the_data(tmp_path):
    fl = dict(BASE, isForcedLabour="1")
    records = ([dict(fl, gender="Male", typeOfLabourConstruction="1")] * 30
               + [dict(fl, gender="Male", typeOfLabourOther="1")] * 10
               + [dict(fl, gender="Female", typeOfLabourDomesticWork="1")] * 21
               + [dict(fl, gender="Female", typeOfLabourOther="1")] * 19
               + [dict(fl, gender="Male")] * 20 + [dict(fl, gender="Female")] * 20)  # no sector
    path = _ctdc_file(tmp_path / "sectors.csv.gz", records)
    about, claims, svg = _run_about(tmp_path, "fig03-forced-labour-sectors", ctdc_2021_file=path,
                              releases=["2021"], min_records=10)
    # 51 of the 80 adults with a sector are in a named sector: 63.75%
    assert about["title"] == ("Construction, domestic work, services and agriculture hold 64% of "
                              "identified adult victims of forced labour")
    assert about["alt"].startswith("In the CTDC 2021 release, construction, domestic work, "
                                   "services and agriculture hold 64% of the 80 identified adult")
    assert "75% of them; 75% of male victims of all ages" in about["description"]
    assert about["finding"] == (
        "Of the identified adult victims of forced labour with a sector recorded, the sectors the "
        "UN Chronicle article names hold 64% of the 80 in the 2021 release (which has no category for "
        "manufacturing); the most common sector for adult men is construction (75% of adult men "
        "and 75% of men of all ages with a sector recorded); for adult women, domestic work (52% "
        "of adult women and 52% of women of all ages with a sector recorded).")
    assert claims["five-sectors-about-90-percent"]["computed_value"] == pytest.approx(63.75, abs=0.06)
    # the figure read one file, which is not a manifest release: only it is listed
    assert [d["kind"] for d in about["data"]] == ["file"]
    assert "sectors.csv.gz" in about["data"][0]["citation"]
    assert f"<title>{html.escape(about['alt'])}</title>" in svg


@pytest.mark.slow
def test_fig04_finding_follows_the_data_and_lists_what_it_read(tmp_path):
    fl, se = dict(BASE, isForcedLabour="1"), dict(BASE, isSexualExploit="1")
    records = ([dict(fl, citizenship="NPL", CountryOfExploitation="IND")] * 30
               + [dict(fl, citizenship="IND", CountryOfExploitation="IND")] * 10
               + [dict(se, citizenship="NPL", CountryOfExploitation="IND")] * 10
               + [dict(se, citizenship="IND", CountryOfExploitation="IND")] * 30
               + [dict(fl, CountryOfExploitation="IND")] * 40)  # citizenship not recorded
    path = _ctdc_file(tmp_path / "abroad.csv.gz", records)
    about, claims, _ = _run_about(tmp_path, "fig04-migrant-workers", ctdc_2021_file=path,
                            releases=["2021"], min_records=10)
    assert about["title"] == "Most identified victims of forced labour were exploited abroad"
    assert about["finding"].startswith(
        "Of the identified victims of forced labour whose citizenship and country of exploitation "
        "are both recorded, 75% of 40 in the 2021 release were exploited outside their country of "
        "citizenship, against 25% (2021 release) of victims of sexual exploitation;")
    assert [(d["kind"], d["path"]) for d in about["data"]][0] == ("transcribed", "data/gems2022.csv")
    assert [d["kind"] for d in about["data"]] == ["transcribed", "file"]
    assert claims["migrants-three-times-forced-labour"]["status"] == "transcribed"


@pytest.mark.slow
def test_fig10_headline_names_the_largest_differences_between_the_sexes(tmp_path):
    men, women = dict(BASE, gender="Male", isForcedLabour="1"), dict(BASE, gender="Female",
                                                                        isSexualExploit="1")
    records = ([dict(men, meansOfControlExcessiveWorkingHours="1")] * 30
               + [dict(men, meansOfControlThreats="1")] * 10
               + [dict(women, meansOfControlSexualAbuse="1")] * 24
               + [dict(women, meansOfControlThreats="1")] * 16
               + [men] * 20 + [women] * 20)  # no means of control recorded
    path = _ctdc_file(tmp_path / "control.csv.gz", records)
    about, claims, _ = _run_about(tmp_path, "fig10-means-of-control", ctdc_2021_file=path,
                            min_records=10)
    assert about["title"] == ("Men and boys: more excessive working hours; women and girls: more "
                              "sexual abuse")
    assert about["finding"] == (
        "Among the 80 identified victims with a means of control recorded (67% of 120), excessive "
        "working hours was recorded for 75% of men and boys against 0% of women and girls; sexual "
        "abuse was recorded for 60% of women and girls against 0% of men and boys.")
    assert claims["gendered-means-of-control"]["computed_value"] == pytest.approx(-75.0)
    assert claims["gendered-means-of-control"]["status"] == "context"


@pytest.mark.slow
def test_fig10_on_the_2018_release_reads_and_cites_the_dictionary(tmp_path):
    if not (paths.root() / schema.DEFAULT_DICTIONARY).is_file():
        pytest.skip("CTDC data dictionary not present (run `make data`)")
    base = {"yearOfRegistration": "2016", "ageBroad": "30--38", "CountryOfExploitation": "US"}
    men = dict(base, gender="Male", isForcedLabour="1")
    women = dict(base, gender="Female", isSexualExploit="1")
    records = ([dict(men, meansOfControlDebtBondage="1")] * 20
               + [dict(women, meansOfControlDebtBondage="1")] * 5
               + [dict(women, meansOfControlThreats="1")] * 15)
    path = str(write_ctdc(tmp_path / "k2018.csv.gz", schema.required_columns("2018"), records))
    about, claims, svg = _run_about(tmp_path, "fig10-means-of-control", releases=["2018"],
                              ctdc_2018_file=path, country="USA", min_records=10)
    # debt bondage: 100% of 20 men and boys against 25% of 20 women and girls
    assert claims["gendered-means-of-control"]["computed_value"] == pytest.approx(-75.0)
    assert claims["gendered-means-of-control"]["data"] == (
        "CTDC k-anonymised data, 2018 release, file k2018.csv.gz")
    assert [d["kind"] for d in about["data"]] == ["file", "release"]  # the file, the dictionary
    assert about["data"][1]["path"] == schema.DEFAULT_DICTIONARY
    assert "k2018.csv.gz" in svg  # the source note names the file read, not the 2018 release
