"""Helpers for the end-to-end tests: run a real figure notebook on other inputs, write a tiny
figure notebook, write a small CTDC file."""

from __future__ import annotations

import csv
import gzip
import io
import json
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


TINY = """\
import matplotlib.pyplot as plt
import pandas as pd
from tipfigs import FigureOutputs, params, session
session.setup(params.choice("palette", palette, ["default", "colorblind"]))
out = FigureOutputs(output_dir=output_dir)
fig, ax = plt.subplots()
ax.plot([1, 2], [3, 4])
out.figure(fig)
out.table(pd.DataFrame({"a": [1, 2]}))
out.claims.compare("c", 1.0, "src", evidence="direct", data="x")
out.publish()
"""


def write_tiny(root: Path, stem: str, palette: str = "default", code: str = TINY) -> Path:
    """A tiny figure notebook ``notebooks/<stem>.ipynb`` in the project at ``root`` (a plot, a
    table, claim "c" of the fake project's readings file), or one running ``code``; its outputs
    take its file's name."""
    nb = {
        "cells": [
            {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Tiny"},
            {"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]},
             "source": f"output_dir = None\npalette = {palette!r}",
             "outputs": [], "execution_count": None},
            {"cell_type": "code", "id": "c", "metadata": {}, "source": code, "outputs": [],
             "execution_count": None},
        ],
        "metadata": {"kernelspec": {"name": "tipfigs", "display_name": "x", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    path = root / "notebooks" / f"{stem}.ipynb"
    path.write_text(json.dumps(nb))
    return path
