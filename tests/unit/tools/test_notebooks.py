"""The collection's notebooks: which there are, their parameters and input files, and the
normal form an executed notebook is saved in."""

import json
import os

import pytest
from builders.notebooks import notebook

from tipfigs.tools import notebooks


def test_stems_are_the_figure_notebooks(fake_root):
    root, _, _ = fake_root
    for name in ("fig02-b", "fig01-a", "scratch"):
        (root / "notebooks" / f"{name}.ipynb").write_text("{}")
    assert notebooks.stems() == ["fig01-a", "fig02-b"]
    assert os.path.basename(notebooks.notebook_path("fig01-a")) == "fig01-a.ipynb"


def test_annotated_parameters_and_lists_of_files_are_read(fake_root):
    root, _, _ = fake_root
    for name in ("a.csv", "b.csv", "c.csv"):
        (root / "data" / name).write_text("x\n1\n")
    nb = notebook("x = 1", params=(
        'output_dir: "Optional[str]" = None  # where the outputs go\n'
        'one: str = "data/a.csv"  # a file\n'
        'many: list = ["data/b.csv", "data/c.csv"]  # files\n'
        "n: int = 3  # a number"))
    assert notebooks.parameter_defaults(nb) == {
        "output_dir": None, "one": "data/a.csv", "many": ["data/b.csv", "data/c.csv"], "n": 3}
    assert notebooks.input_files(nb) == [root / "data" / f"{n}.csv" for n in "abc"]


def test_parameters_cell_must_be_unique():
    nb = notebook("x = 1")
    nb["cells"][2]["metadata"]["tags"] = ["parameters"]
    with pytest.raises(ValueError, match="exactly one cell tagged 'parameters', found 2"):
        notebooks.parameters_source(nb)


def test_normalize_strips_run_specific_metadata():
    nb = notebook("x = 1")
    nb["metadata"] = {"papermill": {"start_time": "2026", "input_path": "/abs/path"},
                      "language_info": {"name": "python", "version": "3.11.7"},
                      "kernelspec": {"name": "python3"}}
    nb["cells"][2]["metadata"] = {"execution": {"iopub.status.busy": "2026"},
                                  "papermill": {"duration": 1.0}, "tags": []}
    out = notebooks.normalize(nb)
    assert out["metadata"] == {"language_info": {"name": "python"},
                               "kernelspec": {"display_name": notebooks.KERNEL_DISPLAY,
                                              "language": "python", "name": notebooks.KERNEL_NAME}}
    assert out["cells"][2]["metadata"] == {}
    assert notebooks.dumps(out).endswith("}\n")


def _stream(name, text):
    return {"output_type": "stream", "name": name, "text": text}


def test_stream_outputs_split_by_the_kernel_give_the_same_bytes():
    """The kernel may send one print as two messages (its text, then its newline), and stdout
    and stderr in either order: every such batching of the same text normalises alike."""
    table = {"output_type": "execute_result", "data": {"text/plain": "t"}, "metadata": {},
             "execution_count": 1}
    batchings = [
        [_stream("stdout", "a\n"), _stream("stderr", "w\n"), _stream("stdout", "b\n"), table,
         _stream("stdout", "c\n")],
        [_stream("stdout", "a"), _stream("stdout", ["\n", "b\n"]), _stream("stderr", "w\n"),
         table, _stream("stdout", "c"), _stream("stdout", "\n")],
        [_stream("stderr", "w"), _stream("stdout", "a\nb\n"), _stream("stderr", "\n"), table,
         _stream("stdout", "c\n")],
    ]
    texts = []
    for outputs in batchings:
        nb = {"cells": [{"cell_type": "code", "id": "c", "metadata": {}, "source": "",
                         "execution_count": 1, "outputs": outputs}],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        texts.append(notebooks.dumps(notebooks.normalize(nb)))
    assert texts[0] == texts[1] == texts[2]
    merged = json.loads(texts[0])["cells"][0]["outputs"]
    assert [(o["output_type"], o.get("name")) for o in merged] == [
        ("stream", "stdout"), ("stream", "stderr"), ("execute_result", None), ("stream", "stdout")]
    assert ["".join(o["text"]) for o in merged if "text" in o] == ["a\nb\n", "w\n", "c\n"]
