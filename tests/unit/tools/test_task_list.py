"""The one table of the tasks: plain data that run.py reads without the environment, the
help that `make help`, `python run.py help` and the tasks module print alike, and a make target
for every task that runs the same steps."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tipfigs.tools import notebooks, staleness, task_list, tasks, verify

REPO = Path(__file__).resolve().parents[3]
MAKEFILE = (REPO / "Makefile").read_text()


def _recipe(target: str) -> str:
    """The recipe of a make target (its tab-indented lines)."""
    m = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n)*)", MAKEFILE, re.M)
    assert m, f"no make target {target}"
    return m.group(1)


def test_the_table_imports_nothing_and_run_py_reads_the_same():
    tree = ast.parse((REPO / "src/tipfigs/tools/task_list.py").read_text())
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    spec = importlib.util.spec_from_file_location("run_py", REPO / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    assert run.TASKS == task_list.TASKS and list(run.TASKS)[0] == "all"


def test_every_task_has_one_line_of_help_and_steps_of_modules_that_exist():
    for name, spec in task_list.TASKS.items():
        assert set(spec) <= {"help", "steps", "default"}, name
        assert spec["help"] and "\n" not in spec["help"], name
        if spec["steps"] is None:
            assert name in task_list.RUN_PY or name in tasks._OWN, name
            continue
        for argv, _ in tasks.steps(name, []):
            assert argv[0] == "-m" and importlib.util.find_spec(argv[1]), (name, argv)


def _help(cmd: list[str]) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_help_run_py_help_and_the_table_agree(capsys):
    by_make = _help(["make", "--no-print-directory", "help"])
    by_run_py = _help([sys.executable, "run.py", "help"])
    assert tasks.main(["help"]) == 0
    by_tasks = capsys.readouterr().out
    assert by_make == by_run_py == by_tasks == task_list.listing(notebooks.stems()) + "\n"
    listed = by_make.split("Tasks (default: all):\n")[1].split("\n\n")[0].splitlines()
    assert listed == [task_list.task_line(name) for name in task_list.TASKS]
    assert [line.split()[0] for line in listed] == list(task_list.TASKS)


def test_every_task_is_a_make_target_running_the_same_steps():
    phony = set(re.search(r"^\.PHONY:(.*?)(?<!\\)\n", MAKEFILE, re.M | re.S).group(1)
                .replace("\\\n", " ").split()) - {"$(STEMS)"}
    assert phony == set(task_list.TASKS)  # and make STEM runs `figure STEM`
    assert "\t$(TASK) figure --no-data $@\n" in _recipe("$(STEMS)")
    assert _recipe("clean") == "\trm -rf build\n"  # needs no environment
    assert _recipe("help") == '\t@"$(or $(PYTHON),python3)" run.py help\n'
    for name in ("env", "pythons", "freeze"):
        assert re.search(rf'"\$\(PYTHON\)" run\.py .*\b{name}$', MAKEFILE, re.M), name
    assert re.match(r"all: figures catalogue\n", MAKEFILE[MAKEFILE.index("\nall:") + 1:])
    assert re.search(r"^figures: \$\(FIG_STAMP\) \$\(QUALITY_STAMP\)$", MAKEFILE, re.M)
    # make verifies the data as a prerequisite, once: the recipes that run a task leave it out
    for name, spec in task_list.TASKS.items():
        calls = re.findall(rf"\$\(TASK\) {re.escape(name)}\b([^\n]*)", MAKEFILE)
        if spec["steps"] is None or name in ("all", "figures"):
            continue
        assert calls, f"no recipe runs the task {name}"
        verifies = task_list.DATA in spec["steps"] and name != "data"
        assert all(("--no-data" in c) == verifies for c in calls), (name, calls)


def test_the_data_and_figures_rules_keep_their_stamps_apart():
    """What depends on the data or the figures depends on the stamp their step rewrites only
    when its content changes, which has an empty recipe; make's target for the step is the
    other stamp."""
    assert re.search(r"^\$\(DATA_STAMP\): \$\(DATA_CHECKED\) ;$", MAKEFILE, re.M)
    assert re.search(r"^\$\(FIG_STAMP\): \$\(FIG_CHECKED\) ;$", MAKEFILE, re.M)
    assert "$(TASK) data\n" in _recipe("$(DATA_CHECKED)")
    assert f"build/{verify.DIGESTS}" in MAKEFILE and f"build/{verify.STAMP}" in MAKEFILE
    assert f"build/{staleness.KEYS}" in MAKEFILE
