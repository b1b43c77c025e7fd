"""The data-quality tables of the UNODC GLOTIP releases.

For each GLOTIP workbook, the flags of the consistency checks (:mod:`tipfigs.glotip.checks`) are
written to ``figures/data-quality-glotip-<YYYY-MM-DD>.csv``, named by the date the release became
public: one row per flagged cell, with the rule it broke, the country, year, indicator, dimension
and cell, the value and what it was compared with (both sides, with the bounds of censored
values), the spreadsheet rows, and what the notebooks do with it. Each file is written
atomically, and its bytes depend only on the workbook and the code (no dates, no versions): an
unchanged release gives an identical file. The command that writes them is
``python -m tipfigs.tools.quality``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from tipfigs import manifest, params
from tipfigs.glotip import read
from tipfigs.glotip.checks import QUALITY_COLUMNS, RULES
from tipfigs.outputs import atomic_write

PREFIX = "data-quality-glotip-"
_WHOLE = ("value_low", "value_high", "compared_low", "compared_high")


def releases() -> list[manifest.DataFile]:
    """The GLOTIP workbooks of the manifest, oldest first."""
    found = [e for e in manifest.load().values() if Path(e.path).name.startswith("data_glotip")]
    return sorted(found, key=lambda e: (e.published, e.path))


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


def write(workbook, label: str, output_dir=None) -> Path:
    """Check one workbook and write its table; returns the path written."""
    target = params.output_dir("output_dir", output_dir) / file_name(label)
    atomic_write(target, csv_bytes(read.flags(workbook)))
    return target
