"""The notebook collection: discovery, staleness keys and normalisation of executed
notebooks. Nothing here imports papermill, so checking what is stale costs milliseconds."""

from __future__ import annotations

import ast
import functools
import hashlib
import json
from pathlib import Path

from tipfigs import manifest, paths

KERNEL_NAME = "tipfigs"
KERNEL_DISPLAY = "Python (tipfigs)"
#: A notebook whose name starts with this is a figure of the collection.
FIGURE_PREFIX = "fig"


def stems() -> list[str]:
    return sorted(p.stem for p in paths.notebooks_dir().glob(f"{FIGURE_PREFIX}*.ipynb"))


def notebook_path(stem: str) -> Path:
    return paths.notebooks_dir() / f"{stem}.ipynb"


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


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


def input_files(nb: dict) -> list[Path]:
    """Files in the repository that the parameters' defaults point to: the notebook's inputs."""
    found = set()
    for default in parameter_defaults(nb).values():
        for value in default if isinstance(default, (list, tuple)) else [default]:
            if isinstance(value, str) and value and not Path(value).is_absolute():
                p = paths.resolve(value)
                if p.is_file():
                    found.add(p)
    return sorted(found)


PACKAGE = "tipfigs"


def package_dir() -> Path:
    """The folder of the package the notebooks' kernel imports."""
    return Path(__file__).resolve().parents[1]


def package_files(pkg: Path | None = None) -> list[Path]:
    return sorted((pkg or package_dir()).rglob("*.py"))


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
def _imports(source: str, module: str | None = None, is_package: bool = False) -> frozenset[str]:
    """Names of the package's modules that ``source`` imports, anywhere in it (also inside
    functions: a conservative answer). ``from tipfigs import x`` yields both ``tipfigs`` and
    ``tipfigs.x``; which of them are modules is decided by the files that exist. Remembered
    per source, so that the runner parses each module once, not once per notebook."""
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


def code_source(nb: dict) -> str:
    """The notebook's code cells as one Python source (IPython magics and shell lines left out)."""
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    return "\n".join(line for cell in cells for line in cell.splitlines()
                     if not line.lstrip().startswith(("%", "!")))


def package_modules(nb: dict, pkg: Path | None = None) -> list[Path]:
    """The package's module files a notebook depends on: those its code imports, and what
    they import in turn (the package's ``__init__`` always, as importing any module runs it).
    A notebook whose code cannot be parsed depends on the whole package."""
    pkg = pkg or package_dir()
    try:
        todo = set(_imports(code_source(nb)))
    except SyntaxError:
        return package_files(pkg)
    if not todo:
        return []
    todo.add(PACKAGE)
    seen: set[Path] = set()
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # a module and the packages that contain it
            f = _module_file(".".join(parts[:i]), pkg)
            if f is None or f in seen:
                continue
            seen.add(f)
            todo |= _imports(f.read_text(encoding="utf-8"), _module_name(f, pkg),
                             f.name == "__init__.py")
    return sorted(seen)


def _h(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def staleness_key(stem: str) -> str:
    """A digest of everything a figure depends on: the notebook's code, its inputs, the
    modules of the shared package it imports (directly or through other modules), the pinned
    environment and the data manifest. Outputs and markdown do not count: re-running changes
    neither; nor does a module the notebook never imports (the catalogue, the site, the
    runner)."""
    nb = read(notebook_path(stem))
    parts = {
        "code": _h(json.dumps([("".join(c["source"]), c.get("metadata", {}).get("tags", []))
                               for c in nb["cells"] if c["cell_type"] == "code"]).encode()),
        "inputs": {paths.show(p): manifest.sha256_file(p) for p in input_files(nb)},
        "package": {paths.show(p): _h(p.read_bytes()) for p in package_modules(nb)},
        "environment": _h((paths.root() / "requirements.txt").read_bytes()),
        "manifest": _h((paths.data_dir() / "manifest.toml").read_bytes()),
    }
    return _h(json.dumps(parts, sort_keys=True).encode())


def stamp_path(stem: str) -> Path:
    return paths.build_dir() / "stamps" / f"{stem}.key"


def is_stale(stem: str) -> bool:
    from tipfigs.outputs import SUFFIXES

    stamp = stamp_path(stem)
    if not stamp.is_file() or stamp.read_text().strip() != staleness_key(stem):
        return True
    return any(not (paths.figures_dir() / f"{stem}{s}").is_file() for s in SUFFIXES)


_VOLATILE_CELL_METADATA = ("papermill", "execution", "ExecuteTime", "collapsed", "scrolled")


def _text(output: dict) -> str:
    text = output.get("text", "")
    return "".join(text) if isinstance(text, list) else text


def merge_streams(outputs: list[dict]) -> list[dict]:
    """Each run of consecutive stream outputs as one ``stdout`` then one ``stderr`` output.

    The kernel sends what a cell prints in batches on a timer (every 0.2 s), and a timer
    left over from an earlier print can fire between the two writes of one ``print`` (its
    text, then its newline): the same text then arrives as two outputs instead of one, or
    with stdout and stderr interleaved differently, depending on the machine's load. What
    was printed between two rich outputs is deterministic (the kernel sends its streams
    before any rich output), so merging each run gives the same bytes from every run;
    Jupyter's own front ends and nbval merge streams the same way."""
    merged: list[dict] = []
    run: dict[str, dict] = {}

    def close_run():
        for name in sorted(run, key=lambda n: (n != "stdout", n != "stderr", n)):
            merged.append(run[name])
        run.clear()

    for out in outputs:
        if out.get("output_type") != "stream":
            close_run()
            merged.append(out)
        elif out.get("name") in run:
            run[out["name"]]["text"] += _text(out)
        else:
            run[out.get("name")] = dict(out, text=_text(out))
    close_run()
    return merged


def normalize(nb: dict) -> dict:
    """Strip what varies from run to run (timings, papermill bookkeeping with machine
    paths, interpreter version), merge stream outputs that the kernel split at random
    (:func:`merge_streams`) and fix the kernel, so identical runs give identical bytes."""
    md = nb.setdefault("metadata", {})
    for key in ("papermill", "widgets"):
        md.pop(key, None)
    md["kernelspec"] = {"display_name": KERNEL_DISPLAY, "language": "python", "name": KERNEL_NAME}
    li = md.get("language_info")
    if isinstance(li, dict):
        li.pop("version", None)
    for cell in nb["cells"]:
        cm = cell.setdefault("metadata", {})
        for key in _VOLATILE_CELL_METADATA:
            cm.pop(key, None)
        if cm.get("tags") == []:
            del cm["tags"]
        if cell.get("outputs"):
            cell["outputs"] = merge_streams(cell["outputs"])
    return nb


def dumps(nb: dict) -> str:
    """Serialise like Jupyter does (indent 1, sorted keys), with a final newline."""
    import nbformat

    return nbformat.writes(nbformat.from_dict(nb)) + "\n"
