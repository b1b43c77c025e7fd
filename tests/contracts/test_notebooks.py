"""The committed notebooks keep the collection's contract (the tooling that reads them is
tested under tests/unit/tools/)."""

import json
import re
from pathlib import Path

import pytest

from tipfigs.outputs import SUFFIXES
from tipfigs.tools import notebooks

REPO = Path(__file__).resolve().parents[2]
STEMS = sorted(p.stem for p in (REPO / "notebooks").glob("fig*.ipynb"))


def test_there_are_figures():
    assert "fig01-modern-slavery-overview" in STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_notebook_contract(stem):
    nb = json.loads((REPO / "notebooks" / f"{stem}.ipynb").read_text())
    assert re.match(r"^fig\d\d-[a-z0-9-]+$", stem)
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "".join(first["source"]).startswith("# ")
    defaults = notebooks.parameter_defaults(nb)  # exactly one parameters cell
    assert "output_dir" in defaults and defaults["output_dir"] is None
    assert nb["metadata"]["kernelspec"]["name"] == notebooks.KERNEL_NAME
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
