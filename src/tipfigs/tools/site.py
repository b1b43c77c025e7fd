"""The HTML reading edition: a static site built from the committed notebooks.

    python -m tipfigs.tools.site [--out DIR]

Writes (default ``build/site/``): ``index.html`` (the figure catalogue), ``report.html``
(the reproduction report), ``columns.html`` (the columns of the figure tables), ``cite.html``
(how to cite the collection and the article, in APA and BibTeX), ``notebooks/<stem>.html`` (each
committed notebook as it is, never re-executed, converted by nbconvert), and copies of the
figures (every variant their about records name: page, slide, bare), the figures' tables and
records, the transcribed data and CITATION.cff that the pages link to. The pages load nothing
from the network:
no scripts, fonts or styles from elsewhere (MathJax, require.js and mermaid are left out).
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

from tipfigs import paths
from tipfigs.claims import STATUSES
from tipfigs.outputs import OPTIONAL_SUFFIXES, SUFFIXES, VARIANT_SUFFIXES
from tipfigs.tools import catalogue, columns, glance, notebooks, report, variants
from tipfigs.tools.citation import cite_markdown, render_citation
from tipfigs.tools.markdown import Linker
from tipfigs.tools.project import Project, load_project
from tipfigs.tools.site_style import NB_CSS, SITE_CSS
from tipfigs.words import join

#: The notebook template: JupyterLab's, without anything fetched from the network.
NB_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_css -%}
<link rel="icon" href="data:,">
<style type="text/css">""" + NB_CSS + """</style>
{%- endblock html_head_css -%}
"""


def nav(prefix: str) -> str:
    return (f'<nav class="tipfigs" aria-label="Site">'
            f'<a href="{prefix}index.html">Figures</a>'
            f'<a href="{prefix}report.html">Reproduction report</a>'
            f'<a href="{prefix}cite.html">Cite</a></nav>')


#: Badge text -> verdict: the plain words (one mapping, tipfigs.tools.glance.WORDS) and the
#: grades' own names.
BADGE_OF = {**{w: status for status, w in glance.WORDS.items()}, **{s: s for s in STATUSES}}
BOLD = re.compile(r"<strong>([^<]+)</strong>")


def mark_verdicts(body: str) -> str:
    """Each verdict in bold becomes a badge with its verdict's colour."""
    def badge(m: re.Match) -> str:
        status = BADGE_OF.get(html.unescape(m.group(1)))
        if status is None:
            return m.group(0)
        return f'<strong class="badge v-{status}">{m.group(1)}</strong>'
    return BOLD.sub(badge, body)


def mark_glance(body: str) -> str:
    """The findings at a glance as a list of its own (spacing, and the report's landmarks)."""
    return re.sub(r'(<h2[^>]*>Findings at a glance</h2>\s*)<ul>', r'\1<ul class="glance">',
                  body, count=1)


def page(title: str, body: str, prefix: str = "") -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<link rel=\"icon\" href=\"data:,\">\n"
            f"<style>{SITE_CSS}</style>\n</head>\n<body>\n{nav(prefix)}\n"
            f"<main class=\"tipfigs\">\n{mark_glance(mark_verdicts(body))}\n</main>\n"
            "</body>\n</html>\n")


def site_linker(page_dir: str, page_name: str) -> Linker:
    """Links from the page ``page_dir/page_name`` ('' for the top level) to the site."""
    up = "../" if page_dir else ""

    def link(kind: str, target: str) -> str:
        if kind == "figure":
            here = not page_dir and page_name == "index"
            return f"#{target}" if here else f"{up}index.html#{target}"
        if kind == "notebook":
            return f"{up}notebooks/{target}.html"
        if kind == "report":
            return f"{up}report.html"
        if kind == "statement":
            here = not page_dir and page_name == "report"
            return f"#{target}" if here else f"{up}report.html#{target}"
        if kind == "catalogue":
            return f"{up}index.html"
        if target == "figures/COLUMNS.md":
            return f"{up}columns.html"
        return f"{up}{target}"
    return link


def markdown_to_html(text: str) -> str:
    import mistune

    md = mistune.create_markdown(escape=False, plugins=["table"])
    return md(text)


