"""The figure catalogue, and the command that writes it with the report and the citation.

    python -m tipfigs.tools.catalogue [--check] [--freeze-verdicts]

Generates, from the committed notebooks and the records their figures published
(``figures/*.about.json``, ``figures/*.claims.json``), the data manifest, the article's
statements and readings, ``data/collection.toml`` and VERSION (the one place the version
lives):

- ``CLAIMS.md``: the reproduction report (:mod:`tipfigs.tools.report`);
- ``figures/README.md``: what each variant of a figure is for (page, slide, bare) and the
  licence, then for each figure its thumbnail (its text alternative in the image's alt
  attribute), title, what it shows (the finding once, and the long description), its variants'
  files, the statements it checks, the notebook, the data it was built from, its claims and a
  citation (here);
- ``figures/COLUMNS.md``: the columns of the figure tables (:mod:`tipfigs.tools.columns`);
- ``CITATION.cff``: the collection's citation, carrying VERSION and its release date
  (:mod:`tipfigs.tools.citation`);
- ``CHANGELOG.md``: in its top entry, the verdicts that changed since the previous version
  (:mod:`tipfigs.tools.changelog`; the rest of the file is written by hand);
- the generated parts of ``README.md`` (:mod:`tipfigs.tools.readme`).

Output is deterministic (no dates but the release date written in CHANGELOG.md): a second run
changes nothing. ``--check`` writes nothing and exits 1 when a file is out of date or the
statements' mapping is broken. ``--freeze-verdicts`` records the current verdicts as the
version's, ``data/verdicts-<VERSION>.json``, when the version is released.
"""

from __future__ import annotations

import argparse
import html
import sys

from tipfigs import paths
from tipfigs.claims import STATUSES
from tipfigs.outputs import atomic_write
from tipfigs.tools import changelog, columns, glance, limitations, readme, report, variants
from tipfigs.tools.citation import cff_version, figure_citation, license_name, render_citation
from tipfigs.tools.markdown import GENERATED, Linker, cell, render_quality, repo_linker
from tipfigs.tools.project import Figure, Project, load_project
from tipfigs.tools.shown import record_value, value_text

#: The outputs of a figure linked from its entry, with their labels (the images are listed
#: with their variants).
FILE_LABELS = ((".csv", "table (CSV)"), (".claims.json", "claims (JSON)"),
               (".about.json", "about (JSON)"))


def data_lines(f: Figure, link: Linker) -> list[str]:
    """The data the figure read, one line each, as its about record names them."""
    if not f.inputs:
        return ["- none recorded: the figure is not built yet" if not f.files[".about.json"]
                else "- none: the figure reads no data file"]
    out = []
    for i in f.inputs:
        if i.kind == "release":
            out.append(f"- {i.citation} {i.title}, release {i.release}; "
                       f"verified copy `{i.path}` (sha256 `{i.sha256[:12]}\u2026`). "
                       f"Terms: {i.terms}.")
        elif i.kind == "transcribed":
            out.append(f"- Transcribed values, [`{i.path}`]({link('file', i.path)}): {i.citation}")
        else:
            out.append(f"- `{i.path}`: {i.citation}")
    return out


def checked_statements(project: Project, f: Figure) -> list[tuple[str, str]]:
    """(statement id, its words) for each statement the figure's claims check."""
    ids = {c["id"] for c in f.claims}
    out = []
    for s in project.statements:
        if ids & set(s.claim_ids):
            pairs = glance.reading_verdicts(s, project.claims)
            out.append((s.id, glance.words_line(pairs).replace("**", "")))
    return out


def claim_lines(f: Figure, sets) -> list[str]:
    if not f.claims:
        return ["- none recorded yet"]
    out = ["| claim | data set | article value | value here | grade |", "|---|---|---|---|---|"]
    for c in f.claims:
        d = sets.get(c.get("data") or "")
        out.append(f"| `{c['id']}` | {cell(d.short if d else c.get('data'))} "
                   f"| {cell(value_text(c.get('article_value'), c.get('article_value'), 0))} "
                   f"| {cell(record_value(c))} | {glance.word(c['status'])} |")
    return out


