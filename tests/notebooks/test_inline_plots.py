"""Plots an analyst adds in JupyterLab show inline in the project's kernel (builds and tests
render without a display: tests/unit/test_style.py)."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from tipfigs import paths
from tipfigs.tools import notebooks

SETUP = "from tipfigs import session\nsession.start()"


def _images(cell) -> int:
    return sum("image/png" in o.get("data", {}) for o in cell.outputs
               if o["output_type"] in ("display_data", "execute_result"))


def test_a_plot_after_the_notebook_set_up_shows_an_image_in_the_kernel(tmp_path, monkeypatch):
    monkeypatch.delenv("MPLBACKEND", raising=False)  # as in JupyterLab: the kernel picks inline
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(SETUP),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2]);"),
        nbformat.v4.new_code_cell("import pandas as pd\npd.Series([1, 3, 2]).plot();"),
        nbformat.v4.new_code_cell("import matplotlib\nprint(matplotlib.get_backend())"),
    ]
    NotebookClient(nb, kernel_name=notebooks.KERNEL_NAME, timeout=120,
                   resources={"metadata": {"path": str(paths.notebooks_dir())}}).execute()
    assert _images(nb.cells[1]) == 1, nb.cells[1].outputs  # plt.plot
    assert _images(nb.cells[2]) == 1, nb.cells[2].outputs  # df.plot()
    assert "inline" in nb.cells[3].outputs[0]["text"]
