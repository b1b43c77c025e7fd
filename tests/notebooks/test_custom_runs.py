"""Custom runs never touch the published results: papermill without an output folder, a kernel
session like JupyterLab's, `python run.py figure STEM NAME=VALUE` and a notebook copied into
notebooks/ each write to build/custom/<stem>/<parameter set>/ with their parameters beside the
outputs; only the build writes figures/ (real kernels, tiny notebooks, a throw-away project)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders.notebooks import write_tiny

from tipfigs import runs
from tipfigs.tools import figure, notebooks, runner
from tipfigs.tools.project import load_project

REPO = Path(__file__).resolve().parents[2]
OUTPUTS = (".png", ".svg", ".csv", ".claims.json", ".about.json", ".parameters.json")


def _env(root: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("TIPFIGS_BUILD", "TIPFIGS_OUTPUT_DIR",
                                                             "TIPFIGS_NOTEBOOK")}
    return dict(env, TIPFIGS_ROOT=str(root))


def _custom(root: Path, stem: str, name: str) -> Path:
    folder = root / "build" / "custom" / stem / name
    assert sorted(p.name for p in folder.glob(f"{stem}.*") if not p.name.endswith(".ipynb")) == \
        sorted(f"{stem}{s}" for s in OUTPUTS)
    return folder


@pytest.mark.slow
def test_papermill_without_an_output_folder_leaves_the_published_figures_alone(fake_root):
    root, _, _ = fake_root
    nb = write_tiny(root, "figzz-pm")
    before = nb.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "papermill", "--inject-paths", str(nb),
                           str(root / "pm.ipynb"), "-p", "palette", "colorblind",
                           "-k", notebooks.KERNEL_NAME, "--cwd", str(root / "notebooks")],
                          env=_env(root), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    folder = _custom(root, "figzz-pm", runs.set_name({"palette": "colorblind"}))
    record = json.loads((folder / "figzz-pm.parameters.json").read_text())
    assert record["changed"] == {"palette": "colorblind"}
    assert record["notebook"] == "notebooks/figzz-pm.ipynb"
    assert not list((root / "figures").iterdir())
    assert nb.read_bytes() == before


@pytest.mark.slow
def test_a_kernel_session_like_jupyterlab_s_writes_its_own_folder(fake_root):
    """JupyterLab names the notebook to its kernel (JPY_SESSION_NAME); running the cells writes
    build/custom/<stem>/defaults/, and a parameter changed in the notebook its own folder."""
    from jupyter_client.manager import KernelManager

    root, _, _ = fake_root
    nb_path = write_tiny(root, "figzz-lab")
    before = nb_path.read_bytes()
    cells = [c["source"] for c in json.loads(before)["cells"] if c["cell_type"] == "code"]
    km = KernelManager(kernel_name=notebooks.KERNEL_NAME)
    km.start_kernel(env=dict(_env(root), JPY_SESSION_NAME=str(nb_path)), cwd=str(nb_path.parent))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        for code in [*cells, 'palette = "colorblind"', cells[1]]:
            reply = kc.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
            assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    _custom(root, "figzz-lab", "defaults")
    again = _custom(root, "figzz-lab", runs.set_name({"palette": "colorblind"}))
    assert json.loads((again / "figzz-lab.parameters.json").read_text())["changed"] == {
        "palette": "colorblind"}
    assert not list((root / "figures").iterdir())
    assert nb_path.read_bytes() == before  # the notebook is the user's: a run never writes it


@pytest.mark.slow
def test_run_py_figure_with_parameters_says_where_and_a_bad_value_is_one_line(fake_root):
    root, _, _ = fake_root
    write_tiny(root, "figzz-cli")
    cmd = [sys.executable, str(REPO / "run.py"), "figure", "figzz-cli"]
    proc = subprocess.run([*cmd, "palette=colorblind"], env=_env(root), capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    name = runs.set_name({"palette": "colorblind"})
    assert (f"custom run of figzz-cli (palette='colorblind'): outputs to "
            f"build/custom/figzz-cli/{name}/") in proc.stdout
    assert "the published figures/ are unchanged" in proc.stdout
    assert "without encryption" not in proc.stderr  # the kernel talks over local sockets
    folder = _custom(root, "figzz-cli", name)
    executed = json.loads((folder / "figzz-cli.ipynb").read_text())
    assert "papermill" not in executed["metadata"]
    assert not list((root / "figures").iterdir())

    proc = subprocess.run([*cmd, "palette=neon"], env=_env(root), capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "error: figzz-cli: ParameterError: parameter palette='neon' is not allowed; choose one of "
        f"'default', 'colorblind' (failed notebook kept at build/custom/figzz-cli/"
        f"{runs.set_name({'palette': 'neon'})}/figzz-cli.failed.ipynb); `python run.py values "
        "figzz-cli` lists the values the data allow"]


@pytest.mark.slow
def test_a_copied_notebook_builds_under_its_own_name_but_is_not_published(fake_root, capsys):
    root, _, _ = fake_root
    original = write_tiny(root, "figzz-orig")
    copy = root / "notebooks" / "figzz-orig-mine.ipynb"
    shutil.copy(original, copy)
    (root / "data" / "figures.toml").write_text('figures = ["figzz-orig"]\n')
    assert runner.main(["--jobs", "1"]) == 0  # the build: the listed figure only
    assert sorted(p.name for p in (root / "figures").iterdir()) == sorted(
        f"figzz-orig{s}" for s in OUTPUTS[:-1])
    assert runner.main(["figzz-orig-mine"]) == 2
    assert "figzz-orig-mine is not one of the collection's figures (data/figures.toml)" in (
        capsys.readouterr().err)
    before = copy.read_bytes()
    (root / "CHANGELOG.md").write_text("## 9.9.9 (2026-12-07)\n")  # for the report below
    assert figure.main(["figzz-orig-mine"]) == 0  # make figzz-orig-mine: a custom run
    folder = _custom(root, "figzz-orig-mine", "defaults")
    assert (folder / "figzz-orig-mine.ipynb").is_file() and copy.read_bytes() == before
    assert not (root / "figures" / "figzz-orig-mine.png").exists()
    project = load_project()
    assert [f.stem for f in project.figures] == ["figzz-orig"]
    assert not [p for p in project.problems if "mine" in p]
