"""Findings at a glance: one line per statement of the article, in plain words.

The verdicts are mapped to plain words once, here (:data:`WORDS`), and each line's sentence of
*why* is built from the claims records by one rule per kind of reading (:func:`why`): a number
compared with the article's, a statement tested on the data, a result that depends on an
analysis choice, data sets that disagree, indirect evidence, a transcription with its source,
nothing to check with. No sentence is typed here; the numbers come from the records, at the
article's precision (:mod:`tipfigs.tools.shown`), and a notebook may add its own computed
sentence to a claim (``why=``).
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from tipfigs.claims import deciding, verdict
from tipfigs.tools.project import Project, Statement
from tipfigs.tools.shown import EN_DASH, DataSet, decimals_of, number, value_text
from tipfigs.words import capital, join

#: The one mapping from a verdict to the words a reader sees.
WORDS = {
    "reproduced": "holds",
    "differs": "does not hold",
    "depends-on-choices": "depends on the choice",
    "mixed": "depends on the data set",
    "consistent": "consistent, not tested directly",
    "inconsistent": "inconsistent, not tested directly",
    "context": "context only",
    "transcribed": "stated by the report, not checked here",
    "not-reproducible": "cannot be checked here",
}

#: Which group of readings a statement's sentence explains, when its readings differ.
EXPLAINED_FIRST = ("differs", "mixed", "depends-on-choices", "reproduced", "inconsistent",
                   "consistent", "transcribed", "not-reproducible")


def word(status: str) -> str:
    """A verdict in plain words."""
    return WORDS[status]


def reading_verdicts(s: Statement, claims: dict[str, list[dict]]) -> list[tuple[str, str]]:
    """(claim id, verdict) for each reading of a statement; a reading no figure records
    cannot be checked here."""
    return [(cid, verdict(claims[cid]) if cid in claims else "not-reproducible")
            for cid in s.claim_ids]


def reading_labels(ids: list[str]) -> dict[str, str]:
    """A short name for each reading of one statement: its id without the part all of them
    share ("male-share-long-run-rise", "male-share-recent-rise": "long run rise", "recent
    rise")."""
    if len(ids) < 2:
        return {cid: cid.replace("-", " ") for cid in ids}
    parts = [cid.split("-") for cid in ids]
    common = len(os.path.commonprefix(parts))
    return {cid: " ".join(p[common:]) or cid.replace("-", " ") for cid, p in zip(ids, parts,
                                                                                strict=True)}


def groups(pairs: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """The readings by verdict, the verdict explained first (:data:`EXPLAINED_FIRST`) first."""
    out: dict[str, list[str]] = {}
    for cid, v in pairs:
        out.setdefault(v, []).append(cid)
    order = {v: i for i, v in enumerate(EXPLAINED_FIRST)}
    return sorted(out.items(), key=lambda kv: order.get(kv[0], len(order)))


def words_line(pairs: list[tuple[str, str]]) -> str:
    """The statement's verdict words: one word, or each reading's word where they differ (the
    readings named, or counted when there are many)."""
    grouped = groups(pairs)
    if len(grouped) == 1:
        return f"**{word(grouped[0][0])}**"
    labels = reading_labels([cid for cid, _ in pairs])
    parts = []
    for v, ids in grouped:
        named = join(labels[c] for c in ids) if len(ids) <= 3 else f"{len(ids)} readings"
        parts.append(f"**{word(v)}** ({named})")
    return "; ".join(parts)


# -- the sentence of why, one rule per kind of reading ----------------------------------------

def _short(r: dict, sets: dict[str, DataSet]) -> str:
    d = sets.get(r.get("data") or "")
    return d.short if d else (r.get("data") or r.get("figure", ""))


def _later(r: dict) -> bool:
    return r.get("era") == "latest"


def _checks(records: list[dict]) -> list[dict]:
    """The checks shown for a reading: those that decide it, then those on later releases
    (context checks apart)."""
    later = [r for r in records if _later(r) and r["status"] != "context"]
    return deciding(records) + later


def _numeric(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _unit_word(unit: str) -> str:
    """How a difference in the unit is named: points for per cents."""
    u = unit.lower()
    return "points" if u.startswith(("per cent", "percent", "percentage point")) else unit


def _where(r: dict, sets) -> str:
    later = " (published after the article)" if _later(r) else ""
    return f"{_short(r, sets)}{later}"


def compared(ids: list[str], claims, status: str, sets, labels) -> str:
    """A number compared with the article's: how far it is, by data set."""
    first = claims[ids[0]][0]
    pts = _unit_word(first.get("unit", ""))
    offs: dict[str, list[float]] = {}
    where: dict[str, str] = {}
    for cid in ids:
        for r in _checks(claims[cid]):
            if _numeric(r.get("computed_value")) and r["status"] in ("reproduced", "differs"):
                key = _short(r, sets)
                offs.setdefault(key, []).append(abs(r["computed_value"] - r["article_value"]))
                where[key] = _where(r, sets)
    d = (decimals_of(first.get("article_value")) or 0) + 1
    spans = []
    for key, vals in offs.items():
        lo, hi = number(min(vals), d), number(max(vals), d)
        spans.append(f"{lo if lo == hi else lo + EN_DASH + hi} {pts} off on {where[key]}")
    tol = number(first["tolerance"], decimals_of(first["tolerance"]) or 0)
    if status == "differs":
        what = "The number" if len(ids) == 1 else f"The {len(ids)} numbers"
        return (f"{what} cannot be recomputed from the data within {tol} {pts}: "
                + join(spans) + ".")
    return (f"Recomputed within {tol} {pts} of the article's "
            f"{value_text(first['article_value'], first['article_value'])}: " + join(spans) + ".")


def _values(records: list[dict], sets) -> str:
    return join(f"{value_text(r.get('computed_value'), r.get('article_value'))} on "
                f"{_where(r, sets)}" for r in records)


def tested(ids, claims, status, sets, labels) -> str:
    """A statement tested on the data: what was found, by data set, against the reading."""
    records = _checks(claims[ids[0]])
    first = records[0] if records else claims[ids[0]][0]
    n = len(ids) - 1
    more = f" ({n} more reading{'s' if n > 1 else ''} likewise)" if n else ""
    return (f"{capital(first.get('unit') or 'found')}: {_values(records, sets)}; the reading "
            f"asks {first.get('article_value')}{more}.")


def depends(ids, claims, status, sets, labels) -> str:
    """A result that turns on an analysis choice: k of n, and the deciding choice."""
    for cid in ids:
        for r in _checks(claims[cid]):
            s = r.get("specs")
            if s and 0 < s["k"] < s["n"]:
                choice = join(s.get("deciding_words") or []) or "no single choice"
                return (f"Holds in {s['k']} of {s['n']} specifications on {_where(r, sets)}; "
                        f"the deciding choice: {choice}.")
    return mixed(ids, claims, status, sets, labels)


def _on(records: list[dict], sets) -> str:
    """Data sets with their values: "CTDC 2021 (10) and UNODC 2025 (13, published after the
    article)"."""
    return join(f"{_short(r, sets)} ({value_text(r.get('computed_value'), r.get('article_value'))}"
                f"{', published after the article' if _later(r) else ''})" for r in records)


def mixed(ids, claims, status, sets, labels) -> str:
    """Data sets that disagree: where it holds, where not."""
    cid = ids[0]
    records = _checks(claims[cid])
    yes = [r for r in records if r["status"] in ("reproduced", "consistent")]
    no = [r for r in records if r["status"] in ("differs", "inconsistent")]
    dep = [r for r in records if r["status"] == "depends-on-choices"]
    unit = records[0].get("unit") if records else ""
    parts = []
    if yes:
        parts.append(f"holds on {_on(yes, sets)}")
    if no:
        parts.append(f"not on {_on(no, sets)}")
    if dep:
        parts.append(f"depends on the choice on {join(_where(r, sets) for r in dep)}")
    lead = f"Read as {labels[cid]}, it " if len(labels) > 1 else "It "
    return lead + ", ".join(parts) + (f", in {unit}." if unit else ".")


def indirect(ids, claims, status, sets, labels) -> str:
    """Indirect evidence: what stands in for the statement, and where it points."""
    records = [r for cid in ids for r in deciding(claims[cid])
               if r["status"] in ("consistent", "inconsistent")]
    r = records[0]
    way = "the same way" if status == "consistent" else "the other way"
    kind = {"construction": "it holds by construction (the data were built to agree), so it is "
                            "no independent check",
            "association": "an association between countries stands in for the statement",
            "proxy": "a related quantity stands in for the one named"}.get(r["evidence"], "")
    if all(x.get("computed_value") == r.get("computed_value") for x in records):
        records = records[:1]  # one value for every reading: shown once
    unit = f" {r.get('unit', '')}" if _numeric(r.get("computed_value")) else ""

    def val(x):
        v = value_text(x.get("computed_value"), x.get("article_value"))
        return v.split(" (")[0].split(", n =")[0]
    found = join((f"{labels[x['id']]} " if len(records) > 1 else "") + val(x) for x in records)
    return f"On {_short(r, sets)}, {kind}: {found}{unit}, pointing {way}."


URL = re.compile(r"https?://[^\s,;)]+")
REPORT = re.compile(r"\b[A-Z]{3,}(?: [A-Z]+)* \d{4}\b")
DATA_FILE = re.compile(r"\bdata/[\w.-]+\.csv\b")


def sources_of(text: str) -> tuple[str, list[str], str]:
    """(the report named, the hosts of the pages cited, a data file named) in a source."""
    report = REPORT.search(text or "")
    hosts = []
    for url in URL.findall(text or ""):
        host = urlsplit(url).netloc.removeprefix("www.")
        if host and host not in hosts:
            hosts.append(host)
    file = DATA_FILE.search(text or "")
    return (report.group(0) if report else "the report"), hosts, (file.group(0) if file else "")


def transcription(ids, claims, status, sets, labels) -> str:
    """A transcription: the report, the page it was transcribed through, the value (of the
    first reading that names its page)."""
    records = [claims[cid][0] for cid in ids]
    r = next((x for x in records if URL.search(x.get("source") or "")), records[0])
    report, hosts, file = sources_of(r.get("source", ""))
    via = (f", transcribed through {join(hosts)}" if hosts
           else f", transcribed in {file}" if file else ", transcribed")
    v = r.get("published_value")
    value = f": {value_text(v, r.get('article_value'), extra=0)} {r.get('unit', '')}".rstrip() \
        if _numeric(v) else ""
    return f"Stated by {report}{via}{value}; nothing here computes it."


def nothing(ids, claims, status, sets, labels) -> str:
    """Nothing to check with: the first sentence of the note that says why, or what the
    context checks beside it found."""
    for cid in ids:
        for r in claims.get(cid, []):
            note = re.sub(r"^(Not reproducible|Not computable on this release)[:.]\s*", "",
                          r.get("note") or "")
            if note and r["status"] != "context":
                first = re.split(r"(?<=[.;])\s", note, maxsplit=1)[0].rstrip(".;")
                return f"Nothing here can check it: {first[:1].lower() + first[1:]}."
    context = [r for cid in ids for r in claims.get(cid, []) if r["status"] == "context"]
    if context:
        return (f"Nothing here can check it as worded; as context only, {_on(context, sets)}, "
                f"in {context[0].get('unit')}.")
    return "No notebook checks it yet."


RULES = {"differs": None, "reproduced": None, "depends-on-choices": depends, "mixed": mixed,
         "consistent": indirect, "inconsistent": indirect, "transcribed": transcription,
         "not-reproducible": nothing}


def why(s: Statement, project: Project, sets: dict[str, DataSet]) -> str:
    """One short sentence of why a statement's verdict is what it is, by the rule for the kind
    of its readings (the group :data:`EXPLAINED_FIRST` names, where its readings differ),
    followed by the notebooks' own sentence where a claim carries one (``why``)."""
    pairs = reading_verdicts(s, project.claims)
    if not pairs:
        return "No notebook checks it yet."
    by = dict(groups(pairs))
    status = next(iter(by))
    ids = [cid for cid in by[status] if cid in project.claims]
    labels = reading_labels(s.claim_ids)
    if not ids:
        return nothing(by[status], project.claims, status, sets, labels)
    rule = RULES[status]
    if rule is None:
        first = project.claims[ids[0]][0]
        number_like = _numeric(first.get("article_value")) and first.get("tolerance") is not None
        rule = compared if number_like else tested
    text = rule(ids, project.claims, status, sets, labels)
    own = [r["why"] for cid in ids for r in project.claims[cid] if r.get("why")]
    return text + (f" {own[0]}" if own else "")


def glance_lines(project: Project, sets: dict[str, DataSet], anchor) -> list[str]:
    """One line per statement: its id (linked), its words, the statement, why."""
    out = []
    for s in project.statements:
        pairs = reading_verdicts(s, project.claims)
        words_ = words_line(pairs) if pairs else f"**{word('not-reproducible')}**"
        out.append(f"- [{s.id}]({anchor(s.id)}) {words_}: *{s.statement}* "
                   f"{why(s, project, sets)}")
    return out
