"""The reproduction report (CLAIMS.md), generated from a fake project's claims records: the
findings at a glance, the key of the data sets, the limitations, one section per statement."""

from __future__ import annotations

import json
import re

from builders.project import claim, generated, write_figure, write_statements

from tipfigs.claims import DEFINITIONS
from tipfigs.tools import catalogue, glance, report
from tipfigs.tools.project import load_project

CHECK = re.compile(r"^- (?:context: )?\*\*(?P<data>.+?)\*\*(?:, published after the article)?: "
                   r"(?:(?P<value>.+?), )?(?P<word>" + "|".join(
                       re.escape(w) for w in glance.WORDS.values()) + r")\b")


def claims_md(root) -> str:
    assert catalogue.main([]) == 0
    return generated(root)["CLAIMS.md"]


def section(text: str, sid: str) -> str:
    return text.split(f'<a id="{sid}"></a>', 1)[1].split('<a id="', 1)[0].split("\n## ", 1)[0]


def glance_lines(text: str) -> list[str]:
    part = text.split("## Findings at a glance", 1)[1].split("\n## ", 1)[0]
    return [ln for ln in part.splitlines() if ln.startswith("- [")]


def test_summary_counts_one_verdict_per_reading(project):
    text = claims_md(project)
    assert ("**Summary** (one verdict per reading): 2 reproduced, 1 differs, 0 depends-on-choices, "
            "0 mixed, 0 consistent, 0 inconsistent, 1 transcribed, 2 not-reproducible (4 statements "
            "of the article, 5 readings, 5 checks recorded by 2 figure(s); 1 statement(s) no "
            "notebook checks yet). "
            "Beside the verdicts: 0 context check(s), and 0 check(s) on releases published after "
            "the article, 0 of which grade differently from the article's data.") in text
    counts = report.status_counts(load_project())
    assert {k: v for k, v in counts.items() if v} == {
        "reproduced": 2, "transcribed": 1, "differs": 1, "not-reproducible": 2}


def test_the_findings_come_first_one_line_per_statement_with_its_words_and_why(project):
    text = claims_md(project)
    lines = text.splitlines()
    head = "\n".join(lines[:90])
    for sid in ("s01", "s02", "s03", "s04"):
        assert f"- [{sid}](#{sid}) " in head
    found = glance_lines(text)
    assert [ln.split("]")[0][3:] for ln in found] == ["s01", "s02", "s03", "s04"]
    s01, s02, s03, s04 = found
    assert s01.startswith("- [s01](#s01) **holds**: *Close to 50 million people are affected.* ")
    assert "Stated by the report, transcribed: 27.6 million people; nothing here computes it." in s02
    assert s02.startswith("- [s02](#s02) **stated by the report, not checked here**: ")
    assert s03.startswith("- [s03](#s03) **does not hold** (trend rising); "
                          "**cannot be checked here** (no data): ")
    assert s04 == ("- [s04](#s04) **cannot be checked here**: *Nine in ten work in five sectors.* "
                   "No notebook checks it yet.")
    assert text.index("## Findings at a glance") < text.index("## What the grades mean") \
        < text.index("## Statements")


def test_the_glance_words_come_from_the_one_mapping(project, monkeypatch):
    monkeypatch.setitem(glance.WORDS, "reproduced", "stands up")
    monkeypatch.setitem(glance.WORDS, "differs", "falls down")
    text = claims_md(project)
    assert glance_lines(text)[0].startswith("- [s01](#s01) **stands up**: ")
    assert "#### trend rising · **falls down**" in section(text, "s03")
    assert "- **reproduced** (*stands up*): " in text
    assert "**holds**" not in text and "**does not hold**" not in text


def test_report_defines_every_grade_with_its_words_and_the_article_s_date(project):
    text = claims_md(project)
    head = text.split("## Statements", 1)[0]
    for status, words in DEFINITIONS.items():
        assert f"- **{status}** (*{glance.word(status)}*): {words}" in head
    assert "decided by the data public on the article's date (2023-07-24)" in head


def test_the_article_s_date_comes_from_the_collection_s_facts(project):
    facts = project / "data" / "collection.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('date = "2023-07-24"',
                                                               'date = "2024-01-31"'),
                     encoding="utf-8")
    assert "on the article's date (2024-01-31)" in claims_md(project)


def test_each_statement_has_a_section_with_its_anchor_readings_and_checks(project):
    text = claims_md(project)
    s01 = section(text, "s01")
    assert s01.startswith("\n\n### s01: Close to 50 million people are affected.\n\n"
                          "Paragraph 1 · **holds** · checked by [fig01-parts]"
                          "(figures/README.md#fig01-parts) ([notebook]"
                          "(notebooks/fig01-parts.ipynb))\n")
    assert "#### 49.6 · **holds**" in s01  # the readings named by what tells them apart
    assert ("A statement. *The article:* 49.6 · unit: million people · within 0.05 · "
            "reading `total-49.6`.") in s01
    assert "- **A source**: 49.63, holds." in s01
    s04 = section(text, "s04")
    assert report.NO_CHECK_NOTE in s04


