"""The pytest plugin for nbval runs of the notebooks (loaded by pyproject.toml's pytest options,
``-p tipfigs.tools.nbval_hook``, for every pytest run; it acts on notebooks only).

- Each notebook's kernel is told which notebook it runs (``TIPFIGS_NOTEBOOK``), as the project's
  runner does, so a notebook names its outputs after its own file.
- nbval checks the collection's figures: a notebook in notebooks/ that ``data/figures.toml`` does
  not list (a copy made to explore with) is left out when the folder is given, and checked only
  when it is named on the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tipfigs import paths
from tipfigs.session import NOTEBOOK_ENV
from tipfigs.tools import notebooks


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before the notebook's first cell is set up, which starts its kernel: the kernel
    # inherits the environment as it is then.
    if item.path.suffix == ".ipynb":
        os.environ[NOTEBOOK_ENV] = str(item.path)


def pytest_collection_modifyitems(session, config, items):
    notebooks_in = {Path(item.path) for item in items if item.path.suffix == ".ipynb"}
    if not notebooks_in:
        return
    folder = paths.notebooks_dir().resolve()
    named = {Path(a.split("::")[0]).resolve() for a in config.args}
    collection = set(notebooks.stems())
    left_out = {p for p in notebooks_in if p.resolve().parent == folder
                and p.stem not in collection and p.resolve() not in named}
    if left_out:
        deselected = [item for item in items if Path(item.path) in left_out]
        items[:] = [item for item in items if Path(item.path) not in left_out]
        config.hook.pytest_deselected(items=deselected)
