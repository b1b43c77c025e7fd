"""Plots an analyst adds in JupyterLab show inline in the project's kernel, while builds and
tests render without a display."""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
from nbclient import NotebookClient

from tipfigs import paths
from tipfigs.tools import notebooks

SETUP = "from tipfigs import session\nsession.setup()"


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


def test_importing_the_style_leaves_the_backend_alone():
    """The style module chooses no backend: whatever the environment (here SVG) says stays."""
    code = ("import matplotlib\nfrom tipfigs import style\nstyle.setup()\n"
            "print(matplotlib.get_backend())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "MPLBACKEND": "svg"}).stdout
    assert out.strip() == "svg"


def test_without_a_display_matplotlib_falls_back_to_agg():
    """A build or test outside a kernel, on a machine without a display, still renders."""
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "DISPLAY",
                                                             "WAYLAND_DISPLAY")}
    code = ("from tipfigs import style\nimport matplotlib.pyplot as plt\nstyle.setup()\n"
            "fig, ax = plt.subplots()\nax.plot([1, 2])\nimport io\nb = io.BytesIO()\n"
            "fig.savefig(b, format='png')\nimport matplotlib\n"
            "print(matplotlib.get_backend(), b.getvalue()[:4] == b'\\x89PNG')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env).stdout.split()
    if sys.platform.startswith("linux"):
        assert out[0].lower() == "agg"
    assert out[1] == "True"
