"""tipfigs.session: the running notebook's stem (its own file's name, so a copy writes under
its own name), from whatever front end runs it, and the error that says how to run it."""

from __future__ import annotations

import pytest

from tipfigs import FigureOutputs, ParameterError, session


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
