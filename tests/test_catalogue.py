"""The reproduction report, the figure catalogue, CITATION.cff and the site, on small fake
projects (TIPFIGS_ROOT points tipfigs.paths at them), and the real statements mapping."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import textwrap
from pathlib import Path

import nbformat
import pytest
import yaml

from tipfigs.tools import catalogue

REPO = Path(__file__).resolve().parents[1]
# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


EVIDENCE_OF = {"reproduced": ("direct", True), "differs": ("direct", False),
               "consistent": ("association", True), "inconsistent": ("association", False),
               "context": ("other-source", True), "transcribed": ("report", None),
               "not-reproducible": ("none", None)}


def claim(id_, status, figure, article=1.0, computed=1.0, statement="A statement.", data="",
          era="", note=""):
    evidence, holds = EVIDENCE_OF[status]
    published = None
    if status == "transcribed":
        computed, published = None, computed
    return {"id": id_, "statement": statement, "article_value": article,
            "computed_value": computed, "unit": "million people", "tolerance": 0.05,
            "evidence": evidence, "holds": holds, "status": status, "source": "A source",
            "data": data, "published": "", "era": era, "published_value": published,
            "figure": figure, "note": note}


def write_notebook(root: Path, stem: str, title: str, alt: str = "", defaults: str = "",
                   image: bool = True) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(
        f"# {title}\n\n**What this reproduces.** A sentence about the article.\n\n"
        "The figure shows the parts of a total, by year."))
    params = nbformat.v4.new_code_cell("output_dir = None\n" + defaults)
    params.metadata["tags"] = ["parameters"]
    nb.cells.append(params)
    code = nbformat.v4.new_code_cell("out.figure(fig)")
    if image:
        code.outputs.append(nbformat.v4.new_output(
            "execute_result", data={"image/png": base64.b64encode(PNG).decode(),
                                    "text/plain": "<IPython.core.display.Image object>"},
            metadata={"image/png": {"alt": alt}} if alt else {}, execution_count=1))
    nb.cells.append(code)
    nbformat.write(nb, str(root / "notebooks" / f"{stem}.ipynb"))


def write_figure(root: Path, stem: str, claims: list[dict]) -> None:
    (root / "figures" / f"{stem}.png").write_bytes(PNG)
    (root / "figures" / f"{stem}.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (root / "figures" / f"{stem}.csv").write_text("a,b\n1,2\n")
    (root / "figures" / f"{stem}.claims.json").write_text(json.dumps(claims, indent=2))


def write_statements(root: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """The statements (id, paragraph, text) and, in the readings file, the claim ids that
    check each one (the fourth item, separated by ';')."""
    lines = ["# Statements of a fake article.", "id,paragraph,statement"]
    lines += [f'{i},{p},"{s}"' for i, p, s, _ in rows]
    (root / "data" / "article_statements.csv").write_text("\n".join(lines) + "\n")
    of: dict[str, list[str]] = {}
    for sid, _, _, ids in rows:
        for cid in filter(None, ids.split(";")):
            of.setdefault(cid, []).append(sid)
    lines = ["# Readings of a fake article.", "id,statements,reading,article_value,unit,tolerance"]
    lines += [f"{cid},{';'.join(sids)},Reading {cid},1,million people," for cid, sids in of.items()]
    (root / "data" / "article_claims.csv").write_text("\n".join(lines) + "\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A fake project with two figures, a manifest release, a transcribed CSV and statements."""
    root = tmp_path / "project"
    for d in ("data/raw/pub", "notebooks", "figures"):
        (root / d).mkdir(parents=True)
    (root / "VERSION").write_text("2.3.4\n")
    payload = b"country,value\nA,1\n"
    (root / "data" / "raw" / "pub" / "table.csv").write_bytes(payload)
    (root / "data" / "manifest.toml").write_text(textwrap.dedent(f"""
        [files.table]
        path = "pub/table.csv"
        title = "A country table"
        publisher = "A Publisher"
        release = "release seven"
        url = "https://example.org/table.csv"
        sha256 = "{hashlib.sha256(payload).hexdigest()}"
        terms = "CC BY 4.0"
        citation = "A Publisher (2020). A country table, release seven."

        [files.unused]
        path = "pub/other.csv"
        title = "Another table"
        publisher = "Another Publisher"
        release = "one"
        url = "https://example.org/other.csv"
        sha256 = "{'0' * 64}"
        terms = "CC0"
        citation = "Another Publisher. Another table."
    """))
    (root / "data" / "values.csv").write_text(
        "# Values transcribed from The Big Report (2022), Geneva.\nid,value\nx,1\n")
    write_notebook(root, "fig01-parts", "Figure 1 · Parts of the total", alt="Two stacked bars.",
                   defaults='table = "data/raw/pub/table.csv"\nvalues = "data/values.csv"\n')
    write_figure(root, "fig01-parts", [
        claim("total-50", "reproduced", "fig01-parts"),
        claim("total-49.6", "reproduced", "fig01-parts", 49.6, 49.63),
        claim("labour-27.6", "transcribed", "fig01-parts", 27.6, 27.6),
    ])
    write_notebook(root, "fig02-trend", "Figure 2 · A trend", alt="A line rising.",
                   defaults='values = "data/values.csv"\n')
    write_figure(root, "fig02-trend", [
        claim("trend-rising", "differs", "fig02-trend", "rising", "not steady"),
        claim("no-data", "not-reproducible", "fig02-trend", 3, None),
    ])
    write_statements(root, [
        ("s01", "1", "Close to 50 million people are affected.", "total-50;total-49.6"),
        ("s02", "3", "27.6 million people are in forced labour.", "labour-27.6"),
        ("s03", "4", "The number is rising.", "trend-rising;no-data"),
        ("s04", "5", "Nine in ten work in five sectors.", ""),
    ])
    monkeypatch.setenv("TIPFIGS_ROOT", str(root))
    return root


