"""The collection's notebooks: which there are (those ``data/figures.toml`` lists), reading one, its
parameters and the input files their defaults name, its code as one source, and the normal form
an executed notebook is saved in (so that identical runs give identical bytes).

The runner, the staleness keys, the catalogue, the site, the sweep and the benchmark read the
notebooks through this module. Nothing here imports papermill (nbformat only when a notebook is
serialised), so listing and reading the collection costs milliseconds."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from tipfigs import paths
from tipfigs.errors import DataError
from tipfigs.runs import parameter_defaults, parameters_source

KERNEL_NAME = "tipfigs"
KERNEL_DISPLAY = "Python (tipfigs)"
#: A notebook whose name starts with this is a figure (of the collection, or a copy to explore).
FIGURE_PREFIX = "fig"
#: The list of the collection's figures, under data/.
FIGURES_FILE = "figures.toml"

__all__ = ["parameter_defaults", "parameters_source"]  # read here, defined in tipfigs.runs


def all_stems() -> list[str]:
    """Every figure notebook in notebooks/: the collection's and any copy made to explore."""
    return sorted(p.stem for p in paths.notebooks_dir().glob(f"{FIGURE_PREFIX}*.ipynb"))


def figures_file() -> Path:
    return paths.data_dir() / FIGURES_FILE


def listed() -> list[str] | None:
    """The stems ``data/figures.toml`` lists (``figures = [...]``), in its order; None without
    the file (then every figure notebook is the collection's)."""
    file = figures_file()
    if not file.is_file():
        return None
    where = paths.show(file)
    try:
        doc = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"{where}: not valid TOML ({e})") from None
    figures = doc.get("figures")
    if not isinstance(figures, list) or not all(isinstance(f, str) and f for f in figures):
        raise DataError(f"{where}: give the collection's figures as figures = [\"fig01-...\", ...]")
    if len(set(figures)) != len(figures):
        raise DataError(f"{where}: a figure is listed twice")
    return list(figures)


def stems() -> list[str]:
    """The collection's figures: the notebooks the build runs and publishes, nbval checks and
    the report and the catalogue list. Those ``data/figures.toml`` lists (each must have its
    notebook), or without that file every ``notebooks/fig*.ipynb``. A notebook copied into
    notebooks/ and not listed runs as a custom run, under its own name (:mod:`tipfigs.runs`)."""
    names = listed()
    if names is None:
        return all_stems()
    missing = [s for s in names if not notebook_path(s).is_file()]
    if missing:
        raise DataError(f"{paths.show(figures_file())} lists {', '.join(missing)}, but there is no "
                        + ", ".join(f"notebooks/{s}.ipynb" for s in missing))
    return sorted(names)


def in_collection(stem: str) -> bool:
    return stem in stems()


def notebook_path(stem: str) -> Path:
    return paths.notebooks_dir() / f"{stem}.ipynb"


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


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
