"""The entry point without make (run.py) and the tasks it shares with the Makefile."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tipfigs.tools import staleness, tasks

REPO = Path(__file__).resolve().parents[1]


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
def test_run_py_reads_the_one_task_list_without_the_environment(run):
    # run.py reads src/tipfigs/tools/task_list.py as a file (no package import), and it is the
    # list the tasks module dispatches on
    assert run.TASKS == tasks.TASKS and "test" in run.TASKS and "quality" in run.TASKS
    assert "import" not in (REPO / "src/tipfigs/tools/task_list.py").read_text().split('"""')[-1]


def test_run_py_hands_tasks_to_the_environment(run):
    py = Path("x") / "python"
    assert run.command(py, "test", []) == [str(py), "-m", "tipfigs.tools.tasks", "test"]
    assert run.command(py, "fig05-male-victims-trend", ["--force"]) == [
        str(py), "-m", "tipfigs.tools.tasks", "fig05-male-victims-trend", "--force"]


def test_unknown_task_is_refused_before_any_set_up(run, capsys, monkeypatch):
    monkeypatch.setattr(run, "ensure_env", lambda *a, **k: pytest.fail("no set-up for a typo"))
    assert run.main(["tset"]) == 1
    assert "no task 'tset': `python run.py help` lists them" in capsys.readouterr().err


def test_help_needs_no_environment(tmp_path):
    proc = subprocess.run([sys.executable, str(REPO / "run.py"), "--venv", str(tmp_path / "none"),
                           "help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for name in (*tasks.TASKS, "env", "freeze", "fig05-male-victims-trend"):
        assert f"  {name}" in proc.stdout
    assert not (tmp_path / "none").exists()


def test_every_task_is_a_make_target_running_the_same_command():
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^\$\(STEMS\):.*\n\t\$\(TASK\) figure \$@$", makefile, re.M)  # make STEM
    assert re.search(r"^clean:.*\n\trm -rf build$", makefile, re.M)  # needs no environment
    for name in tasks.TASKS:
        if name in ("all", "figure", "clean"):
            continue
        assert re.search(rf"^{name}:", makefile, re.M), f"no make target {name}"
        assert f"$(TASK) {name}" in makefile, f"make {name} does not run the task {name}"


@pytest.mark.parametrize("argv,expected", [
    ([], ("all", [])),
    (["fig05-male-victims-trend"], ("figure", ["fig05-male-victims-trend"])),
    (["figures", "--jobs", "1"], ("figures", ["--jobs", "1"])),
    (["check"], ("check", [])),
])
def test_tasks_dispatch(monkeypatch, argv, expected):
    seen = []
    monkeypatch.setattr(tasks, "run", lambda task, args: seen.append((task, args)) or 0)
    assert tasks.main(argv) == 0
    assert seen == [expected]


def test_tasks_refuse_an_unknown_name(capsys):
    assert tasks.main(["fig99-nope"]) == 2
    assert "no task 'fig99-nope'" in capsys.readouterr().err


def test_check_is_the_quick_subset_of_test():
    test = tasks._steps("test", [])
    check = tasks._steps("check", [])
    assert (["-m", "pytest", "tests"], {}) in test  # every test, slow ones included
    assert any(argv[:4] == ["-m", "pytest", "tests", "-m"] and argv[4] == "not slow"
               for argv, _ in check)
    nbval = [argv for argv, env in check if "--nbval" in argv]
    assert len(nbval) == 1 and nbval[0][3] == f"notebooks/{tasks.CHECK_NOTEBOOK}.ipynb"
    assert tasks.CHECK_NOTEBOOK in staleness.stems()
    assert [argv for argv, env in test if "--nbval" in argv][0][3] == "notebooks"


def test_figures_default_to_every_core_unless_told():
    argv = tasks._steps("figures", [])[-1][0]
    assert argv[:3] == ["-m", "tipfigs.tools.runner", "--jobs"]
    assert tasks._steps("figures", ["--jobs", "1"])[-1][0] == ["-m", "tipfigs.tools.runner", "--jobs", "1"]


# -- re-pinning requirements.txt from requirements.in ----------------------------------------------
FAKE_UV = """\
import json, sys
from pathlib import Path
args = sys.argv[1:]
Path("uv-args.json").write_text(json.dumps(args))
out = Path(args[args.index("--output-file") + 1])
kept = [ln for ln in out.read_text().splitlines() if "==" in ln and not ln.startswith("#")]
out.write_text("\\n".join(kept + ["b==2.0 ; sys_platform == 'win32'", "    # via a"]) + "\\n")
"""


def test_freeze_resolves_requirements_in_once_for_every_supported_python(run, tmp_path, monkeypatch):
    (tmp_path / "requirements.in").write_text("a>=1\n")
    (tmp_path / "requirements.txt").write_text("# an old head\na==1.0\n")
    (tmp_path / "fake_uv.py").write_text(FAKE_UV)
    monkeypatch.setattr(run, "ROOT", tmp_path)
    run.freeze([sys.executable, str(tmp_path / "fake_uv.py")])
    args = json.loads((tmp_path / "uv-args.json").read_text())
    assert args[:3] == ["pip", "compile", "requirements.in"]
    assert args[args.index("--output-file") + 1] == "requirements.txt"  # its pins are kept
    assert "--universal" in args and args[args.index("--python-version") + 1] == "3.11"
    assert (tmp_path / "requirements.txt").read_text() == (
        run.REQUIREMENTS_HEAD + "a==1.0\nb==2.0 ; sys_platform == 'win32'\n    # via a\n")


def test_freeze_finds_uv_or_installs_it_in_a_scratch_environment(run, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(run.subprocess, "run", lambda cmd, **kw: calls.append(cmd) or
                        subprocess.CompletedProcess(cmd, 1))
    monkeypatch.setattr(run.shutil, "which", lambda name: "/opt/bin/uv" if name == "uv" else None)
    assert run.find_uv() == ["/opt/bin/uv"]
    assert calls == [[sys.executable, "-m", "uv", "--version"]]  # a module of this Python first
    monkeypatch.setattr(run.shutil, "which", lambda name: None)
    assert run.find_uv() is None

    (tmp_path / "requirements.txt").write_text("a==1.0\n")
    monkeypatch.setattr(run, "ROOT", tmp_path)
    monkeypatch.setattr(run, "_run", lambda cmd, **kw: calls.append([str(c) for c in cmd]))
    run.freeze()
    venv, install, compile_ = calls[-3:]
    assert venv[1:3] == ["-m", "venv"] and Path(venv[3]).name == "uv"
    assert install[1:4] == ["-m", "pip", "install"] and install[-1] == "uv"
    assert compile_[0] == install[0] and compile_[1:5] == ["-m", "uv", "pip", "compile"]
    assert not Path(venv[3]).exists()  # the scratch environment is gone
