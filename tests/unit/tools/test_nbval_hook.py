"""The nbval hook: each kernel named after its notebook, and only the collection's figures
checked when the notebooks folder is given."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from tipfigs.session import NOTEBOOK_ENV
from tipfigs.tools import nbval_hook


def _items(*paths: Path):
    return [SimpleNamespace(path=p) for p in paths]


def test_a_notebook_not_in_the_list_is_left_out_unless_named(fake_root):
    root, _, _ = fake_root
    nbs = root / "notebooks"
    for stem in ("fig01-a", "fig01-a-mine"):
        (nbs / f"{stem}.ipynb").write_text("{}")
    (root / "data" / "figures.toml").write_text('figures = ["fig01-a"]\n')
    test_file = root / "tests" / "test_x.py"
    deselected = []
    config = SimpleNamespace(args=[str(nbs)], hook=SimpleNamespace(
        pytest_deselected=lambda items: deselected.extend(items)))
    items = _items(nbs / "fig01-a.ipynb", nbs / "fig01-a-mine.ipynb", test_file)
    nbval_hook.pytest_collection_modifyitems(None, config, items)
    assert [i.path.name for i in items] == ["fig01-a.ipynb", "test_x.py"]
    assert [i.path.name for i in deselected] == ["fig01-a-mine.ipynb"]
    config.args = [str(nbs / "fig01-a-mine.ipynb")]  # named on the command line: checked
    items = _items(nbs / "fig01-a-mine.ipynb")
    nbval_hook.pytest_collection_modifyitems(None, config, items)
    assert len(items) == 1


def test_the_kernel_is_told_its_notebook_and_other_tests_change_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv(NOTEBOOK_ENV, "before")  # restored when the test ends
    monkeypatch.delenv(NOTEBOOK_ENV)
    nbval_hook.pytest_runtest_setup(SimpleNamespace(path=tmp_path / "test_x.py"))
    assert NOTEBOOK_ENV not in os.environ
    nbval_hook.pytest_runtest_setup(SimpleNamespace(path=tmp_path / "fig01-a.ipynb"))
    assert os.environ[NOTEBOOK_ENV] == str(tmp_path / "fig01-a.ipynb")


def test_notebooks_holds_notebooks_only():
    folder = Path(__file__).resolve().parents[3] / "notebooks"
    assert {p.suffix for p in folder.iterdir() if p.is_file()} == {".ipynb"}
