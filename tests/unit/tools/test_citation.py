"""CITATION.cff and the figures' citations, from the collection's facts, VERSION and the
manifest."""

from __future__ import annotations

import datetime

import yaml
from builders.project import generated

from tipfigs import collection, paths
from tipfigs.collection import Author
from tipfigs.tools import catalogue
from tipfigs.tools.citation import cff_author, cff_version, figure_citation, render_citation
from tipfigs.tools.project import load_project


def citation_cff(root) -> dict:
    assert catalogue.main([]) == 0
    return yaml.safe_load(generated(root)["CITATION.cff"])


def test_citation_cff_is_valid_cff_and_carries_version_and_the_collection_s_facts(project):
    facts = collection.load()
    doc = citation_cff(project)
    assert doc["cff-version"] == "1.2.0" and doc["type"] == "software"
    assert doc["version"] == "2.3.4"
    assert doc["date-released"] == datetime.date(2026, 12, 7)  # CHANGELOG.md's top entry
    assert doc["message"].startswith("If you use these notebooks or figures, please cite them")
    assert (doc["title"], doc["license"], doc["abstract"]) == (facts.title, facts.license,
                                                               facts.abstract)
    assert doc["authors"] == [{"name": "The tipfigs contributors"}]
    assert doc["keywords"] == list(facts.keywords)
    article = doc["references"][0]
    assert article == {"type": "article", "title": facts.article.title,
                       "authors": [{"family-names": "Komenda", "given-names": "Heather",
                                    "affiliation": "IOM"}],
                       "journal": "UN Chronicle", "publisher": {"name": "United Nations"},
                       "date-published": datetime.date(2023, 7, 24), "year": 2023,
                       "url": "https://www.un.org/en/un-chronicle/despite-progress-more-needs-be-"
                              "done-address-crime-trafficking-persons"}


def test_every_manifest_release_is_a_reference(project):
    refs = citation_cff(project)["references"][1:]
    assert refs == [
        {"type": "data", "title": "A country table (release seven)",
         "authors": [{"name": "A Publisher"}], "url": "https://example.org/table.csv",
         "notes": "A Publisher (2020). A country table, release seven."},
        {"type": "data", "title": "Another table (one)", "authors": [{"name": "Another Publisher"}],
         "url": "https://example.org/other.csv", "notes": "Another Publisher. Another table."}]


def test_the_facts_file_names_the_collection_and_its_authors(project):
    facts = project / "data" / "collection.toml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace('authors = [{ name = "The tipfigs contributors" }]',
                        'authors = [{ family = "Doe", given = "Jane" }, { name = "A Lab" }]')
    facts.write_text(text.replace('license = "MIT"', 'license = "CC-BY-4.0"'), encoding="utf-8")
    doc = citation_cff(project)
    assert doc["authors"] == [{"family-names": "Doe", "given-names": "Jane"}, {"name": "A Lab"}]
    assert doc["license"] == "CC-BY-4.0"
    readme = generated(project)["figures/README.md"]
    assert "Jane Doe and A Lab (2026). fig01-parts:" in readme


def test_figure_citation_names_the_collection_version_stem_headline_and_only_its_data(project):
    project_ = load_project()
    fig01, fig02 = project_.figures
    cite = figure_citation(project_, fig01)
    facts = project_.facts
    assert cite == (f"The tipfigs contributors (2026). fig01-parts: Half of the total is in part A "
                    f"[figure]. In: {facts.title}, version 2.3.4, file figures/fig01-parts.png. "
                    "Licence: CC BY 4.0. Data: A Publisher (2020). A country table, release seven; "
                    "Values transcribed from The Big Report (2022), Geneva.")
    cite2 = figure_citation(project_, fig02)
    assert "fig02-trend: Headline of fig02-trend [figure]" in cite2
    assert "A Publisher" not in cite2
    assert catalogue.main([]) == 0
    assert f"**Cite this figure.**\n\n```text\n{cite}\n```" in generated(project)["figures/README.md"]


def test_a_figure_not_built_yet_is_cited_by_its_notebook_title_without_data(project):
    project_ = load_project()
    fig = project_.figures[0]
    fig.headline, fig.inputs = "", []
    assert ("fig01-parts: Figure 1 · Parts of the total [figure]" in figure_citation(project_, fig))
    assert figure_citation(project_, fig).endswith("Data: no external data.")


def test_cff_version_and_authors():
    assert cff_version("# a comment\ncff-version: 1.2.0\ntitle: x\nversion: 1.2.3\n") == "1.2.3"
    assert cff_version("cff-version: 1.2.0\nversion: '0.1'\n") == "0.1"
    assert cff_version("cff-version: 1.2.0\n") is None
    assert cff_author(Author(name="A Lab")) == {"name": "A Lab"}
    assert cff_author(Author(family="Komenda", given="Heather", affiliation="IOM")) == {
        "family-names": "Komenda", "given-names": "Heather", "affiliation": "IOM"}


def test_the_committed_citation_is_the_one_generated():
    assert paths.resolve("CITATION.cff").read_text(encoding="utf-8") == render_citation(load_project())