def test_a_reading_checked_by_two_figures_and_two_releases_sets_them_side_by_side(project):
    write_figure(project, "fig01-parts", [
        claim("total-50", "reproduced", "fig01-parts", data="Survey A, 2021", era="article",
              note="On A 2021. Other release: the latest release agrees: it holds there too."),
        claim("total-50", "differs", "fig01-parts", computed=2.0, data="Survey A, 2025",
              era="latest", note="On A 2025. Other release: the article's release does not "
                                 "agree: it holds there (1.0)."),
    ])
    write_figure(project, "fig02-trend", [
        claim("total-50", "differs", "fig02-trend", computed=3.0, data="Register B, 2022",
              era="article"),
        claim("total-50", "context", "fig02-trend", computed=4.0, data="Other data C, 2022",
              era="article"),
    ])
    write_statements(project, [("s01", "1", "Close to 50 million.", "total-50")])
    text = claims_md(project)
    s01 = section(text, "s01")
    checks = [ln for ln in s01.splitlines() if ln.startswith("- ")]
    assert checks == [
        "- **Survey A, 2021**: 1.0, holds. On A 2021.",
        "- **Register B, 2022**: 3.0, does not hold.",
        "- **Survey A, 2025**, published after the article: 2.0, does not hold. On A 2025.",
        "- context: **Other data C, 2022**: 4.0, context only.",
        "- On the later release the grade differs from the verdict (mixed)."]
    assert "Other release" not in text  # each release's note once, never restated
    assert "**depends on the data set**" in glance_lines(text)[0]
    assert ("It holds on Survey A, 2021 (1.0), not on Register B, 2022 (3.0) and Survey A, 2025 "
            "(2.0, published after the article), in million people.") in glance_lines(text)[0]
    assert "1 context check(s), and 1 check(s) on releases published after the article, 1 of which" \
        in text
    assert report.status_counts(load_project())["mixed"] == 1


def test_values_are_rounded_to_the_reading_s_precision_and_the_why_says_how_far_off(project):
    records = [claim(f"share-{g}", "differs", "fig01-parts", article=a, computed=c,
                     data=d, era=e) for g, a, c, d, e in (
        ("women", 46, 47.408668, "Country data, 2023", "article"),
        ("men", 20, 20.827194, "Country data, 2023", "article"),
        ("women", 46, 46.6517, "Country data, 2025", "latest"),
        ("men", 20, 20.992882, "Country data, 2025", "latest"))]
    for r in records:
        r["tolerance"], r["unit"] = 0.5, "per cent"
    write_figure(project, "fig01-parts", records)
    write_statements(project, [("s29", "13", "A chart of shares.", "share-women;share-men")])
    text = claims_md(project)
    assert "47.408668" not in text and "20.83" not in text
    assert "- **Country data, 2023**: 47.4, does not hold." in text
    (line,) = glance_lines(text)
    assert line.endswith("*A chart of shares.* The 2 numbers cannot be recomputed from the data "
                         "within 0.5 points: 0.8–1.4 points off on Country data, 2023 and "
                         "0.7–1.0 points off on Country data, 2025 (published after the article).")
    assert json.loads((project / "figures/fig01-parts.claims.json").read_text())[0][
        "computed_value"] == 47.408668  # the records keep every digit


def test_a_statement_with_many_readings_shows_them_folded_under_its_why(project):
    ids = [f"part-{i}" for i in range(report.FOLDED_FROM + 1)]
    write_figure(project, "fig01-parts", [claim(cid, "reproduced", "fig01-parts") for cid in ids])
    write_statements(project, [("s01", "1", "Many parts.", ";".join(ids)),
                               ("s02", "2", "Few parts.", "")])
    s01 = section(claims_md(project), "s01")
    why, folded = s01.split("<details>\n", 1)
    assert why.rstrip().endswith("0.0 million people off on fig01-parts.")
    assert folded.startswith(f"<summary>The {len(ids)} readings and their checks</summary>\n")
    assert folded.count("#### ") == len(ids) and folded.rstrip().endswith("</details>")


def test_a_notebook_s_own_sentence_of_why_follows_the_rule_s(project):
    r = claim("trend-rising", "differs", "fig02-trend", "rising", "not steady")
    r["why"] = "The report aggregates over its own country coverage."
    write_figure(project, "fig02-trend", [r])
    write_statements(project, [("s03", "4", "The number is rising.", "trend-rising")])
    (line,) = glance_lines(claims_md(project))
    assert line.endswith("the reading asks rising. The report aggregates over its own country "
                         "coverage.")


def test_no_table_row_is_long_and_no_line_has_the_old_wide_table(project):
    text = claims_md(project)
    rows = [ln for ln in text.splitlines() if ln.startswith("|")]
    assert all(len(ln) <= 400 for ln in rows)
    assert "| statement | paragraph | reading |" not in text


