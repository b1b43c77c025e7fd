"""A notebook's session: its name (the stem of its file), the plot style, tidy display,
and one-line messages for input errors."""

from __future__ import annotations

import os
import sys
from pathlib import PurePath

from tipfigs.errors import ParameterError, TipfigsError


def _short_error(shell, etype, value, tb, tb_offset=None):
    # An input problem is reported as one line that names what to fix; the traceback
    # into pandas or this package would only hide it. Other errors keep full tracebacks.
    stb = [f"{etype.__name__}: {value}"]
    shell._showtraceback(etype, value, stb)  # publishes an 'error' output, as a traceback would
    return stb


def install_short_errors() -> None:
    """In an IPython kernel, show tipfigs' input errors as one line. Called when the
    package is imported, so it applies even to errors raised while validating parameters."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        shell.set_custom_exc((TipfigsError,), _short_error)


def start(palette: str = "default") -> None:
    """Start a notebook's session: the plot style (:func:`tipfigs.style.use`), tidy display of
    tables, and one-line messages for input errors. (A data source's ``setup`` is another thing:
    it validates that source's parameters and loads its files.)"""
    import pandas as pd

    from tipfigs import style

    style.use(palette)
    pd.set_option("display.precision", 3)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 120)
    install_short_errors()


setup = start  # the former name, until every notebook says start


#: Set by the project's runner and its nbval hook to the path of the notebook being run.
NOTEBOOK_ENV = "TIPFIGS_NOTEBOOK"


def _user_ns() -> dict:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "user_ns", {}) if shell is not None else {}


def notebook_path() -> str | None:
    """The path of the running notebook, from whatever ran it: papermill with
    ``--inject-paths`` (PAPERMILL_INPUT_PATH), the project's runner and nbval hook
    (TIPFIGS_NOTEBOOK), VS Code (``__vsc_ipynb_file__``) or JupyterLab (JPY_SESSION_NAME).
    None outside a notebook, or when the front end does not say."""
    ns = _user_ns()
    for found in (ns.get("PAPERMILL_INPUT_PATH"), os.environ.get(NOTEBOOK_ENV),
                  ns.get("__vsc_ipynb_file__"), os.environ.get("JPY_SESSION_NAME")):
        if isinstance(found, str) and found.endswith(".ipynb"):
            return found
    return None


def stem() -> str:
    """The figure's name stem: the running notebook's own file name without ``.ipynb``, so a
    copied notebook writes its outputs under its own name, never over the original's."""
    path = notebook_path()
    if path is None:
        raise ParameterError(
            "cannot tell which notebook is running, so its outputs have no name: run it with "
            "`make STEM` or `python run.py STEM`, open it in JupyterLab, or use papermill "
            "with --inject-paths")
    return PurePath(path.replace("\\", "/")).stem
