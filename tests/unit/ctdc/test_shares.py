"""tipfigs.ctdc.shares: shares over the records where the variable is known, flags among the
records with their group known (forced-labour victims only, for sectors), thin cells blanked, and
each share split into its age parts over one denominator."""

from __future__ import annotations

import pandas as pd
import pytest
from builders.ctdc import write_release

from tipfigs.ctdc import read, schema, shares


def test_known_male_share_per_year_is_exact(tmp_path):
    # 2019: 3 of 4 known are male (plus 2 unknown); 2020: 1 of 5 male
    rows = ([{"yearOfRegistration": "2019", "gender": "Male"}] * 3
            + [{"yearOfRegistration": "2019", "gender": "Female"}]
            + [{"yearOfRegistration": "2019", "gender": ""}] * 2
            + [{"yearOfRegistration": "2020", "gender": "Male"}]
            + [{"yearOfRegistration": "2020", "gender": "Female"}] * 4)
    df = read.load(write_release(tmp_path, "2021", rows), "2021")
    s = shares.shares(df, "sex", ["year"], categories=schema.SEXES)
    male = s[s["category"] == "Male"].set_index("year")
    assert male.loc[2019.0, "share"] == pytest.approx(0.75)
    assert male.loc[2020.0, "share"] == pytest.approx(0.2)
    assert male.loc[2019.0, "n_unknown"] == 2
    assert male.loc[2019.0, "unknown_share"] == pytest.approx(2 / 6)
    assert male.loc[2020.0, "n_known"] == 5


def test_transgender_counts_among_known_sex(tmp_path):
    rows = [{"yearOfRegistration": "2019", "gender": g}
            for g in ("Male", "Female", "Transgender/NonConforming", "")]
    df = read.load(write_release(tmp_path, "2021", rows), "2021")
    s = shares.shares(df, "sex", categories=schema.SEXES).set_index("category")
    assert s.loc["Male", "share"] == pytest.approx(1 / 3)
    assert s.loc["Male", "unknown_share"] == pytest.approx(1 / 4)


def test_flag_shares_over_records_with_any_flag(tmp_path):
    rows = [{"typeOfLabourConstruction": "1", "gender": "Male"},
            {"typeOfLabourConstruction": "1", "typeOfLabourOther": "1", "gender": "Male"},
            {"typeOfLabourDomesticWork": "1", "gender": "Female"},
            {"gender": "Female"}]  # no sector recorded: unknown
    rows = [dict(r, yearOfRegistration="2019") for r in rows]
    df = read.load(write_release(tmp_path, "2021", rows), "2021")
    s = shares.flag_shares(df, "labour", schema.available("2021", "labour"), by=["sex"])
    male = s[s["sex"] == "Male"].set_index("category")
    female = s[s["sex"] == "Female"].set_index("category")
    assert male.loc["construction", "share"] == pytest.approx(1.0)
    assert male.loc["other", "share"] == pytest.approx(0.5)
    assert female.loc["domestic_work", "share"] == pytest.approx(1.0)
    assert female.loc["domestic_work", "n_unknown"] == 1
    assert female.loc["domestic_work", "unknown_share"] == pytest.approx(0.5)


def test_suppress_blanks_thin_cells():
    df = pd.DataFrame({"n_known": [5, 50], "share": [0.4, 0.6]})
    out = shares.suppress(df, 10)
    assert out["suppressed"].tolist() == [True, False]
    assert pd.isna(out.loc[0, "share"]) and out.loc[1, "share"] == 0.6


