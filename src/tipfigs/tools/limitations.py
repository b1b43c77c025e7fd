"""What the collection cannot check, stated once: the fixed prose lives in one file,
``docs/limitations.md``; its ``<!-- generated: NAME -->`` lines are replaced here by what the
records say (the secondary pages the transcribed values were read from, the data sets no
longer served, what the UNODC rule removes, the results that depend on a choice or on the data
set). The reproduction report and the README include the result.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tipfigs import paths
from tipfigs.claims import deciding, verdict
from tipfigs.tools import glance
from tipfigs.tools.markdown import Linker
from tipfigs.tools.project import Project
from tipfigs.tools.shown import DataSet, number
from tipfigs.words import join

TEXT = "docs/limitations.md"
GENERATED_LINE = re.compile(r"^<!-- generated: ([a-z-]+) -->$")
COMMENT = re.compile(r"\A<!--.*?-->\n", re.S)


def host(url: str) -> str:
    return urlsplit(url).netloc.removeprefix("www.")


def secondary_pages(project: Project, sets, link: Linker) -> list[str]:
    """Per report: the pages its values were transcribed through, with how many each."""
    by_report: dict[tuple[str, str], list] = {}
    for t in project.transcribed:
        by_report.setdefault((t.report or "a report", t.file), []).append(t)
    out = []
    for (report, file), rows in by_report.items():
        hosts: dict[str, int] = {}
        for t in rows:
            if t.url:
                hosts[host(t.url)] = hosts.get(host(t.url), 0) + 1
        pages = join(f"{h} ({n})" for h, n in sorted(hosts.items(), key=lambda kv: -kv[1]))
        bare = sum(1 for t in rows if not t.url)
        rest = (f"; {bare} cite only the report's table and page, as a third-party "
                "transcription gives them" if bare else "")
        out.append(f"- {report}, [`{file}`]({link('file', file)}): {len(rows)} values, "
                   f"read from {pages or 'no page'}{rest}.")
    return out or ["- No transcribed value is recorded."]


def gone(project: Project, sets, link: Linker) -> list[str]:
    """The data sets whose publisher no longer serves them, with what the manifest says."""
    out = [f"- {d.title}, release {d.release}: {d.note or 'no longer served by its publisher.'}"
           for d in project.datasets if d.upstream == "gone"]
    return out or ["- Every data set is still served by its publisher."]


def left_out(project: Project, sets, link: Linker) -> list[str]:
    """What the rule removed from the UNODC sums, as the figures recorded it."""
    records = [(f.stem, r) for f in project.figures for r in f.left_out]
    if not records:
        return ["- The figures' records do not yet state what the rule removes; the UNODC "
                "notebooks print it beside each sum."]
    out = []
    for stem, r in sorted(records, key=lambda x: -x[1]["percent"]):
        out.append(f"- {r['what']} on {r['data']} ([{stem}]({link('figure', stem)})): "
                   f"{number(r['percent'], 1)}% of the persons, {r['groups']} country-years.")
    return out


def depends(project: Project, sets: dict[str, DataSet], link: Linker) -> list[str]:
    """The readings whose result depends on an analysis choice or on the data set."""
    out = []
    for s in project.statements:
        labels = glance.reading_labels(s.claim_ids)
        for cid in s.claim_ids:
            records = project.claims.get(cid, [])
            grids = [r for r in records if r.get("specs") and 0 < r["specs"]["k"] < r["specs"]["n"]]
            v = verdict(records) if records else ""
            for r in grids:
                d = sets.get(r.get("data") or "")
                out.append(f"- [{s.id}]({link('statement', s.id)}), {labels[cid]}, on "
                           f"{d.short if d else r.get('data')}: {r['specs']['words']}.")
            if v == "mixed":
                yes = [r for r in deciding(records) if r["status"] in ("reproduced",
                                                                                "consistent")]
                no = [r for r in deciding(records) if r["status"] not in ("reproduced",
                                                                                   "consistent")]
                out.append(f"- [{s.id}]({link('statement', s.id)}), {labels[cid]}: holds on "
                           f"{join(_short(r, sets) for r in yes)}, not on "
                           f"{join(_short(r, sets) for r in no)}.")
    if out:
        return out
    with_grids = any(r.get("specs") for rs in project.claims.values() for r in rs)
    return ["- None: " + ("every check recorded with a specification grid gives one answer "
                          "under all its specifications, and no reading's data sets disagree."
                          if with_grids else "no reading's data sets disagree, and no check "
                          "is recorded with a specification grid yet.")]


def _short(r: dict, sets) -> str:
    d = sets.get(r.get("data") or "")
    return d.short if d else (r.get("data") or r.get("figure", ""))


PARTS = {"secondary-pages": secondary_pages, "gone": gone, "left-out": left_out,
         "depends": depends}


def text() -> str:
    """The fixed prose (``docs/limitations.md``), without its opening comment; empty when the
    file is missing."""
    p = paths.resolve(TEXT)
    return COMMENT.sub("", p.read_text(encoding="utf-8")) if p.is_file() else ""


def render(project: Project, sets: dict[str, DataSet], link: Linker) -> list[str]:
    """The limitations, their generated parts filled in (markdown lines)."""
    out = []
    for line in text().splitlines():
        m = GENERATED_LINE.match(line.strip())
        if m is None:
            out.append(line)
        elif m.group(1) in PARTS:
            out += PARTS[m.group(1)](project, sets, link)
    return out + [""] if out else []


def problems() -> list[str]:
    """The generated parts that the text names and that do not exist."""
    return [f"{TEXT}: no generated part is called {m.group(1)!r} (known: {', '.join(PARTS)})"
            for m in (GENERATED_LINE.match(ln.strip()) for ln in text().splitlines())
            if m and m.group(1) not in PARTS]
