"""The project's own reproduction report, generated from the committed records: read in five
minutes (every statement in the findings at a glance within the first 90 lines, no long table
row), and no value shown with more digits than its reading allows."""

from __future__ import annotations

import re

import pytest

from tipfigs.tools import glance, report
from tipfigs.tools.markdown import repo_linker
from tipfigs.tools.project import load_project
from tipfigs.tools.shown import allowed

CHECK = re.compile(r"^- (?:context: )?\*\*(?P<data>.+?)\*\*(?:, published after the article)?: "
                   r"(?:(?P<value>.+?), )?(?P<word>" + "|".join(
                       re.escape(w) for w in glance.WORDS.values()) + r")[.;]")
READING = re.compile(r"· reading `(?P<id>[^`]+)`\.$")


@pytest.fixture(scope="module")
def real():
    project = load_project()
    return project, report.render_claims(project, repo_linker("", "CLAIMS.md"))


def test_every_statement_is_in_the_findings_at_a_glance_within_the_first_90_lines(real):
    project, text = real
    head = text.splitlines()[:90]
    glance_ids = [ln.split("]")[0][3:] for ln in head if ln.startswith("- [s")]
    assert glance_ids == [s.id for s in project.statements]
    for ln in head:
        if ln.startswith("- [s"):
            words = re.findall(r"\*\*([^*]+)\*\*", ln.split(": *", 1)[0])
            assert words and set(words) <= set(glance.WORDS.values()), ln


def test_no_table_row_is_over_400_characters(real):
    _, text = real
    rows = [ln for ln in text.splitlines() if ln.startswith("|")]
    assert all(len(ln) <= 400 for ln in rows), max(rows, key=len)


def test_no_value_has_more_digits_than_its_reading_allows(real):
    project, text = real
    article = {cid: rs[0].get("article_value") for cid, rs in project.claims.items()}
    current, checked = None, 0
    for ln in text.splitlines():
        m = READING.search(ln)
        if m:
            current = m["id"]
        m = CHECK.match(ln)
        if m and m["value"] and current in article:
            assert allowed(article[current], m["value"]), (current, ln[:120])
            checked += 1
    assert checked > 40


def test_the_other_release_is_set_beside_once_never_restated_in_a_note(real):
    _, text = real
    assert "Other release:" not in text
