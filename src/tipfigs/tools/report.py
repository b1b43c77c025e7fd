"""The reproduction report, ``CLAIMS.md``: every statement of the article with a number or a
trend, one line per reading of it with the checks that the notebooks recorded on each data set
and one verdict, and a summary line counting the verdicts. A statement no notebook checks yet
is listed as ``not-reproducible``. Written by ``python -m tipfigs.tools.catalogue``.
"""

from __future__ import annotations

from collections import Counter

from tipfigs.claims import READINGS_CSV, STATUSES, deciding, verdict
from tipfigs.tools.markdown import GENERATED, Linker, cell, definitions, fmt, render_quality, value_of
from tipfigs.tools.project import STATEMENTS_CSV, Project, unmapped_claims

NO_CHECK_NOTE = "no notebook checks this yet"


def reading_verdicts(project: Project) -> dict[str, str]:
    """Claim id (a reading) -> its one verdict, for every reading recorded by a figure."""
    return {cid: verdict(records) for cid, records in project.claims.items()}


def all_verdicts(project: Project) -> dict[str, str]:
    """Every reading's verdict: those recorded by a figure, and not-reproducible for each reading
    of the readings file that no figure records (what the changelog compares between versions)."""
    out = reading_verdicts(project)
    for s in project.statements:
        for cid in s.claim_ids:
            out.setdefault(cid, "not-reproducible")
    return dict(sorted(out.items()))


def reading_statements(project: Project) -> dict[str, list[str]]:
    """Reading -> the ids of the statements it reads."""
    out: dict[str, list[str]] = {}
    for s in project.statements:
        for cid in s.claim_ids:
            out.setdefault(cid, []).append(s.id)
    return out


def status_counts(project: Project) -> Counter:
    """One verdict per reading that a figure records, and one not-reproducible per statement
    no claim checks and per referenced reading that no figure has recorded yet."""
    c = Counter({s: 0 for s in STATUSES})
    for v in reading_verdicts(project).values():
        c[v] += 1
    for s in project.statements:
        if not s.claim_ids:
            c["not-reproducible"] += 1
        for cid in s.claim_ids:
            if cid not in project.claims:
                c["not-reproducible"] += 1
    return c


def beside_counts(project: Project) -> tuple[int, int, int]:
    """(context checks, checks on the latest releases, latest checks whose grade differs from
    the verdict of their reading)."""
    verdicts = reading_verdicts(project)
    records = [(cid, r) for cid, rs in project.claims.items() for r in rs]
    context = sum(1 for _, r in records if r["status"] == "context")
    latest = [(cid, r) for cid, r in records if r.get("era") == "latest" and r["status"] != "context"]
    changed = sum(1 for cid, r in latest if r["status"] != verdicts[cid])
    return context, len(latest), changed


def summary_line(project: Project) -> str:
    c = status_counts(project)
    unchecked = sum(1 for s in project.statements
                    if not any(cid in project.claims for cid in s.claim_ids))
    parts = ", ".join(f"{c[s]} {s}" for s in STATUSES if s != "context")
    n_records = sum(len(rs) for rs in project.claims.values())
    context, latest, changed = beside_counts(project)
    return (f"**Summary** (one verdict per reading): {parts} ({len(project.statements)} statements "
            f"of the article, {len(project.claims)} readings, {n_records} checks recorded by "
            f"{sum(1 for f in project.figures if f.claims)} figure(s); {unchecked} statement(s) no "
            f"notebook checks yet). Beside the verdicts: {context} context check(s), and "
            f"{latest} check(s) on releases published after the article, {changed} of which "
            "grade differently from the article's data.")


def check_text(r: dict) -> str:
    where = r.get("data") or r.get("source") or ""
    robust = f"{cell(r['specs']['words'])}; " if r.get("specs") else ""
    return f"{cell(value_of(r))} ({r['status']}; {robust}{cell(where)})"


