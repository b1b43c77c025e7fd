"""The library and the tooling apart; a notebook's outputs named after its own file."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tipfigs import FigureOutputs, ParameterError, session

SRC = Path(__file__).resolve().parents[1] / "src" / "tipfigs"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_the_library_never_imports_the_tooling():
    library = sorted(SRC.glob("*.py"))
    assert len(library) > 10
    offenders = {p.name: sorted(m for m in _imports(p) if m.startswith("tipfigs.tools"))
                 for p in library}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_tooling_is_a_package_of_its_own():
    tools = {p.stem for p in (SRC / "tools").glob("*.py")}
    assert {"runner", "staleness", "tasks", "catalogue", "site", "bench"} <= tools
    assert not {"runner", "staleness", "tasks", "catalogue", "site", "bench", "build",
                "notebooks", "io", "nb"} & {p.stem for p in SRC.glob("*.py")}


@pytest.fixture
def no_notebook(monkeypatch):
    for var in (session.NOTEBOOK_ENV, "JPY_SESSION_NAME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(session, "_user_ns", lambda: {})
    return monkeypatch


def test_the_stem_is_the_notebook_file_name(no_notebook):
    no_notebook.setenv(session.NOTEBOOK_ENV, "/x/notebooks/fig05-male-victims-trend-copy.ipynb")
    assert session.stem() == "fig05-male-victims-trend-copy"
    assert FigureOutputs().stem == "fig05-male-victims-trend-copy"


def test_the_front_ends_that_name_the_notebook(no_notebook):
    no_notebook.setenv("JPY_SESSION_NAME", r"C:\work\notebooks\fig01-a.ipynb")
    assert session.stem() == "fig01-a"  # JupyterLab (a Windows path)
    no_notebook.setattr(session, "_user_ns", lambda: {"__vsc_ipynb_file__": "/w/fig02-b.ipynb"})
    assert session.stem() == "fig02-b"  # VS Code, before JupyterLab's variable
    no_notebook.setenv(session.NOTEBOOK_ENV, "/w/fig03-c.ipynb")
    assert session.stem() == "fig03-c"  # the project's runner, before both
    no_notebook.setattr(session, "_user_ns", lambda: {"PAPERMILL_INPUT_PATH": "fig04-d.ipynb"})
    assert session.stem() == "fig04-d"  # papermill --inject-paths, first of all


def test_without_a_notebook_the_error_says_how_to_run_it(no_notebook):
    no_notebook.setenv("JPY_SESSION_NAME", "a console, not a notebook")
    with pytest.raises(ParameterError, match="cannot tell which notebook is running.*make STEM"):
        FigureOutputs()
    assert FigureOutputs("fig99-named").stem == "fig99-named"


@pytest.mark.slow
def test_a_copied_notebook_writes_under_its_own_name(fake_root):
    import shutil

    from figruns import write_tiny

    from tipfigs.tools import runner

    root, _, _ = fake_root
    original = write_tiny(root, "figzz-original")
    shutil.copy(original, root / "notebooks" / "figzz-copy.ipynb")
    assert runner.main(["figzz-original", "figzz-copy", "--jobs", "1"]) == 0
    for stem in ("figzz-original", "figzz-copy"):
        claims = json.loads((root / "figures" / f"{stem}.claims.json").read_text())
        assert [c["figure"] for c in claims] == [stem]
        assert json.loads((root / "figures" / f"{stem}.about.json").read_text())["stem"] == stem
