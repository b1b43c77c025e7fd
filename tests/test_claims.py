import json
import math
from dataclasses import dataclass

import pytest

from tipfigs import claims as claims_mod
from tipfigs.claims import DEFINITIONS, EVIDENCE, STATUSES, Claim, Claims, status_for, verdict


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


def test_compare_within_rounding_is_reproduced_outside_differs():
    c = Claims("figx")
    a = c.compare("a", "s", article_value=27.6, computed_value=27.64, unit="M", tolerance=0.05,
                  source="x", evidence="direct", data=OLD)
    b = c.compare("b", "s", article_value=27.6, computed_value=27.66, unit="M", tolerance=0.05,
                  source="x", evidence="direct", data=OLD)
    assert a.status == "reproduced"
    assert b.status == "differs"
    assert a.figure == "figx"


def test_boundary_of_tolerance_counts_as_reproduced():
    c = Claims("f")
    assert c.compare("a", "s", 3.5, 3.55, "x", 0.05, "src", evidence="direct",
                     data="a file").status == "reproduced"


def test_test_claims_follow_the_computed_truth():
    c = Claims("f")
    assert c.test("up", "s", "rising", holds=True, computed_value="+3 pp", source="x",
                  evidence="direct", data=OLD).status == "reproduced"
    assert c.test("down", "s", "rising", holds=False, computed_value="-3 pp", source="x",
                  evidence="direct", data=OLD).status == "differs"


@pytest.mark.parametrize("evidence", ["association", "construction", "proxy"])
def test_indirect_evidence_is_never_reproduced(evidence):
    c = Claims("f")
    yes = c.test("yes", "s", "raises risk", holds=True, computed_value=0.5, source="x",
                 evidence=evidence, data=OLD)
    no = c.test("no", "s", "raises risk", holds=False, computed_value=-0.5, source="x",
                evidence=evidence, data=OLD)
    assert (yes.status, no.status) == ("consistent", "inconsistent")
    assert yes.evidence == evidence


def test_a_check_on_other_data_is_context_whatever_it_finds():
    c = Claims("f")
    for holds in (True, False):
        r = c.test(f"c{holds}", "s", "rising", holds=holds, computed_value=1, source="x",
                   evidence="other-source", data=OLD)
        assert (r.status, r.holds) == ("context", holds)


def test_the_kind_of_evidence_must_be_said_and_be_known():
    c = Claims("f")
    with pytest.raises(TypeError):
        c.test("a", "s", "rising", holds=True, computed_value=1, source="x", data=OLD)
    with pytest.raises(ValueError, match="evidence"):
        c.test("a", "s", "rising", holds=True, computed_value=1, source="x", evidence="strong",
               data=OLD)
    with pytest.raises(ValueError, match="evidence"):  # a computation is not a transcription
        c.test("a", "s", "x", holds=True, computed_value=1, source="x", evidence="report", data=OLD)


def test_a_correlation_cannot_be_recorded_as_a_direct_test():
    c = Claims("f")
    with pytest.raises(ValueError, match="association"):
        c.test("rho", "s", "positive association", holds=True, computed_value=0.4, source="x",
               unit="Spearman rank correlation", evidence="direct", data=OLD)


def test_a_status_that_does_not_follow_from_the_evidence_is_refused():
    with pytest.raises(ValueError, match="does not follow"):
        Claim("a", "s", 1, 0.4, "rho", None, "association", True, status="reproduced")


def test_transcribed_values_are_never_stored_as_computed():
    c = Claims("f")
    t = c.transcribed("t", "s", 27.6, 27.6, "M", "GEMS")
    n = c.not_reproducible("n", "s", 90, "%", "GEMS", note="not published")
    assert (t.status, t.tolerance, t.computed_value, t.published_value) == (
        "transcribed", None, None, 27.6)
    assert (n.status, n.computed_value, n.evidence) == ("not-reproducible", None, "none")


def test_each_claim_names_the_data_and_its_era():
    c = Claims("f")
    a = c.test("a", "s", "x", holds=True, computed_value=1, source="x", evidence="direct", data=OLD)
    b = c.test("a", "s", "x", holds=False, computed_value=0, source="x", evidence="direct", data=NEW)
    u = c.test("u", "s", "x", holds=True, computed_value=1, source="x", evidence="direct",
               data="my_file.xlsx")
    assert (a.data, a.published, a.era) == ("Country data, 2023-05-30", "2023-05-30", "article")
    assert (b.era, u.era, u.data) == ("latest", "", "my_file.xlsx")


def test_the_same_reading_twice_on_the_same_data_is_rejected():
    c = Claims("f")
    c.transcribed("t", "s", 1, 1, "M", "x")
    with pytest.raises(ValueError, match="twice"):
        c.transcribed("t", "s", 1, 1, "M", "x")
    c.test("r", "s", "x", holds=True, computed_value=1, source="x", evidence="direct", data=OLD)
    with pytest.raises(ValueError, match="twice on Country data, 2023-05-30"):
        c.test("r", "s", "x", holds=True, computed_value=1, source="x", evidence="direct", data=OLD)
    with pytest.raises(ValueError, match="missing"):
        c.compare("nan", "s", 1.0, math.nan, "M", 0.1, "x", evidence="direct", data=OLD)


def test_json_has_the_required_fields_and_no_nan():
    c = Claims("f")
    c.compare("a", "s", 1.0, 1.0000001, "M", 0.05, "x", evidence="direct", data=OLD)
    c.not_reproducible("n", "s", float("nan"), "%", "x", note="n")
    records = json.loads(c.to_json())
    required = {"id", "statement", "article_value", "computed_value", "unit", "tolerance", "status",
                "source", "evidence", "holds", "data", "era", "published_value"}
    assert all(required <= set(r) for r in records)
    assert records[0]["computed_value"] == 1.0
    assert records[1]["article_value"] is None
    assert {r["status"] for r in records} <= set(STATUSES)


def test_every_status_is_defined_and_every_evidence_maps_to_defined_statuses():
    assert set(DEFINITIONS) == set(STATUSES)
    assert all(len(DEFINITIONS[s].split()) >= 8 for s in STATUSES)
    assert {s for pair in EVIDENCE.values() for s in pair} == set(STATUSES) - {"mixed"}
    assert status_for("direct", True) == "reproduced"


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