def test_readings_missing_from_the_readings_file_are_listed_counted_and_a_problem(project):
    write_statements(project, [("s01", "1", "Close to 50 million.", "total-50")])
    text = claims_md(project)
    part = text.split("## Readings not listed in the readings file", 1)[1]
    for cid in ("total-49.6", "labour-27.6", "trend-rising", "no-data"):
        assert f"reading `{cid}`" in part
    assert "2 reproduced, 1 differs, 0 depends-on-choices, 0 mixed, 0 consistent, " \
        "0 inconsistent, 1 transcribed, 1 not-reproducible" in text
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
    s01 = section(text, "s01")
    assert "#### typo claim · **cannot be checked here**" in s01
    assert f"Reading `typo-claim`: {report.NOT_RECORDED_NOTE}." in s01
    assert "typo-claim" in text.split("Problems found", 1)[1]


def test_data_quality_tables_are_summarised_by_rule(project):
    (project / "figures" / "data-quality-glotip-2023-05-30.csv").write_text(
        "rule,country,year\nbreakdown over total,A,2020\nbreakdown over total,B,2021\n"
        "year as value,C,2019\n")
    text = claims_md(project)
    part = text.split("## Data quality", 1)[1]
    assert ("[`figures/data-quality-glotip-2023-05-30.csv`](figures/data-quality-glotip-2023-05-30.csv)"
            ": 3 flagged cell(s) (breakdown over total: 2; year as value: 1).") in part


def test_a_missing_statements_file_is_reported(project):
    (project / "data" / "article_statements.csv").unlink()
    assert catalogue.main(["--check"]) == 1
    text = claims_md(project)
    assert "data/article_statements.csv not found" in text.split("Problems found", 1)[1]
    assert "(0 statements of the article, 5 readings" in text


def robust(k, n, deciding=()):
    """The specs record a claim carries (tipfigs.specs.Result.summary), for a fake figure."""
    words = (f"holds in {k} of {n} specifications"
             + (f" (deciding choice: {', '.join(deciding) or 'no single choice'})"
                if 0 < k < n else ""))
    return {"k": k, "n": n, "not_computable": 0, "deciding": list(deciding),
            "deciding_words": list(deciding), "dimensions": ["window"], "default": {},
            "range": [-1.3, 13.4], "words": words, "file": "fig05-trend.specs.csv"}


def test_a_reading_that_depends_on_choices_shows_k_of_n_and_the_deciding_choice(project):
    dep = claim("long-run-rise", "reproduced", "fig05-trend", data="Register B, 2021",
                era="article")
    dep.update(status="depends-on-choices", specs=robust(12, 36, ["the long-run window"]))
    same = claim("total-50-b", "reproduced", "fig05-trend", data="Register B, 2021",
                 era="article")
    same["specs"] = robust(18, 18)
    write_figure(project, "fig05-trend", [dep, same])
    write_statements(project, [("s01", "1", "Rising.", "long-run-rise"),
                               ("s02", "2", "Close to 50 million.", "total-50-b")])
    text = claims_md(project)
    assert ("- **Register B, 2021**: 1.0, depends on the choice; holds in 12 of 36 specifications "
            "(deciding choice: the long-run window).") in section(text, "s01")
    first, second = glance_lines(text)
    assert first.endswith("Holds in 12 of 36 specifications on Register B, 2021; the deciding "
                          "choice: the long-run window.")
    assert first.startswith("- [s01](#s01) **depends on the choice**: ")
    assert "holds in 18 of 18 specifications" in section(text, "s02")
    assert "- [s01](#s01), long run rise, on Register B, 2021: holds in 12 of 36 specifications" \
        in text.split("## Limitations", 1)[1]
    assert report.status_counts(load_project())["depends-on-choices"] == 1
    assert not [p for p in load_project().problems if "fig05-trend" in p]


def test_a_record_that_claims_robustness_its_specifications_deny_is_a_problem(project):
    bad = claim("long-run-rise", "reproduced", "fig05-trend", data="Register B, 2021",
                era="article")
    bad["specs"] = robust(12, 36, ["the long-run window"])  # 12 of 36 is not robust
    write_figure(project, "fig05-trend", [bad])
    write_statements(project, [("s01", "1", "Rising.", "long-run-rise")])
    problems = load_project().problems
    assert any("'depends-on-choices'" in p and "long-run-rise" in p for p in problems)


def test_check_lines_parse(project):
    """The pattern the tests of the real report read check lines with."""
    m = CHECK.match("- **UNODC 2025**, published after the article: 46.7, does not hold. Note.")
    assert m and (m["data"], m["value"], m["word"]) == ("UNODC 2025", "46.7", "does not hold")
    m = CHECK.match("- **UNODC 2023**: cannot be checked here. Not computable.")
    assert m and m["value"] is None
