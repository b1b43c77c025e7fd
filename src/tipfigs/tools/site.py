"""The HTML reading edition: a static site built from the committed notebooks.

    python -m tipfigs.tools.site [--out DIR]

Writes (default ``build/site/``): ``index.html`` (the figure catalogue), ``report.html``
(the reproduction report), ``cite.html`` (how to cite the collection and the article, in APA
and BibTeX), ``notebooks/<stem>.html`` (each committed notebook as it is, never re-executed,
converted by nbconvert), and copies of the figures, the transcribed data and CITATION.cff that
the pages link to. The pages load nothing from the network:
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
from tipfigs.tools import catalogue, notebooks, report
from tipfigs.tools.citation import cite_markdown, render_citation
from tipfigs.tools.markdown import Linker
from tipfigs.tools.project import load_project
from tipfigs.words import join

SITE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       line-height: 1.5; color: #1f2328; margin: 0; }
main.tipfigs { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
nav.tipfigs { background: #0b3d63; padding: 0.6rem 1.5rem; font-family: system-ui, sans-serif; }
nav.tipfigs a { color: #fff; margin-right: 1.5rem; text-decoration: none; font-weight: 600; }
nav.tipfigs a:hover { text-decoration: underline; }
main.tipfigs table { border-collapse: collapse; font-size: 0.9rem; margin: 1rem 0; }
main.tipfigs th, main.tipfigs td { border: 1px solid #d0d7de; padding: 0.3rem 0.5rem;
                                   vertical-align: top; text-align: left; }
main.tipfigs th { background: #f6f8fa; }
main.tipfigs img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
main.tipfigs pre { background: #f6f8fa; padding: 0.8rem; white-space: pre-wrap; }
main.tipfigs code { background: #f6f8fa; padding: 0 0.2rem; }
main.tipfigs.wide { max-width: 110rem; }
main.tipfigs.wide td:first-child { min-width: 18rem; }
main.tipfigs td.status { font-weight: 600; white-space: nowrap; }
td.status.reproduced { background: #dafbe1; }
td.status.transcribed { background: #ddf4ff; }
td.status.differs { background: #fff1c2; }
td.status.not-reproducible { background: #ffe2e0; }
td.status.mixed { background: #fff1c2; }
td.status.consistent { background: #eef6ee; }
td.status.inconsistent { background: #fbefe0; }
td.status.context { background: #f2f2f2; }
"""

NB_CSS = """
nav.tipfigs { background: #0b3d63; padding: 0.6rem 1.5rem; font-family: system-ui, sans-serif; }
nav.tipfigs a { color: #fff; margin-right: 1.5rem; text-decoration: none; font-weight: 600; }
"""

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


def mark_statuses(body: str) -> str:
    """Colour the status cells of the claims tables."""
    return re.sub(r"<td>(?:<strong>)?(" + "|".join(STATUSES) + r")(?:</strong>)?</td>",
                  r'<td class="status \1">\1</td>', body)


def page(title: str, body: str, prefix: str = "", wide: bool = False) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<link rel=\"icon\" href=\"data:,\">\n"
            f"<style>{SITE_CSS}</style>\n</head>\n<body>\n{nav(prefix)}\n"
            f"<main class=\"tipfigs{' wide' if wide else ''}\">\n{mark_statuses(body)}\n</main>\n"
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
        if kind == "catalogue":
            return f"{up}index.html"
        return f"{up}{target}"
    return link


def markdown_to_html(text: str) -> str:
    import mistune

    md = mistune.create_markdown(escape=False, plugins=["table"])
    return md(text)


def notebook_html(stem: str) -> str:
    """One committed notebook as HTML, with its outputs as they were committed."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebooks.notebook_path(stem)), as_version=4)
    exporter = HTMLExporter(template_name="lab", extra_loaders=[
        DictLoader({"tipfigs.html.j2": NB_TEMPLATE})])
    exporter.template_file = "tipfigs.html.j2"
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": stem}})
    body = body.replace("<main>", "<main>\n" + nav("../"), 1) if "<main>" in body else body
    return body


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def build(out: Path | None = None) -> Path:
    """Build the site into ``out`` (default build/site/), replacing what was there."""
    out = Path(out) if out is not None else paths.build_dir() / "site"
    project = load_project()
    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)

    # Files the pages link to.
    for p in sorted(paths.figures_dir().glob("*")):
        if p.suffix in (".png", ".svg", ".csv", ".json") and p.is_file():
            _copy(p, out / "figures" / p.name)
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
        page("Reproduction report", markdown_to_html(report_md), wide=True), encoding="utf-8")

    (out / "cite.html").write_text(page("How to cite", markdown_to_html(cite_markdown(project))),
                                   encoding="utf-8")

    for fig in project.figures:
        (out / "notebooks" / f"{fig.stem}.html").write_text(notebook_html(fig.stem),
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
