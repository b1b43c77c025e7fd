import json
import math
from dataclasses import dataclass

import pytest

from tipfigs import claims as claims_mod
from tipfigs.claims import (
    DEFINITIONS,
    EVIDENCE,
    STATUSES,
    Claim,
    Claims,
    Reading,
    load_readings,
    status_for,
    verdict,
)
from tipfigs.errors import SchemaError


@dataclass
class Release:
    """Stands in for a manifest entry (title, published date, era)."""
    title: str
    published: str

    @property
    def era(self):
        from tipfigs.manifest import era
        return era(self.published)


OLD = Release("Country data", "2023-05-30")
NEW = Release("Country data", "2025-04-14")


def reading(id, value="x", unit="", tolerance=None):
    return Reading(id, ("s01",), f"reading {id}", value, unit, tolerance)


def claims_for(*readings, figure="f"):
    """A figure's claims against the given readings (as data/article_claims.csv gives them)."""
    return Claims(figure, readings={r.id: r for r in readings})


def test_compare_within_the_reading_s_tolerance_is_reproduced_outside_differs():
    c = claims_for(reading("a", 27.6, "M", 0.05), reading("b", 27.6, "M", 0.05), figure="figx")
    a = c.compare("a", 27.64, source="x", evidence="direct", data=OLD)
    b = c.compare("b", 27.66, source="x", evidence="direct", data=OLD)
    assert (a.status, b.status, a.figure) == ("reproduced", "differs", "figx")
    # the article's side comes from the reading, never from the notebook
    assert (a.statement, a.article_value, a.unit, a.tolerance) == ("reading a", 27.6, "M", 0.05)


def test_boundary_of_tolerance_counts_as_reproduced():
    c = claims_for(reading("a", 3.5, "x", 0.05))
    assert c.compare("a", 3.55, "src", evidence="direct", data="a file").status == "reproduced"


def test_a_claim_id_without_a_reading_or_a_number_to_compare_is_refused():
    c = claims_for(reading("q", "rising"))
    with pytest.raises(ValueError, match="'nope' is not in data/article_claims.csv"):
        c.test("nope", True, 1, "x", evidence="direct", data=OLD)
    with pytest.raises(ValueError, match="record it with test"):
        c.compare("q", 1.0, "x", evidence="direct", data=OLD)
    assert c.article_value("q") == "rising"


def test_test_claims_follow_the_computed_truth():
    c = claims_for(reading("up", "rising"), reading("down", "rising"))
    assert c.test("up", True, "+3 pp", "x", evidence="direct", data=OLD).status == "reproduced"
    assert c.test("down", False, "-3 pp", "x", evidence="direct", data=OLD).status == "differs"


@pytest.mark.parametrize("evidence", ["association", "construction", "proxy"])
def test_indirect_evidence_is_never_reproduced(evidence):
    c = claims_for(reading("yes", "raises risk"), reading("no", "raises risk"))
    yes = c.test("yes", True, 0.5, "x", evidence=evidence, data=OLD)
    no = c.test("no", False, -0.5, "x", evidence=evidence, data=OLD)
    assert (yes.status, no.status) == ("consistent", "inconsistent")
    assert yes.evidence == evidence


def test_a_check_on_other_data_is_context_whatever_it_finds():
    c = claims_for(reading("cTrue"), reading("cFalse"))
    for holds in (True, False):
        r = c.test(f"c{holds}", holds, 1, "x", evidence="other-source", data=OLD)
        assert (r.status, r.holds) == ("context", holds)


def test_the_kind_of_evidence_must_be_said_and_be_known():
    c = claims_for(reading("a", "rising"))
    with pytest.raises(TypeError):
        c.test("a", True, 1, "x", data=OLD)
    with pytest.raises(ValueError, match="evidence"):
        c.test("a", True, 1, "x", evidence="strong", data=OLD)
    with pytest.raises(ValueError, match="evidence"):  # a computation is not a transcription
        c.test("a", True, 1, "x", evidence="report", data=OLD)


def test_a_correlation_cannot_be_recorded_as_a_direct_test():
    c = claims_for(reading("rho", "positive association"))
    with pytest.raises(ValueError, match="association"):
        c.test("rho", True, 0.4, "x", measure="Spearman rank correlation", evidence="direct",
               data=OLD)
    assert c.test("rho", True, 0.4, "x", measure="Spearman rank correlation",
                  evidence="association", data=OLD).status == "consistent"


