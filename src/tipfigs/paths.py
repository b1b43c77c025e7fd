"""Paths resolve from the repository root, whatever the working folder.

The root is found from this file's location (the package lives in ``src/tipfigs``),
or from the environment variable ``TIPFIGS_ROOT`` when set (used by tests that build
a copy of the project elsewhere).
"""

from __future__ import annotations

import os
from pathlib import Path

_MARKER = ("data", "manifest.toml")


def _is_root(p: Path) -> bool:
    return p.joinpath(*_MARKER).is_file()


def root() -> Path:
    env = os.environ.get("TIPFIGS_ROOT")
    if env:
        return Path(env).resolve()
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for p in (start, *start.parents):
            if _is_root(p):
                return p
    raise RuntimeError(
        "cannot find the project root (a folder with data/manifest.toml); "
        "run from inside the project or set TIPFIGS_ROOT"
    )


def data_dir() -> Path:
    return root() / "data"


def raw_dir() -> Path:
    """The external data files, committed with the project and verified against the manifest."""
    return data_dir() / "raw"


def build_dir() -> Path:
    return root() / "build"


def cache_dir() -> Path:
    return build_dir() / "cache"


def notebooks_dir() -> Path:
    return root() / "notebooks"


def figures_dir() -> Path:
    return root() / "figures"


def resolve(path: str | os.PathLike) -> Path:
    """A path as given by a user: absolute, or relative to the repository root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else root() / p


def show(path: str | os.PathLike) -> str:
    """A path for messages and outputs: relative to the root when inside it."""
    p = Path(path)
    try:
        return Path(os.path.abspath(p)).relative_to(root()).as_posix()
    except ValueError:
        return str(p)
