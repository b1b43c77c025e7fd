"""The project's tasks: each one's name, help and steps, defined here once.

`make help`, `python run.py help` and `python -m tipfigs.tools.tasks help` print this table
(:func:`listing`); the tasks module runs its steps; run.py reads it as a file before the
environment exists, so it stays plain data and standard Python, with no imports at all.

A step is a command that the environment's Python runs as ``python -m MODULE ARG ...``, from the
project folder. Leading ``NAME=value`` items set environment variables for it; ``ARGS`` stands for
the task's own arguments (or its ``default`` arguments when none are given) and ``KERNEL`` for
the notebooks' kernel. A task whose steps are None is run by run.py itself (it needs no
environment, or makes it), or by the tasks module's own code (clean).
"""

ARGS = "{args}"
KERNEL = "{kernel}"

DATA = ["tipfigs.tools.verify"]
QUALITY = ["tipfigs.tools.quality"]
RUNNER = ["tipfigs.tools.runner", ARGS]
CATALOGUE = ["tipfigs.tools.catalogue"]
LINT = ["ruff", "check", "src", "tests", "run.py", "notebooks"]
PYTEST = ["pytest", "tests", "-p", "no:nbval"]  # no notebook there: nbval's imports spared
#: Over the cores (pytest-xdist), each test file (each notebook, for nbval) in one worker, its
#: tests in order. The tests go in the order tests/conftest.py gives them (the longest first),
#: nbval's notebooks by their number of cells.
PARALLEL = ["-n", "auto", "--dist", "loadfile"]
PYTEST_PARALLEL = PYTEST + PARALLEL + ["--no-loadscope-reorder"]
NBVAL = ["TIPFIGS_OUTPUT_DIR=build/nbval-figures", "pytest", "--nbval", "--nbval-kernel-name",
         KERNEL, "-p", "no:cacheprovider"]

#: The notebook that `check` runs end to end (nbval): a CTDC figure, over both releases.
CHECK_NOTEBOOK = "fig05-male-victims-trend"