def test_a_status_that_does_not_follow_from_the_evidence_is_refused():
    with pytest.raises(ValueError, match="does not follow"):
        Claim("a", "s", 1, 0.4, "rho", None, "association", True, status="reproduced")


def test_transcribed_values_are_never_stored_as_computed():
    c = claims_for(reading("t", 27.6, "M"), reading("n", 90, "%"))
    t = c.transcribed("t", 27.6, "GEMS")
    n = c.not_reproducible("n", "GEMS", note="not published")
    assert (t.status, t.tolerance, t.computed_value, t.published_value) == (
        "transcribed", None, None, 27.6)
    assert (n.status, n.computed_value, n.evidence, n.article_value) == (
        "not-reproducible", None, "none", 90)


def test_each_claim_names_the_data_and_its_era():
    c = claims_for(reading("a"), reading("u"))
    a = c.test("a", True, 1, "x", evidence="direct", data=OLD)
    b = c.test("a", False, 0, "x", evidence="direct", data=NEW)
    u = c.test("u", True, 1, "x", evidence="direct", data="my_file.xlsx")
    assert (a.data, a.published, a.era) == ("Country data, 2023-05-30", "2023-05-30", "article")
    assert (b.era, u.era, u.data) == ("latest", "", "my_file.xlsx")


def test_the_same_reading_twice_on_the_same_data_is_rejected():
    c = claims_for(reading("t", 1, "M"), reading("r"), reading("nan", 1.0, "M", 0.1))
    c.transcribed("t", 1, "x")
    with pytest.raises(ValueError, match="twice"):
        c.transcribed("t", 1, "x")
    c.test("r", True, 1, "x", evidence="direct", data=OLD)
    with pytest.raises(ValueError, match="twice on Country data, 2023-05-30"):
        c.test("r", True, 1, "x", evidence="direct", data=OLD)
    with pytest.raises(ValueError, match="missing"):
        c.compare("nan", math.nan, "x", evidence="direct", data=OLD)


def test_json_has_the_required_fields_and_no_nan():
    c = claims_for(reading("a", 1.0, "M", 0.05), reading("n", float("nan"), "%"))
    c.compare("a", 1.0000001, "x", evidence="direct", data=OLD, measure="M, computed")
    c.not_reproducible("n", "x", note="n")
    records = json.loads(c.to_json())
    required = {"id", "statement", "article_value", "computed_value", "unit", "measure",
                "tolerance", "status", "source", "evidence", "holds", "data", "era",
                "published_value"}
    assert all(required <= set(r) for r in records)
    assert (records[0]["computed_value"], records[0]["measure"]) == (1.0, "M, computed")
    assert records[1]["article_value"] is None
    assert {r["status"] for r in records} <= set(STATUSES)


