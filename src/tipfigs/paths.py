"""Paths resolve from the project's root: the checkout the command runs in.

The root is the checkout that holds the working folder (the nearest folder upwards with
``data/manifest.toml``), which must be the checkout the package was installed from (the package
lives in its ``src/tipfigs``). An environment installed from another checkout (a copied ``.venv``,
one conda environment for two clones) would read and write that other checkout's files: the
command stops instead, with one line naming both and how to fix it (:class:`CheckoutError`).
Outside any checkout, the root is the package's own checkout. ``TIPFIGS_ROOT``, when set, names
the root outright (the tests and the benchmark build copies of the project elsewhere with it).
"""

from __future__ import annotations

import os
from pathlib import Path

from tipfigs.errors import CheckoutError

_MARKER = ("data", "manifest.toml")
#: The package's folder, as installed (src/tipfigs of a checkout, for an editable install).
PACKAGE_DIR = Path(__file__).resolve().parent


def _is_root(p: Path) -> bool:
    return p.joinpath(*_MARKER).is_file()


def checkout_of(start: Path) -> Path | None:
    """The checkout that holds ``start``: the nearest folder upwards with data/manifest.toml."""
    return next((p for p in (start, *start.parents) if _is_root(p)), None)


def package_checkout(package_dir: Path = PACKAGE_DIR) -> Path | None:
    """The checkout the package was installed from: the folder whose ``src/tipfigs`` it is
    (None for a package installed as a copy, in site-packages)."""
    top = package_dir.parent.parent
    if package_dir.parent.name == "src" and _is_root(top):
        return top
    return None


def wrong_checkout(here: Path, package_dir: Path) -> str:
    """The one line that stops a command run in checkout ``here`` with a package from elsewhere."""
    own = package_checkout(package_dir)
    where = f"the checkout {own}" if own is not None else f"{package_dir}, not a checkout"
    return (f"this checkout is {here}, but the environment's tipfigs package comes from {where}: "
            "nothing was read or written; set this checkout's own environment up with `make env` "
            "(or `python run.py env`) here, or run the command in the checkout of that environment")


def find_root(cwd: Path, package_dir: Path = PACKAGE_DIR) -> Path:
    """The root for a command run in ``cwd`` with the package at ``package_dir``."""
    own, here = package_checkout(package_dir), checkout_of(cwd)
    if here is None:
        if own is None:
            raise RuntimeError("cannot find the project root (a folder with data/manifest.toml); "
                               "run from inside the project or set TIPFIGS_ROOT")
        return own
    if own is None or own != here:
        raise CheckoutError(wrong_checkout(here, package_dir))
    return here


def root() -> Path:
    """The project's root (:func:`find_root`), or ``$TIPFIGS_ROOT``; :class:`CheckoutError`
    when the working folder is in a checkout the package was not installed from."""
    env = os.environ.get("TIPFIGS_ROOT")
    if env:
        return Path(env).resolve()
    return find_root(Path.cwd().resolve())


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
