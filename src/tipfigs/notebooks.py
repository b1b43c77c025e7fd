"""The notebook collection: discovery, staleness keys and normalisation of executed
notebooks. Nothing here imports papermill, so checking what is stale costs milliseconds."""

from __future__ import annotations

import ast
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
    """Literal defaults of the parameters cell (name -> value)."""
    out = {}
    for node in ast.parse(parameters_source(nb)).body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)):
            try:
                out[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return out


def input_files(nb: dict) -> list[Path]:
    """Files in the repository that the parameters' defaults point to: the notebook's inputs."""
    found = set()
    for value in parameter_defaults(nb).values():
        if isinstance(value, str) and value and not Path(value).is_absolute():
            p = paths.resolve(value)
            if p.is_file():
                found.add(p)
    return sorted(found)


def package_files() -> list[Path]:
    return sorted((paths.root() / "src" / "tipfigs").rglob("*.py"))


def _h(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def staleness_key(stem: str) -> str:
    """A digest of everything a figure depends on: the notebook's code, its inputs, the
    shared package, the pinned environment and the data manifest. Outputs and markdown
    do not count: re-running changes neither."""
    nb = read(notebook_path(stem))
    parts = {
        "code": _h(json.dumps([("".join(c["source"]), c.get("metadata", {}).get("tags", []))
                               for c in nb["cells"] if c["cell_type"] == "code"]).encode()),
        "inputs": {paths.show(p): manifest.sha256_file(p) for p in input_files(nb)},
        "package": {paths.show(p): _h(p.read_bytes()) for p in package_files()},
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


def normalize(nb: dict) -> dict:
    """Strip what varies from run to run (timings, papermill bookkeeping with machine
    paths, interpreter version) and fix the kernel, so identical runs give identical bytes."""
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
    return nb


def dumps(nb: dict) -> str:
    """Serialise like Jupyter does (indent 1, sorted keys), with a final newline."""
    import nbformat

    return nbformat.writes(nbformat.from_dict(nb)) + "\n"
