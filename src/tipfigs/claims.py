"""The claims record: every reading of a statement of the article that a notebook checks.

A *claim* is one reading of one statement, checked on one data set (a release). Its grade
(``status``) is decided by code from two things the notebook must say explicitly: the
*kind of evidence* the computation is, and whether the statement *holds* on it. No notebook
types a status, so a correlation between countries can never be recorded as ``reproduced``.

Kinds of evidence (:data:`EVIDENCE`):

- ``direct``: the computation tests the statement as worded (a count, a share, a ranking, a
  trend of the very quantity the statement names);
- ``association``: an association between countries stands in for a causal statement
  ("X raises the risk of Y");
- ``construction``: an equality that holds because of how the data were built (country
  estimates made to add up to a published total), so agreement is not an independent check;
- ``proxy``: a related quantity stands in for the one the statement names;
- ``other-source``: the computation uses data the article does not rely on for this
  sentence (context for the reader, never a verdict on the sentence);
- ``report``: the value is transcribed from a published report (:meth:`Claims.transcribed`);
- ``none``: nothing here can check it (:meth:`Claims.not_reproducible`).

The statuses, in plain words, are :data:`DEFINITIONS`; ``mixed`` is never recorded by a
notebook: the report gives it to a reading whose checks on the article's data disagree.

*Robustness.* A direct test that involves analysis choices is recorded with its specification
grid (``specs=``, a :class:`tipfigs.specs.Result`): it is ``reproduced`` or ``differs`` only
when every computable specification agrees, and ``depends-on-choices`` otherwise, with "holds
in k of n specifications" and the deciding choice in its record (``specs``).

The article's side of every claim lives in one data file, ``data/article_claims.csv``: the
reading (how a statement is read so that it can be tested), the statements it checks, the
article's value, its unit and the tolerance (:class:`Reading`). A notebook records only what
it computed against a claim id (the computed value, whether the statement holds, the data,
the source and a note); it never types the article's value.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tipfigs import paths
from tipfigs.datafiles import read_commented_csv
from tipfigs.errors import SchemaError

#: Every status, in the order the report lists them.
STATUSES = ("reproduced", "differs", "depends-on-choices", "mixed", "consistent", "inconsistent", "context",
            "transcribed", "not-reproducible")

#: What each status means, in words a reader understands (shown at the top of the report
#: and the catalogue).
DEFINITIONS = {
    "reproduced": "computed from data by a test of the statement as worded, and the statement "
                  "holds (a number within the article's rounding, a ranking or trend as stated).",
    "differs": "computed from data by a test of the statement as worded, and the statement does "
               "not hold: the number is outside the article's rounding, or the ranking or trend "
               "is not as stated.",
    "depends-on-choices": "computed from data by a test of the statement as worded, and the "
                          "answer turns on an analysis choice an analyst could reasonably make "
                          "otherwise (a window, a panel of countries, a weighting, an exclusion "
                          "rule, the largest reporter left out): it holds in some specifications "
                          "and not in others (how many, and the deciding choice, are given).",
    "mixed": "the same reading was tested on more than one data set the article could have used, "
             "and they disagree: it holds on some and not on others (each is listed).",
    "consistent": "the data bear on the statement but cannot test it as worded (an association "
                  "between countries for a causal statement, an equality that holds by "
                  "construction, or a proxy for the quantity named), and they point the same way.",
    "inconsistent": "the data bear on the statement only indirectly, as for consistent, and "
                    "point the other way.",
    "context": "computed from data the article does not rely on for this sentence; shown for the "
               "reader, never a verdict on the sentence.",
    "transcribed": "the value exists only in a published report and was transcribed from it, with "
                   "its source; nothing here computes it, so it is not checked.",
    "not-reproducible": "neither data nor a published value that could check the statement are "
                        "available here (the note says why).",
}

#: Kind of evidence -> (status when the statement holds, status when it does not).
EVIDENCE = {
    "direct": ("reproduced", "differs"),
    "association": ("consistent", "inconsistent"),
    "construction": ("consistent", "inconsistent"),
    "proxy": ("consistent", "inconsistent"),
    "other-source": ("context", "context"),
    "report": ("transcribed", "transcribed"),
    "none": ("not-reproducible", "not-reproducible"),
}
#: The kinds a notebook passes to :meth:`Claims.compare` and :meth:`Claims.test`.
COMPUTED_EVIDENCE = ("direct", "association", "construction", "proxy", "other-source")


def _clean(v):
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return float(round(v, 6))
    if hasattr(v, "item"):  # numpy scalars
        return _clean(v.item())
    return v


def status_for(evidence: str, holds: bool | None, unanimous: bool = True) -> str:
    """The status of a claim of kind ``evidence`` whose statement holds (or not) under its
    default specification; a direct test whose specifications disagree (``unanimous`` False)
    depends on choices."""
    if evidence not in EVIDENCE:
        raise ValueError(f"evidence {evidence!r} not in {tuple(EVIDENCE)}")
    if evidence == "direct" and not unanimous:
        return "depends-on-choices"
    return EVIDENCE[evidence][0 if holds else 1]


def is_unanimous(specs: dict | None) -> bool:
    """Whether a claim's specifications (its ``specs`` record) all agree (True without any)."""
    return specs is None or specs["k"] in (0, specs["n"])


