"""The reproduction report (CLAIMS.md), generated from a fake project's claims records."""

from __future__ import annotations

from builders.project import claim, generated, write_figure, write_statements

from tipfigs.claims import DEFINITIONS
from tipfigs.tools import catalogue, report
from tipfigs.tools.project import load_project


def claims_md(root) -> str:
    assert catalogue.main([]) == 0
    return generated(root)["CLAIMS.md"]


def row_cells(text: str, cid: str) -> list[str]:
    rows = [ln for ln in text.splitlines() if f"`{cid}`" in ln]
    assert len(rows) == 1, rows
    return [c.strip() for c in rows[0].strip("|").split("|")]


def test_summary_counts_one_verdict_per_reading(project):
    text = claims_md(project)
    assert ("**Summary** (one verdict per reading): 2 reproduced, 1 differs, 0 mixed, 0 consistent, "
            "0 inconsistent, 1 transcribed, 2 not-reproducible (4 statements of the article, "
            "5 readings, 5 checks recorded by 2 figure(s); 1 statement(s) no notebook checks yet). "
            "Beside the verdicts: 0 context check(s), and 0 check(s) on releases published after "
            "the article, 0 of which grade differently from the article's data.") in text
    counts = report.status_counts(load_project())
    assert {k: v for k, v in counts.items() if v} == {
        "reproduced": 2, "transcribed": 1, "differs": 1, "not-reproducible": 2}


def test_report_defines_every_grade_before_the_table_with_the_article_s_date(project):
    text = claims_md(project)
    head = text.split("## Statements and verdicts", 1)[0]
    for status, words in DEFINITIONS.items():
        assert f"- **{status}**: {words}" in head
    assert "decided by the data public on the article's date (2023-07-24)" in head


def test_the_article_s_date_comes_from_the_collection_s_facts(project):
    facts = project / "data" / "collection.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('date = "2023-07-24"',
                                                               'date = "2024-01-31"'),
                     encoding="utf-8")
    assert "on the article's date (2024-01-31)" in claims_md(project)


def test_report_has_one_row_per_reading_with_values_verdict_figure_and_data(project):
    text = claims_md(project)
    cells = row_cells(text, "total-49.6")
    assert cells[:2] == ["\u2033", ""]  # the second reading of s01: ditto, no paragraph
    assert cells[2:7] == ["`total-49.6`", "49.6", "million people", "49.63 (reproduced; A source)",
                          "**reproduced**"]
    assert cells[8] == "[fig01-parts](figures/README.md#fig01-parts)"
    first = row_cells(text, "total-50")
    assert first[:2] == ["**s01**: Close to 50 million people are affected.", "1"]
    assert "27.6 (transcribed; A source)" in row_cells(text, "labour-27.6")
    unchecked = next(ln for ln in text.splitlines() if "**s04**" in ln)
    assert "**not-reproducible**" in unchecked and report.NO_CHECK_NOTE in unchecked


def test_a_reading_checked_by_two_figures_and_two_releases_gets_one_line(project):
    write_figure(project, "fig01-parts", [
        claim("total-50", "reproduced", "fig01-parts", data="Survey A, 2021", era="article"),
        claim("total-50", "differs", "fig01-parts", computed=2.0, data="Survey A, 2025",
              era="latest"),
    ])
    write_figure(project, "fig02-trend", [
        claim("total-50", "differs", "fig02-trend", computed=3.0, data="Register B, 2022",
              era="article"),
        claim("total-50", "context", "fig02-trend", computed=4.0, data="Other data C, 2022",
              era="article"),
    ])
    write_statements(project, [("s01", "1", "Close to 50 million.", "total-50")])
    text = claims_md(project)
    cells = row_cells(text, "total-50")
    assert cells[5] == ("1 (reproduced; Survey A, 2021)<br>3 (differs; Register B, 2022)<br>"
                        "context: 4 (context; Other data C, 2022)")
    assert cells[6] == "**mixed**"
    assert cells[7] == "2 (differs; Survey A, 2025)"
    assert "fig01-parts" in cells[8] and "fig02-trend" in cells[8]
    assert "On the latest release the grade differs: differs on Survey A, 2025." in cells[9]
    assert "1 context check(s), and 1 check(s) on releases published after the article, 1 of which" \
        in text
    assert report.status_counts(load_project())["mixed"] == 1


def test_readings_missing_from_the_readings_file_are_listed_counted_and_a_problem(project):
    write_statements(project, [("s01", "1", "Close to 50 million.", "total-50")])
    text = claims_md(project)
    section = text.split("## Readings not listed in the readings file", 1)[1]
    for cid in ("total-49.6", "labour-27.6", "trend-rising", "no-data"):
        assert f"`{cid}`" in section
    assert "2 reproduced, 1 differs, 0 mixed, 0 consistent, 0 inconsistent, 1 transcribed, " \
        "1 not-reproducible" in text
    problems = load_project().problems
    assert len(problems) == 4 and all("is not in data/article_claims.csv" in p for p in problems)
    assert "is not in data/article_claims.csv" in text.split("Problems found", 1)[1]


def test_a_reading_that_no_figure_records_is_a_problem(project, capsys):
    write_statements(project, [
        ("s01", "1", "Close to 50 million.", "total-50;total-49.6;typo-claim"),
        ("s02", "2", "27.6 million.", "labour-27.6"),
        ("s03", "4", "The number is rising.", "trend-rising;no-data"),
    ])
    assert load_project().problems == [
        "claim 'typo-claim' (data/article_claims.csv, statement s01) is recorded by no figure"]
    assert catalogue.main(["--check"]) == 1
    assert "typo-claim" in capsys.readouterr().err
    text = claims_md(project)
    cells = row_cells(text, "typo-claim")
    assert cells[6] == "**not-reproducible**" and cells[9] == "claim not recorded by any figure"
    assert "typo-claim" in text.split("Problems found", 1)[1]


def test_data_quality_tables_are_summarised_by_rule(project):
    (project / "figures" / "data-quality-glotip-2023-05-30.csv").write_text(
        "rule,country,year\nbreakdown over total,A,2020\nbreakdown over total,B,2021\n"
        "year as value,C,2019\n")
    text = claims_md(project)
    section = text.split("## Data quality", 1)[1]
    assert ("[`figures/data-quality-glotip-2023-05-30.csv`](figures/data-quality-glotip-2023-05-30.csv)"
            ": 3 flagged cell(s) (breakdown over total: 2; year as value: 1).") in section


def test_a_missing_statements_file_is_reported(project):
    (project / "data" / "article_statements.csv").unlink()
    assert catalogue.main(["--check"]) == 1
    text = claims_md(project)
    assert "data/article_statements.csv not found" in text.split("Problems found", 1)[1]
    assert "(0 statements of the article, 5 readings" in text