def generate(root: Path) -> dict[str, bytes]:
    assert catalogue.main([]) == 0
    return {rel: (root / rel).read_bytes()
            for rel in ("CLAIMS.md", "figures/README.md", "CITATION.cff")}


# -- the reproduction report ------------------------------------------------------------------

def test_summary_counts_one_verdict_per_reading(project):
    text = generate(project)["CLAIMS.md"].decode()
    assert ("**Summary** (one verdict per reading): 2 reproduced, 1 differs, 0 depends-on-choices, "
            "0 mixed, 0 consistent, 0 inconsistent, 1 transcribed, 2 not-reproducible (4 statements "
            "of the article, 5 readings, 5 checks recorded by 2 figure(s); 1 statement(s) no "
            "notebook checks yet). Beside the verdicts: 0 context check(s), and 0 check(s) on "
            "releases published after the article, 0 of which grade differently from the "
            "article's data.") in text
    counts = catalogue.status_counts(catalogue.load_project())
    assert {k: v for k, v in counts.items() if v} == {
        "reproduced": 2, "transcribed": 1, "differs": 1, "not-reproducible": 2}


def test_report_defines_every_grade_before_the_table(project):
    from tipfigs.claims import DEFINITIONS

    text = generate(project)["CLAIMS.md"].decode()
    head = text.split("## Statements and verdicts", 1)[0]
    for status, words in DEFINITIONS.items():
        assert f"- **{status}**: {words}" in head
    catalogue_text = generate(project)["figures/README.md"].decode()
    assert "- **consistent**: " + DEFINITIONS["consistent"] in catalogue_text


def test_report_has_one_row_per_reading_with_values_verdict_figure_and_data(project):
    text = generate(project)["CLAIMS.md"].decode()
    row = next(ln for ln in text.splitlines() if "`total-49.6`" in ln)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2:7] == ["`total-49.6`", "49.6", "million people", "49.63 (reproduced; A source)",
                          "**reproduced**"]
    assert "[fig01-parts](figures/README.md#fig01-parts)" in row
    assert "**s03**: The number is rising." in text
    transcribed = next(ln for ln in text.splitlines() if "`labour-27.6`" in ln)
    assert "27.6 (transcribed; A source)" in transcribed


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
    text = generate(project)["CLAIMS.md"].decode()
    rows = [ln for ln in text.splitlines() if "`total-50`" in ln]
    assert len(rows) == 1
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert cells[5] == ("1 (reproduced; Survey A, 2021)<br>3 (differs; Register B, 2022)<br>"
                        "context: 4 (context; Other data C, 2022)")
    assert cells[6] == "**mixed**"
    assert cells[7] == "2 (differs; Survey A, 2025)"
    assert "fig01-parts" in cells[8] and "fig02-trend" in cells[8]
    assert "On the latest release the grade differs: differs on Survey A, 2025." in cells[9]
    assert "1 context check(s), and 1 check(s) on releases published after the article, 1 of which" \
        in text
    assert catalogue.status_counts(catalogue.load_project())["mixed"] == 1


