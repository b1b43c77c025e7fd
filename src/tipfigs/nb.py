"""Notebook set-up: style, tidy display, and one-line messages for input errors."""

from __future__ import annotations

import sys

from tipfigs.errors import TipfigsError


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


def setup(palette: str = "default") -> None:
    import pandas as pd

    from tipfigs import style

    style.setup(palette)
    pd.set_option("display.precision", 3)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 120)
    install_short_errors()