def checks_aside(project: Project, stem: str, link: Linker) -> str:
    """What a notebook page says of the statements its figure checks, linked to the report, and
    of its entry in the catalogue."""
    fig = next((f for f in project.figures if f.stem == stem), None)
    found = catalogue.checked_statements(project, fig) if fig else []
    items = "; ".join(f'<a href="{link("statement", sid)}">{sid}</a>: {html.escape(words)}'
                      for sid, words in found)
    checks = f"This figure checks statements {items}. " if items else ""
    return (f'<aside class="checks" aria-label="Statements checked">{checks}'
            f'<a href="{link("figure", stem)}">Its entry in the figure catalogue</a>.</aside>')


def notebook_html(stem: str, aside: str = "") -> str:
    """One committed notebook as HTML, with its outputs as they were committed, the site's
    navigation and ``aside`` (the statements it checks) at its top."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebooks.notebook_path(stem)), as_version=4)
    exporter = HTMLExporter(template_name="lab", extra_loaders=[
        DictLoader({"tipfigs.html.j2": NB_TEMPLATE})])
    exporter.template_file = "tipfigs.html.j2"
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": stem}})
    if "<main>" in body:
        body = body.replace("<main>", "<main>\n" + nav("../") + "\n" + aside, 1)
    return body


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def figure_files(project: Project) -> list[str]:
    """The files of figures/ that the pages link to: each figure's outputs (table, claims,
    about record, specifications), the images of its variants as its about record names them
    (page, slide and bare; never a variant file of an earlier build), the data-quality tables
    and the licence."""
    folder = paths.figures_dir()
    outputs = [s for s in (*SUFFIXES, *OPTIONAL_SUFFIXES)
               if s not in variants.FORMATS and s not in VARIANT_SUFFIXES]
    names = []
    for f in project.figures:
        names += [f"{f.stem}{s}" for s in outputs if (folder / f"{f.stem}{s}").is_file()]
        names += [name for name, exists in f.images.items() if exists]
    names += [Path(q.path).name for q in project.quality]
    return names + (["LICENSE"] if (folder / "LICENSE").is_file() else [])


def build(out: Path | None = None) -> Path:
    """Build the site into ``out`` (default build/site/), replacing what was there."""
    out = Path(out) if out is not None else paths.build_dir() / "site"
    project = load_project()
    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)

    # Files the pages link to.
    for name in figure_files(project):
        _copy(paths.figures_dir() / name, out / "figures" / name)
    for fig in project.figures:
        for i in fig.inputs:
            if i.kind == "transcribed" and paths.resolve(i.path).is_file():
                _copy(paths.resolve(i.path), out / i.path)
    cff = render_citation(project)
    (out / "CITATION.cff").write_text(cff, encoding="utf-8")

    article = project.facts.article
    byline = join([f"{a.text}, {a.affiliation}" if a.affiliation else a.text
                   for a in article.authors])
    intro = (
        f"<p>Reading edition of the notebooks that reproduce the numbers and figures of the "
        f"{html.escape(article.journal)} article <em>{html.escape(article.title)}</em> "
        f"({html.escape(byline)}), built from the committed notebooks without re-running them. The "
        "<a href=\"report.html\">reproduction report</a> lists every statement of the article "
        "with a number or a trend and how well it was reproduced; each figure below links to "
        "the notebook that made it.</p>")
    index_md = catalogue.render_catalogue(project, site_linker("", "index"),
                                          heading="# Trafficking in persons: the figures")
    (out / "index.html").write_text(
        page("Figure catalogue", markdown_to_html(index_md).replace("</h1>", "</h1>\n" + intro, 1)),
        encoding="utf-8")

    report_md = report.render_claims(project, site_linker("", "report"))
    (out / "report.html").write_text(
        page("Reproduction report", markdown_to_html(report_md)), encoding="utf-8")

    if paths.resolve(columns.DESCRIPTIONS).is_file():
        columns_md = columns.render([f.stem for f in project.figures], site_linker("", "columns"))
        (out / "columns.html").write_text(
            page("Columns of the figure tables", markdown_to_html(columns_md)), encoding="utf-8")

    (out / "cite.html").write_text(page("How to cite", markdown_to_html(cite_markdown(project))),
                                   encoding="utf-8")

    for fig in project.figures:
        aside = checks_aside(project, fig.stem, site_linker("notebooks", fig.stem))
        (out / "notebooks" / f"{fig.stem}.html").write_text(notebook_html(fig.stem, aside),
                                                           encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.site", description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="output folder (default: build/site)")
    args = ap.parse_args(argv)
    out = build(paths.resolve(args.out) if args.out else None)
    print(f"  built       {paths.show(out)}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
