"""The package's own code: which of its modules a piece of code imports, directly or through
other modules. A figure's staleness key and a parsed table's cache key are both digests of the
modules they depend on, found here by one rule, never listed by hand."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

PACKAGE = "tipfigs"


def package_dir() -> Path:
    """The folder of the package."""
    return Path(__file__).resolve().parent


def _module_name(path: Path, pkg: Path) -> str:
    rel = path.relative_to(pkg).with_suffix("")
    parts = [PACKAGE, *rel.parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_file(name: str, pkg: Path) -> Path | None:
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = pkg.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _statements(tree: ast.AST):
    """Every statement of a parsed source, nested ones too. An import is always a statement,
    so the expressions (most of the tree) need no visit."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            value = getattr(node, field, None)
            if isinstance(value, list):
                todo.extend(value)


@functools.cache
def imports(source: str, module: str | None = None, is_package: bool = False) -> frozenset[str]:
    """Names of the package's modules that ``source`` imports, anywhere in it (also inside
    functions: a conservative answer). ``from tipfigs import x`` yields both ``tipfigs`` and
    ``tipfigs.x``; which of them are modules is decided by the files that exist. Remembered
    per source, so that each module is parsed once per process."""
    names: set[str] = set()
    for node in _statements(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level and module:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            if base:
                names.add(base)
                names |= {f"{base}.{a.name}" for a in node.names}
    return frozenset(n for n in names if n == PACKAGE or n.startswith(PACKAGE + "."))


def closure(names, pkg: Path | None = None, package_init: bool = True) -> list[Path]:
    """The module files of the package that importing ``names`` (module names) runs: each
    module, the packages that contain it (their ``__init__``) and what they import in turn.
    ``package_init=False`` leaves out the package's own ``__init__`` and what only it imports
    (the notebooks' conveniences), for code that runs whatever that file says."""
    pkg = pkg or package_dir()
    todo = set(names)
    if not todo:
        return []
    if package_init:
        todo.add(PACKAGE)
    seen: set[Path] = set()
    while todo:
        name = todo.pop()
        if name == PACKAGE and not package_init:
            continue
        parts = name.split(".")
        for i in range(1 if package_init else 2, len(parts) + 1):  # and the packages it is in
            f = _module_file(".".join(parts[:i]), pkg)
            if f is None or f in seen:
                continue
            seen.add(f)
            todo |= imports(f.read_text(encoding="utf-8"), _module_name(f, pkg),
                            f.name == "__init__.py")
    return sorted(seen)


def module_files(module_file: str | Path) -> tuple[str, ...]:
    """The package's module files whose code a module runs: itself and what it imports,
    transitively (its subpackage's ``__init__`` on the way, never the package's own, which only
    gathers conveniences for notebooks). A table a module builds and caches depends on these."""
    pkg = package_dir()
    f = Path(module_file).resolve()
    return tuple(str(p) for p in closure({_module_name(f, pkg)}, pkg, package_init=False))
