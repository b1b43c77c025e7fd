"""The entry point without make (run.py): the environment, the Pythons, the pins, and handing
the tasks to the environment (the tasks themselves: test_tasks.py, test_task_list.py)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def run():
    spec = importlib.util.spec_from_file_location("tipfigs_run_py", REPO / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the environment's Python, on Windows and elsewhere ---------------------------------------
def test_venv_python_on_posix_and_windows(run, tmp_path):
    venv = tmp_path / "my env"
    assert run.venv_python(venv, windows=False) == venv / "bin" / "python"
    assert run.venv_python(venv, windows=True) == venv / "Scripts" / "python.exe"
    (venv).mkdir()
    (venv / "python.exe").write_text("")  # a conda environment on Windows: python.exe on top
    assert run.venv_python(venv, windows=True) == venv / "python.exe"
    (venv / "Scripts").mkdir()
    (venv / "Scripts" / "python.exe").write_text("")  # a venv wins when both exist
    assert run.venv_python(venv, windows=True) == venv / "Scripts" / "python.exe"


@pytest.mark.parametrize("version,ok", [((3, 10), False), ((3, 11), True), ((3, 12), True),
                                        ((3, 13), True)])
def test_supported_pythons(run, version, ok):
    assert run.version_ok(version) is ok
    if ok:
        run.check_version(version, "python")
    else:
        with pytest.raises(run.Failure, match=r"Python 3.10 \(python\) is too old: the project "
                                              r"needs Python 3.11 to 3.13.*PYTHON=python3.12"):
            run.check_version(version, "python")


def test_a_newer_python_is_tried_with_a_warning(run, capsys):
    run.check_version((3, 14), "python")
    assert "newer than the newest the pins were made for (3.13)" in capsys.readouterr().out


def _fake_venv(tmp_path) -> Path:
    """A folder whose bin/python is this Python (enough for the up-to-date check)."""
    venv = tmp_path / "a venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    return venv


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX layout")
def test_env_installs_when_the_pins_change_and_not_otherwise(run, tmp_path, monkeypatch):
    venv = _fake_venv(tmp_path)
    calls = []
    monkeypatch.setattr(run, "_run", lambda cmd, **kw: calls.append([str(c) for c in cmd]))
    python = run.ensure_env(venv)
    assert python == venv / "bin" / "python"
    assert [c[1:4] for c in calls] == [["-m", "pip", "install"], ["-m", "pip", "install"],
                                       ["-m", "ipykernel", "install"]]
    assert all(c[0] == str(python) for c in calls)
    assert "-r" in calls[0] and "requirements.txt" in calls[0]
    assert calls[1][-2:] == ["-e", "."] and "--no-deps" in calls[1]
    stamp = (venv / run.STAMP).read_text().strip()
    version = ".".join(map(str, sys.version_info[:3]))
    assert stamp == run.env_key(version)
    calls.clear()
    run.ensure_env(venv)  # up to date: nothing runs
    assert calls == []
    (venv / run.STAMP).write_text("made from other pins\n")
    run.ensure_env(venv)
    assert len(calls) == 3


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX layout")
def test_an_environment_made_with_an_old_python_is_named(run, tmp_path):
    venv = tmp_path / "old env"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text("#!/bin/sh\necho 3.10.4\n")  # answers like a Python 3.10 would
    python.chmod(0o755)
    with pytest.raises(run.Failure, match=r"made with Python 3\.10\.4; the project needs 3\.11 to "
                                          r"3\.13: delete that folder"):
        run.ensure_env(venv)


# -- dispatch --------------------------------------------------------------------------------------
def test_run_py_hands_tasks_to_the_environment(run):
    py = Path("x") / "python"
    assert run.command(py, "test", []) == [str(py), "-m", "tipfigs.tools.tasks", "test"]
    assert run.command(py, "fig05-male-victims-trend", ["--force"]) == [
        str(py), "-m", "tipfigs.tools.tasks", "fig05-male-victims-trend", "--force"]


def test_unknown_task_is_refused_before_any_set_up(run, capsys, monkeypatch):
    monkeypatch.setattr(run, "ensure_env", lambda *a, **k: pytest.fail("no set-up for a typo"))
    assert run.main(["tset"]) == 1
    assert "no task 'tset': `python run.py help` lists them" in capsys.readouterr().err


def test_help_needs_no_environment(run, tmp_path):
    proc = subprocess.run([sys.executable, str(REPO / "run.py"), "--venv", str(tmp_path / "none"),
                           "help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for name in (*run.TASKS, "fig05-male-victims-trend"):
        assert f"  {name}" in proc.stdout
    assert not (tmp_path / "none").exists()


# -- one pinned requirements file for Python 3.11 to 3.13 -------------------------------------------
def test_requirements_pin_everything_for_every_supported_python(run):
    lines = [ln for ln in (REPO / "requirements.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    names = set()
    for ln in lines:
        m = run._PIN.match(ln)
        assert m, f"not pinned with ==: {ln}"
        if m.group(3):  # only python_version markers, for supported versions
            assert re.fullmatch(r'python_version == "3\.1[1-3]"( or python_version == "3\.1[1-3]")*',
                                m.group(3)), ln
        names.add(run._canon(m.group(1)))
    pins = {run._canon(m.group(1)): m.group(2) for m in map(run._PIN.match, lines)}
    # setuptools before 66 imports pkgutil.ImpImporter, which Python 3.12 removed
    assert int(pins["setuptools"].split(".")[0]) >= 66
    assert {"pooch", "pandas", "papermill", "ipykernel", "nbval"} <= names


def test_merge_pins_marks_what_only_some_pythons_need(run):
    frozen = {
        "3.11": ["a==1.0", "pip==24.0", "tipfigs==1.0", "c==2.0"],
        "3.12": ["a==1.0", "pip==24.2", "aiohttp==3.14.5", "c==2.0"],
        "3.13": ["a==1.0", "c==2.1"],
    }
    assert run.merge_pins(frozen, ["3.11", "3.12", "3.13"]) == [
        "a==1.0",
        'aiohttp==3.14.5; python_version == "3.12"',
        'c==2.0; python_version == "3.11" or python_version == "3.12"',
        'c==2.1; python_version == "3.13"',
    ]
