"""A project folder whose path has spaces ("My Drive", "OneDrive - Org") works with make and
with run.py: set-up, data verification and a figure, byte-identical to the committed one.

The copy gets an environment of its own, created by `make` there (venv, pip, the editable
install of the copy, the kernel), so every step runs for real in the spaced path. To keep this
to seconds, that environment sees this one's installed packages through a .pth file, so pip
finds the pins already satisfied instead of downloading them again, and the copy starts with
this project's parse cache (keyed by the files' content: its figure is the same). CI also
clones the project into such a folder and builds it from scratch with the newest Python found
(see .ci/run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STEM = "fig02-forced-labour-by-region"  # one of the quicker figures


def _project_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=REPO, capture_output=True, check=True).stdout.decode()
    return [f for f in out.split("\0") if f and (REPO / f).is_file()]


def _copy_project(dst: Path) -> None:
    for name in _project_files():
        (dst / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, dst / name)


def _linked_venv(venv: Path) -> None:
    """A venv whose site-packages also sees this environment's packages (read only)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "zz-tipfigs-test-shared.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None or not (REPO / ".git").exists(),
                    reason="needs make and a git checkout")
def test_make_and_run_py_in_a_folder_whose_path_has_spaces(tmp_path):
    project = tmp_path / "My Drive" / "OneDrive - Org" / "tipfigs project"
    _copy_project(project)
    _linked_venv(project / ".venv")
    if (REPO / "build" / "cache").is_dir():  # the parsed tables: this is about the path, not parsing
        shutil.copytree(REPO / "build" / "cache", project / "build" / "cache",
                        ignore=shutil.ignore_patterns(".*"))  # not a file being written
    env = {k: v for k, v in os.environ.items() if k not in ("TIPFIGS_ROOT", "TIPFIGS_OUTPUT_DIR",
                                                             "MAKEFLAGS", "MAKELEVEL")}

    def sh(*cmd):
        proc = subprocess.run(list(cmd), cwd=project, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, f"{' '.join(cmd)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        return proc.stdout + proc.stderr

    out = sh("make", "data", f"PYTHON={sys.executable}")
    assert "run.py --venv" in out and "-e ." in out  # the environment was set up in the copy
    assert "data/raw/ verified: " in out
    kernel = project / ".venv/share/jupyter/kernels/tipfigs/kernel.json"
    assert str(project) in kernel.read_text()  # the copy's own kernel, its path with spaces

    out = sh("make", STEM)
    assert f"built       {STEM}" in out
    for suffix in (".png", ".svg", ".csv", ".claims.json"):
        built = (project / "figures" / f"{STEM}{suffix}").read_bytes()
        assert built == (REPO / "figures" / f"{STEM}{suffix}").read_bytes(), suffix
    assert (project / "notebooks" / f"{STEM}.ipynb").read_bytes() == (
        REPO / "notebooks" / f"{STEM}.ipynb").read_bytes()

    out = sh(sys.executable, "run.py", STEM)  # the same without make: up to date now
    assert f"up to date  {STEM}" in out
    out = sh(sys.executable, "run.py", "data")
    assert "data/raw/ verified: " in out
