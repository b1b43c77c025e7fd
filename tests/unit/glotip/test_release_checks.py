"""Claims checked on every release (glotip.release_checks): recorded release by release, each
note about its own release only (the report sets the releases side by side)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tipfigs.claims import Claims, Reading
from tipfigs.glotip.release_checks import ReleaseChecks
from tipfigs.glotip.releases import Release


def _claims(**values) -> Claims:
    readings = {cid: Reading(cid, ("s1",), f"reading {cid}", v, "per cent", 0.5)
                for cid, v in values.items()}
    return Claims("figzz-unodc", readings=readings)


def _release(name) -> Release:
    return Release(Path(name), pd.DataFrame(), None)


def test_release_checks_record_by_release_each_note_about_its_own_release():
    a, b = _release("a.xlsx"), _release("b.xlsx")
    claims = _claims(x=50, y=10)
    checks = ReleaseChecks(claims, [a, b])
    checks.compare(b, "x", 50.3, "src b", evidence="direct", note="On b.", shown="50.3%")
    checks.test(a, "y", True, 12, "src a", evidence="other-source", note="Y on a.", shown="12")
    checks.compare(a, "x", 49.0, "src a", evidence="direct", note="On a.", shown="49.0%",
                   measure="per cent of something", why="The sum covers other countries.")
    checks.not_reproducible(b, "y", "src b", note="No y on b.", shown="no data")
    assert claims.items == []  # nothing is recorded before record()
    recorded = checks.record()
    assert [(c.id, c.data, c.status) for c in recorded] == [
        ("y", "GLOTIP workbook a.xlsx", "context"),
        ("x", "GLOTIP workbook a.xlsx", "differs"),
        ("x", "GLOTIP workbook b.xlsx", "reproduced"),
        ("y", "GLOTIP workbook b.xlsx", "not-reproducible")]
    assert recorded == claims.items
    notes = {(c.id, c.data[-6:]): c.note for c in recorded}
    assert notes == {("y", "a.xlsx"): "Y on a.", ("x", "a.xlsx"): "On a.",
                     ("x", "b.xlsx"): "On b.", ("y", "b.xlsx"): "No y on b."}
    assert not any("Other release" in c.note for c in recorded)
    assert recorded[1].measure == "per cent of something" and recorded[1].article_value == 50
    assert recorded[1].why == "The sum covers other countries." and recorded[2].why == ""
    with pytest.raises(ValueError, match="no checks to record"):
        checks.record()


def test_a_single_release_note_is_the_notebook_s_own():
    a = _release("a.xlsx")
    claims = _claims(x=50)
    checks = ReleaseChecks(claims, [a])
    checks.test(a, "x", False, 40, "src", evidence="direct", note="On a.", shown="40")
    (c,) = checks.record()
    assert c.note == "On a."
