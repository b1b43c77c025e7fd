"""Helpers for the end-to-end tests: run a real figure notebook on other inputs, write a small
CTDC file."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

from tipfigs.tools import runner


def run_figure(tmp_path: Path, stem: str, **params) -> Path:
    """Run notebook ``stem`` with ``params``, writing its outputs to ``tmp_path/out`` (never
    over the published figures); the run must succeed. Returns the output folder."""
    out = tmp_path / "out"
    r = runner.run_one(stem, parameters={**params, "output_dir": str(out)},
                      output_notebook=str(tmp_path / f"{stem}.ipynb"), record=False)
    assert r.ok, r.message
    return out


def write_ctdc(path: Path, header: list[str], records: list[dict]) -> Path:
    """A gzipped CTDC-style CSV with ``header``; each record a dict (missing columns empty)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for rec in records:
        w.writerow([rec.get(c, "") for c in header])
    with gzip.open(path, "wt", newline="") as f:
        f.write(buf.getvalue())
    return path
