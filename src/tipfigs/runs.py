"""What kind of run a notebook is in: the build, or a custom run, and which parameters it changed.

Only the build writes the published outputs (``figures/``). The project's runner says so to
the kernel of each notebook it builds by setting ``TIPFIGS_BUILD=1`` (:data:`BUILD_ENV`). Any
other run (papermill, JupyterLab, VS Code, ``python run.py figure STEM NAME=VALUE``, a notebook
copied into ``notebooks/`` that is not one of the collection's figures) is a custom run: its
outputs go to ``build/custom/<stem>/<parameter set>/``, with the parameters in a small JSON file
beside them. A parameter set is named after the parameters that differ from the notebook's
defaults: ``defaults`` when none does, else a short digest of them (:func:`set_name`), the same
for the same values whatever ran the notebook.

The defaults are read from the notebook's ``parameters`` cell (:func:`parameter_defaults`); in a
kernel the values are the variables of the same names when the figure's outputs are created.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
from pathlib import Path

from tipfigs import paths

#: Set to "1" by the project's runner for the notebooks it builds (and only for those).
BUILD_ENV = "TIPFIGS_BUILD"
#: Where custom runs write, each figure in its own folder: <stem>/<parameter set>/.
CUSTOM_DIR = ("build", "custom")
#: The name of the parameter set that changes nothing.
DEFAULTS = "defaults"
#: The parameter that says where the outputs go: never part of a parameter set.
OUTPUT_PARAMETER = "output_dir"
#: The record of a custom run's parameters, written beside its outputs.
RECORD_SUFFIX = ".parameters.json"


def is_build() -> bool:
    """True in a notebook that the project's build runs (the runner set :data:`BUILD_ENV`)."""
    return os.environ.get(BUILD_ENV) == "1"


# -- a notebook's parameters ----------------------------------------------------------------------
def parameters_source(nb: dict) -> str:
    cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"expected exactly one cell tagged 'parameters', found {len(cells)}")
    return "".join(cells[0]["source"])


def parameter_defaults(nb: dict) -> dict:
    """Literal defaults of the parameters cell (name -> value), plain (``x = 1``) or annotated
    for papermill's help (``x: int = 1  # help``)."""
    out = {}
    for node in ast.parse(parameters_source(nb)).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target = node.target
        else:
            continue
        if isinstance(target, ast.Name):
            try:
                out[target.id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return out


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)


def changed(defaults: dict, values: dict) -> dict:
    """The parameters whose value differs from its default (``output_dir`` left out), by name."""
    return {name: values[name] for name in sorted(defaults)
            if name != OUTPUT_PARAMETER and name in values
            and _canonical(values[name]) != _canonical(defaults[name])}


def set_name(changes: dict) -> str:
    """The parameter set's name: ``defaults``, or the first 10 hex digits of the sha256 of the
    changed parameters as sorted JSON (a list and a tuple of the same values are the same)."""
    if not changes:
        return DEFAULTS
    return hashlib.sha256(_canonical(changes).encode("utf-8")).hexdigest()[:10]


def custom_dir(stem: str, name: str) -> Path:
    """``build/custom/<stem>/<parameter set>/`` of the project."""
    return paths.root().joinpath(*CUSTOM_DIR, stem, name)


def record(stem: str, notebook: Path | None, defaults: dict, values: dict) -> dict:
    """What the JSON beside a custom run's outputs says: the figure, its notebook, the
    parameter set's name, the parameters changed from their defaults, and every parameter's
    value in the run."""
    changes = changed(defaults, values)
    return {
        "stem": stem,
        "notebook": paths.show(notebook) if notebook is not None else None,
        "parameter_set": set_name(changes),
        "changed": changes,
        "parameters": {name: values[name] for name in sorted(defaults)
                       if name != OUTPUT_PARAMETER and name in values},
    }


def record_bytes(rec: dict) -> bytes:
    return (json.dumps(rec, indent=2, ensure_ascii=False, default=repr) + "\n").encode("utf-8")


# -- in a kernel ---------------------------------------------------------------------------------
def notebook_file(stem: str, named: str | None) -> Path | None:
    """The running notebook's file: the path its front end gave (absolute, or relative to the
    working folder or the project), else ``notebooks/<stem>.ipynb``; None when neither exists."""
    candidates = []
    if named:
        p = Path(named)
        candidates += [p] if p.is_absolute() else [Path.cwd() / p, paths.root() / p]
    candidates.append(paths.notebooks_dir() / f"{stem}.ipynb")
    return next((c for c in candidates if c.is_file()), None)


def user_values(names) -> dict:
    """The current values of ``names`` in the running IPython kernel ({} outside one)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    ns = getattr(shell, "user_ns", {}) if shell is not None else {}
    return {n: ns[n] for n in names if n in ns}


def current(stem: str, named: str | None) -> dict:
    """The record of the running notebook's parameters (:func:`record`): its defaults read from
    its file, its values from the kernel."""
    notebook = notebook_file(stem, named)
    defaults = {}
    if notebook is not None:
        try:
            defaults = parameter_defaults(json.loads(notebook.read_text(encoding="utf-8")))
        except (OSError, ValueError, SyntaxError, KeyError):
            defaults = {}
    return record(stem, notebook, defaults, user_values(defaults))
