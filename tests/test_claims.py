import json
import math

import pytest

from tipfigs.claims import STATUSES, Claims


def test_compare_within_rounding_is_reproduced_outside_differs():
    c = Claims("figx")
    a = c.compare("a", "s", article_value=27.6, computed_value=27.64, unit="M", tolerance=0.05, source="x")
    b = c.compare("b", "s", article_value=27.6, computed_value=27.66, unit="M", tolerance=0.05, source="x")
    assert a.status == "reproduced"
    assert b.status == "differs"
    assert a.figure == "figx"


def test_boundary_of_tolerance_counts_as_reproduced():
    c = Claims("f")
    assert c.compare("a", "s", 3.5, 3.55, "x", 0.05, "src").status == "reproduced"


def test_test_claims_follow_the_computed_truth():
    c = Claims("f")
    assert c.test("up", "s", "rising", holds=True, computed_value="+3 pp", source="x").status == "reproduced"
    assert c.test("down", "s", "rising", holds=False, computed_value="-3 pp", source="x").status == "differs"


def test_transcribed_and_not_reproducible_carry_no_tolerance():
    c = Claims("f")
    t = c.transcribed("t", "s", 27.6, 27.6, "M", "GEMS")
    n = c.not_reproducible("n", "s", 90, "%", "GEMS", note="not published")
    assert (t.status, t.tolerance) == ("transcribed", None)
    assert (n.status, n.computed_value) == ("not-reproducible", None)


def test_duplicate_ids_and_missing_values_are_rejected():
    c = Claims("f")
    c.transcribed("t", "s", 1, 1, "M", "x")
    with pytest.raises(ValueError, match="twice"):
        c.transcribed("t", "s", 1, 1, "M", "x")
    with pytest.raises(ValueError, match="missing"):
        c.compare("nan", "s", 1.0, math.nan, "M", 0.1, "x")


def test_json_has_the_required_fields_and_no_nan():
    c = Claims("f")
    c.compare("a", "s", 1.0, 1.0000001, "M", 0.05, "x")
    c.not_reproducible("n", "s", float("nan"), "%", "x", note="n")
    records = json.loads(c.to_json())
    required = {"id", "statement", "article_value", "computed_value", "unit", "tolerance", "status", "source"}
    assert all(required <= set(r) for r in records)
    assert records[0]["computed_value"] == 1.0
    assert records[1]["article_value"] is None
    assert {r["status"] for r in records} <= set(STATUSES)
