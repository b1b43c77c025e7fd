"""A figure is stale only when its own code, its inputs, or a module it imports changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipfigs.tools import staleness

REPO = Path(__file__).resolve().parents[1]


def nb_with(code: str) -> dict:
    return {"cells": [{"cell_type": "markdown", "source": "# Title", "metadata": {}},
                      {"cell_type": "code", "source": code, "metadata": {}, "outputs": []}]}


@pytest.fixture
def pkg(tmp_path):
    """A package 'tipfigs' with: __init__ (imports errors), errors, loader (imports helpers
    relatively), helpers, other, and a tooling subpackage that imports loader."""
    p = tmp_path / "tipfigs"
    (p / "tools").mkdir(parents=True)
    files = {
        "__init__.py": "from tipfigs.errors import Oops\n",
        "errors.py": "class Oops(Exception): pass\n",
        "loader.py": "from .helpers import tidy\n\ndef load():\n    import tipfigs.other_lazy\n",
        "helpers.py": "def tidy(): pass\n",
        "other_lazy.py": "X = 1\n",
        "other.py": "Y = 1\n",
        "tools/__init__.py": "",
        "tools/site.py": "from tipfigs import loader\n",
    }
    for rel, text in files.items():
        (p / rel).write_text(text)
    return p


def names(paths, pkg):
    return sorted(str(p.relative_to(pkg)) for p in paths)


def test_a_notebook_depends_on_what_it_imports_and_what_that_imports(pkg):
    nb = nb_with("%matplotlib inline\nfrom tipfigs import loader, Oops\nx = 1\n")
    assert names(staleness.package_modules(nb, pkg), pkg) == [
        "__init__.py", "errors.py", "helpers.py", "loader.py", "other_lazy.py"]


def test_tooling_and_unused_modules_are_not_dependencies(pkg):
    nb = nb_with("import tipfigs.other\n")
    assert names(staleness.package_modules(nb, pkg), pkg) == [
        "__init__.py", "errors.py", "other.py"]
    assert staleness.package_modules(nb_with("import pandas\n"), pkg) == []


def test_a_subpackage_module_brings_its_package(pkg):
    deps = names(staleness.package_modules(nb_with("from tipfigs.tools import site\n"), pkg), pkg)
    assert {"tools/__init__.py", "tools/site.py", "loader.py", "helpers.py"} <= set(deps)


def test_code_that_cannot_be_parsed_depends_on_everything(pkg):
    deps = staleness.package_modules(nb_with("from tipfigs import loader\nif x\n"), pkg)
    assert len(deps) == len(list(pkg.rglob("*.py")))


def test_the_real_figures_depend_on_their_own_loaders_only():
    deps, rel, modules = {}, {}, {}
    for stem in staleness.stems():
        nb = json.loads((REPO / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
        found = staleness.package_modules(nb)
        deps[stem] = {p.name for p in found}
        modules[stem] = found
        rel[stem] = {p.relative_to(staleness.package_dir()).as_posix() for p in found}
    assert deps, "no figure notebooks found"
    for stem, mods in deps.items():
        # the report, the site, the runner and the benchmark rebuild no figure
        tools = {"catalogue.py", "site.py", "runner.py", "staleness.py", "bench.py", "sweep.py",
                 "tasks.py"}
        assert not mods & tools, stem
        assert "__init__.py" in mods and "outputs.py" in mods, stem
    reader = staleness.package_dir() / "ctdc" / "read.py"  # the CTDC package's parser
    ctdc = {s for s, m in modules.items() if reader in m}
    glotip = {s for s, m in rel.items() if any(f.startswith("glotip/") for f in m)}
    assert ctdc and glotip and not ctdc & glotip
    # a figure's own module (figures/figNN.py) is imported by that figure only
    for stem, mods in rel.items():
        assert {f for f in mods if f.startswith("figures/fig")} <= {f"figures/{stem[:5]}.py"}, stem
    assert {"figures/fig07.py", "figures/fig09.py"} <= set().union(*rel.values())
    # the data-quality command is tooling: no figure depends on it
    assert not any("tools/quality.py" in mods for mods in rel.values())