def what_it_shows(f: Figure) -> str:
    """The finding, once, then the long description of what is drawn (a figure without one:
    its finding, or its title before it is built)."""
    finding = f.finding or ("" if f.description else f.title)
    if finding and finding in f.description:
        finding = ""
    return " ".join(" ".join((finding, f.description)).split())


def variant_line(f: Figure, link: Linker) -> str:
    """The figure's variants, each with its files (PNG, SVG) that exist."""
    parts = []
    for name, base in f.variants.items():
        files = [f"[{fmt[1:].upper()}]({link('file', f'figures/{base}{fmt}')})"
                 for fmt in variants.FORMATS if f.images.get(f"{base}{fmt}")]
        if files:
            parts.append(f"{name} ({', '.join(files)})")
    return "**Variants.** " + " \u00b7 ".join(parts) if parts else ""


def entry(project: Project, f: Figure, link: Linker, sets) -> list[str]:
    """One figure's entry: its text alternative as the image's alt, what it shows (the finding
    once, and the long description), its variants."""
    out = [f'<a id="{f.stem}"></a>', "", f"## {f.stem}: {f.title}", ""]
    page = f"figures/{f.variants.get('page', f.stem)}.png"
    if f.images.get(page.removeprefix("figures/")):
        alt = html.escape(" ".join((f.alt or f.title).split()), quote=False).replace('"', "&quot;")
        out += [f'<a href="{link("file", page)}"><img src="{link("file", page)}" '
                f'alt="{alt}" width="480"></a>', ""]
    else:
        out += ["*Not built yet: run `make` to produce the figure.*", ""]
    out += [f"**What it shows.** {what_it_shows(f)}", ""]
    if variant_line(f, link):
        out += [variant_line(f, link), ""]
    checks = checked_statements(project, f)
    if checks:
        out += ["**Statements it checks.**", ""]
        out += [f"- [{sid}]({link('statement', sid)}): {words}" for sid, words in checks]
        out.append("")
    files = [f"[notebook]({link('notebook', f.stem)})"]
    files += [f"[{label}]({link('file', f'figures/{f.stem}{suffix}')})"
              for suffix, label in FILE_LABELS if f.files[suffix]]
    out += [f"**Made by** `notebooks/{f.stem}.ipynb` \u00b7 " + " \u00b7 ".join(files), ""]
    out += ["**Data it was built from.**", ""] + data_lines(f, link)
    out += ["", "**Claims.**", ""] + claim_lines(f, sets)
    out += ["", "**Cite this figure.**", "", "```text", figure_citation(project, f), "```", ""]
    return out


def variants_intro(project: Project, link: Linker) -> list[str]:
    """What each variant is for, which figures have their page variant only (while they are
    being redrawn), and the licence of the figures."""
    out = ["Each figure is published as PNG and SVG in three variants:", ""]
    out += [f"- *{name}*, `<stem>{'' if name == 'page' else '.' + name}.png` and `.svg`: {what};"
            for name, what in variants.PURPOSE.items()]
    out[-1] = out[-1].rstrip(";") + "."
    text = ["The SVGs keep their text as text, with a font stack that ends with a generic "
            "family, and carry the text alternative (one sentence of at most 30 words, the "
            "image's alt text below) as their title and the long description as their "
            "description."]
    pending = [f.stem for f in project.figures
               if f.files[".about.json"] and list(f.variants) == ["page"]]
    if pending:
        text.append("Not redrawn as publication figures yet, with their page variant only: "
                    f"{', '.join(pending)}.")
    text.append(f"The figures, in every variant, and their tables are under "
                f"[{license_name(project.facts.figures_license)}]"
                f"({link('file', 'figures/LICENSE')}): cite each figure as given under it.")
    return out + ["", " ".join(text), ""]


