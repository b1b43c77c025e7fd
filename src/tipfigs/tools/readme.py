"""The README's generated parts: its opening count of what the collection reproduces, checks
and can only transcribe, and the limitations (the text of ``docs/limitations.md``, filled in).
Each lives between two markers in README.md (``<!-- NAME:start -->`` and ``<!-- NAME:end -->``);
the rest of the README is written by hand and left as it is."""

from __future__ import annotations

import re

from tipfigs.tools import glance, limitations, report
from tipfigs.tools.markdown import Linker
from tipfigs.tools.project import Project
from tipfigs.tools.report import project_sets, status_counts
from tipfigs.words import join


def opening(project: Project, link: Linker) -> list[str]:
    """What the collection reproduces, checks and transcribes, counted by reading, with the
    statements whose readings do not hold named."""
    c = status_counts(project)
    n = sum(c.values()) - c["context"]
    computed = c["reproduced"] + c["differs"] + c["mixed"] + c["depends-on-choices"]
    verdicts = report.reading_verdicts(project)
    failing = [s for s in project.statements
               if any(verdicts.get(cid) == "differs" for cid in s.claim_ids)]
    where = (" (readings of " + join(f"[{s.id}]({link('statement', s.id)}), {s.statement[:1].lower()}"
                                     f"{s.statement[1:].rstrip('.')}" for s in failing) + ")"
             if failing else "")
    return [
        f"The article makes {len(project.statements)} statements with a number, a ranking, a "
        f"comparison or a trend; read in {n} ways, they are checked here as far as public data "
        f"allow. {computed} readings are recomputed from public data: the statement "
        f"*{glance.word('reproduced')}* on {c['reproduced']}, *{glance.word('differs')}* on "
        f"{c['differs']}{where}, *{glance.word('mixed')}* on {c['mixed']} and "
        f"*{glance.word('depends-on-choices')}* on {c['depends-on-choices']}. "
        f"{c['consistent'] + c['inconsistent']} are compared with indirect evidence only "
        f"(*{glance.word('consistent')}*); {c['transcribed']} can only be transcribed, with their "
        f"sources, from the reports that state them (*{glance.word('transcribed')}*); "
        f"{c['not-reproducible']} *{glance.word('not-reproducible')}*. The [findings at a glance]"
        f"({link('report', '')}#findings-at-a-glance) give one line per statement."]


def block(text: str, name: str, lines: list[str]) -> str:
    """``text`` with the part between the markers of ``name`` replaced by ``lines`` (``text``
    unchanged when it has no such markers)."""
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    body = "\n".join(lines).rstrip("\n") + "\n"
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text, count=1)


def render(project: Project, current: str, link: Linker) -> str:
    """README.md with its generated parts brought up to date."""
    text = block(current, "opening", opening(project, link))
    return block(text, "limitations", limitations.render(project, project_sets(project), link))