# -- women and men compared, over forced-labour victims -----------------------------------------------
def test_sector_shares_condition_on_the_forced_labour_flag(tmp_path):
    rows = [
        {"gender": "Female", "isForcedLabour": "1", "typeOfLabourDomesticWork": "1"},
        {"gender": "Female", "isForcedLabour": "1", "typeOfLabourAgriculture": "1"},
        {"gender": "Female", "isForcedLabour": "1"},  # forced labour, no sector: unknown
        # a sector flag without the forced-labour flag: left out
        {"gender": "Female", "isSexualExploit": "1", "typeOfLabourDomesticWork": "1"},
        {"gender": "Female", "typeOfLabourDomesticWork": "1"},
        {"gender": "Male", "isForcedLabour": "1", "typeOfLabourConstruction": "1"},
        {"gender": "Male", "typeOfLabourConstruction": "1"},
        {"gender": "", "isForcedLabour": "1", "typeOfLabourConstruction": "1"},  # sex unknown
    ]
    rows = [dict(r, yearOfRegistration="2019") for r in rows]
    df = read.load(write_release(tmp_path, "2021", rows), "2021")
    sectors = schema.available("2021", "labour")
    s = shares.sector_shares_by_sex(df, sectors).set_index(["sex", "category"])
    assert s.loc[("Female", "domestic_work"), "count"] == 1
    assert s.loc[("Female", "domestic_work"), "n_known"] == 2
    assert s.loc[("Female", "domestic_work"), "share"] == pytest.approx(0.5)
    assert s.loc[("Female", "domestic_work"), "n_unknown"] == 1
    assert s.loc[("Male", "construction"), "share"] == pytest.approx(1.0)
    assert s.loc[("Male", "construction"), "n_known"] == 1
    assert shares.sector_without_forced_labour(df, sectors) == 3


# -- age parts of a flag's share ------------------------------------------------------------------------
def test_flag_parts_split_each_share_by_age_group_over_one_denominator():
    df = pd.DataFrame({
        "sex": ["Female"] * 5 + ["Male"] * 2 + [None],
        "age_group": ["Adult", "Minor", None, "Adult", "Adult", "Minor", "Adult", "Adult"],
        "labour_domestic_work": [True, True, True, False, False, False, False, True],
        "labour_construction": [False, False, False, True, False, True, True, False],
    })
    df.loc[4, "labour_domestic_work"] = False  # a record with no type: not in the denominator
    p = shares.flag_parts(df, "labour", ["domestic_work", "construction"])
    f = p[(p["sex"] == "Female") & (p["category"] == "domestic_work")]
    assert f["age_group"].tolist() == ["Adult", "Minor", None]
    assert f["count"].tolist() == [1, 1, 1]
    assert set(f["n_known"]) == {4}  # four female records with a type; sex unknown left out
    whole = shares.flag_shares(df[df["sex"].notna()], "labour", ["domestic_work", "construction"],
                               by=["sex"]).set_index(["sex", "category"])["share"]
    summed = p.groupby(["sex", "category"])["share"].sum()
    assert summed.to_dict() == pytest.approx(whole.to_dict())
    m = p[(p["sex"] == "Male") & (p["category"] == "construction")]
    assert list(zip(m["age_group"], m["count"], strict=True)) == [("Adult", 1), ("Minor", 1),
                                                                  (None, 0)]


def test_with_age_parts_splits_each_share_and_blanks_the_parts_of_a_blank_share():
    df = pd.DataFrame({
        "sex": ["Female"] * 4 + ["Male"] * 2,
        "age_group": ["Adult", "Minor", None, "Adult", "Minor", "Adult"],
        "labour_domestic_work": [True, True, True, False, False, False],
        "labour_construction": [False, False, False, True, True, True],
    })
    df = df.assign(**{f"labour_{s}": False for s in schema.available("2021", "labour")
                      if f"labour_{s}" not in df})
    sectors = ["domestic_work", "construction"]
    table = shares.flag_shares(df, "labour", sectors, by=["sex"]).assign(release="2021")
    table = shares.suppress(table, 3)  # the two male records: too few, blanked
    res = shares.with_age_parts(table, {"2021": df}, "labour").set_index(["sex", "category"])
    dom = res.loc[("Female", "domestic_work")]
    assert dom["share"] == pytest.approx(0.75)
    assert [dom[c] for c in shares.AGE_PART_COLUMNS] == pytest.approx([0.25, 0.25, 0.25])
    con = res.loc[("Female", "construction")]
    assert [con[c] for c in shares.AGE_PART_COLUMNS] == pytest.approx([0.25, 0.0, 0.0])
    assert res.loc[("Male", "construction"), shares.AGE_PART_COLUMNS].isna().all()
    # parts computed on other records than the shares do not add up: an error, not a figure
    with pytest.raises(ValueError, match="age parts of a labour share do not add up"):
        shares.with_age_parts(table, {"2021": df.iloc[1:]}, "labour")
    empty = shares.with_age_parts(table.iloc[0:0], {"2021": df}, "labour")
    assert list(empty.columns[-3:]) == shares.AGE_PART_COLUMNS and empty.empty