def reading_row(cid: str, records: list[dict], link: Linker) -> list[str]:
    """Cells: reading, article value, unit, the article's data, verdict, latest data, figure, note."""
    first = records[0]
    article = [check_text(r) for r in deciding(records)]
    article += [f"context: {check_text(r)}" for r in records
                if r.get("era") != "latest" and r["status"] == "context"]
    latest = [check_text(r) for r in records if r.get("era") == "latest"]
    v = verdict(records)
    figures = sorted({r["figure"] for r in records})
    many = len(records) > 1
    notes = [f"{r.get('data') or r['figure']}: {r['note']}" if many else r["note"]
             for r in records if r.get("note")]
    changed = [r for r in records if r.get("era") == "latest" and r["status"] != "context"
               and r["status"] != v]
    if changed:
        notes.append("On the latest release the grade differs: " + "; ".join(
            f"{r['status']} on {r['data']}" for r in changed) + ".")
    return [f"`{cid}`", cell(fmt(first.get("article_value"))), cell(first.get("unit")),
            "<br>".join(article) or "\u2013", f"**{v}**", "<br>".join(latest) or "\u2013",
            ", ".join(f"[{f}]({link('figure', f)})" for f in figures),
            "<br>".join(cell(n) for n in notes) or "\u2013"]


def statement_rows(project: Project, link: Linker) -> list[str]:
    """The table of statements: one line per reading, the statement named on its first."""
    out = []
    for s in project.statements:
        label = f"**{s.id}**: {cell(s.statement)}"
        if not s.claim_ids:
            out.append(f"| {label} | {cell(s.paragraph)} | \u2013 | \u2013 | \u2013 | \u2013 "
                       f"| **not-reproducible** | \u2013 | \u2013 | {NO_CHECK_NOTE} |")
            continue
        for i, cid in enumerate(s.claim_ids):
            first = label if i == 0 else "\u2033"
            para = cell(s.paragraph) if i == 0 else ""
            records = project.claims.get(cid)
            if records is None:
                out.append(f"| {first} | {para} | `{cid}` | \u2013 | \u2013 | \u2013 | "
                           "**not-reproducible** | \u2013 | \u2013 | claim not recorded by any "
                           "figure |")
                continue
            out.append(f"| {first} | {para} | " + " | ".join(reading_row(cid, records, link)) + " |")
    return out


def render_claims(project: Project, link: Linker) -> str:
    """CLAIMS.md."""
    out = [f"# Reproduction report (version {project.version})", "", GENERATED, "",
           "Every statement of the article that carries a number, a ranking, a comparison or a "
           "trend, paraphrased, with one line per reading of it and the checks of the notebooks "
           "on each data set.", "",
           summary_line(project), "",
           f"The statements are listed in `{STATEMENTS_CSV}`, their readings with the article's "
           f"values in `{READINGS_CSV}`; the figures are described in the "
           f"[figure catalogue]({link('catalogue', '')}).", ""]
    out += definitions(project.facts.article.date)
    if project.problems:
        out += ["> **Problems found while generating this report:**", ">"]
        out += [f"> - {cell(p)}" for p in project.problems]
        out.append("")
    out += ["## Statements and verdicts", "",
            "| statement | paragraph | reading | article value | unit | checks on the article's data "
            "| verdict | on later releases | figure | note |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    out += statement_rows(project, link)
    extra = unmapped_claims(project.statements, project.claims)
    if extra:
        out += ["", "## Readings not listed in the readings file", "",
                f"Recorded by a figure but not listed in `{READINGS_CSV}` (they are counted in "
                "the summary, and the report lists them as a problem).", "",
                "| reading | article value | unit | checks on the article's data | verdict "
                "| on later releases | figure | note |", "|---|---|---|---|---|---|---|---|"]
        for cid in extra:
            out.append("| " + " | ".join(reading_row(cid, project.claims[cid], link)) + " |")
    out.append("")
    out += render_quality(project, link)
    return "\n".join(out).rstrip("\n") + "\n"
