"""The collection's notebooks: which there are (every ``notebooks/fig*.ipynb``), reading one, its
parameters and the input files their defaults name, its code as one source, and the normal form
an executed notebook is saved in (so that identical runs give identical bytes).

The runner, the staleness keys, the catalogue, the site, the sweep and the benchmark read the
notebooks through this module. Nothing here imports papermill (nbformat only when a notebook is
serialised), so listing and reading the collection costs milliseconds."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from tipfigs import paths

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


def code_source(nb: dict) -> str:
    """The notebook's code cells as one Python source (IPython magics and shell lines left out)."""
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    return "\n".join(line for cell in cells for line in cell.splitlines()
                     if not line.lstrip().startswith(("%", "!")))


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
