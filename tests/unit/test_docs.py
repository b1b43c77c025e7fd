"""The README is for readers first; maintainers' matters are in CONTRIBUTING.md; the licences
and the changelog are where a report looks for them."""

from __future__ import annotations

import re
from pathlib import Path

from tipfigs import collection, version
from tipfigs.tools import changelog

REPO = Path(__file__).resolve().parents[2]


def _headings(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, re.M)


def test_the_readme_reads_the_results_first_then_re_running_then_the_limitations():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    heads = _headings(text)
    order = ["What the collection finds", "Reading the results needs nothing", "Set-up, to re-run",
             "Re-running a figure with other values", "Limitations"]
    assert heads[:len(order)] == order
    glance = text.split("## What the collection finds")[1].split("\n## ")[0]
    assert "[CLAIMS.md](CLAIMS.md)" in glance
    assert f"]({collection.load().article.url})" in glance  # the article, linked
    assert "docs/limitations.md" in text.split("## Limitations")[1].split("\n## ")[0]
    assert "python run.py figure fig05 country=PHL" in text and "python run.py values" in text
    assert "build/custom/" in text
    for maintainers in ("Tests", "Speed", "Layout", "What `make` does"):
        assert maintainers not in heads
    assert "make test" not in text.split("## Re-running a figure")[0]  # not a reader's step


def test_contributing_says_how_to_report_a_problem_and_holds_the_internals():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    heads = _headings(text)
    assert heads[0] == "Reporting a problem"
    report = text.split("## Reporting a problem")[1].split("\n## ")[0]
    assert "the repository's issue tracker" in report and "one line" in " ".join(report.split())
    assert {"Tests", "Speed", "Layout", "What `make` does", "Releasing a version"} <= set(heads)
    assert not re.search(r"https?://", report)  # no address that may not exist


def test_the_licences_are_stated():
    code = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License\n") and "The tipfigs contributors" in code
    figures = (REPO / "figures" / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in " ".join(figures.split())
    assert "publishers' terms" in figures and "data/manifest.toml" in figures
    facts = collection.load()
    assert (facts.license, facts.figures_license) == ("MIT", "CC-BY-4.0")


def test_the_changelog_s_top_entry_is_the_version_with_its_release_date():
    top = changelog.release(version())
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", top.date)
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = text.split(f"## {top.version} ")[1].split("\n## ")[0]
    assert changelog.BEGIN in entry and changelog.END in entry
    assert f"### Verdicts changed since {changelog.previous(top.version)}" in entry
