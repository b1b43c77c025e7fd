"""tipfigs.specs: specification grids, their verdicts, and how claims record them."""

from __future__ import annotations

import pandas as pd
import pytest

from tipfigs import specs
from tipfigs.claims import Claims, Reading, verdict
from tipfigs.outputs import FigureOutputs

GRID = specs.Grid(("window", "largest_reporter"), {"window": "thirds", "largest_reporter": "kept"})


def trend(records: pd.DataFrame, spec: dict) -> float:
    """A toy long-run reading: the share of men late minus early, in points."""
    df = records
    if spec["largest_reporter"] == "left-out":
        top = df.groupby("country")["n"].sum().idxmax()
        df = df[df["country"] != top]
    cut = {"thirds": 2004, "fixed-cut": 2002, "five-years": 2001}[spec["window"]]
    early, late = df[df["year"] <= cut], df[df["year"] > cut]
    if early.empty or late.empty:
        raise specs.NotComputable("no records in one of the periods")
    return 100 * (late["men"].sum() / late["n"].sum() - early["men"].sum() / early["n"].sum())


def one_reporter_flips_it() -> pd.DataFrame:
    """Country A reports many records, mostly men, late; without it the share of men falls."""
    rows = []
    for year in range(2000, 2008):
        rows.append(("B", year, 100, 60 - 2 * (year - 2000)))
        if year >= 2005:
            rows.append(("A", year, 1000, 900))
    return pd.DataFrame(rows, columns=["country", "year", "n", "men"])


def test_the_grid_lists_the_default_first_then_every_combination_once():
    got = GRID.specs()
    assert got[0] == {"window": "thirds", "largest_reporter": "kept"}
    assert len(got) == 3 * 2 and len({specs.spec_id(s) for s in got}) == 6
    assert GRID.specs() == got  # deterministic


def test_a_grid_refuses_an_unknown_dimension_or_a_default_outside_it():
    with pytest.raises(ValueError, match="unknown dimension"):
        specs.Grid(("colour",), {"colour": "red"})
    with pytest.raises(ValueError, match="not in the grid"):
        specs.Grid(("window",), {"window": "thirds", "weighting": "records"})
    # a run's own value of a numeric choice joins the options tried
    g = specs.Grid(("min_records",), {"min_records": "250"})
    assert g.choices("min_records") == ("250", "100", "1000", "9000")


def test_one_reporter_that_flips_the_trend_makes_the_verdict_depend_on_it():
    data = one_reporter_flips_it()
    result = specs.run("male-share-long-run-rise", GRID, lambda s: trend(data, s),
                       lambda v: v > 0, threshold=0.0)
    assert result.default.holds is True
    assert (result.k, result.n) == (3, 6)  # every window holds with A, none without it
    assert not result.unanimous
    assert result.deciding == ["largest_reporter"]
    assert result.words() == ("holds in 3 of 6 specifications (deciding choice: the largest "
                              "reporter)")
    # the same data without the dominant reporter: unanimous, no deciding choice
    alone = data[data["country"] == "B"]
    r2 = specs.run("x", specs.Grid(("window",), {"window": "thirds"}),
                   lambda s: trend(alone, {**s, "largest_reporter": "kept"}), lambda v: v > 0)
    assert r2.unanimous and r2.k == 0 and r2.deciding == []
    assert r2.words() == "holds in none of the 3 specifications"


def test_specifications_that_cannot_be_computed_are_listed_not_counted():
    def compute(spec):
        if spec["window"] == "five-years":
            raise specs.NotComputable("fewer than ten years")
        return 1.0 if spec["largest_reporter"] == "kept" else float("nan")

    r = specs.run("x", GRID, compute, lambda v: v > 0)
    assert (r.k, r.n, len(r.not_computable)) == (2, 2, 4)
    assert {o.why for o in r.not_computable} == {"fewer than ten years", "no value"}
    assert r.unanimous and "4 more cannot be computed" in r.words()
    table = r.frame()
    assert list(table["computable"]) == [o.computable for o in r.outcomes]
    assert table.loc[0, "default"] and not table.loc[1:, "default"].any()


