"""Builders of small fake projects for the report, the catalogue, the citation and the site:
notebooks, the records their figures publish (about and claims), the article's statements and
readings, a manifest, the collection's facts. TIPFIGS_ROOT points tipfigs.paths at one."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import textwrap
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
TABLE = b"country,value\nA,1\n"

EVIDENCE_OF = {"reproduced": ("direct", True), "differs": ("direct", False),
               "consistent": ("association", True), "inconsistent": ("association", False),
               "context": ("other-source", True), "transcribed": ("report", None),
               "not-reproducible": ("none", None)}

#: The about records' data: a manifest release and a transcribed table of the fake project.
RELEASE = {"kind": "release", "path": "data/raw/pub/table.csv",
           "citation": "A Publisher (2020). A country table, release seven.",
           "title": "A country table", "release": "release seven", "published": "2020",
           "era": "article", "sha256": hashlib.sha256(TABLE).hexdigest(), "terms": "CC BY 4.0"}
TRANSCRIBED = {"kind": "transcribed", "path": "data/values.csv",
               "citation": "Values transcribed from The Big Report (2022), Geneva."}


def claim(id_, status, figure, article=1.0, computed=1.0, statement="A statement.", data="",
          era="", note=""):
    """A claim record as a figure publishes it, with the evidence that gives ``status``."""
    evidence, holds = EVIDENCE_OF[status]
    published = None
    if status == "transcribed":
        computed, published = None, computed
    return {"id": id_, "statement": statement, "article_value": article,
            "computed_value": computed, "unit": "million people", "tolerance": 0.05,
            "evidence": evidence, "holds": holds, "status": status, "source": "A source",
            "data": data, "published": "", "era": era, "published_value": published,
            "figure": figure, "note": note}


def write_notebook(root: Path, stem: str, title: str) -> None:
    """A notebook whose first heading is ``title`` (the catalogue's title of the figure)."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(
        f"# {title}\n\n**What this reproduces.** A sentence about the article."))
    params = nbformat.v4.new_code_cell("output_dir = None\n")
    params.metadata["tags"] = ["parameters"]
    nb.cells.append(params)
    nbformat.write(nb, str(root / "notebooks" / f"{stem}.ipynb"))


def about(stem: str, headline: str, finding: str, alt: str, data: list[dict]) -> dict:
    return {"stem": stem, "title": headline, "finding": finding, "alt": alt, "data": data}


def write_figure(root: Path, stem: str, claims: list[dict], about_record: dict | None = None) -> None:
    """The outputs a built figure publishes: PNG, SVG, table, claims and about records (the
    about record given, else one naming the transcribed table)."""
    figures = root / "figures"
    (figures / f"{stem}.png").write_bytes(PNG)
    (figures / f"{stem}.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (figures / f"{stem}.csv").write_text("a,b\n1,2\n")
    (figures / f"{stem}.claims.json").write_text(json.dumps(claims, indent=2))
    record = about_record or about(stem, f"Headline of {stem}", f"The finding of {stem}.",
                                   f"Headline of {stem}. The finding of {stem}. A chart.",
                                   [TRANSCRIBED])
    (figures / f"{stem}.about.json").write_text(json.dumps(record, indent=2))


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


def make_project(root: Path) -> Path:
    """A fake project: two built figures, a manifest with two releases (one read by fig01), a
    transcribed CSV, four statements, the collection's facts and the text of the limitations
    of the real project, VERSION."""
    for d in ("data/raw/pub", "notebooks", "figures", "docs"):
        (root / d).mkdir(parents=True)
    (root / "VERSION").write_text("2.3.4\n")
    shutil.copyfile(REPO / "data" / "collection.toml", root / "data" / "collection.toml")
    shutil.copyfile(REPO / "docs" / "limitations.md", root / "docs" / "limitations.md")
    (root / "data" / "raw" / "pub" / "table.csv").write_bytes(TABLE)
    (root / "data" / "manifest.toml").write_text(textwrap.dedent(f"""
        [files.table]
        path = "pub/table.csv"
        title = "A country table"
        publisher = "A Publisher"
        release = "release seven"
        url = "https://example.org/table.csv"
        sha256 = "{RELEASE['sha256']}"
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
    write_notebook(root, "fig01-parts", "Figure 1 · Parts of the total")
    write_figure(root, "fig01-parts", [
        claim("total-50", "reproduced", "fig01-parts"),
        claim("total-49.6", "reproduced", "fig01-parts", 49.6, 49.63),
        claim("labour-27.6", "transcribed", "fig01-parts", 27.6, 27.6),
    ], about("fig01-parts", "Half of the total is in part A", "Part A holds 50.2% of 49.6 million.",
             "Half of the total is in part A. Part A holds 50.2% of 49.6 million. Two \"bars\".",
             [RELEASE, TRANSCRIBED]))
    write_notebook(root, "fig02-trend", "Figure 2 · A trend")
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
    return root


def generated(root: Path) -> dict[str, str]:
    """The three generated files of ``root``, after ``python -m tipfigs.tools.catalogue``."""
    return {rel: (root / rel).read_text(encoding="utf-8")
            for rel in ("CLAIMS.md", "figures/README.md", "CITATION.cff")}
