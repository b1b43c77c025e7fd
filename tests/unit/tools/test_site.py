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
    assert 'href="notebooks/fig01-parts.html"' in report
    assert '<ul class="glance">' in report and '<a href="#s01">s01</a>' in report
    assert '<strong class="badge v-reproduced">holds</strong>' in report
    assert '<strong class="badge v-differs">does not hold</strong>' in report
    assert "<table>" not in report.split("Data sets")[0]  # a document, not a wide table
    nb = (out / "notebooks" / "fig01-parts.html").read_text()
    assert 'href="../report.html"' in nb
    assert ('This figure checks statements <a href="../report.html#s01">s01</a>: holds; '
            '<a href="../report.html#s02">s02</a>: stated by the report, not checked here.') in nb
    assert '<a href="../index.html#fig01-parts">Its entry in the figure catalogue</a>' in nb


def test_each_verdict_has_a_badge_colour_of_its_own_with_readable_text():
    from tipfigs.claims import STATUSES
    from tipfigs.tools.site_style import BADGES

    assert set(BADGES) == set(STATUSES)
    backgrounds = [bg for bg, _ in BADGES.values()]
    assert len(set(backgrounds)) == len(backgrounds)
    for bg in backgrounds:  # text #1f2328 on each background: WCAG contrast of 4.5:1 at least
        assert contrast("#1f2328", bg) >= 4.5, bg


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_site_copies_the_variants_a_figure_names_and_every_link_of_the_index_resolves(
        project, tmp_path):
    from builders.project import TRANSCRIBED
    from builders.publication import about, write_publication

    write_publication(project / "figures", "fig02-trend", about("fig02-trend", data=[TRANSCRIBED]))
    (project / "figures" / "fig01-parts.slide.png").write_bytes(b"an earlier build's")
    (project / "figures" / "LICENSE").write_text("CC BY 4.0\n")
    out = site.build(tmp_path / "site")
    copied = sorted(p.name for p in (out / "figures").iterdir())
    for suffix in (".png", ".svg", ".slide.png", ".slide.svg", ".bare.png", ".bare.svg"):
        assert f"fig02-trend{suffix}" in copied
    assert "fig01-parts.slide.png" not in copied  # fig01 names no variants: a leftover
    assert {"fig01-parts.png", "fig01-parts.svg", "fig01-parts.csv", "LICENSE"} <= set(copied)
    index = (out / "index.html").read_text()
    assert 'href="figures/fig02-trend.bare.svg"' in index
    assert 'alt="Africa has 3.8 million people in forced labour, more than any other region."' \
        in index
    links = re.findall(r'(?:href|src)="([^"#:]+)(?:#[^"]*)?"', index)
    assert links and all((out / link).is_file() for link in links), \
        [link for link in links if not (out / link).is_file()]
