"""The project's tasks, one command each: the same whether `make` or `run.py` starts them.

    python -m tipfigs.tools.tasks TASK [--no-data] [ARGS ...]

``make TASK`` and ``python run.py TASK`` (for machines without make) both end here, run by the
project environment's Python; run.py creates that environment first when it is missing. A
task's steps are listed in :mod:`tipfigs.tools.task_list`, the one table of the tasks: each is
one of the package's own commands (``python -m tipfigs.tools.runner``, ``python -m pytest`` ...),
run as a subprocess of this Python from the project root, and the task stops at the first that
fails. Nothing goes through a shell or a script's shebang line, so a project folder whose path
has spaces works. ``--no-data`` leaves out the data verification (make passes it: its own data
rule has verified the data already).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable

from tipfigs import paths
from tipfigs.errors import CheckoutError
from tipfigs.tools import notebooks, task_list
from tipfigs.tools.task_list import TASKS

#: Leaves the data step out of a task.
NO_DATA = "--no-data"

Step = tuple[list[str], dict]  # (arguments after `python`, extra environment)


def _step(template: list[str], args: list[str]) -> Step:
    """A step of the table as a command: its ``NAME=value`` items as environment, ``ARGS``
    replaced by the task's arguments, ``KERNEL`` by the notebooks' kernel."""
    env: dict[str, str] = {}
    items = list(template)
    while items and "=" in items[0] and not items[0].startswith("-"):
        name, value = items.pop(0).split("=", 1)
        env[name] = value
    argv = ["-m"]
    for item in items:
        if item == task_list.ARGS:
            argv += args
        else:
            argv.append(notebooks.KERNEL_NAME if item == task_list.KERNEL else item)
    return argv, env


def steps(task: str, args: list[str]) -> list[Step]:
    """The commands of ``task`` with these arguments (``--no-data`` among them drops the
    data step)."""
    spec = TASKS[task]
    if spec["steps"] is None:
        raise KeyError(f"{task} is not a step-by-step task")
    data = NO_DATA not in args
    args = [a for a in args if a != NO_DATA] or list(spec.get("default", []))
    return [_step(s, args) for s in spec["steps"] if data or s != task_list.DATA]


def _clean(args: list[str]) -> int:
    build = paths.build_dir()
    print(f"removing {paths.show(build)}/ (the environment, the data and the figures stay)")
    shutil.rmtree(build, ignore_errors=True)
    return 0


_OWN: dict[str, Callable[[list[str]], int]] = {"clean": _clean}


def run(task: str, args: list[str] | None = None) -> int:
    """Run ``task``; returns the exit code of the first step that fails, else 0."""
    args = list(args or [])
    if task in _OWN:
        return _OWN[task](args)
    for argv, extra in steps(task, args):
        shown = " ".join(f"{k}={v}" for k, v in extra.items())
        print(f"{shown + ' ' if shown else ''}python {' '.join(argv)}", flush=True)
        code = subprocess.run([sys.executable, *argv], cwd=paths.root(),
                              env={**os.environ, **extra}).returncode
        if code != 0:
            return code
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    task, args = (argv[0], argv[1:]) if argv else ("all", [])
    try:
        paths.root()  # this checkout's, or stop before reading or writing anything
    except CheckoutError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    stems = notebooks.all_stems()
    if task in ("help", "-h", "--help"):
        print(task_list.listing(notebooks.stems()))
        return 0
    if task in stems:  # `python run.py fig05-...`, as `make fig05-...`
        task, args = "figure", [task, *args]
    if task not in TASKS or (task not in _OWN and TASKS[task]["steps"] is None):
        runnable = [t for t in TASKS if t in _OWN or TASKS[t]["steps"] is not None]
        print(f"error: no task {task!r}; tasks: {', '.join(runnable)}, or a figure's stem "
              f"({', '.join(stems)})", file=sys.stderr)
        return 2
    return run(task, args)


if __name__ == "__main__":
    sys.exit(main())
