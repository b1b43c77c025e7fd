"""Notebook set-up: style, tidy display, and one-line messages for input errors."""

from __future__ import annotations

import pandas as pd

from tipfigs import style
from tipfigs.errors import TipfigsError


def _short_error(shell, etype, value, tb, tb_offset=None):
    # An input problem is reported as one line that names what to fix; the traceback
    # into pandas or this package would only hide it. Other errors keep full tracebacks.
    return [f"{etype.__name__}: {value}"]


def setup(palette: str = "default") -> None:
    style.setup(palette)
    pd.set_option("display.precision", 3)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 120)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    ip = get_ipython()
    if ip is not None:
        ip.set_custom_exc((TipfigsError,), _short_error)