def test_readings_missing_from_the_readings_file_are_listed_counted_and_a_problem(project):
    write_statements(project, [("s01", "1", "Close to 50 million.", "total-50")])
    text = generate(project)["CLAIMS.md"].decode()
    section = text.split("## Readings not listed in the readings file", 1)[1]
    for cid in ("total-49.6", "labour-27.6", "trend-rising", "no-data"):
        assert f"`{cid}`" in section
    assert "2 reproduced, 1 differs, 0 depends-on-choices, 0 mixed, 0 consistent, 0 inconsistent, " \
        "1 transcribed, 1 not-reproducible" in text
    problems = catalogue.load_project().problems
    assert len(problems) == 4 and all("is not in data/article_claims.csv" in p for p in problems)


def test_a_reading_that_no_figure_records_is_a_problem(project, capsys):
    write_statements(project, [
        ("s01", "1", "Close to 50 million.", "total-50;total-49.6;typo-claim"),
        ("s02", "2", "27.6 million.", "labour-27.6"),
        ("s03", "4", "The number is rising.", "trend-rising;no-data"),
    ])
    problems = catalogue.load_project().problems
    assert problems == ["claim 'typo-claim' (data/article_claims.csv, statement s01) is recorded "
                        "by no figure"]
    assert catalogue.main(["--check"]) == 1
    assert "typo-claim" in capsys.readouterr().err
    text = generate(project)["CLAIMS.md"].decode()
    row = next(ln for ln in text.splitlines() if "`typo-claim`" in ln)
    assert "not-reproducible" in row and "claim not recorded by any figure" in row
    assert "typo-claim" in text.split("Problems found", 1)[1]


def test_a_reading_of_a_statement_that_does_not_exist_is_refused(project):
    write_statements(project, [("s01", "1", "Close to 50 million.", "total-50")])
    with open(project / "data" / "article_claims.csv", "a") as f:
        f.write("orphan,s99,Reading,1,u,\n")
    with pytest.raises(ValueError, match=r"readings of no statement.*orphan \(s99\)"):
        catalogue.load_statements()


def test_a_reading_recorded_twice_on_the_same_data_is_a_problem(project):
    write_figure(project, "fig02-trend", [claim("total-50", "differs", "fig02-trend")])
    problems = catalogue.load_project().problems
    assert any("total-50" in p and "fig01-parts" in p and "fig02-trend" in p for p in problems)


def test_a_record_without_evidence_or_with_a_grade_its_evidence_does_not_give_is_a_problem(project):
    bad = claim("trend-rising", "differs", "fig02-trend")
    del bad["evidence"]
    typed = claim("no-data", "reproduced", "fig02-trend")
    typed["evidence"] = "association"  # a correlation typed as reproduced
    write_figure(project, "fig02-trend", [bad, typed])
    problems = catalogue.load_project().problems
    assert any("trend-rising" in p and "kind of evidence" in p for p in problems)
    assert any("no-data" in p and "'consistent'" in p for p in problems)
    assert catalogue.main(["--check"]) == 1


def test_data_quality_tables_are_summarised_by_rule(project):
    (project / "figures" / "data-quality-glotip-2023-05-30.csv").write_text(
        "rule,country,year\nbreakdown over total,A,2020\nbreakdown over total,B,2021\n"
        "year as value,C,2019\n")
    text = generate(project)["CLAIMS.md"].decode()
    section = text.split("## Data quality", 1)[1]
    assert ("[`figures/data-quality-glotip-2023-05-30.csv`](figures/data-quality-glotip-2023-05-30.csv)"
            ": 3 flagged cell(s) (breakdown over total: 2; year as value: 1).") in section
    # named in the figure catalogue too, linked from its own folder
    catalogue_text = generate(project)["figures/README.md"].decode()
    assert ("[`figures/data-quality-glotip-2023-05-30.csv`](data-quality-glotip-2023-05-30.csv): "
            "3 flagged cell(s)") in catalogue_text.split("## Data quality", 1)[1]


