"""requirements.in names every package the code, the notebooks and the tests import, and
requirements.txt pins each of them, once per supported Python and platform, within its bounds."""

from __future__ import annotations

import ast
import json
import re
import sys
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PYTHONS = ("3.11", "3.12", "3.13")
PLATFORMS = {"linux": ("posix", "Linux"), "darwin": ("posix", "Darwin"), "win32": ("nt", "Windows")}


def _lines(name: str) -> list[str]:
    text = (REPO / name).read_text(encoding="utf-8")
    return [ln.split(" #", 1)[0].strip() for ln in text.splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def direct() -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, _lines("requirements.in"))}


def pins() -> list[Requirement]:
    return [Requirement(ln) for ln in _lines("requirements.txt")]


def _environment(python: str, platform: str) -> dict[str, str]:
    os_name, system = PLATFORMS[platform]
    return {"python_version": python, "python_full_version": f"{python}.0",
            "sys_platform": platform, "os_name": os_name, "platform_system": system,
            "implementation_name": "cpython", "platform_python_implementation": "CPython"}


def test_every_line_of_requirements_txt_is_one_exact_pin():
    for r in pins():
        (spec,) = r.specifier
        assert spec.operator == "==" and not r.extras and not r.url, str(r)


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("python", PYTHONS)
def test_each_package_has_one_pin_and_each_direct_one_within_its_bounds(python, platform):
    env = _environment(python, platform)
    chosen: dict[str, str] = {}
    for r in pins():
        if r.marker is None or r.marker.evaluate(env):
            name = canonicalize_name(r.name)
            assert name not in chosen, f"{name} pinned twice for Python {python} on {platform}"
            chosen[name] = next(iter(r.specifier)).version
    for name, req in direct().items():
        assert name in chosen, f"{name} (requirements.in) is not pinned for Python {python}"
        assert req.specifier.contains(chosen[name], prereleases=True), (name, chosen[name])


def _imports(source: str) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module.split(".")[0])
    return out


def _code_imports() -> set[str]:
    found = set()
    for path in [REPO / "run.py", *REPO.glob("src/**/*.py"), *REPO.glob("tests/**/*.py"),
                 *REPO.glob("notebooks/*.py")]:
        found |= _imports(path.read_text(encoding="utf-8"))
    for nb in REPO.glob("notebooks/*.ipynb"):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        found |= _imports(re.sub(r"^\s*[%!].*$", "", code, flags=re.M))  # no magics
    local = {"tipfigs"} | {p.stem for p in REPO.glob("tests/**/*.py")} | {
        p.parent.name for p in REPO.glob("tests/**/__init__.py")}  # the builders package
    return {m for m in found if m not in sys.stdlib_module_names and m not in local}


def test_requirements_in_names_every_package_that_is_imported():
    dists = packages_distributions()
    names = set(direct())
    missing = {}
    for module in sorted(_code_imports()):
        provided = {canonicalize_name(d) for d in dists.get(module, [])}
        assert provided, f"{module} is imported but no installed package provides it"
        if not provided & names:
            missing[module] = sorted(provided)
    assert not missing, f"imported but not in requirements.in: {missing}"


def test_what_each_pinned_package_needs_is_pinned_too():
    """requirements.txt is edited by hand at times (a pin added without a re-freeze, as
    pytest-xdist and its execnet were): every package that a pinned one requires here, on this
    Python, is pinned as well, so a fresh environment installs nothing unpinned."""
    chosen = {canonicalize_name(r.name) for r in pins() if r.marker is None or r.marker.evaluate()}
    unpinned = {}
    for r in pins():
        if r.marker is not None and not r.marker.evaluate():
            continue
        try:
            needs = [Requirement(q) for q in requires(r.name) or []]
        except PackageNotFoundError:
            pytest.fail(f"{r.name} is pinned but not installed: run make env")
        for q in needs:
            if (q.marker is None or q.marker.evaluate({"extra": ""})) \
                    and canonicalize_name(q.name) not in chosen:
                unpinned.setdefault(r.name, []).append(str(q))
    assert not unpinned, f"required by a pinned package but not pinned: {unpinned}"
