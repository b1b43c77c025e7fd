"""The HTML reading edition, without a browser (tests/site/test_browser.py opens it in one)."""

from __future__ import annotations

import re

from tipfigs.tools import site


def test_site_builds_pages_and_loads_nothing_from_the_network(project, tmp_path):
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
    assert ("UN Chronicle article <em>Despite Progress, More Needs to Be Done to Address the Crime "
            "of Trafficking in Persons</em> (Heather Komenda, IOM)") in index
    report = (out / "report.html").read_text()
    assert 'href="index.html#fig01-parts"' in report
    assert "<table>" in report
    nb = (out / "notebooks" / "fig01-parts.html").read_text()
    assert 'href="../report.html"' in nb
