"""The committed notebooks keep the collection's contract, and the staleness key tracks
exactly what a figure depends on."""

import json
import os
import re
from pathlib import Path

import pytest

from tipfigs.outputs import SUFFIXES
from tipfigs.tools import staleness

REPO = Path(__file__).resolve().parents[1]
STEMS = sorted(p.stem for p in (REPO / "notebooks").glob("fig*.ipynb"))


def test_there_are_figures():
    assert "fig01-modern-slavery-overview" in STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_notebook_contract(stem):
    nb = json.loads((REPO / "notebooks" / f"{stem}.ipynb").read_text())
    assert re.match(r"^fig\d\d-[a-z0-9-]+$", stem)
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "".join(first["source"]).startswith("# ")
    defaults = staleness.parameter_defaults(nb)  # exactly one parameters cell
    assert "output_dir" in defaults and defaults["output_dir"] is None
    assert nb["metadata"]["kernelspec"]["name"] == staleness.KERNEL_NAME
    assert "papermill" not in nb["metadata"]
    assert "version" not in nb["metadata"].get("language_info", {})
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c.get("execution_count") for c in code), "committed notebooks carry their outputs"
    assert "out.publish()" in "".join(code[-1]["source"])
    for c in code:
        assert "execution" not in c["metadata"] and "papermill" not in c["metadata"]
        for o in c.get("outputs", []):
            assert o["output_type"] != "error"
            text = json.dumps(o)
            assert str(REPO) not in text and "/root/" not in text and "/home/" not in text
            assert o.get("name") != "stderr", f"warning in {stem}: {text[:200]}"
            # an object's repr with its memory address differs on every run
            assert not re.search(r" at 0x[0-9a-f]+", text), f"a memory address in {stem}: {text[:200]}"
    for suffix in SUFFIXES:
        assert (REPO / "figures" / f"{stem}{suffix}").is_file()


def _tiny_notebook(code: str, params: str = "output_dir = None") -> dict:
    return {
        "cells": [
            {"cell_type": "markdown", "id": "c1", "metadata": {}, "source": "# T"},
            {"cell_type": "code", "id": "c2", "metadata": {"tags": ["parameters"]},
             "source": params, "outputs": [], "execution_count": None},
            {"cell_type": "code", "id": "c3", "metadata": {}, "source": code, "outputs": [],
             "execution_count": None},
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }


def test_staleness_key_tracks_code_inputs_and_package_not_outputs(fake_root):
    root, _, _ = fake_root
    (root / "data/in.csv").write_text("a\n1\n")
    nb = _tiny_notebook("x = 1", params='output_dir = None\nsrc = "data/in.csv"')
    path = root / "notebooks/figzz-t.ipynb"
    path.write_text(json.dumps(nb))
    assert staleness.input_files(nb) == [root / "data/in.csv"]
    k0 = staleness.staleness_key("figzz-t")
    nb["cells"][2]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hi"}]
    nb["cells"][2]["execution_count"] = 5
    nb["cells"][0]["source"] = "# Changed prose"
    path.write_text(json.dumps(nb))
    assert staleness.staleness_key("figzz-t") == k0
    (root / "data/in.csv").write_text("a\n2\n")
    k1 = staleness.staleness_key("figzz-t")
    assert k1 != k0
    nb["cells"][2]["source"] = "x = 2"
    path.write_text(json.dumps(nb))
    assert staleness.staleness_key("figzz-t") != k1
    (root / "requirements.txt").write_text("pandas==1\n")
    assert staleness.staleness_key("figzz-t") not in (k0, k1)


def test_annotated_parameters_and_lists_of_files_are_read(fake_root):
    root, _, _ = fake_root
    for name in ("a.csv", "b.csv", "c.csv"):
        (root / "data" / name).write_text("x\n1\n")
    nb = _tiny_notebook("x = 1", params=(
        'output_dir: "Optional[str]" = None  # where the outputs go\n'
        'one: str = "data/a.csv"  # a file\n'
        'many: list = ["data/b.csv", "data/c.csv"]  # files\n'
        "n: int = 3  # a number"))
    assert staleness.parameter_defaults(nb) == {
        "output_dir": None, "one": "data/a.csv", "many": ["data/b.csv", "data/c.csv"], "n": 3}
    assert staleness.input_files(nb) == [root / "data" / f"{n}.csv" for n in "abc"]


def test_normalize_strips_run_specific_metadata():
    nb = _tiny_notebook("x = 1")
    nb["metadata"] = {"papermill": {"start_time": "2026", "input_path": "/abs/path"},
                      "language_info": {"name": "python", "version": "3.11.7"},
                      "kernelspec": {"name": "python3"}}
    nb["cells"][2]["metadata"] = {"execution": {"iopub.status.busy": "2026"},
                                  "papermill": {"duration": 1.0}, "tags": []}
    out = staleness.normalize(nb)
    assert out["metadata"] == {"language_info": {"name": "python"},
                               "kernelspec": {"display_name": staleness.KERNEL_DISPLAY,
                                              "language": "python", "name": staleness.KERNEL_NAME}}
    assert out["cells"][2]["metadata"] == {}
    assert staleness.dumps(out).endswith("}\n")


def test_parameters_cell_must_be_unique():
    nb = _tiny_notebook("x = 1")
    nb["cells"][2]["metadata"]["tags"] = ["parameters"]
    with pytest.raises(ValueError, match="exactly one cell tagged 'parameters', found 2"):
        staleness.parameters_source(nb)


def test_stems_are_the_figure_notebooks(fake_root):
    root, _, _ = fake_root
    for name in ("fig02-b", "fig01-a", "scratch"):
        (root / "notebooks" / f"{name}.ipynb").write_text("{}")
    assert staleness.stems() == ["fig01-a", "fig02-b"]
    assert os.path.basename(staleness.notebook_path("fig01-a")) == "fig01-a.ipynb"


def test_lint_covers_the_notebooks_and_catches_an_error_in_one(tmp_path):
    import subprocess
    import sys

    from tipfigs.tools import tasks

    assert "notebooks" in tasks.LINT[0]
    nb = _tiny_notebook("import os\nx = 1")
    bad = tmp_path / "figzz-lint.ipynb"
    bad.write_text(json.dumps(nb))
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--config",
                        str(REPO / "pyproject.toml"), str(bad)], capture_output=True, text=True)
    assert r.returncode == 1 and "F401" in r.stdout


