"""The reproduction report, ``CLAIMS.md``: the findings at a glance (one line per statement of
the article, in plain words, with why), the data sets in a key, what the collection cannot
check, the grades in plain words, then one section per statement: each reading with its
verdict and the checks behind it, data set by data set, each note once. Written by
``python -m tipfigs.tools.catalogue``; the HTML edition renders the same text.
"""

from __future__ import annotations

import re
from collections import Counter

from tipfigs.claims import DEFINITIONS, READINGS_CSV, STATUSES, deciding, verdict
from tipfigs.tools import glance, limitations
from tipfigs.tools.markdown import GENERATED, Linker, cell, render_quality
from tipfigs.tools.project import STATEMENTS_CSV, Project, Statement, unmapped_claims
from tipfigs.tools.shown import EN_DASH, DataSet, data_sets, key_lines, record_value, value_text

NO_CHECK_NOTE = "no notebook checks this yet"
NOT_RECORDED_NOTE = "claim not recorded by any figure"
#: A statement with more readings than this shows them folded (HTML details) under its why.
FOLDED_FROM = 3

#: What a note said of the other releases before the report set them side by side.
OTHER_RELEASE = re.compile(r"\s*(?:Other release: .*|Only one release was checked in this run\.)$",
                           re.S)


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


def project_sets(project: Project) -> dict[str, DataSet]:
    """The data sets the claims name, with their short labels."""
    names = sorted({r["data"] for rs in project.claims.values() for r in rs if r.get("data")})
    return data_sets(names, project.datasets)


def own_note(note: str) -> str:
    """A claim's note without what it said of the other releases (the report shows them)."""
    return OTHER_RELEASE.sub("", note or "").strip()


def data_label(r: dict, sets: dict[str, DataSet]) -> str:
    """What a check was made on, in a few words: the data set's short label, or for a
    transcription the report and the pages it was read from."""
    d = sets.get(r.get("data") or "")
    if d:
        return d.short
    if r.get("data"):
        return r["data"]
    if r["status"] == "transcribed":
        name, hosts, file = glance.sources_of(r.get("source", ""))
        return name + (f", through {', '.join(hosts)}" if hosts else f", in {file}" if file else "")
    if r["status"] == "not-reproducible" or not r.get("source"):
        return "no data set"
    return r["source"].split(";")[0]


def check_line(r: dict, sets: dict[str, DataSet]) -> str:
    """One check of a reading: data set, value, grade in plain words, robustness, its note."""
    where = data_label(r, sets)
    later = ", published after the article" if r.get("era") == "latest" else ""
    context = "context: " if r["status"] == "context" else ""
    value = record_value(r)
    shown = f"{cell(value)}, " if value != EN_DASH else ""
    robust = f"; {cell(r['specs']['words'])}" if r.get("specs") else ""
    note = own_note(r.get("note", ""))
    return (f"- {context}**{cell(where)}**{later}: {shown}{glance.word(r['status'])}{robust}."
            + (f" {cell(note)}" if note else ""))


def reading_lines(cid: str, records: list[dict], label: str, sets) -> list[str]:
    """A reading: its words and verdict, what the article gives, then each check."""
    first = records[0]
    v = verdict(records)
    within = (f" · within {value_text(first['tolerance'], first['tolerance'], 0)}"
              if first.get("tolerance") is not None else "")
    unit = f" · unit: {cell(first.get('unit'))}" if first.get("unit") else ""
    out = [f"#### {label} · **{glance.word(v)}**", "",
           f"{cell(first.get('statement'))} *The article:* "
           f"{cell(value_text(first.get('article_value'), first.get('article_value'), 0))}"
           f"{unit}{within} · reading `{cid}`.", ""]
    shown = deciding(records)
    shown += [r for r in records if r.get("era") == "latest" and r["status"] != "context"]
    shown += [r for r in records if r["status"] == "context"]
    out += [check_line(r, sets) for r in shown]
    changed = [r for r in records if r.get("era") == "latest" and r["status"] not in ("context", v)]
    if changed:
        out.append(f"- On the later release the grade differs from the verdict ({v}).")
    return out + [""]


