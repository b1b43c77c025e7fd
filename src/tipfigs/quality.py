"""The data-quality tables of the UNODC GLOTIP releases.

    python -m tipfigs.quality [--output-dir DIR] [WORKBOOK ...]

For each GLOTIP workbook of the manifest (or each WORKBOOK given), the consistency checks of
:mod:`tipfigs.glotip` are written to ``figures/data-quality-glotip-<YYYY-MM-DD>.csv``, named by
the date the release became public: one row per flagged cell, with the rule it broke, the
country, year, indicator, dimension and cell, the value and what it was compared with (both
sides, with the bounds of censored values), the spreadsheet rows, and what the notebooks do
with it. Each file is written atomically, and its bytes depend only on the workbook and the
code (no dates, no versions): an unchanged release gives an identical file.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

from tipfigs import glotip, manifest, params, paths
from tipfigs.errors import TipfigsError
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
    out = flags[glotip.QUALITY_COLUMNS].copy()
    for col in _WHOLE:
        out[col] = pd.to_numeric(out[col]).round().astype("Int64")
    out["tolerance"] = pd.to_numeric(out["tolerance"]).round(2)
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def summary(flags: pd.DataFrame) -> pd.DataFrame:
    """Flags per rule: flagged cells, and the country-years they concern."""
    rows = []
    for rule in glotip.RULES:
        f = flags[flags["rule"] == rule]
        rows.append({"rule": rule, "flagged cells": len(f),
                     "country-years": len(f[["iso3", "country", "year"]].drop_duplicates())})
    return pd.DataFrame(rows)


def write(workbook, label: str, output_dir=None) -> Path:
    """Check one workbook and write its table; returns the path written."""
    target = params.output_dir("output_dir", output_dir) / file_name(label)
    atomic_write(target, csv_bytes(glotip.quality(workbook)))
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.quality", description=__doc__.split("\n")[0])
    ap.add_argument("workbooks", nargs="*", help="GLOTIP workbooks (default: every release of the "
                    "manifest, named by the date it became public)")
    ap.add_argument("--output-dir", default=None,
                    help="folder for the tables (default: figures/, or $TIPFIGS_OUTPUT_DIR)")
    args = ap.parse_args(argv)
    try:
        if args.workbooks:
            jobs = [(w, Path(w).stem) for w in args.workbooks]
        else:
            jobs = [(e.local, e.published) for e in releases()]
        for workbook, label in jobs:
            target = write(workbook, label, args.output_dir)
            counts = summary(glotip.quality(workbook))
            done = ", ".join(f"{r['rule']} {r['flagged cells']}" for _, r in counts.iterrows())
            print(f"  ok  {paths.show(target)}: {done}")
    except TipfigsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
