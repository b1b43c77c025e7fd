"""The grades of the Walk Free GSI figures (fig01, fig02, fig08): a correlation between
countries or an equality by construction can never be recorded as a reproduction."""

from __future__ import annotations

import json

import pytest

from tipfigs import paths
from tipfigs.claims import Claims, Reading


def _readings():
    return {
        "x": Reading("x", ("s23",), "r", "positive association", "Spearman rank correlation", None),
        "y": Reading("y", ("s23",), "r", "positive association", "Spearman rank correlation", None),
        "a": Reading("a", ("s01",), "r", 49.6, "million people", 0.05),
        "b": Reading("b", ("s01",), "r", 49.6, "million people", 0.05),
    }


def test_a_correlation_recorded_as_direct_raises():
    c = Claims("f", readings=_readings())
    with pytest.raises(ValueError, match="evidence='association'"):
        c.test("x", True, "rho = 0.5", "src", evidence="direct", data="GSI")
    ok = c.test("x", True, "rho = 0.5", "src", evidence="association", data="GSI")
    assert ok.status == "consistent"
    no = c.test("y", False, "rho = -0.1", "src", evidence="association", data="GSI")
    assert no.status == "inconsistent"


def test_an_equality_by_construction_is_consistent_not_reproduced():
    c = Claims("f", readings=_readings())
    assert c.compare("a", 49.63, "src", evidence="construction", data="GSI").status == "consistent"
    assert c.compare("b", 51.33, "src", evidence="construction", data="GSI").status == "inconsistent"


def _claims(stem):
    return json.loads((paths.figures_dir() / f"{stem}.claims.json").read_text())


@pytest.mark.parametrize("stem", ["fig01-modern-slavery-overview", "fig02-forced-labour-by-region",
                                  "fig08-vulnerability"])
def test_no_gsi_figure_claims_a_reproduction_and_every_note_says_why(stem):
    records = _claims(stem)
    assert records
    for r in records:
        assert r["status"] != "reproduced", r["id"]  # nothing here tests a statement directly
        assert r["note"], r["id"]
        if r["status"] == "transcribed":
            assert r["computed_value"] is None and r["published_value"] is not None, r["id"]


def test_committed_grades_of_the_gsi_figures():
    fig01 = {r["id"]: r for r in _claims("fig01-modern-slavery-overview")}
    for id_ in ("modern-slavery-nearly-50-million", "modern-slavery-rounds-to-50-million",
                "modern-slavery-49.6-million"):
        assert (fig01[id_]["evidence"], fig01[id_]["status"]) == ("construction", "consistent")
        assert fig01[id_]["era"] == "article"
    assert fig01["forced-labour-27.6-million"]["status"] == "transcribed"
    fig08 = {r["id"]: r for r in _claims("fig08-vulnerability")}
    for id_ in ("vulnerability-conflict", "vulnerability-poverty", "vulnerability-marginalisation",
                "vulnerability-governance", "vulnerability-inequality"):
        assert fig08[id_]["evidence"] == "association"
        assert fig08[id_]["status"] in ("consistent", "inconsistent")
