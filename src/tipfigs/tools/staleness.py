"""Staleness: a figure is rebuilt when its key changes, and only then.

A figure's key is a digest of everything it depends on (:func:`staleness_key`): the code of its
notebook, the input files its parameters name, the modules of the package it imports (directly
or through other modules: :func:`package_modules`), the pinned environment and the data
manifest. The runner stores the key of each good run in ``build/stamps/<stem>.key``; a figure
whose stored key differs, or one of whose outputs is missing (the variants its about record
names among them) or left over from a variant it no longer has, is stale. Nothing here imports
papermill, so checking what is stale costs milliseconds."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from tipfigs import codebase, manifest, paths
from tipfigs.tools import notebooks, variants


def package_dir() -> Path:
    """The folder of the package the notebooks' kernel imports."""
    return codebase.package_dir()


def package_files(pkg: Path | None = None) -> list[Path]:
    return sorted((pkg or package_dir()).rglob("*.py"))


def package_modules(nb: dict, pkg: Path | None = None) -> list[Path]:
    """The package's module files a notebook depends on: those its code imports, and what
    they import in turn (the package's ``__init__`` always, as importing any module runs it).
    A notebook whose code cannot be parsed depends on the whole package."""
    pkg = pkg or package_dir()
    try:
        names = set(codebase.imports(notebooks.code_source(nb)))
    except SyntaxError:
        return package_files(pkg)
    return codebase.closure(names, pkg)


def _h(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def staleness_key(stem: str) -> str:
    """A digest of everything a figure depends on: the notebook's code, its inputs, the
    modules of the shared package it imports (directly or through other modules), the pinned
    environment and the data manifest. Outputs and markdown do not count: re-running changes
    neither; nor does a module the notebook never imports (the catalogue, the site, the
    runner)."""
    nb = notebooks.read(notebooks.notebook_path(stem))
    parts = {
        "code": _h(json.dumps([("".join(c["source"]), c.get("metadata", {}).get("tags", []))
                               for c in nb["cells"] if c["cell_type"] == "code"]).encode()),
        "inputs": {paths.show(p): manifest.sha256_file(p) for p in notebooks.input_files(nb)},
        "package": {paths.show(p): _h(p.read_bytes()) for p in package_modules(nb)},
        "environment": _h((paths.root() / "requirements.txt").read_bytes()),
        "manifest": _h((paths.data_dir() / "manifest.toml").read_bytes()),
    }
    return _h(json.dumps(parts, sort_keys=True).encode())


def stamp_path(stem: str) -> Path:
    return paths.build_dir() / "stamps" / f"{stem}.key"


def is_stale(stem: str) -> bool:
    """True when the figure's key changed since its last good run, or when its published
    outputs are not what that run writes: one is missing, a variant its about record names
    (slide, bare) is missing, or a variant file it no longer names is left over."""
    from tipfigs.outputs import SUFFIXES  # here, not on top: tipfigs.outputs imports pandas

    stamp = stamp_path(stem)
    if not stamp.is_file() or stamp.read_text().strip() != staleness_key(stem):
        return True
    folder = paths.figures_dir()
    if any(not (folder / f"{stem}{s}").is_file() for s in SUFFIXES):
        return True
    about = variants.read_about(folder, stem)
    return (any(not (folder / name).is_file() for name in variants.file_names(stem, about))
            or bool(variants.leftovers(folder, stem, about)))




# -- the stamps make compares ---------------------------------------------------------------------
def write_stamp(path: Path, text: str, always: bool = False) -> bool:
    """Write ``text`` to ``path`` (through a temporary file beside it) unless it holds it
    already, or ``always``; True when written. A stamp whose time changes only with its content
    lets make skip what depends on it after a step that ran but changed nothing; ``always`` is
    for a record whose time says when it was last checked."""
    try:
        if not always and path.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


#: The key of every figure's last good run, one line each: rewritten by the runner only when
#: one changed, so that make regenerates the catalogue after a figure was rebuilt, not after a
#: run that found every figure up to date.
KEYS = "figures.keys"


def keys_path() -> Path:
    return paths.build_dir() / KEYS


def record_keys() -> bool:
    """Write build/figures.keys from the stamps of the figures if it changed; True if written."""
    lines = []
    for stem in notebooks.stems():
        stamp = stamp_path(stem)
        key = stamp.read_text().strip() if stamp.is_file() else "-"
        lines.append(f"{key}  {stem}\n")
    return write_stamp(keys_path(), "".join(lines))
