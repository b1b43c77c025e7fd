"""The tasks module: a task's steps from the table as commands, what it runs and in which
order, and the names it answers to."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders.notebooks import notebook

from tipfigs.tools import notebooks, task_list, tasks

REPO = Path(__file__).resolve().parents[3]


def _modules(steps):
    return [argv[1] for argv, _ in steps]


def test_a_step_is_python_dash_m_with_the_task_arguments_in_place():
    assert tasks.steps("figure", ["fig05-male-victims-trend", "--force"]) == [
        (["-m", "tipfigs.tools.verify"], {}),
        (["-m", "tipfigs.tools.figure", "fig05-male-victims-trend", "--force"], {})]
    assert tasks.steps("catalogue", []) == [(["-m", "tipfigs.tools.catalogue"], {})]


def test_no_data_leaves_out_the_verification_and_nothing_else():
    for name, spec in task_list.TASKS.items():
        if spec["steps"] is None:
            continue
        full, lean = tasks.steps(name, []), tasks.steps(name, ["--no-data"])
        assert lean == [s for s in full if s != (["-m", "tipfigs.tools.verify"], {})], name
    assert _modules(tasks.steps("all", ["--no-data", "--jobs", "1"])) == [
        "tipfigs.tools.quality", "tipfigs.tools.runner", "tipfigs.tools.catalogue"]
    assert tasks.steps("all", ["--no-data", "--jobs", "1"])[1][0][-2:] == ["--jobs", "1"]


def _over_the_cores(argv):
    """Whether pytest runs over the cores, each file (each notebook) in one worker."""
    return (argv[argv.index("-n") + 1] == "auto"
            and argv[argv.index("--dist") + 1] == "loadfile")


def test_nbval_runs_in_the_kernel_of_the_collection_writing_aside_over_the_cores():
    [(argv, env)] = tasks.steps("nbval", ["--no-data"])  # no notebook named: all of them
    assert argv[:4] == ["-m", "pytest", "--nbval", "--nbval-kernel-name"]
    assert argv[4] == notebooks.KERNEL_NAME and argv[-1] == "notebooks"
    assert env == {"TIPFIGS_OUTPUT_DIR": "build/nbval-figures"}
    assert _over_the_cores(argv)  # a notebook's cells stay in one kernel, in order
    [(argv, _)] = tasks.steps("nbval", ["--no-data", "notebooks/fig01-a.ipynb"])
    assert argv[-1] == "notebooks/fig01-a.ipynb"


def test_check_is_the_quick_subset_of_test():
    test = tasks.steps("test", [])
    check = tasks.steps("check", [])
    [pytest_all] = [argv for argv, env in test if argv[:3] == ["-m", "pytest", "tests"]]
    assert "-m" not in pytest_all[1:]  # every test, slow ones included
    assert _over_the_cores(pytest_all)
    assert "--no-loadscope-reorder" in pytest_all  # in tests/conftest.py's order: longest first
    assert any(argv[:3] == ["-m", "pytest", "tests"] and argv[argv.index("-m", 1) + 1] == "not slow"
               for argv, _ in check if "-m" in argv[1:])
    nbval = [argv for argv, env in check if "--nbval" in argv]
    assert len(nbval) == 1 and nbval[0][-1] == f"notebooks/{task_list.CHECK_NOTEBOOK}.ipynb"
    assert "-n" not in nbval[0]  # one notebook: no workers to start
    assert task_list.CHECK_NOTEBOOK in notebooks.stems()
    [nbval_all] = [argv for argv, env in test if "--nbval" in argv]
    assert nbval_all[-1] == "notebooks" and _over_the_cores(nbval_all)


def test_a_task_stops_at_its_first_failing_step(monkeypatch, capsys):
    ran = []

    def fake_run(cmd, cwd, env):
        ran.append(cmd[2])
        return subprocess.CompletedProcess(cmd, 3 if cmd[2] == "tipfigs.tools.quality" else 0)

    monkeypatch.setattr(tasks.subprocess, "run", fake_run)
    assert tasks.run("all") == 3
    assert ran == ["tipfigs.tools.verify", "tipfigs.tools.quality"]  # no figure, no catalogue
    assert "python -m tipfigs.tools.verify\npython -m tipfigs.tools.quality" in capsys.readouterr().out


def test_clean_removes_the_build_folder_only(fake_root):
    root, _, _ = fake_root
    (root / "build" / "stamps").mkdir(parents=True)
    assert tasks.main(["clean"]) == 0
    assert not (root / "build").exists() and (root / "data" / "manifest.toml").is_file()


@pytest.mark.parametrize("argv,expected", [
    ([], ("all", [])),
    (["fig05-male-victims-trend"], ("figure", ["fig05-male-victims-trend"])),
    (["figures", "--jobs", "1"], ("figures", ["--jobs", "1"])),
    (["check", "--no-data"], ("check", ["--no-data"])),
])
def test_tasks_dispatch(monkeypatch, argv, expected):
    seen = []
    monkeypatch.setattr(tasks, "run", lambda task, args: seen.append((task, args)) or 0)
    assert tasks.main(argv) == 0
    assert seen == [expected]


@pytest.mark.parametrize("name", ["fig99-nope", "env", "freeze"])
def test_tasks_refuse_an_unknown_name_and_those_of_run_py(name, capsys):
    assert tasks.main([name]) == 2
    err = capsys.readouterr().err
    assert f"no task {name!r}" in err
    offered = err.split("; tasks: ")[1].split(", or a figure")[0].split(", ")
    assert "figures" in offered and "clean" in offered and not {"env", "freeze", "help"} & set(offered)


def test_lint_covers_the_notebooks_and_catches_an_error_in_one(tmp_path):
    assert "notebooks" in task_list.LINT
    bad = tmp_path / "figzz-lint.ipynb"
    bad.write_text(json.dumps(notebook("import os\nx = 1")))
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--config",
                        str(REPO / "pyproject.toml"), str(bad)], capture_output=True, text=True)
    assert r.returncode == 1 and "F401" in r.stdout