def data_label(data) -> tuple[str, str, str]:
    """(label, published date, era) of the data a claim was computed from: a manifest entry
    (its title and the date its release became public), a plain label (a file that is not a
    manifest release: era unknown), or None (nothing computed)."""
    if data is None:
        return "", "", ""
    if isinstance(data, str):
        return data, "", ""
    return f"{data.title}, {data.published}", data.published, data.era


#: The data file of the readings, relative to the project root.
READINGS_CSV = "data/article_claims.csv"
READING_COLUMNS = ("id", "statements", "reading", "article_value", "unit", "tolerance")


@dataclass(frozen=True)
class Reading:
    """The article's side of one claim (a row of ``data/article_claims.csv``)."""

    id: str
    statements: tuple[str, ...]
    reading: str
    article_value: object
    unit: str
    tolerance: float | None


def _value(text: str):
    """A number where the cell is one (an integer stays an integer), else the text."""
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return text


def load_readings(path: Path | None = None) -> dict[str, Reading]:
    """Every reading of ``data/article_claims.csv`` by claim id, with its file's problems
    named (file, line and column): a missing column, an empty id or reading, an id twice, a
    tolerance that is not a non-negative number."""
    out: dict[str, Reading] = {}
    for where, row in read_commented_csv(path or paths.resolve(READINGS_CSV), READING_COLUMNS):
        cid = row["id"].strip()
        if not cid or not row["reading"].strip():
            raise SchemaError(f"{where}: lacks an id or a reading")
        if cid in out:
            raise SchemaError(f"{where}: claim id {cid!r} is listed twice")
        tol = _value(row["tolerance"])
        if tol == "":
            tol = None
        elif isinstance(tol, str) or tol < 0:
            raise SchemaError(f"{where}: claim {cid}: column 'tolerance' must be a number of at "
                              f"least 0 or empty; found {row['tolerance']!r}")
        statements = tuple(p.strip() for p in row["statements"].split(";") if p.strip())
        out[cid] = Reading(cid, statements, " ".join(row["reading"].split()),
                           _value(row["article_value"]), row["unit"].strip(),
                           None if tol is None else float(tol))
    return out


@dataclass
class Claim:
    id: str
    statement: str
    article_value: object
    computed_value: object
    unit: str
    tolerance: float | None
    evidence: str
    holds: bool | None
    status: str = ""
    measure: str = ""
    source: str = ""
    data: str = ""
    published: str = ""
    era: str = ""
    published_value: object = None
    figure: str = ""
    note: str = ""
    #: The specification grid's summary (:meth:`tipfigs.specs.Result.summary`), or None.
    specs: dict | None = None
    #: Why the statement holds or not, in one short sentence the notebook computed (optional:
    #: the report builds its sentence from the other fields by rule, and adds this one).
    why: str = ""

    def __post_init__(self):
        if self.status != status_for(self.evidence, self.holds, is_unanimous(self.specs)):
            raise ValueError(f"claim {self.id}: status {self.status!r} does not follow from "
                             f"evidence {self.evidence!r} and holds={self.holds!r}")
        self.article_value = _clean(self.article_value)
        self.computed_value = _clean(self.computed_value)
        self.published_value = _clean(self.published_value)