# -- a notebook a reader can follow ------------------------------------------------------------

MAX_CELL_LINES = 40


def _code_cells(stem):
    nb = json.loads((REPO / "notebooks" / f"{stem}.ipynb").read_text())
    return nb, [c for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("stem", STEMS)
def test_no_code_cell_is_over_40_lines(stem):
    _, code = _code_cells(stem)
    long = [(i, len("".join(c["source"]).splitlines())) for i, c in enumerate(code)
            if len("".join(c["source"]).splitlines()) > MAX_CELL_LINES]
    assert not long, f"{stem}: code cells (index, lines) over {MAX_CELL_LINES} lines: {long}"


@pytest.mark.parametrize("stem", STEMS)
def test_each_panel_has_its_heading_and_its_own_cell(stem):
    """A panel is drawn by one cell that labels it (style.panel_label, once), right after a
    markdown cell whose heading (### ...) and caption say what the panel shows."""
    nb, _ = _code_cells(stem)
    cells = nb["cells"]
    panels = 0
    for i, c in enumerate(cells):
        src = "".join(c["source"])
        if c["cell_type"] != "code" or "panel_label(" not in src:
            continue
        panels += 1
        assert src.count("panel_label(") == 1, f"{stem}: cell {i} labels more than one panel"
        before = cells[i - 1]
        text = "".join(before["source"])
        assert before["cell_type"] == "markdown" and text.startswith("### "), (
            f"{stem}: the panel drawn in cell {i} has no heading (### ...) just before it")
        assert len(text.strip().splitlines()) >= 2, f"{stem}: cell {i - 1}: heading without caption"
    assert panels >= 1, f"{stem}: no panel is labelled"


@pytest.mark.parametrize("stem", STEMS)
def test_every_parameter_has_help_that_papermill_shows(stem):
    from papermill.inspection import inspect_notebook

    found = inspect_notebook(str(REPO / "notebooks" / f"{stem}.ipynb"))
    assert found, f"{stem}: papermill finds no parameters"
    missing = [name for name, p in found.items() if not p["help"].strip()]
    untyped = [name for name, p in found.items() if p["inferred_type_name"] in ("None", "")]
    assert not missing, f"{stem}: parameters without a help comment: {missing}"
    assert not untyped, f"{stem}: parameters without a type papermill can show: {untyped}"


@pytest.mark.parametrize("stem", STEMS)
def test_the_stem_is_never_typed_in_a_notebook(stem):
    _, code = _code_cells(stem)
    src = "\n".join("".join(c["source"]) for c in code)
    assert "STEM =" not in src and stem not in src, f"{stem}: its name is typed in its code"


@pytest.mark.parametrize("stem", STEMS)
def test_colours_come_from_the_style_module(stem):
    _, code = _code_cells(stem)
    src = "\n".join("".join(c["source"]) for c in code)
    typed = sorted(set(re.findall(r"[\"']#[0-9a-fA-F]{3,8}[\"']", src)))
    assert not typed, f"{stem}: colours typed in the notebook (use tipfigs.style): {typed}"