def test_a_missing_statements_file_is_reported(project):
    (project / "data" / "article_statements.csv").unlink()
    assert catalogue.main(["--check"]) == 1
    text = generate(project)["CLAIMS.md"].decode()
    assert "data/article_statements.csv not found" in text


def test_statements_file_is_validated(project):
    write_statements(project, [("s01", "1", "One.", ""), ("s01", "2", "Two.", "")])
    with pytest.raises(ValueError, match="s01"):
        catalogue.load_project()


# -- the figure catalogue ---------------------------------------------------------------------

def test_catalogue_entry_has_everything_a_reader_needs(project):
    text = generate(project)["figures/README.md"].decode()
    entry = text.split('<a id="fig01-parts"></a>', 1)[1].split('<a id="fig02-trend"></a>')[0]
    assert "## fig01-parts: Figure 1 · Parts of the total" in entry
    assert '<img src="fig01-parts.png" alt="Two stacked bars."' in entry
    assert "**What it shows.** The figure shows the parts of a total, by year." in entry
    assert "**Text alternative.** Two stacked bars." in entry
    assert "[notebook](../notebooks/fig01-parts.ipynb)" in entry
    assert "[table (CSV)](fig01-parts.csv)" in entry
    # the data it was built from: the manifest release its parameters name, and the CSV
    assert "A Publisher (2020). A country table, release seven." in entry
    assert "release release seven" in entry and "data/raw/pub/table.csv" in entry
    assert "[`data/values.csv`](../data/values.csv)" in entry
    assert "Values transcribed from The Big Report (2022), Geneva." in entry
    assert "Another Publisher" not in entry  # not an input of this figure
    assert "| `labour-27.6` | A statement. | \u2013 | 27.6 | 27.6 | transcribed |" in entry


def test_figure_citation_names_project_version_stem_and_data(project):
    text = generate(project)["figures/README.md"].decode()
    cite = text.split("**Cite this figure.**", 1)[1].split("```text\n", 1)[1].split("\n```")[0]
    assert "version 2.3.4" in cite and f"({catalogue.PROJECT_YEAR})" in cite
    assert cite.count("Figure 1 · Parts of the total") == 1
    assert "fig01-parts: Figure 1 · Parts of the total [figure]" in cite
    assert "figures/fig01-parts.png" in cite
    assert "A Publisher (2020). A country table, release seven" in cite
    assert "The Big Report (2022)" in cite


def test_about_record_gives_finding_text_alternative_and_only_the_data_read(project):
    about = {"stem": "fig01-parts", "title": "Half of the total is in part A",
             "finding": "Part A holds 50.2% of 49.6 million.",
             "alt": "Half of the total is in part A. Part A holds 50.2% of 49.6 million. Two bars.",
             "data": [{"kind": "transcribed", "path": "data/values.csv",
                       "citation": "Values transcribed from The Big Report (2022), Geneva."}]}
    (project / "figures" / "fig01-parts.about.json").write_text(json.dumps(about))
    text = generate(project)["figures/README.md"].decode()
    entry = text.split('<a id="fig01-parts"></a>', 1)[1].split('<a id="fig02-trend"></a>')[0]
    assert "**What it shows.** Part A holds 50.2% of 49.6 million." in entry
    assert "**Text alternative.** Half of the total is in part A. Part A holds 50.2%" in entry
    assert "A Publisher" not in entry  # named in the parameters, but not read
    cite = entry.split("```text\n", 1)[1].split("\n```")[0]
    assert "fig01-parts: Half of the total is in part A [figure]" in cite
    assert "The Big Report (2022)" in cite and "A Publisher" not in cite
    assert "[about (JSON)](fig01-parts.about.json)" in entry


