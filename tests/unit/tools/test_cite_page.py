"""The reading edition's cite page: the collection and the article in APA and BibTeX, read from
the collection's facts, VERSION and the release date in CHANGELOG.md."""

from __future__ import annotations

from tipfigs.tools import site
from tipfigs.tools.citation import apa, apa_article, bibtex, bibtex_article
from tipfigs.tools.project import load_project

URL = ("https://www.un.org/en/un-chronicle/despite-progress-more-needs-be-done-address-crime-"
       "trafficking-persons")


def test_apa_and_bibtex_of_the_collection_carry_its_version_and_release(project):
    p = load_project()
    assert apa(p) == (f"The tipfigs contributors. (2026). *{p.facts.title}* (Version 2.3.4) "
                      "[Computer software].")
    entry = bibtex(p)
    assert entry.startswith("@misc{tipfigs2026,\n  author       = {{The tipfigs contributors}},")
    assert "``Despite Progress, More Needs to Be Done" in entry  # curly quotes in TeX
    assert "  month        = dec,\n" in entry and "version 2.3.4, released 2026-12-07" in entry
    assert "Code: MIT License; figures and tables: CC BY 4.0" in entry
    assert entry.endswith("\n}")


def test_apa_and_bibtex_of_the_article(project):
    article = load_project().facts.article
    assert apa_article(article) == (
        "Komenda, H. (2023, July 24). Despite Progress, More Needs to Be Done to Address the Crime "
        f"of Trafficking in Persons. *UN Chronicle*. {URL}")
    entry = bibtex_article(article)
    assert entry.startswith("@article{komenda2023,\n  author    = {Komenda, Heather},")
    assert f"  url       = {{{URL}}}," in entry and "  month     = jul," in entry


def test_the_site_s_cite_link_opens_an_html_page(project, tmp_path):
    out = site.build(tmp_path / "site")
    cite = (out / "cite.html").read_text()
    assert "<h1>How to cite</h1>" in cite
    assert "Version 2.3.4 of the collection, released 2026-12-07." in cite
    assert "@misc{tipfigs2026," in cite and "@article{komenda2023," in cite
    assert f'<a href="{URL}">Despite Progress' in cite
    assert 'href="CITATION.cff"' in cite and (out / "CITATION.cff").is_file()
    for page in ("index.html", "report.html", "cite.html"):
        assert '<a href="cite.html">Cite</a>' in (out / page).read_text(), page
    assert '<a href="../cite.html">Cite</a>' in (out / "notebooks" / "fig01-parts.html").read_text()
