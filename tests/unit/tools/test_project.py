"""Reading and merging what the report and the catalogue are generated from: the figures'
about and claims records, the statements and their readings; and the real mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders.project import RELEASE, TRANSCRIBED, claim, write_figure, write_notebook, write_statements

from tipfigs.errors import SchemaError
from tipfigs.tools import catalogue
from tipfigs.tools.project import (
    Input,
    load_claims,
    load_project,
    load_statements,
    mapping_problems,
    unmapped_claims,
)

REPO = Path(__file__).resolve().parents[3]


def test_a_figure_is_read_from_its_notebook_title_and_its_about_record(project):
    fig = next(f for f in load_project().figures if f.stem == "fig01-parts")
    assert fig.title == "Figure 1 · Parts of the total"  # the notebook's first heading
    assert fig.headline == "Half of the total is in part A"
    assert fig.finding == "Part A holds 50.2% of 49.6 million."
    assert fig.alt.startswith("Half of the total is in part A. Part A holds 50.2%")
    assert fig.inputs == [
        Input(RELEASE["path"], "release", RELEASE["citation"], "A country table", "release seven",
              RELEASE["sha256"], "CC BY 4.0"),
        Input(TRANSCRIBED["path"], "transcribed", TRANSCRIBED["citation"])]
    assert all(fig.files.values())
    assert [c["id"] for c in fig.claims] == ["total-50", "total-49.6", "labour-27.6"]


def test_a_publication_figure_is_read_with_its_variants_and_long_description(project):
    from builders.publication import about, write_publication

    fig = next(f for f in load_project().figures if f.stem == "fig02-trend")
    assert fig.variants == {"page": "fig02-trend"} and fig.description == ""
    assert fig.images == {"fig02-trend.png": True, "fig02-trend.svg": True}
    record = write_publication(project / "figures", "fig02-trend", about("fig02-trend"))
    (project / "figures" / "fig02-trend.bare.png").unlink()
    fig = next(f for f in load_project().figures if f.stem == "fig02-trend")
    assert fig.variants == {"page": "fig02-trend", "slide": "fig02-trend.slide",
                            "bare": "fig02-trend.bare"}
    assert (fig.alt, fig.description) == (record["alt"], record["description"])
    assert [name for name, exists in fig.images.items() if not exists] == ["fig02-trend.bare.png"]
    assert len(fig.images) == 6
    assert ("figures/fig02-trend.bare.png: named by the about record of fig02-trend but missing "
            "(run make)") in load_project().problems


def test_a_figure_not_built_yet_has_its_title_and_nothing_else(project):
    write_notebook(project, "fig03-new", "Figure 3 · Not built")
    fig = load_project().figures[-1]
    assert (fig.stem, fig.title) == ("fig03-new", "Figure 3 · Not built")
    assert (fig.headline, fig.finding, fig.alt, fig.inputs, fig.claims) == ("", "", "", [], [])
    assert not any(fig.files.values())


def test_an_unreadable_about_record_is_a_problem(project):
    (project / "figures" / "fig02-trend.about.json").write_text("{not json")
    project_ = load_project()
    assert any(p.startswith("figures/fig02-trend.about.json: cannot read") for p in project_.problems)
    assert project_.figures[1].finding == ""


def test_a_reading_of_a_statement_that_does_not_exist_is_refused(project):
    write_statements(project, [("s01", "1", "Close to 50 million.", "total-50")])
    with open(project / "data" / "article_claims.csv", "a") as f:
        f.write("orphan,s99,Reading,1,u,\n")
    with pytest.raises(SchemaError, match=r"readings of no statement.*orphan \(s99\)"):
        load_statements()


def test_a_reading_recorded_twice_on_the_same_data_is_a_problem(project):
    write_figure(project, "fig02-trend", [claim("total-50", "differs", "fig02-trend")])
    assert "claim id 'total-50' recorded twice: by fig01-parts and fig02-trend" in \
        load_project().problems


def test_a_record_without_evidence_or_with_a_grade_its_evidence_does_not_give_is_a_problem(project):
    bad = claim("trend-rising", "differs", "fig02-trend")
    del bad["evidence"]
    typed = claim("no-data", "reproduced", "fig02-trend")
    typed["evidence"] = "association"  # a correlation typed as reproduced
    write_figure(project, "fig02-trend", [bad, typed])
    problems = load_project().problems
    assert any("trend-rising" in p and "kind of evidence" in p for p in problems)
    assert any("no-data" in p and "'consistent'" in p for p in problems)
    assert catalogue.main(["--check"]) == 1


@pytest.mark.parametrize("rows,message", [
    ([("s01", "1", "One.", ""), ("s01", "2", "Two.", "")],
     r"article_statements.csv, line 4: statement id 's01' repeats"),
    ([("s01", "1", "One.", ""), ("", "2", "Two.", "")],
     r"article_statements.csv, line 4: lacks an id or a statement"),
])
def test_the_statements_file_is_checked_and_a_bad_row_named_by_its_line(project, rows, message):
    write_statements(project, rows)
    with pytest.raises(SchemaError, match=message):
        load_project()


def test_a_statements_file_without_a_column_or_a_statement_is_refused(project):
    path = project / "data" / "article_statements.csv"
    path.write_text("# statements\nid,statement\ns01,One.\n")
    with pytest.raises(SchemaError, match=r"article_statements.csv: missing column\(s\) paragraph"):
        load_statements()
    path.write_text("# statements\nid,paragraph,statement\n")
    with pytest.raises(SchemaError, match=r"article_statements.csv: no statements"):
        load_statements()


def test_real_statements_mapping_is_consistent(monkeypatch):
    """Every reading of data/article_claims.csv is recorded by a figure, and no figure records
    a claim the file does not list; statement ids are unique."""
    monkeypatch.setenv("TIPFIGS_ROOT", str(REPO))
    statements = load_statements()
    claims, _, problems = load_claims(REPO / "figures")
    assert not problems, problems
    assert not mapping_problems(statements, claims)
    assert not unmapped_claims(statements, claims)
    assert len({s.id for s in statements}) == len(statements)
    for s in statements:
        assert len(s.claim_ids) == len(set(s.claim_ids)), s.id
        assert s.paragraph.isdigit(), s.id
    assert len(statements) >= 25


def test_every_real_figure_is_described_by_its_about_record(monkeypatch):
    """The catalogue reads each figure's finding, text alternative and data from its about
    record: every committed figure has one, naming the data it read."""
    monkeypatch.setenv("TIPFIGS_ROOT", str(REPO))
    project = load_project()
    assert not project.problems, project.problems
    assert len(project.figures) >= 10
    for f in project.figures:
        assert f.files[".about.json"], f.stem
        assert f.headline and f.finding and f.alt, f.stem
        assert f.inputs and all(i.kind in ("release", "transcribed") for i in f.inputs), f.stem
