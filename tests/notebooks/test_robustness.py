"""Nothing is lost: an interrupted build leaves every published output as it was (a verified
data file edited after `make data` is refused by the loaders: tests/unit/test_datafiles.py)."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from builders.notebooks import notebook

SLOW_CELL = """\
import pathlib, time
from tipfigs import FigureOutputs, paths
out = FigureOutputs(STEM, output_dir)
(paths.build_dir() / "started").write_text("yes")
time.sleep(120)
"""


def _snapshot(root):
    files = {}
    for folder in ("figures", "notebooks"):
        for p in sorted((root / folder).iterdir()):
            files[p.relative_to(root).as_posix()] = p.read_bytes()
    return files


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_build_keeps_previous_outputs(fake_root, sig):
    root, _, _ = fake_root
    stem = "figzz-slow"
    (root / "notebooks" / f"{stem}.ipynb").write_text(
        json.dumps(notebook(SLOW_CELL, params=f"output_dir = None\nSTEM = {stem!r}")))
    for suffix in (".png", ".svg", ".csv", ".claims.json"):
        (root / "figures" / f"{stem}{suffix}").write_bytes(b"previous good " + suffix.encode())
    before = _snapshot(root)
    proc = subprocess.Popen([sys.executable, "-m", "tipfigs.tools.runner", stem, "--jobs", "1"],
                            env=dict(os.environ, TIPFIGS_ROOT=str(root)), start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    started = root / "build" / "started"
    deadline = time.monotonic() + 60
    while not started.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the notebook never started"
        time.sleep(0.1)
    os.killpg(proc.pid, sig)  # the runner and its kernel, as a terminal or CI would
    try:
        _, err = proc.communicate(timeout=60)  # read what it says: a full pipe never blocks it
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
        pytest.fail(f"the runner did not stop within 60 s of {sig.name}:\n{err.decode()[-3000:]}")
    assert proc.returncode != 0
    assert _snapshot(root) == before  # figures, claims, table and notebook exactly as they were
    assert (root / "build" / "failed" / f"{stem}.ipynb").is_file()  # kept for debugging
    assert not (root / "build" / "stamps" / f"{stem}.key").exists()