def render_catalogue(project: Project, link: Linker, heading: str = "# Figure catalogue") -> str:
    """figures/README.md (``heading`` names it; the HTML edition gives its own)."""
    out = [f"{heading} (version {project.version})", "", GENERATED, "",
           f"{len(project.figures)} figure(s). Each was made by the notebook named under it, from "
           f"the data releases listed; the [reproduction report]({link('report', '')}) lists every "
           "statement of the article and how well it was reproduced.", ""]
    for f in project.figures:
        out.append(f"- [{f.stem}]({link('figure', f.stem)}): {cell(f.title)}")
    out += [""] + variants_intro(project, link)
    if paths.resolve(columns.DESCRIPTIONS).is_file():  # COLUMNS.md is written from it
        out += [f"The columns of each figure's table are described in "
                f"[COLUMNS.md]({link('file', 'figures/COLUMNS.md')}).", ""]
    out += report.definitions(project.facts.article.date)
    out += render_quality(project, link)
    sets = report.project_sets(project)
    for f in project.figures:
        out += entry(project, f, link, sets)
    return "\n".join(out).rstrip("\n") + "\n"


# -- the command ---------------------------------------------------------------------------

def changelog_text(project: Project) -> str:
    """CHANGELOG.md with its top entry's verdicts brought up to date."""
    text = changelog.path().read_text(encoding="utf-8")
    block = changelog.block(project.version, report.all_verdicts(project),
                            report.reading_statements(project))
    return changelog.updated(text, block)


def outputs(project: Project) -> dict[str, str]:
    """Generated file (relative to the root) -> content."""
    out = {
        "CLAIMS.md": report.render_claims(project, repo_linker("", "CLAIMS.md")),
        "figures/README.md": render_catalogue(project, repo_linker("figures")),
        "CITATION.cff": render_citation(project),
        changelog.FILE: changelog_text(project),
    }
    if paths.resolve(columns.DESCRIPTIONS).is_file():
        out["figures/COLUMNS.md"] = columns.render([f.stem for f in project.figures],
                                                   repo_linker("figures"))
    current = paths.resolve("README.md")
    if current.is_file():
        out["README.md"] = readme.render(project, current.read_text(encoding="utf-8"),
                                         repo_linker("", "README.md"))
    return out


def more_problems(project: Project) -> list[str]:
    """Columns of the figure tables that data/figure_columns.csv does not describe, and
    generated parts of docs/limitations.md that do not exist."""
    out = limitations.problems()
    if paths.resolve(columns.DESCRIPTIONS).is_file():
        out += columns.undescribed(columns.tables([f.stem for f in project.figures]),
                                   columns.load())
    return out


def write_all(project: Project | None = None) -> list[str]:
    """Write every generated file whose content changed; returns those written."""
    project = project or load_project()
    generated = outputs(project)
    if cff_version(generated["CITATION.cff"]) != project.version:
        raise RuntimeError("CITATION.cff would not carry the version in VERSION")
    changed = []
    for rel, text in generated.items():
        target = paths.resolve(rel)
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        atomic_write(target, data)
        changed.append(rel)
    return changed


def check(project: Project) -> int:
    """1 when a generated file is out of date or the project has problems, else 0."""
    stale = [rel for rel, text in outputs(project).items()
             if not paths.resolve(rel).is_file()
             or paths.resolve(rel).read_text(encoding="utf-8") != text]
    for rel in stale:
        print(f"out of date: {rel} (run python -m tipfigs.tools.catalogue)", file=sys.stderr)
    cff = paths.resolve("CITATION.cff")
    if cff.is_file() and cff_version(cff.read_text(encoding="utf-8")) != project.version:
        print(f"CITATION.cff: version differs from VERSION ({project.version})", file=sys.stderr)
    return 1 if stale or project.problems or more_problems(project) else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.catalogue",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if a file is out of date or the mapping is broken")
    ap.add_argument("--freeze-verdicts", action="store_true",
                    help="record the current verdicts as data/verdicts-<VERSION>.json (a release)")
    args = ap.parse_args(argv)
    project = load_project()
    if args.freeze_verdicts:
        target = changelog.verdicts_path(project.version)
        atomic_write(target, changelog.verdicts_json(project.version, report.all_verdicts(project))
                     .encode("utf-8"))
        print(f"  wrote       {paths.show(target)}")
    for p in project.problems + more_problems(project):
        print(f"warning: {p}", file=sys.stderr)
    if args.check:
        return check(project)
    changed = write_all(project)
    for rel in changed:
        print(f"  wrote       {rel}")
    if not changed:
        print("  up to date  " + ", ".join(outputs(project)))
    c = report.status_counts(project)
    print("  " + ", ".join(f"{c[s]} {s}" for s in STATUSES if s != "context"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
