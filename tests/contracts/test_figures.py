"""The committed figures keep the collection's contract: each with a headline, a finding stated
with its numbers, a short text alternative and a long description, and a citation that lists
only the data it read; the publication figure's variants are checked in test_publication.py.
The Walk Free GSI figures (fig01, fig02, fig08) never claim a reproduction: a correlation between
countries or an equality by construction is graded consistent or
inconsistent, with a note that says why."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tipfigs import manifest, paths, style

REPO = Path(__file__).resolve().parents[2]
STEMS = sorted(p.stem for p in (REPO / "notebooks").glob("fig*.ipynb"))


def test_there_are_figures():
    assert "fig01-modern-slavery-overview" in STEMS


def about(stem: str) -> dict:
    return json.loads((REPO / "figures" / f"{stem}.about.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", STEMS)
def test_svg_text_is_at_least_eight_points(stem):
    svg = (REPO / "figures" / f"{stem}.svg").read_text(encoding="utf-8")
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    assert sizes, f"{stem}: no text found in the SVG"
    # matplotlib writes sizes in px at 72 per inch: 1 px = 1 pt
    assert min(sizes) >= style.MIN_FONT_PT, f"{stem}: smallest type {min(sizes)} pt"


@pytest.mark.parametrize("stem", STEMS)
def test_text_alternative_states_the_finding_with_its_numbers(stem):
    record = about(stem)
    assert record["title"], f"{stem}: no headline"
    finding = record["finding"]
    assert re.search(r"\d", finding), f"{stem}: the finding carries no number: {finding!r}"
    # a short text alternative, and a long description apart
    assert record["alt"].strip() and record["description"].strip(), stem
    svg = (REPO / "figures" / f"{stem}.svg").read_text(encoding="utf-8")
    assert "<title>" in svg and "<desc>" in svg


@pytest.mark.parametrize("stem", STEMS)
def test_citation_lists_only_data_the_figure_read(stem):
    record = about(stem)
    assert record["data"], f"{stem}: records no data read"
    locals_ = {paths_show(e.local): e for e in manifest.load().values()}
    for item in record["data"]:
        assert (REPO / item["path"]).is_file(), item["path"]
        if item["kind"] == "release":
            assert item["citation"] == locals_[item["path"]].citation
        else:
            assert item["kind"] == "transcribed" and item["path"].startswith("data/")
    # the notebook reads every file it cites
    nb = (REPO / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8")
    for item in record["data"]:
        assert Path(item["path"]).name in nb, f"{stem}: cites {item['path']} but never names it"


def paths_show(p: Path) -> str:
    return p.resolve().relative_to(REPO).as_posix()


# -- the grades of the Walk Free GSI figures ------------------------------------------------------

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
