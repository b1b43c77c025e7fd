"""A command works on the checkout it runs in, or stops: one environment, two checkouts."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tipfigs import paths
from tipfigs.errors import CheckoutError

REPO = Path(__file__).resolve().parents[2]


def _checkout(folder: Path) -> Path:
    """A scratch checkout: its package folder and data/manifest.toml."""
    (folder / "src" / "tipfigs").mkdir(parents=True)
    (folder / "data").mkdir()
    (folder / "data" / "manifest.toml").write_text("")
    return folder


def test_the_root_is_the_checkout_of_the_working_folder_and_of_the_package(tmp_path):
    a = _checkout(tmp_path / "A")
    b = _checkout(tmp_path / "B")
    (a / "notebooks").mkdir()
    package = a / "src" / "tipfigs"
    assert paths.find_root(a, package) == a
    assert paths.find_root(a / "notebooks", package) == a  # a kernel's folder
    assert paths.find_root(tmp_path, package) == a  # outside any checkout: the package's
    with pytest.raises(CheckoutError) as e:
        paths.find_root(b / "data", package)
    message = str(e.value)
    assert f"this checkout is {b}" in message and f"the checkout {a}" in message
    assert "`make env`" in message and "\n" not in message
    with pytest.raises(CheckoutError, match="site-packages/tipfigs, not a checkout"):
        paths.find_root(b, tmp_path / "lib" / "site-packages" / "tipfigs")


def _copy_package(dst: Path) -> None:
    shutil.copytree(REPO / "src", dst / "src", ignore=shutil.ignore_patterns("__pycache__"))


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def test_one_environment_two_checkouts_the_second_stops_and_touches_neither(tmp_path):
    """The environment's package is checkout A's (its src/ first on the path, as a copied .venv
    or a shared conda environment has it); commands run in checkout B, whose data file is
    corrupted, stop with one line and read or write no file of either checkout."""
    a, b = tmp_path / "checkout A", tmp_path / "checkout B"
    for folder in (a, b):
        _copy_package(folder)
        (folder / "data" / "raw" / "pub").mkdir(parents=True)
        payload = b"country,value\nA,1\n"
        (folder / "data" / "raw" / "pub" / "t.csv").write_bytes(payload)
        (folder / "data" / "manifest.toml").write_text(
            f'[files.t]\npath = "pub/t.csv"\nsha256 = "{hashlib.sha256(payload).hexdigest()}"\n')
    (b / "data" / "raw" / "pub" / "t.csv").write_bytes(b"country,value\nA,999\n")  # corrupted
    before = {"A": _tree(a), "B": _tree(b)}
    env = {k: v for k, v in os.environ.items() if k not in ("TIPFIGS_ROOT", "TIPFIGS_BUILD")}
    env["PYTHONPATH"] = str(a / "src")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    for command in (["tipfigs.tools.tasks", "data"], ["tipfigs.tools.verify"],
                    ["tipfigs.tools.runner"]):
        proc = subprocess.run([sys.executable, "-m", *command], cwd=b, env=env,
                              capture_output=True, text=True)
        assert proc.returncode != 0, command
        assert proc.stdout == "" and "verified" not in proc.stderr, command
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, proc.stderr
        assert lines[0].startswith(f"error: this checkout is {b}, but the environment's tipfigs "
                                   f"package comes from the checkout {a}")
    assert {"A": _tree(a), "B": _tree(b)} == before  # nothing read into build/, nothing written
    here = subprocess.run([sys.executable, "-c", "from tipfigs import paths; print(paths.root())"],
                          cwd=a, env=env, capture_output=True, text=True)
    assert here.stdout.strip() == str(a)  # in its own checkout the package works


def _run_py():
    spec = importlib.util.spec_from_file_location("run_py_under_test", REPO / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_env_knows_an_environment_that_belongs_to_another_checkout(tmp_path):
    run_py = _run_py()
    here, python = tmp_path / "B", tmp_path / "B" / ".venv" / "bin" / "python"
    own = str(here / "src" / "tipfigs" / "__init__.py")
    assert run_py.elsewhere(own, str(python), python, here) == []
    other = str(tmp_path / "A" / "src" / "tipfigs" / "__init__.py")
    wrong = run_py.elsewhere(other, str(tmp_path / "A" / ".venv" / "bin" / "python"), python, here)
    assert wrong == [f"its tipfigs package is {tmp_path / 'A' / 'src' / 'tipfigs'}, not "
                     f"{here / 'src' / 'tipfigs'}",
                     f"its kernel runs {tmp_path / 'A' / '.venv' / 'bin' / 'python'}, not {python}"]
    assert run_py.elsewhere("", "", python, here)[0].startswith("its tipfigs package is missing")
