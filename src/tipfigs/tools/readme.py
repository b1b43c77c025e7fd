"""The README's generated parts: its opening count of what the collection reproduces, checks
and can only transcribe, and the limitations (the text of ``docs/limitations.md``, filled in).
Each lives between two markers in README.md (``<!-- NAME:start -->`` and ``<!-- NAME:end -->``);
the rest of the README is written by hand and left as it is."""

from __future__ import annotations

import re

from tipfigs.tools import glance, limitations
from tipfigs.tools.markdown import Linker
from tipfigs.tools.project import Project
from tipfigs.tools.report import project_sets, status_counts


def opening(project: Project, link: Linker) -> list[str]:
    """What the collection reproduces, checks and transcribes, counted by reading."""
    c = status_counts(project)
    n = sum(c.values()) - c["context"]
    computed = c["reproduced"] + c["differs"] + c["mixed"] + c["depends-on-choices"]
    return [
        f"The article makes {len(project.statements)} statements with a number, a ranking, a "
        f"comparison or a trend; read in {n} ways, they are checked here as far as public data "
        f"allow. {computed} readings are recomputed from public data: {c['reproduced']} "
        f"*{glance.word('reproduced')}*, {c['differs']} *{glance.word('differs')}*, "
        f"{c['mixed']} *{glance.word('mixed')}* and {c['depends-on-choices']} "
        f"*{glance.word('depends-on-choices')}*. {c['consistent'] + c['inconsistent']} are "
        f"compared only with indirect evidence (*{glance.word('consistent')}*). "
        f"{c['transcribed']} can only be transcribed from the reports that state them, with "
        f"their sources (*{glance.word('transcribed')}*), and {c['not-reproducible']} "
        f"*{glance.word('not-reproducible')}*. The [findings at a glance]"
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