def test_no_single_choice_is_named_when_only_two_changes_together_flip_it():
    g = specs.Grid(("window", "largest_reporter"), {"window": "thirds", "largest_reporter": "kept"})
    r = specs.run("x", g, lambda s: 1.0 if (s["window"], s["largest_reporter"]) != (
        "five-years", "left-out") else -1.0, lambda v: v > 0)
    assert not r.unanimous and r.deciding == []
    assert "deciding choice: no single choice" in r.words()


def test_dominant_reporter_is_found_by_its_share_of_the_sum():
    assert specs.dominant(pd.Series({"A": 30, "B": 50, "C": 20})) == ("B", 0.5)
    assert specs.dominant(pd.Series({"A": 25, "B": 25, "C": 25, "D": 25})) is None
    assert specs.largest(pd.Series(dtype=float)) == ("", 0.0)


def claims_for(*ids):
    return Claims("figzz-test", readings={
        k: Reading(k, ("s19",), "a rise", "higher later", "points", None) for k in ids})


def test_a_direct_claim_whose_specifications_disagree_depends_on_choices():
    data = one_reporter_flips_it()
    result = specs.run("rise", GRID, lambda s: trend(data, s), lambda v: v > 0)
    c = claims_for("rise")
    claim = c.test("rise", result.default.holds, round(result.default.value, 1), "src",
                   evidence="direct", data="toy data", specs=result)
    assert claim.status == "depends-on-choices"
    assert claim.specs["k"] == 3 and claim.specs["n"] == 6
    assert claim.specs["deciding"] == ["largest_reporter"]
    assert claim.specs["file"] == "figzz-test.specs.csv"
    assert result.data == "toy data"
    # context evidence keeps its grade; the grid is still recorded
    other = claims_for("rise").test("rise", True, result.default.value, "src",
                                    evidence="other-source",
                                    data="toy data", specs=result)
    assert other.status == "context" and other.specs["k"] == 3


def test_the_default_specification_must_be_the_claim_recorded():
    data = one_reporter_flips_it()
    result = specs.run("rise", GRID, lambda s: trend(data, s), lambda v: v > 0)
    with pytest.raises(ValueError, match="default specification"):
        claims_for("rise").test("rise", False, None, "src", evidence="direct", data="d",
                                specs=result)
    with pytest.raises(ValueError, match="grid is for"):
        claims_for("other").test("other", True, None, "src", evidence="direct", data="d",
                                 specs=result)


def test_verdict_across_data_sets_with_a_reading_that_depends_on_choices():
    base = {"era": "article"}
    rep, dep, dif = ({**base, "status": s} for s in ("reproduced", "depends-on-choices", "differs"))
    assert verdict([dep]) == "depends-on-choices"
    assert verdict([dep, dep]) == "depends-on-choices"
    assert verdict([rep, dep]) == "mixed"
    assert verdict([dif, dep]) == "mixed"
    assert verdict([rep, {**dep, "era": "latest"}]) == "reproduced"  # later releases stand beside


def test_a_figure_writes_every_specification_and_drops_a_stale_table(tmp_path):
    data = one_reporter_flips_it()
    out = FigureOutputs("figzz-test", output_dir=tmp_path)
    result = specs.run("rise", GRID, lambda s: trend(data, s), lambda v: v > 0)
    out.claims.readings = claims_for("rise").readings
    out.claims.test("rise", True, result.default.value, "src", evidence="direct", data="d",
                    specs=result)
    out._files.update({s: b"x" for s in (".png", ".svg", ".csv")})
    out.publish()
    table = pd.read_csv(tmp_path / "figzz-test.specs.csv")
    assert len(table) == 6 and table["holds"].sum() == 3
    assert list(table.columns[:5]) == ["reading", "data", "spec", "choice_window",
                                       "choice_largest_reporter"]
    # a later run without grids removes the file rather than leave it standing
    again = FigureOutputs("figzz-test", output_dir=tmp_path)
    again.claims.readings = claims_for("rise").readings
    again.claims.test("rise", True, 1.0, "src", evidence="direct", data="d")
    again._files.update({s: b"x" for s in (".png", ".svg", ".csv")})
    again.publish()
    assert not (tmp_path / "figzz-test.specs.csv").exists()