def _write(tmp_path, rows, header="id,statements,reading,article_value,unit,tolerance"):
    p = tmp_path / "article_claims.csv"
    p.write_text("# comment\n" + header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return p


def test_readings_are_read_with_numbers_phrases_and_tolerances(tmp_path):
    got = load_readings(_write(tmp_path, [
        'a,s01;s02,"Nearly 50, read as 49 to 50",49.6,million people,0.05',
        "b,s03,More than half,more than half,share,",
        "c,s04,A count,300,beneficiaries,"]))
    assert got["a"] == Reading("a", ("s01", "s02"), "Nearly 50, read as 49 to 50", 49.6,
                               "million people", 0.05)
    assert (got["b"].article_value, got["b"].tolerance) == ("more than half", None)
    assert got["c"].article_value == 300 and isinstance(got["c"].article_value, int)


@pytest.mark.parametrize(("rows", "header", "message"), [
    (["a,s01,r,1,u,0.1", "a,s01,r,1,u,0.1"], None, "claim id 'a' is listed twice"),
    (["a,s01,r,1,u,about"], None, "claim a: column 'tolerance' must be a number"),
    (["a,s01,r,1,u,-1"], None, "column 'tolerance' must be a number of at least 0"),
    ([",s01,r,1,u,"], None, r"article_claims.csv, line 3: lacks an id or a reading"),
    (["a,s01,r,1,u"], "id,statements,reading,article_value,unit", "missing column.*tolerance"),
])
def test_a_bad_readings_file_is_named_with_its_row_and_column(tmp_path, rows, header, message):
    path = _write(tmp_path, rows, *([header] if header else []))
    with pytest.raises(SchemaError, match=message):
        load_readings(path)


def test_the_project_s_readings_file_loads_and_every_statement_id_exists():
    from tipfigs import paths

    readings = load_readings()
    statements = {ln.split(",")[0] for ln in paths.resolve("data/article_statements.csv")
                  .read_text(encoding="utf-8").splitlines()[1:] if ln and not ln.startswith("#")}
    assert len(readings) > 50
    assert {s for r in readings.values() for s in r.statements} <= statements


def test_every_status_is_defined_and_every_evidence_maps_to_defined_statuses():
    assert set(DEFINITIONS) == set(STATUSES)
    assert all(len(DEFINITIONS[s].split()) >= 8 for s in STATUSES)
    assert {s for pair in EVIDENCE.values() for s in pair} == (
        set(STATUSES) - {"mixed", "depends-on-choices"})
    assert status_for("direct", True) == "reproduced"
    # only a direct test whose specifications disagree depends on choices
    assert status_for("direct", True, unanimous=False) == "depends-on-choices"
    assert status_for("direct", False, unanimous=False) == "depends-on-choices"
    assert status_for("association", True, unanimous=False) == "consistent"


def rec(status, era="article"):
    return {"status": status, "era": era}


@pytest.mark.parametrize(("records", "expected"), [
    ([rec("reproduced"), rec("reproduced")], "reproduced"),
    ([rec("reproduced"), rec("differs")], "mixed"),
    # the latest release never decides, however it grades
    ([rec("differs"), rec("reproduced", "latest")], "differs"),
    # context never decides
    ([rec("context"), rec("differs")], "differs"),
    ([rec("context")], "not-reproducible"),
    # a direct test outweighs indirect evidence, which outweighs a transcription
    ([rec("consistent"), rec("differs")], "differs"),
    ([rec("transcribed", ""), rec("inconsistent")], "inconsistent"),
    ([rec("consistent"), rec("inconsistent")], "mixed"),
    ([rec("transcribed", "")], "transcribed"),
    ([rec("not-reproducible", ""), rec("reproduced", "latest")], "not-reproducible"),
])
def test_one_verdict_per_reading(records, expected):
    assert verdict(records) == expected


def test_module_documents_every_kind_of_evidence():
    for kind in EVIDENCE:
        assert f"``{kind}``" in claims_mod.__doc__


def test_a_why_sentence_is_recorded_only_when_given_on_one_line():
    c = claims_for(reading("a", 1.0, "M", 0.05), reading("b", 2.0, "M", 0.05))
    c.compare("a", 1.2, "x", evidence="direct", data=OLD,
              why="The sum covers  other\ncountries.")
    c.compare("b", 2.0, "x", evidence="direct", data=OLD)
    first, second = json.loads(c.to_json())
    assert first["why"] == "The sum covers other countries."
    assert "why" not in second  # records without a sentence are unchanged


# -- the grades of the Walk Free GSI figures (fig01, fig02, fig08): a correlation between countries
# or an equality by construction can never be recorded as a reproduction ---------------------------

def _gsi_readings():
    return {
        "x": Reading("x", ("s23",), "r", "positive association", "Spearman rank correlation", None),
        "y": Reading("y", ("s23",), "r", "positive association", "Spearman rank correlation", None),
        "a": Reading("a", ("s01",), "r", 49.6, "million people", 0.05),
        "b": Reading("b", ("s01",), "r", 49.6, "million people", 0.05),
    }


def test_a_correlation_recorded_as_direct_raises():
    c = Claims("f", readings=_gsi_readings())
    with pytest.raises(ValueError, match="evidence='association'"):
        c.test("x", True, "rho = 0.5", "src", evidence="direct", data="GSI")
    ok = c.test("x", True, "rho = 0.5", "src", evidence="association", data="GSI")
    assert ok.status == "consistent"
    no = c.test("y", False, "rho = -0.1", "src", evidence="association", data="GSI")
    assert no.status == "inconsistent"


def test_an_equality_by_construction_is_consistent_not_reproduced():
    c = Claims("f", readings=_gsi_readings())
    assert c.compare("a", 49.63, "src", evidence="construction", data="GSI").status == "consistent"
    assert c.compare("b", 51.33, "src", evidence="construction", data="GSI").status == "inconsistent"
