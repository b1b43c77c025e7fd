"""Claims checked on every release (glotip.release_checks): recorded release by release, each
note saying whether the other releases agree."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tipfigs.claims import Claims, Reading
from tipfigs.glotip.release_checks import ReleaseChecks, agreement
from tipfigs.glotip.releases import Release


def _claims(**values) -> Claims:
    readings = {cid: Reading(cid, ("s1",), f"reading {cid}", v, "per cent", 0.5)
                for cid, v in values.items()}
    return Claims("figzz-unodc", readings=readings)


def _release(name) -> Release:
    return Release(Path(name), pd.DataFrame(), None)


def test_agreement_says_what_each_other_release_finds():
    res = {"a": (True, "80%"), "b": (True, "85%"), "c": (False, "40%"), "d": (None, "no data")}
    line = agreement(res, "a")
    assert "the b agrees: it holds there too (85%)" in line
    assert "the c does not agree: it does not hold there (40%)" in line
    assert "the d cannot check it (no data)" in line
    assert agreement({"d": (None, "x"), "a": (False, "4")}, "d") == (
        "Other release: the a can: it does not hold there (4).")
    assert agreement({"a": (True, "1")}, "a") == "Only one release was checked in this run."


def test_release_checks_record_by_release_and_say_whether_the_others_agree():
    a, b = _release("a.xlsx"), _release("b.xlsx")
    claims = _claims(x=50, y=10)
    checks = ReleaseChecks(claims, [a, b])
    checks.compare(b, "x", 50.3, "src b", evidence="direct", note="On b.", shown="50.3%")
    checks.test(a, "y", True, 12, "src a", evidence="other-source", note="Y on a.", shown="12")
    checks.compare(a, "x", 49.0, "src a", evidence="direct", note="On a.", shown="49.0%",
                   measure="per cent of something")
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
    assert notes["x", "a.xlsx"] == ("On a. Other release: the workbook b.xlsx does not agree: it "
                                    "holds there (50.3%).")
    assert notes["y", "a.xlsx"] == "Y on a. Other release: the workbook b.xlsx cannot check it (no data)."
    assert notes["y", "b.xlsx"] == ("No y on b. Other release: the workbook a.xlsx can: it holds "
                                    "there (12).")
    assert recorded[1].measure == "per cent of something" and recorded[1].article_value == 50
    with pytest.raises(ValueError, match="no checks to record"):
        checks.record()


def test_a_single_release_says_so():
    a = _release("a.xlsx")
    claims = _claims(x=50)
    checks = ReleaseChecks(claims, [a])
    checks.test(a, "x", False, 40, "src", evidence="direct", note="On a.", shown="40")
    (c,) = checks.record()
    assert c.note == "On a. Only one release was checked in this run."