def _computed(evidence: str, unit: str) -> str:
    if evidence not in COMPUTED_EVIDENCE:
        raise ValueError(f"evidence {evidence!r}: a computed check is one of {COMPUTED_EVIDENCE}")
    if evidence == "direct" and "correlation" in unit.lower():
        raise ValueError("a correlation between countries cannot test a statement as worded: "
                         "record it with evidence='association'")
    return evidence


@dataclass
class Claims:
    """The claims a figure records, each against a reading of ``data/article_claims.csv``
    (loaded when first needed; ``readings`` replaces it, e.g. in tests)."""

    figure: str
    items: list[Claim] = field(default_factory=list)
    readings: dict[str, Reading] | None = None
    #: The specification grids recorded with the claims (written to ``<figure>.specs.csv``).
    spec_results: list = field(default_factory=list)

    def reading(self, id: str) -> Reading:
        """The article's side of claim ``id``: its reading, value, unit and tolerance."""
        if self.readings is None:
            self.readings = load_readings()
        if id not in self.readings:
            raise ValueError(f"claim id {id!r} is not in {READINGS_CSV}: add its reading there "
                             "(statements, reading, article_value, unit, tolerance)")
        return self.readings[id]

    def article_value(self, id: str):
        """The article's value for claim ``id`` (a number, or a phrase for a qualitative
        reading), as ``data/article_claims.csv`` gives it."""
        return self.reading(id).article_value

    def _add(self, claim: Claim) -> Claim:
        if any(c.id == claim.id and c.data == claim.data for c in self.items):
            where = f" on {claim.data}" if claim.data else ""
            raise ValueError(f"claim id {claim.id!r} recorded twice{where} in {self.figure}")
        claim.figure = self.figure
        self.items.append(claim)
        return claim

    def compare(self, id: str, computed_value: float, source: str, *, evidence: str, data,
                note: str = "", measure: str = "", specs=None, why: str = "") -> Claim:
        """A number computed from ``data``, checked against the article's value for ``id``: the
        statement holds when the two agree within the reading's tolerance. ``specs``: the
        reading's specification grid (:func:`tipfigs.specs.run`, its default first), when the
        number involves analysis choices. ``why``: an optional short sentence, computed, that
        says why the number agrees or not (the report shows it with its own)."""
        r = self.reading(id)
        if not isinstance(r.article_value, (int, float)) or r.tolerance is None:
            raise ValueError(f"claim {id}: {READINGS_CSV} gives no number and tolerance to "
                             "compare with: record it with test()")
        if computed_value is None or (isinstance(computed_value, float)
                                      and math.isnan(computed_value)):
            raise ValueError(f"claim {id}: computed value is missing")
        holds = self.within_tolerance(id, computed_value)
        return self._record(r, computed_value, _computed(evidence, r.unit + " " + measure),
                            holds, source, data, note, measure, specs, why)

    def within_tolerance(self, id: str, value: float) -> bool:
        """Whether ``value`` agrees with the article's value for ``id`` within its tolerance."""
        r = self.reading(id)
        return abs(float(value) - float(r.article_value)) <= r.tolerance + 1e-9

    def test(self, id: str, holds: bool, computed_value, source: str, *, evidence: str, data,
             note: str = "", measure: str = "", specs=None, why: str = "") -> Claim:
        """A statement tested on ``data`` by the notebook's own rule (a ranking, a trend, 'more
        than half'): ``holds`` says whether it held; ``computed_value`` is what was found.
        ``specs``: the test under every specification of its grid (its default first, which
        must give ``holds`` and ``computed_value``); ``why``: as for :meth:`compare`."""
        r = self.reading(id)
        return self._record(r, computed_value, _computed(evidence, r.unit + " " + measure),
                            bool(holds), source, data, note, measure, specs, why)

    def transcribed(self, id: str, published_value, source: str, note: str = "",
                    measure: str = "", why: str = "") -> Claim:
        """A value that exists only in a published report (transcribed under data/). Its
        computed value stays empty: a transcription is not a computation."""
        claim = self._record(self.reading(id), None, "report", None, source, None, note, measure,
                             why=why)
        claim.published_value = _clean(published_value)
        return claim

    def not_reproducible(self, id: str, source: str, note: str, data=None,
                         why: str = "") -> Claim:
        """A statement that neither the data nor a published value can check here."""
        return self._record(self.reading(id), None, "none", None, source, data, note, "",
                            why=why)

    def _record(self, r: Reading, computed_value, evidence, holds, source, data, note,
                measure, specs=None, why: str = "") -> Claim:
        label, published, era = data_label(data)
        summary = None
        if specs is not None:
            summary = self._specs(r.id, specs, holds, computed_value, label)
        return self._add(Claim(r.id, r.reading, r.article_value, computed_value, r.unit,
                               r.tolerance, evidence, holds,
                               status_for(evidence, holds, is_unanimous(summary)), measure, source,
                               label, published, era, note=note, specs=summary,
                               why=" ".join(why.split())))

    def _specs(self, id: str, result, holds, computed_value, label: str) -> dict:
        """Check a specification grid against the claim it goes with, and keep it."""
        if result.reading != id:
            raise ValueError(f"claim {id}: its specification grid is for {result.reading!r}")
        base = result.default
        if not base.computable:
            raise ValueError(f"claim {id}: the default specification cannot be computed "
                             f"({base.why}); record the claim as not reproducible")
        close = (computed_value is None or not isinstance(computed_value, (int, float))
                 or abs(float(base.value) - float(computed_value)) <= 0.051)  # rounded for show
        if bool(base.holds) != bool(holds) or not close:
            raise ValueError(f"claim {id}: the default specification gives {base.value!r} "
                             f"(holds={base.holds}), the claim {computed_value!r} (holds={holds})")
        result.data = label
        self.spec_results.append(result)
        return result.summary(f"{self.figure}.specs.csv")

    def records(self) -> list[dict]:
        """The claims as records; ``specs`` only on a claim recorded with its grid, ``why``
        only on one recorded with a sentence."""
        out = []
        for c in self.items:
            r = asdict(c)
            if r["specs"] is None:
                del r["specs"]
            if not r["why"]:
                del r["why"]
            out.append(r)
        return out

    def to_json(self) -> str:
        return json.dumps(self.records(), indent=2, ensure_ascii=False) + "\n"

    def frame(self):
        import pandas as pd

        cols = ["id", "data", "status", "evidence", "article_value", "computed_value",
                "published_value", "unit", "statement"]
        return pd.DataFrame(self.records(), columns=list(Claim.__dataclass_fields__))[cols]


def deciding(records: list[dict]) -> list[dict]:
    """The records of a reading that decide its verdict: checks on the article's data (or on
    data of no release date, such as a transcription), never context checks."""
    return [r for r in records if r.get("era") != "latest" and r["status"] != "context"]


def verdict(records: list[dict]) -> str:
    """One status for a reading checked by several claims (several figures or data sets).

    Only checks on the article's data (or on data of no release date, such as a transcription)
    decide it; checks on later releases and context checks are shown beside it, not in it.
    Direct tests outweigh indirect evidence, which outweighs a transcription. Where the
    deciding checks disagree (one data set reproduces the reading, another depends on choices
    or differs), the verdict is ``mixed``; where each depends on choices, so does the verdict.
    """
    for tier in (("reproduced", "differs", "depends-on-choices"), ("consistent", "inconsistent"),
                 ("transcribed",)):
        found = {r["status"] for r in deciding(records) if r["status"] in tier}
        if len(found) == 1:
            return found.pop()
        if found:
            return "mixed"
    return "not-reproducible"
