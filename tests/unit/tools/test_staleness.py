"""A figure is stale only when its own code, its inputs, or a module it imports changed; and
the stamps that make compares change only with what they record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders.notebooks import notebook

from tipfigs.tools import notebooks, staleness

REPO = Path(__file__).resolve().parents[3]


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
    for stem in notebooks.stems():
        nb = json.loads((REPO / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
        found = staleness.package_modules(nb)
        # the tooling (the runner, the tasks, the report, the site, the benchmark, the quality
        # command ...) rebuilds no figure
        tooling = [p for p in found if "tools" in p.relative_to(staleness.package_dir()).parts]
        assert not tooling, stem
        deps[stem] = {p.name for p in found}
        modules[stem] = found
        rel[stem] = {p.relative_to(staleness.package_dir()).as_posix() for p in found}
    assert deps, "no figure notebooks found"
    for stem, mods in deps.items():
        assert "__init__.py" in mods and "outputs.py" in mods, stem
    reader = staleness.package_dir() / "ctdc" / "read.py"  # the CTDC package's parser
    ctdc = {s for s, m in modules.items() if reader in m}
    glotip = {s for s, m in rel.items() if any(f.startswith("glotip/") for f in m)}
    assert ctdc and glotip and not ctdc & glotip
    # a figure's own modules (figures/figNN.py, figures/figNN_*.py) are imported by that figure
    # only
    for stem, mods in rel.items():
        own = {f for f in mods if f.startswith("figures/fig")}
        assert all(f.split("/")[1].split(".")[0].split("_")[0] == stem[:5] for f in own), stem
    assert {"figures/fig07.py", "figures/fig09.py"} <= set().union(*rel.values())


def test_staleness_key_tracks_code_inputs_and_package_not_outputs(fake_root):
    root, _, _ = fake_root
    (root / "data/in.csv").write_text("a\n1\n")
    nb = notebook("x = 1", params='output_dir = None\nsrc = "data/in.csv"')
    path = root / "notebooks/figzz-t.ipynb"
    path.write_text(json.dumps(nb))
    assert notebooks.input_files(nb) == [root / "data/in.csv"]
    k0 = staleness.staleness_key("figzz-t")
    nb["cells"][2]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hi"}]
    nb["cells"][2]["execution_count"] = 5
    nb["cells"][0]["source"] = "# Changed prose"
    path.write_text(json.dumps(nb))
    assert staleness.staleness_key("figzz-t") == k0
    (root / "data/in.csv").write_text("a\n2\n")
    k1 = staleness.staleness_key("figzz-t")
    assert k1 != k0
    nb["cells"][2]["source"] = "x = 2"
    path.write_text(json.dumps(nb))
    assert staleness.staleness_key("figzz-t") != k1
    (root / "requirements.txt").write_text("pandas==1\n")
    assert staleness.staleness_key("figzz-t") not in (k0, k1)


def test_a_stamp_is_rewritten_only_when_its_content_changes(tmp_path):
    stamp = tmp_path / "build" / "x.stamp"
    assert staleness.write_stamp(stamp, "a\n")
    t0 = stamp.stat().st_mtime_ns
    assert not staleness.write_stamp(stamp, "a\n")
    assert stamp.stat().st_mtime_ns == t0  # make sees no change
    assert staleness.write_stamp(stamp, "a\n", always=True)  # a record of when it was checked
    assert staleness.write_stamp(stamp, "b\n") and stamp.read_text() == "b\n"
    assert [p.name for p in stamp.parent.iterdir()] == ["x.stamp"]  # no temporary file left


def test_the_keys_of_the_figures_change_only_when_a_figure_is_built(fake_root):
    root, _, _ = fake_root
    for stem in ("fig01-a", "fig02-b"):
        (root / "notebooks" / f"{stem}.ipynb").write_text("{}")
    assert staleness.record_keys()
    assert staleness.keys_path().read_text() == "-  fig01-a\n-  fig02-b\n"  # none built yet
    assert not staleness.record_keys()
    staleness.stamp_path("fig02-b").parent.mkdir(parents=True)
    staleness.stamp_path("fig02-b").write_text("k2\n")
    assert staleness.record_keys()
    assert staleness.keys_path().read_text() == "-  fig01-a\nk2  fig02-b\n"


def test_a_figure_whose_variants_are_not_those_its_about_record_names_is_stale(fake_root):
    from builders.publication import about, write_publication

    from tipfigs.outputs import SUFFIXES

    root, _, _ = fake_root
    (root / "notebooks" / "figzz-v.ipynb").write_text(json.dumps(notebook("x = 1")))
    figures = root / "figures"
    write_publication(figures, "figzz-v")
    for suffix in SUFFIXES:
        if not (figures / f"figzz-v{suffix}").exists():
            (figures / f"figzz-v{suffix}").write_text("x")
    staleness.stamp_path("figzz-v").parent.mkdir(parents=True)
    staleness.stamp_path("figzz-v").write_text(staleness.staleness_key("figzz-v") + "\n")
    assert not staleness.is_stale("figzz-v")
    (figures / "figzz-v.slide.svg").unlink()  # a variant the record names is missing
    assert staleness.is_stale("figzz-v")
    write_publication(figures, "figzz-v")
    assert not staleness.is_stale("figzz-v")
    # the record names no variants (the figure went back to its page only): the old slide and
    # bare files are an earlier build's, which a run removes
    (figures / "figzz-v.about.json").write_text(json.dumps({"stem": "figzz-v"}))
    assert staleness.is_stale("figzz-v")
    for suffix in (".slide.png", ".slide.svg", ".bare.png", ".bare.svg"):
        (figures / f"figzz-v{suffix}").unlink()
    assert not staleness.is_stale("figzz-v")
    (figures / "figzz-v.draft.png").write_text("x")  # no output of a build: not its business
    assert not staleness.is_stale("figzz-v")
    record = about("figzz-v")
    del record["variants"]["bare"]
    write_publication(figures, "figzz-v", record)  # page and slide
    assert not staleness.is_stale("figzz-v")
