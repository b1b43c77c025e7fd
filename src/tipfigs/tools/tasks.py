"""The project's tasks, one command each: the same whether `make` or `run.py` starts them.

    python -m tipfigs.tools.tasks TASK [ARGS ...]

``make TASK`` and ``python run.py TASK`` (for machines without make) both end here, run by the
project environment's Python; run.py creates that environment first when it is missing. Each
task runs the package's own commands (``python -m tipfigs.tools.runner``, ``python -m pytest`` ...)
as subprocesses of this Python, from the project root, and stops at the first that fails.
Nothing goes through a shell or a script's shebang line, so a project folder whose path has
spaces works.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable

from tipfigs import paths
from tipfigs.tools import staleness
from tipfigs.tools.task_list import TASKS  # the one list of tasks; run.py reads it too

#: The notebook that `check` runs end to end (nbval): a CTDC figure, over both releases.
CHECK_NOTEBOOK = "fig05-male-victims-trend"

Step = tuple[list[str], dict]  # (arguments after `python`, extra environment)


def _jobs(args: list[str]) -> list[str]:
    """Pass ``--jobs N`` on, or default to the number of cores."""
    return [] if any(a.startswith(("--jobs", "-j")) for a in args) else [
        "--jobs", str(os.cpu_count() or 1)]


def _nbval(targets: list[str]) -> Step:
    return (["-m", "pytest", "--nbval", *targets, "--nbval-kernel-name", staleness.KERNEL_NAME,
             "-p", "no:cacheprovider"], {"TIPFIGS_OUTPUT_DIR": "build/nbval-figures"})


def _check_notebook() -> str:
    stems = staleness.stems()
    return CHECK_NOTEBOOK if CHECK_NOTEBOOK in stems else stems[0]


DATA: Step = (["-m", "tipfigs.tools.fetch"], {})
LINT: Step = (["-m", "ruff", "check", "src", "tests", "run.py", "notebooks"], {})
UNIT: Step = (["-m", "pytest", "tests"], {})
QUALITY: Step = (["-m", "tipfigs.tools.quality"], {})


def _steps(task: str, args: list[str]) -> list[Step]:
    if task == "all":
        return [DATA, QUALITY, (["-m", "tipfigs.tools.runner", *_jobs(args), *args], {}),
                (["-m", "tipfigs.tools.catalogue"], {})]
    if task == "data":
        return [DATA]
    if task == "refresh-data":
        return [(["-m", "tipfigs.tools.fetch", "--refresh", *args], {})]
    if task == "figures":
        return [DATA, QUALITY, (["-m", "tipfigs.tools.runner", *_jobs(args), *args], {})]
    if task == "quality":
        return [DATA, QUALITY]
    if task == "figure":
        return [DATA, (["-m", "tipfigs.tools.runner", *args], {})]
    if task == "catalogue":
        return [(["-m", "tipfigs.tools.catalogue", *args], {})]
    if task == "html":
        return [(["-m", "tipfigs.tools.site", *args], {})]
    if task == "lint":
        return [LINT]
    if task == "unit":
        return [DATA, (UNIT[0] + args, {})]
    if task == "nbval":
        return [DATA, _nbval(args or ["notebooks"])]
    if task == "test":
        return [DATA, LINT, UNIT, _nbval(["notebooks"])]
    if task == "check":
        return [DATA, LINT, (["-m", "pytest", "tests", "-m", "not slow", "-q"], {}),
                _nbval([f"notebooks/{_check_notebook()}.ipynb"])]
    if task == "bench":
        return [DATA, (["-m", "tipfigs.tools.bench", *_jobs(args), *args], {})]
    if task == "sweep":
        return [DATA, (["-m", "tipfigs.tools.sweep", *_jobs(args), *args], {})]
    if task == "lab":
        return [DATA, (["-m", "jupyterlab", "--notebook-dir=.", "notebooks/", *args], {})]
    raise KeyError(task)


def _clean(args: list[str]) -> int:
    build = paths.build_dir()
    print(f"removing {paths.show(build)}/ (the environment, the data and the figures stay)")
    shutil.rmtree(build, ignore_errors=True)
    return 0


_SPECIAL: dict[str, Callable[[list[str]], int]] = {"clean": _clean}


def run(task: str, args: list[str] | None = None) -> int:
    """Run ``task``; returns the exit code of the first step that fails, else 0."""
    args = list(args or [])
    if task in _SPECIAL:
        return _SPECIAL[task](args)
    for argv, extra in _steps(task, args):
        shown = " ".join(f"{k}={v}" for k, v in extra.items())
        print(f"{shown + ' ' if shown else ''}python {' '.join(argv)}", flush=True)
        code = subprocess.run([sys.executable, *argv], cwd=paths.root(),
                              env={**os.environ, **extra}).returncode
        if code != 0:
            return code
    return 0


def usage() -> str:
    lines = ["usage: python run.py [TASK] [ARGS ...]     (or: make [TASK])", "",
             "Tasks (default: all):"]
    lines += [f"  {name:<14} {text}" for name, text in TASKS.items()]
    lines += ["", "One figure by its stem:"]
    lines += [f"  {s}" for s in staleness.stems()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    task, args = (argv[0], argv[1:]) if argv else ("all", [])
    if task in ("help", "-h", "--help"):
        print(usage())
        return 0
    if task in staleness.stems():  # `python run.py fig05-...`, as `make fig05-...`
        task, args = "figure", [task, *args]
    if task not in TASKS:
        print(f"error: no task {task!r}; tasks: {', '.join(TASKS)}, or a figure's stem "
              f"({', '.join(staleness.stems())})", file=sys.stderr)
        return 2
    return run(task, args)


if __name__ == "__main__":
    sys.exit(main())