def test_catalogue_grows_with_the_notebooks_and_marks_unbuilt_figures(project):
    write_notebook(project, "fig03-new", "Figure 3 · Not built", image=False)
    text = generate(project)["figures/README.md"].decode()
    assert text.startswith("# Figure catalogue (version 2.3.4)")
    assert "3 figure(s)" in text
    entry = text.split('<a id="fig03-new"></a>', 1)[1]
    assert "Not built yet" in entry and "- none recorded yet" in entry
    assert "Figure 3 · Not built" in entry


# -- CITATION.cff and the version -----------------------------------------------------------

def test_citation_cff_is_valid_cff_and_carries_version(project):
    doc = yaml.safe_load(generate(project)["CITATION.cff"])
    assert doc["cff-version"] == "1.2.0"
    assert doc["version"] == "2.3.4"
    for key in ("message", "title", "authors"):
        assert doc[key]
    assert all(a.get("name") or a.get("family-names") for a in doc["authors"])
    for ref in doc["references"]:
        assert ref["type"] and ref["title"] and ref["authors"]
    assert {"A Publisher", "Another Publisher"} <= {
        a.get("name") for r in doc["references"] for a in r["authors"]}


def test_version_lives_in_one_place(project):
    generate(project)
    (project / "VERSION").write_text("2.4.0\n")
    assert catalogue.main(["--check"]) == 1
    out = generate(project)
    assert yaml.safe_load(out["CITATION.cff"])["version"] == "2.4.0"
    assert b"version 2.4.0" in out["figures/README.md"]
    assert b"(version 2.4.0)" in out["CLAIMS.md"]
    assert catalogue.main(["--check"]) == 0


# -- determinism -----------------------------------------------------------------------------

def test_generation_is_deterministic_and_idempotent(project):
    first = generate(project)
    mtimes = {rel: (project / rel).stat().st_mtime_ns for rel in first}
    assert catalogue.write_all() == []  # nothing to rewrite
    assert {rel: (project / rel).stat().st_mtime_ns for rel in first} == mtimes
    for rel in first:
        (project / rel).unlink()
    assert generate(project) == first
    assert catalogue.main(["--check"]) == 0
    for data in first.values():  # no build dates or times: the only date is the article's
        assert not re.search(rb"\d\d:\d\d:\d\d", data)
        assert set(re.findall(rb"20\d\d-\d\d-\d\d", data)) <= {b"2023-07-24"}


# -- the HTML reading edition (without a browser) --------------------------------------------

def test_site_builds_pages_and_loads_nothing_from_the_network(project, tmp_path):
    from tipfigs.tools import site

    out = site.build(tmp_path / "site")
    for rel in ("index.html", "report.html", "notebooks/fig01-parts.html",
                "notebooks/fig02-trend.html", "figures/fig01-parts.png", "data/values.csv",
                "CITATION.cff"):
        assert (out / rel).is_file(), rel
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']https?:""", text), page
    index = (out / "index.html").read_text()
    assert 'href="notebooks/fig01-parts.html"' in index
    assert 'src="figures/fig01-parts.png"' in index
    report = (out / "report.html").read_text()
    assert 'href="index.html#fig01-parts"' in report
    assert "<table>" in report
    nb = (out / "notebooks" / "fig01-parts.html").read_text()
    assert 'href="../report.html"' in nb and "data:image/png;base64," in nb


# -- the real statements mapping ---------------------------------------------------------------

def test_real_statements_mapping_is_consistent(monkeypatch):
    """Every reading of data/article_claims.csv is recorded by a figure, and no figure records
    a claim the file does not list; statement ids are unique."""
    monkeypatch.setenv("TIPFIGS_ROOT", str(REPO))
    statements = catalogue.load_statements()
    claims, _, problems = catalogue.load_claims(REPO / "figures")
    assert not problems, problems
    assert not catalogue.mapping_problems(statements, claims)
    assert not catalogue.unmapped_claims(statements, claims)
    assert len({s.id for s in statements}) == len(statements)
    for s in statements:
        assert len(s.claim_ids) == len(set(s.claim_ids)), s.id
        assert s.paragraph.isdigit(), s.id
    assert len(statements) >= 25
