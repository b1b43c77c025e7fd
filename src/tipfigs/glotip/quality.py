"""The data-quality tables of the UNODC GLOTIP releases.

For each GLOTIP workbook, the flags of the consistency checks (:mod:`tipfigs.glotip.checks`) and
the cells revised since the release before it (:mod:`tipfigs.glotip.revisions`) are written to
``figures/data-quality-glotip-<YYYY-MM-DD>.csv``, named by the date the release became public:
one row per flagged cell, with the rule it broke, the country, year, indicator, dimension and
cell, the value and what it was compared with (both sides, with the bounds of censored values),
the spreadsheet rows, and what the notebooks do with it. Each file is written atomically, and
its bytes depend only on the workbooks and the code (no dates, no versions): unchanged releases
give an identical file. The command that writes them for the manifest's releases is
``python -m tipfigs.tools.quality``; a notebook run on a workbook outside the manifest writes
that workbook's table with its own outputs.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from tipfigs import manifest, params
from tipfigs.glotip import checks, read, revisions
from tipfigs.glotip.checks import QUALITY_COLUMNS
from tipfigs.outputs import atomic_write

PREFIX = "data-quality-glotip-"
_WHOLE = ("value_low", "value_high", "compared_low", "compared_high")
#: Every rule of a data-quality table, in the order it lists them: the checks of one workbook,
#: then the revisions since the release before it.
RULES = {**checks.RULES, revisions.RULE: revisions.DESCRIPTION}


def releases() -> list[manifest.DataFile]:
    """The GLOTIP workbooks of the manifest, oldest first."""
    found = [e for e in manifest.load().values() if Path(e.path).name.startswith("data_glotip")]
    return sorted(found, key=lambda e: (e.published, e.path))


def previous(entry: manifest.DataFile) -> manifest.DataFile | None:
    """The manifest's GLOTIP release before ``entry`` (None for the first)."""
    found = releases()
    i = next((i for i, e in enumerate(found) if e.path == entry.path), None)
    return found[i - 1] if i else None


def named(workbook, entry: manifest.DataFile | None) -> str:
    """How a data-quality table names a workbook it compares with: "release of 2023-05-30" for
    a manifest release, "workbook <file name>" for any other file."""
    return f"release of {entry.published}" if entry is not None else f"workbook {Path(workbook).name}"


def table(workbook, earlier=None, earlier_label: str = "") -> pd.DataFrame:
    """The data-quality table of ``workbook``: its flags (:func:`tipfigs.glotip.read.flags`) and,
    when ``earlier`` (a workbook) is given, the cells revised since it, named by
    ``earlier_label``."""
    found = read.flags(workbook)
    if earlier is None:
        return found
    revised = revisions.between(earlier, workbook, earlier_label)
    return pd.concat([found, revised], ignore_index=True) if len(revised) else found


def file_name(label: str) -> str:
    """``data-quality-glotip-<label>.csv`` (the label is a release date, or a file's stem)."""
    return f"{PREFIX}{label}.csv"


def csv_bytes(flags: pd.DataFrame) -> bytes:
    """The table as CSV bytes: counts as whole numbers, the tolerance to two decimals."""
    out = flags[QUALITY_COLUMNS].copy()
    for col in _WHOLE:
        out[col] = pd.to_numeric(out[col]).round().astype("Int64")
    out["tolerance"] = pd.to_numeric(out["tolerance"]).round(2)
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def summary(flags: pd.DataFrame) -> pd.DataFrame:
    """Flags per rule: flagged cells, and the country-years they concern."""
    rows = []
    for rule in RULES:
        f = flags[flags["rule"] == rule]
        rows.append({"rule": rule, "flagged cells": len(f),
                     "country-years": len(f[["iso3", "country", "year"]].drop_duplicates())})
    return pd.DataFrame(rows)


def write(flags: pd.DataFrame, label: str, output_dir=None) -> Path:
    """Write one workbook's table (:func:`table`) as ``data-quality-glotip-<label>.csv`` in
    ``output_dir`` (default: figures/); returns the path written."""
    target = params.output_dir("output_dir", output_dir) / file_name(label)
    atomic_write(target, csv_bytes(flags))
    return target
