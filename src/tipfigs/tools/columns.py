"""The column dictionary of the figure tables (``figures/<stem>.csv``): each table's columns
with their meaning and unit, written as ``figures/COLUMNS.md`` from one file kept by hand,
``data/figure_columns.csv`` (one row per column name). A column that the file does not describe
is a problem the catalogue command reports (and its ``--check`` fails on)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from tipfigs import paths
from tipfigs.datafiles import read_commented_csv
from tipfigs.errors import SchemaError
from tipfigs.tools.markdown import GENERATED, Linker, cell

DESCRIPTIONS = "data/figure_columns.csv"
SHARE_UNITS = ("fraction (0 to 1)", "per cent")


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    unit: str


def load(path: Path | None = None) -> dict[str, Column]:
    """The described columns, by name (a name twice is an error naming its line)."""
    out: dict[str, Column] = {}
    for where, row in read_commented_csv(path or paths.resolve(DESCRIPTIONS),
                                         ("column", "meaning", "unit")):
        name = row["column"].strip()
        if not name or not row["meaning"].strip():
            raise SchemaError(f"{where}: lacks a column name or its meaning")
        if name in out:
            raise SchemaError(f"{where}: column {name!r} is described twice")
        out[name] = Column(name, " ".join(row["meaning"].split()), row["unit"].strip())
    return out


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f), [])


def tables(stems: list[str]) -> dict[str, list[str]]:
    """The columns of each figure table that exists, by stem."""
    out = {}
    for stem in stems:
        p = paths.figures_dir() / f"{stem}.csv"
        if p.is_file():
            out[stem] = header(p)
    return out


def undescribed(found: dict[str, list[str]], described: dict[str, Column]) -> list[str]:
    """A problem for each column of a figure table that the descriptions lack."""
    return [f"figures/{stem}.csv: column {c!r} is not described in {DESCRIPTIONS}"
            for stem, cols in found.items() for c in cols if c not in described]


def share_units(found: dict[str, list[str]], described: dict[str, Column]) -> dict[str, list[str]]:
    """The tables that give shares, by the unit they give them in."""
    out: dict[str, list[str]] = {u: [] for u in SHARE_UNITS}
    for stem, cols in found.items():
        for u in SHARE_UNITS:
            if any(c in described and described[c].unit == u for c in cols):
                out[u].append(stem)
    return out


def render(stems: list[str], link: Linker) -> str:
    """figures/COLUMNS.md."""
    described = load()
    found = tables(stems)
    units = share_units(found, described)
    out = ["# The columns of the figure tables", "", GENERATED.replace(
        "the notebooks, ", f"the figure tables, {DESCRIPTIONS}, the notebooks, "), "",
           "Each figure's table (`figures/<stem>.csv`) holds what the figure plots, one row per "
           "value. Its columns, with their meaning and unit:", ""]
    for u, stems_ in units.items():
        if stems_:
            out.append(f"- Shares as a {u}: " + ", ".join(
                f"[{s}](#{s})" for s in stems_) + "." if u.startswith("fraction") else
                f"- Shares in {u}: " + ", ".join(f"[{s}](#{s})" for s in stems_) + ".")
    out.append("")
    for stem, cols in found.items():
        out += [f'<a id="{stem}"></a>', "",
                f"## [{stem}.csv]({link('file', f'figures/{stem}.csv')})", "",
                "| column | meaning | unit |", "|---|---|---|"]
        for c in cols:
            d = described.get(c)
            out.append(f"| `{c}` | {cell(d.meaning if d else 'not described')} "
                       f"| {cell(d.unit if d else '')} |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
