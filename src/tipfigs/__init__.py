"""Shared code for the notebooks of the collection.

The notebooks stay thin: paths, verified data loading with schema checks, parameter
validation, the plot style, deterministic saving and the claims record live here.
"""

from tipfigs.claims import Claims
from tipfigs.errors import DataError, ParameterError, SchemaError, TipfigsError
from tipfigs.outputs import FigureOutputs
from tipfigs.paths import root
from tipfigs.session import install_short_errors

__all__ = [
    "Claims",
    "DataError",
    "FigureOutputs",
    "ParameterError",
    "SchemaError",
    "TipfigsError",
    "root",
    "version",
]


install_short_errors()


def version() -> str:
    """The collection's version, recorded in one place: the VERSION file at the root."""
    return (root() / "VERSION").read_text(encoding="utf-8").strip()
