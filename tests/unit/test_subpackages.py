"""The library and the tooling apart, and the library's subpackages (tipfigs.ctdc,
tipfigs.figures, ...): an ``__init__`` that is a docstring only, so that importing one module
pulls in no other; each figure's module imported by its own notebook only; the tooling imported
by none."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tipfigs.tools import notebooks, staleness

SRC = Path(__file__).resolve().parents[2] / "src" / "tipfigs"
REPO = SRC.parents[1]
SUBPACKAGES = sorted(p.parent for p in SRC.glob("*/__init__.py") if p.parent.name != "tools")


def _dependencies() -> dict[str, set[Path]]:
    return {stem: set(staleness.package_modules(json.loads(
        (REPO / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))))
        for stem in notebooks.stems()}


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



def test_there_are_subpackages():
    assert {"ctdc", "figures"} <= {p.name for p in SUBPACKAGES}


@pytest.mark.parametrize("package", SUBPACKAGES, ids=lambda p: p.name)
def test_a_subpackage_init_is_a_docstring_only(package):
    body = ast.parse((package / "__init__.py").read_text(encoding="utf-8")).body
    assert len(body) == 1 and isinstance(body[0], ast.Expr)
    assert isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)


@pytest.mark.parametrize("package", SUBPACKAGES, ids=lambda p: p.name)
def test_a_subpackage_never_imports_the_tooling(package):
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("tipfigs.tools"), module.name
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("tipfigs.tools") for a in node.names), module.name


def test_a_figure_module_is_imported_by_its_own_notebook_only():
    """figNN.py, and a module of its own beside it (figNN_draw.py), serve figNN's notebook."""
    deps = _dependencies()
    modules = sorted((SRC / "figures").glob("fig*.py"))
    assert modules
    for module in modules:
        figure = module.stem.split("_")[0]
        users = {stem for stem, files in deps.items() if module in files}
        assert users == {s for s in deps if s.startswith(f"{figure}-")}, module.name


def test_the_ctdc_modules_rebuild_the_ctdc_figures_only():
    deps = _dependencies()
    ctdc = {stem for stem, files in deps.items() if any(f.parent.name == "ctdc" for f in files)}
    assert ctdc == {s for s in deps if s[:5] in {"fig03", "fig04", "fig05", "fig06", "fig10"}}
    for module in sorted((SRC / "ctdc").glob("*.py")):
        users = {stem for stem, files in deps.items() if module in files}
        assert users <= ctdc, module.name