#: Task -> its help (one line) and its steps; the first is the default task.
TASKS = {
    "all": {
        "help": "Everything: the data, the data-quality tables, every stale figure, the catalogue",
        "steps": [DATA, QUALITY, RUNNER, CATALOGUE],
    },
    "data": {
        "help": "Verify each file in data/raw/ against its sha256 in data/manifest.toml",
        "steps": [DATA],
    },
    "refresh-data": {
        "help": "Get the data again from the publishers ([KEY ...] [--mirror DIR]; "
                "make: KEYS= MIRROR=)",
        "steps": [["tipfigs.tools.refresh", ARGS]],
    },
    "figures": {
        "help": "The data, the data-quality tables, every stale notebook in parallel "
                "([--jobs N] [--force])",
        "steps": [DATA, QUALITY, RUNNER],
    },
    "figure": {
        "help": "One figure: built if stale, or with parameters a custom run into build/custom/ "
                "(STEM [NAME=VALUE ...]; make: STEM= ARGS=)",
        "steps": [DATA, ["tipfigs.tools.figure", ARGS]],
    },
    "values": {
        "help": "A figure's parameters, their defaults and the values the data allow (STEM; "
                "make: STEM=)",
        "steps": [["tipfigs.tools.values", ARGS]],
    },
    "quality": {
        "help": "Write the data-quality tables of the UNODC releases (figures/data-quality-*.csv)",
        "steps": [DATA, QUALITY],
    },
    "catalogue": {
        "help": "Regenerate CLAIMS.md, figures/README.md, figures/COLUMNS.md, CITATION.cff, "
                "CHANGELOG.md and the README's generated parts from the claims records",
        "steps": [CATALOGUE + [ARGS]],
    },
    "html": {
        "help": "Build the HTML reading edition into build/site/ (from the committed notebooks)",
        "steps": [["tipfigs.tools.site", ARGS]],
    },
    "test": {
        "help": "The full suite, as CI runs it: lint, every pytest test, nbval over all notebooks",
        "steps": [DATA, LINT, PYTEST_PARALLEL, NBVAL + PARALLEL + ["notebooks"]],
    },
    "check": {
        "help": "Quick check while editing: lint, the fast tests, one notebook end to end",
        "steps": [DATA, LINT, PYTEST_PARALLEL + ["-m", "not slow", "-q"],
                  NBVAL + [f"notebooks/{CHECK_NOTEBOOK}.ipynb"]],
    },
    "lint": {
        "help": "ruff over the package, the tests, run.py and the notebooks",
        "steps": [LINT],
    },
    "unit": {
        "help": "pytest: the unit and end-to-end tests ([PYTEST ARGS ...])",
        "steps": [DATA, PYTEST + [ARGS]],
    },
    "nbval": {
        "help": "Re-execute the committed notebooks and compare their outputs ([NOTEBOOK ...])",
        "steps": [DATA, NBVAL + PARALLEL + [ARGS]],
        "default": ["notebooks"],
    },
    "bench": {
        "help": "Benchmark (scratch copy): no-op make, cold build vs limit and papermill, make test",
        "steps": [DATA, ["tipfigs.tools.bench", "--with-tests", ARGS]],
    },
    "sweep": {
        "help": "Parameter sweep: fig05 for the 20 countries with most CTDC records (build/sweep/)",
        "steps": [DATA, ["tipfigs.tools.sweep", ARGS]],
    },
    "lab": {
        "help": "Open JupyterLab at the project folder with the project's kernel ([LAB ARGS ...]; "
                "make: LAB_ARGS=)",
        "steps": [DATA, ["jupyterlab", "--notebook-dir=.", ARGS]],
    },
    "clean": {
        "help": "Remove build/ (keeps the environment, the data and the committed figures)",
        "steps": None,
    },
    "env": {
        "help": "Create or update .venv: the pinned packages, the package, the notebook kernel",
        "steps": None,
    },
    "pythons": {
        "help": "List the supported Pythons on this machine, newest first ([--newest])",
        "steps": None,
    },
    "freeze": {
        "help": "Re-pin requirements.txt from requirements.in for Python 3.11 to 3.13 (uv, from PyPI)",
        "steps": None,
    },
    "help": {
        "help": "This list",
        "steps": None,
    },
}

#: The tasks run.py runs itself, before (or without) the environment.
RUN_PY = ("env", "pythons", "freeze", "help")

USAGE = """\
usage: make [TASK] [PYTHON=python3.x] [JOBS=n]
       python run.py [--venv DIR] [TASK] [ARGS ...]       (Windows: py run.py ...)

`make TASK` and `python run.py TASK` run the same steps (`python -m tipfigs.tools.tasks TASK`
in the environment); make adds the up-to-date checks. A task that verifies the data first
skips that with --no-data: make does, as it has verified them already."""

FOOTER = """\
A figure's parameters and their valid values:  python run.py values STEM  (make values STEM=...)
A custom run:  python run.py figure fig05 country=PHL  (outputs in build/custom/, never figures/)
Where things are: the library the notebooks import in src/tipfigs/, the tooling (tasks, runner,
staleness, notebooks, data verification, report, site, benchmark) in src/tipfigs/tools/, the
article's statements and the readings checked in data/article_statements.csv and
data/article_claims.csv, the data files and their manifest in data/raw/ and data/manifest.toml."""


def task_line(name: str) -> str:
    return f"  {name:<14} {TASKS[name]['help']}"


def listing(stems: list[str]) -> str:
    """The help of every task, and the figures by their stems: what `make help` prints."""
    lines = [USAGE, "", "Tasks (default: all):"]
    lines += [task_line(name) for name in TASKS]
    lines += ["", "One figure by its stem (make STEM, python run.py STEM: the build of it):"]
    lines += [f"  {s}" for s in stems]
    lines += ["", FOOTER]
    return "\n".join(lines)
