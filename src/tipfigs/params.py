"""Validation of notebook parameters. Each check stops the run with one line that names
the parameter, the bad value and what is allowed."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from tipfigs import manifest, paths
from tipfigs.errors import ParameterError


def choice(name: str, value, allowed: Iterable):
    allowed = list(allowed)
    if value not in allowed:
        raise ParameterError(
            f"parameter {name}={value!r} is not allowed; choose one of "
            + ", ".join(repr(a) for a in allowed)
        )
    return value


def subset(name: str, values, allowed: Iterable) -> list:
    """A list of allowed values (None or empty means all of them, in the allowed order)."""
    allowed = list(allowed)
    if values is None or (isinstance(values, (list, tuple)) and not values):
        return allowed
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise ParameterError(f"parameter {name}={values!r} must be a list, e.g. [{allowed[0]!r}]")
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ParameterError(
            f"parameter {name} has unknown value(s) {', '.join(map(repr, bad))}; allowed: "
            + ", ".join(repr(a) for a in allowed)
        )
    return [a for a in allowed if a in values]


def input_file(name: str, value) -> Path:
    if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
        raise ParameterError(f"parameter {name}={value!r} must be a path to a file")
    p = paths.resolve(value)
    if not p.is_file():
        hint = (f" (a data file of the project: restore it with `git checkout -- "
                f"{paths.show(p)}`)" if manifest.entry_for(p) is not None else "")
        raise ParameterError(f"parameter {name}={str(value)!r}: no such file{hint}")
    return p


def integer(name: str, value, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterError(f"parameter {name}={value!r} must be a whole number")
    if minimum is not None and value < minimum:
        raise ParameterError(f"parameter {name}={value!r} must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise ParameterError(f"parameter {name}={value!r} must be at most {maximum}")
    return value


def year_range(name: str, value, lo: int, hi: int) -> tuple[int, int]:
    """A (first, last) pair of years, in order and inside [lo, hi] (the data's years).
    None means the whole range."""
    if value is None:
        return lo, hi
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise ParameterError(f"parameter {name}={value!r} must be a pair of years, e.g. [{lo}, {hi}]")
    a, b = value
    if a > b:
        raise ParameterError(f"parameter {name}={list(value)!r}: first year after last year")
    if b < lo or a > hi:
        raise ParameterError(
            f"parameter {name}={list(value)!r} lies outside the data's years {lo}-{hi}"
        )
    return max(a, lo), min(b, hi)


_ISO3 = re.compile(r"^[A-Z]{3}$")


def iso3(name: str, value, known: Iterable[str] | None = None):
    """An ISO 3166-1 alpha-3 code (or None for no filter), optionally one that is in the data."""
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO3.match(value):
        raise ParameterError(
            f"parameter {name}={value!r} must be an ISO3 country code such as 'USA', or None"
        )
    if known is not None:
        known = sorted(set(known))
        if value not in known:
            raise ParameterError(
                f"parameter {name}={value!r} does not occur in the data; codes present: "
                + ", ".join(known[:12]) + (" ..." if len(known) > 12 else "")
            )
    return value


def output_dir(name: str, value) -> Path:
    """Where a notebook writes its outputs. None means the project's default: figures/,
    or $TIPFIGS_OUTPUT_DIR when set (the test suite sets it so that re-running the
    notebooks never overwrites the published figures)."""
    if value is None:
        env = os.environ.get("TIPFIGS_OUTPUT_DIR")
        return paths.resolve(env) if env else paths.figures_dir()
    if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
        raise ParameterError(f"parameter {name}={value!r} must be a folder path or None")
    p = paths.resolve(value)
    if p.exists() and not p.is_dir():
        raise ParameterError(f"parameter {name}={str(value)!r} exists and is not a folder")
    return p
