"""Builders of test notebooks, and a real notebook's code run in this process.

- :func:`notebook`: a notebook as a dict (nbformat 4): a heading, a parameters cell, one code
  cell, never run (for the tooling that reads notebooks, and for the runner's tests);
- :func:`write_tiny`: a tiny figure notebook in a (fake) project: a plot, a table, one claim;
- :func:`run_code`: a real figure notebook's code run in this process, as a plain script with
  its parameters set (no kernel, no papermill), to check what it computes and publishes on
  other inputs in a second, not the five a kernel and its imports take."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tipfigs.session import NOTEBOOK_ENV
from tipfigs.tools import notebooks as collection

KERNELSPEC = {"name": collection.KERNEL_NAME, "display_name": "x", "language": "python"}


def notebook(code: str, params: str = "output_dir = None") -> dict:
    """A heading, a cell tagged ``parameters`` with ``params``, one code cell with ``code``;
    in the project's kernel."""
    return {
        "cells": [
            {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Tiny"},
            {"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]},
             "source": params, "outputs": [], "execution_count": None},
            {"cell_type": "code", "id": "c", "metadata": {}, "source": code, "outputs": [],
             "execution_count": None},
        ],
        "metadata": {"kernelspec": dict(KERNELSPEC)},
        "nbformat": 4, "nbformat_minor": 5,
    }


TINY = """\
import matplotlib.pyplot as plt
import pandas as pd
from tipfigs import FigureOutputs, params, session
session.start(params.choice("palette", palette, ["default", "colorblind"]))
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
    path = root / "notebooks" / f"{stem}.ipynb"
    path.write_text(json.dumps(notebook(code, f"output_dir = None\npalette = {palette!r}")))
    return path


def _display(*objects, **kwargs) -> None:
    """IPython's display(): a script has no front end to show anything in."""


def _cells(nb: dict) -> list[tuple[str, bool]]:
    """Each code cell's source (IPython magics and shell lines left out), and whether it is the
    parameters cell."""
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
            out.append(("\n".join(lines), "parameters" in cell["metadata"].get("tags", [])))
    return out


def run_code(stem: str, output_dir: Path, **params) -> Path:
    """Run the collection's notebook ``stem`` in this process: its code cells one after another,
    ``params`` set right after its parameters cell (as papermill injects them), its outputs
    written to ``output_dir`` (never over the published figures). The first error a cell
    raises is raised here, and no later cell runs. Returns ``output_dir``.

    As in the runner's kernel, the notebook knows its file (its outputs take its name) and runs
    in notebooks/; the plot style and pandas' display options it sets are put back after."""
    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd

    path = collection.notebook_path(stem)
    injected = "\n".join(f"{k} = {v!r}" for k, v in {**params, "output_dir": str(output_dir)}.items())
    namespace = {"__name__": "__main__", "display": _display}
    before_env, before_cwd = os.environ.get(NOTEBOOK_ENV), os.getcwd()
    os.environ[NOTEBOOK_ENV] = str(path)
    os.chdir(path.parent)
    try:
        with matplotlib.rc_context():
            for i, (source, is_parameters) in enumerate(_cells(collection.read(path))):
                exec(compile(source, f"<{stem}, code cell {i + 1}>", "exec"), namespace)
                if is_parameters:
                    exec(compile(injected, f"<{stem}, injected parameters>", "exec"), namespace)
    finally:
        os.chdir(before_cwd)
        if before_env is None:
            os.environ.pop(NOTEBOOK_ENV, None)
        else:
            os.environ[NOTEBOOK_ENV] = before_env
        plt.close("all")
        pd.reset_option("^display\\.")
    return output_dir


def published(output_dir: Path, stem: str) -> tuple[dict, dict, str]:
    """What a run of ``stem`` published in ``output_dir``: its about record, its claims by id,
    and its SVG."""
    about = json.loads((output_dir / f"{stem}.about.json").read_text())
    claims = {c["id"]: c for c in json.loads((output_dir / f"{stem}.claims.json").read_text())}
    return about, claims, (output_dir / f"{stem}.svg").read_text()
