"""What the report, the figure catalogue and the citation are generated from, read and merged
from the committed files: each figure (its notebook's title and the records it published,
``figures/<stem>.about.json`` and ``figures/<stem>.claims.json``), the article's statements
(``data/article_statements.csv``) with the readings that check them
(``data/article_claims.csv``), the data-quality tables, the collection's facts and VERSION.

Nothing here renders: :func:`load_project` returns a :class:`Project` and the problems it found
(a reading recorded twice on the same data, a record without its kind of evidence, a reading
that no figure records ...), which the report lists.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tipfigs import collection, manifest, paths, version
from tipfigs.claims import EVIDENCE, READINGS_CSV, is_unanimous, load_readings, status_for
from tipfigs.datafiles import read_commented_csv
from tipfigs.errors import DataError, SchemaError
from tipfigs.outputs import SUFFIXES
from tipfigs.tools import changelog, notebooks, variants
from tipfigs.transcribed import transcribed_files

STATEMENTS_CSV = "data/article_statements.csv"
STATEMENT_COLUMNS = ("id", "paragraph", "statement")


@dataclass
class Statement:
    id: str
    paragraph: str
    statement: str
    claim_ids: list[str]          # the readings that check it (data/article_claims.csv)


@dataclass
class Input:
    """A data file a figure read, as its about record names it."""

    path: str                     # relative to the root
    kind: str                     # "release" (manifest), "transcribed" (data/*.csv) or "file"
    citation: str
    title: str = ""
    release: str = ""
    sha256: str = ""
    terms: str = ""


@dataclass
class Figure:
    stem: str
    title: str                    # the notebook's first heading
    claims: list[dict]
    files: dict[str, bool]        # suffix -> exists
    inputs: list[Input] = field(default_factory=list)
    headline: str = ""            # the title drawn in the figure (its about record)
    finding: str = ""             # its key finding, computed from the data (its about record)
    alt: str = ""                 # its text alternative (its about record)
    left_out: list[dict] = field(default_factory=list)  # what a stated rule left out of a sum
    description: str = ""         # its long description (a publication figure's about record)
    #: Variant -> the base name of its files (``<base>.png``, ``.svg``): page, slide and bare
    #: of a publication figure, the page only of a figure not converted yet (its about record).
    variants: dict[str, str] = field(default_factory=dict)
    images: dict[str, bool] = field(default_factory=dict)  # each variant's file -> exists


@dataclass
class QualityTable:
    path: str                     # relative to the root
    rules: dict[str, int]         # rule -> flagged cells
    cells: int


@dataclass
class Transcribed:
    """A value transcribed from a report (a row of a data/*.csv file that cites the page it was
    checked on): the report, the page's title and address."""

    file: str                     # relative to the root
    id: str
    report: str
    stated_by: str
    url: str


@dataclass
class Project:
    version: str
    facts: collection.Collection  # data/collection.toml
    figures: list[Figure]
    statements: list[Statement]
    claims: dict[str, list[dict]]  # claim id (a reading) -> its records (figures x data sets)
    problems: list[str]           # claims recorded twice, bad grades, bad statements file
    quality: list[QualityTable] = field(default_factory=list)
    datasets: list[manifest.DataFile] = field(default_factory=list)  # data/manifest.toml
    transcribed: list[Transcribed] = field(default_factory=list)  # data/*.csv with their pages
    released: str = ""            # the release date of the version (CHANGELOG.md), YYYY-MM-DD

    @property
    def year(self) -> str:
        """The year of the release, cited with the collection."""
        return self.released[:4]


def title_of(nb: dict, stem: str) -> str:
    """The first markdown heading of the notebook (the stem when it has none)."""
    for c in nb["cells"]:
        if c["cell_type"] != "markdown":
            continue
        for line in "".join(c["source"]).splitlines():
            m = re.match(r"^#{1,6}\s+(.+?)\s*#*\s*$", line)
            if m:
                return m.group(1)
    return stem


def load_claims(figures_dir: Path, stems: list[str] | None = None
                ) -> tuple[dict[str, list[dict]], dict[str, list[dict]], list[str]]:
    """All claims of the figures ``stems`` (default: every claims record in ``figures_dir``):
    by id (every record of one reading, across figures and data sets), by figure, and the
    problems found: a reading recorded twice on the same data, a record without a kind of
    evidence, a status that does not follow from its evidence."""
    by_id: dict[str, list[dict]] = {}
    by_fig: dict[str, list[dict]] = {}
    problems = []
    for p in sorted(figures_dir.glob("*.claims.json")):
        stem = p.name[: -len(".claims.json")]
        if stems is not None and stem not in stems:
            continue  # not one of the collection's figures (data/figures.toml)
        try:
            records = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            problems.append(f"{paths.show(p)}: cannot read ({e})")
            continue
        by_fig[stem] = []
        for r in records:
            r = dict(r)
            r["figure"] = r.get("figure") or stem
            r.setdefault("data", "")
            r.setdefault("era", "")
            cid = r.get("id")
            if r.get("evidence") not in EVIDENCE:
                problems.append(f"{paths.show(p)}: claim {cid!r} does not say its kind of evidence "
                                f"(one of {', '.join(EVIDENCE)})")
                continue
            try:
                expected = status_for(r["evidence"], r.get("holds"), is_unanimous(r.get("specs")))
            except ValueError:
                expected = None
            if r.get("status") != expected:
                problems.append(f"{paths.show(p)}: claim {cid!r} has status {r.get('status')!r}, "
                                f"but its evidence ({r['evidence']}) and its specifications give "
                                f"{expected!r}")
                continue
            twin = next((o for o in by_id.get(cid, []) if o["data"] == r["data"]), None)
            if twin is not None:
                on = f" on {r['data']}" if r["data"] else ""
                problems.append(f"claim id {cid!r} recorded twice{on}: by {twin['figure']} "
                                f"and {r['figure']}")
                continue
            by_id.setdefault(cid, []).append(r)
            by_fig[stem].append(r)
    return by_id, by_fig, problems


def load_quality(figures_dir: Path) -> list[QualityTable]:
    """The data-quality tables committed with the figures (``figures/data-quality-*.csv``):
    flagged cells counted by the rule they broke."""
    out = []
    for p in sorted(figures_dir.glob("data-quality-*.csv")):
        rows = [row for _, row in read_commented_csv(p, ())]
        rules = Counter(r.get("rule") or "unnamed rule" for r in rows)
        out.append(QualityTable(paths.show(p), dict(sorted(rules.items())), len(rows)))
    return out


def load_statements(path: Path | None = None, readings_path: Path | None = None
                    ) -> list[Statement]:
    """The article's statements, each with the ids of the readings that check it (from
    ``data/article_claims.csv``, in the order listed there)."""
    path = path or paths.resolve(STATEMENTS_CSV)
    readings = load_readings(readings_path)
    rows = read_commented_csv(path, STATEMENT_COLUMNS)
    if not rows:
        raise SchemaError(f"{paths.show(path)}: no statements")
    out, seen = [], set()
    for where, r in rows:
        sid = r["id"].strip()
        if not sid or not r["statement"].strip():
            raise SchemaError(f"{where}: lacks an id or a statement")
        if sid in seen:
            raise SchemaError(f"{where}: statement id {sid!r} repeats")
        seen.add(sid)
        ids = [cid for cid, rd in readings.items() if sid in rd.statements]
        out.append(Statement(sid, r["paragraph"].strip(), " ".join(r["statement"].split()), ids))
    unknown = sorted({f"{cid} ({s})" for cid, rd in readings.items() for s in rd.statements
                      if s not in seen} | {cid for cid, rd in readings.items() if not rd.statements})
    if unknown:
        raise SchemaError(f"{READINGS_CSV}: readings of no statement of {paths.show(path)}: "
                          + ", ".join(unknown))
    return out


def mapping_problems(statements: list[Statement], claims: dict[str, list[dict]]) -> list[str]:
    """Readings of ``data/article_claims.csv`` that no figure records: each must be recorded
    (once per data set; twice on the same data is a problem found by :func:`load_claims`)."""
    return [f"claim {cid!r} ({READINGS_CSV}, statement {s.id}) is recorded by no figure"
            for s in statements for cid in s.claim_ids if cid not in claims]


def unmapped_claims(statements: list[Statement], claims: dict[str, list[dict]]) -> list[str]:
    """Claim ids recorded by a figure that ``data/article_claims.csv`` does not list (a claims
    file older than the readings), by first figure and id."""
    mapped = {cid for s in statements for cid in s.claim_ids}
    return sorted((cid for cid in claims if cid not in mapped),
                  key=lambda cid: (claims[cid][0]["figure"], cid))


def read_about(path: Path, problems: list[str]) -> dict:
    """A figure's about record (title, finding, text alternative, the data it read), or {}
    when the figure is not built yet."""
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        problems.append(f"{paths.show(path)}: cannot read ({e})")
        return {}


def load_figure(stem: str, claims: list[dict], problems: list[str]) -> Figure:
    """One figure: its notebook's title, the outputs that exist, and what its about record
    says (nothing before the figure is built), with its variants and their files."""
    nb = notebooks.read(notebooks.notebook_path(stem))
    files = {s: (paths.figures_dir() / f"{stem}{s}").is_file() for s in SUFFIXES}
    about = read_about(paths.figures_dir() / f"{stem}.about.json", problems)
    inputs = [Input(d["path"], d["kind"], d["citation"], d.get("title", ""), d.get("release", ""),
                    d.get("sha256", ""), d.get("terms", "")) for d in about.get("data", [])]
    named = variants.named(stem, about)
    images = {name: (paths.figures_dir() / name).is_file()
              for name in variants.file_names(stem, about)}
    if about:
        problems += [f"figures/{name}: named by the about record of {stem} but missing (run make)"
                     for name, exists in images.items() if not exists]
    return Figure(stem, title_of(nb, stem), claims, files, inputs, about.get("title", ""),
                  about.get("finding", ""), about.get("alt", ""), about.get("left_out", []),
                  about.get("description", ""), named, images)


TRANSCRIBED_COLUMNS = ("id", "report", "stated_by", "url")


def load_transcribed(data_dir: Path) -> list[Transcribed]:
    """Every transcribed value (:func:`tipfigs.transcribed.transcribed_files`) with the report
    and the page it was checked on."""
    out = []
    for p in transcribed_files(data_dir):
        for _, row in read_commented_csv(p, TRANSCRIBED_COLUMNS):
            out.append(Transcribed(paths.show(p), row["id"], row["report"].strip(),
                                   row["stated_by"].strip(), row["url"].strip()))
    return out


def load_datasets(problems: list[str]) -> list[manifest.DataFile]:
    """The manifest's entries (none, and a problem named, when it cannot be read)."""
    try:
        return list(manifest.load().values())
    except DataError as e:
        problems.append(str(e))
        return []


def load_project() -> Project:
    stems = notebooks.stems()
    # With data/figures.toml, only the listed figures' records: a copy's leftovers never count.
    claims, by_fig, problems = load_claims(paths.figures_dir(),
                                           stems if notebooks.listed() is not None else None)
    figures = [load_figure(stem, by_fig.get(stem, []), problems) for stem in stems]
    statements_file = paths.resolve(STATEMENTS_CSV)
    if statements_file.is_file():
        statements = load_statements(statements_file)
    else:
        statements = []
        problems.append(f"{STATEMENTS_CSV} not found: the report lists no statement of the article")
    problems += mapping_problems(statements, claims)
    problems += [f"claim {cid!r} is recorded by {claims[cid][0]['figure']} but is not in "
                 f"{READINGS_CSV}" for cid in unmapped_claims(statements, claims)]
    return Project(version(), collection.load(), figures, statements, claims, problems,
                   load_quality(paths.figures_dir()), load_datasets(problems),
                   load_transcribed(paths.data_dir()), changelog.release(version()).date)