def statement_section(s: Statement, project: Project, sets, link: Linker) -> list[str]:
    """One statement: its anchor and words, its verdict and why, its figures, each reading."""
    pairs = glance.reading_verdicts(s, project.claims)
    words = glance.words_line(pairs) if pairs else f"**{glance.word('not-reproducible')}**"
    figures = sorted({r["figure"] for cid in s.claim_ids for r in project.claims.get(cid, [])})
    checked = ", ".join(f"[{f}]({link('figure', f)}) ([notebook]({link('notebook', f)}))"
                        for f in figures)
    out = [f'<a id="{s.id}"></a>', "", f"### {s.id}: {cell(s.statement)}", "",
           f"Paragraph {cell(s.paragraph)} · {words} · "
           + (f"checked by {checked}" if checked else NO_CHECK_NOTE), "",
           glance.why(s, project, sets), ""]
    labels = glance.reading_labels(s.claim_ids)
    many = len(s.claim_ids) > FOLDED_FROM
    if many:  # the why above says it; the readings one by one on request
        out += ["<details>", f"<summary>The {len(s.claim_ids)} readings and their checks"
                "</summary>", ""]
    for cid in s.claim_ids:
        if cid in project.claims:
            out += reading_lines(cid, project.claims[cid], labels[cid], sets)
        else:
            out += [f"#### {labels[cid]} · **{glance.word('not-reproducible')}**", "",
                    f"Reading `{cid}`: {NOT_RECORDED_NOTE}.", ""]
    return out + (["</details>", ""] if many else [])


def definitions(article_date: str, heading: str = "##") -> list[str]:
    """The grades in plain words (one place: tipfigs.claims.DEFINITIONS), each with the word the
    findings use (one place: tipfigs.tools.glance.WORDS)."""
    out = [f"{heading} What the grades mean", ""]
    out += [f"- **{s}** (*{glance.word(s)}*): {DEFINITIONS[s]}" for s in STATUSES]
    out += ["", "Each claim is one *reading* of a statement, checked on one data set. A statement "
            "that can be read more than one way has one claim per reading. Where several figures "
            "or data sets check the same reading, it gets one verdict, decided by the data public "
            f"on the article's date ({article_date}); checks on later releases and context "
            "checks are shown beside the verdict, never in it.", ""]
    return out


def render_claims(project: Project, link: Linker) -> str:
    """CLAIMS.md."""
    sets = project_sets(project)
    out = [f"# Reproduction report (version {project.version})", "", GENERATED, "",
           "What the article states, and what public data say about it: one line per statement "
           "in plain words, then a section per statement with the checks behind it.", "",
           "## Findings at a glance", ""]
    out += glance.glance_lines(project, sets, lambda sid: link("statement", sid))
    out += ["", summary_line(project), "",
            f"The statements are listed in `{STATEMENTS_CSV}`, their readings with the article's "
            f"values in `{READINGS_CSV}`; the figures are described in the "
            f"[figure catalogue]({link('catalogue', '')}).", ""]
    key = key_lines(sets, project.facts.article.date)
    if key:
        out += ["## Data sets", "", "Named by these short labels below.", ""] + key + [""]
    out += limitations.render(project, sets, link)
    out += definitions(project.facts.article.date)
    if project.problems:
        out += ["> **Problems found while generating this report:**", ">"]
        out += [f"> - {cell(p)}" for p in project.problems]
        out.append("")
    out += ["## Statements", ""]
    for s in project.statements:
        out += statement_section(s, project, sets, link)
    extra = unmapped_claims(project.statements, project.claims)
    if extra:
        out += ["## Readings not listed in the readings file", "",
                f"Recorded by a figure but not listed in `{READINGS_CSV}` (they are counted in "
                "the summary, and the report lists them as a problem).", ""]
        for cid in extra:
            out += reading_lines(cid, project.claims[cid], cid, sets)
    out += render_quality(project, link)
    return "\n".join(out).rstrip("\n") + "\n"
