"""The build settles: in a scratch copy of the project whose figures are up to date, a second
`make` runs nothing, and a data file or the manifest saved with the same bytes is verified
once and rebuilds nothing. No kernel starts: the copy gets the committed outputs and the keys
they were built from."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tipfigs import paths
from tipfigs.outputs import OPTIONAL_SUFFIXES, SUFFIXES
from tipfigs.tools import bench, notebooks, staleness

REPO = Path(__file__).resolve().parents[3]
IDLE = "make: Nothing to be done for 'all'."

pytestmark = pytest.mark.skipif(shutil.which("make") is None or os.name == "nt",
                                reason="needs make")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A scratch copy with make, its own copy of the data (touched below), the committed
    outputs and the keys of the figures, after a first `make` (data, quality tables, the
    runner finding every figure up to date, the catalogue)."""
    tree = bench.scratch_copy(tmp_path_factory.mktemp("build") / "tree", make=True)
    (tree / "data" / "raw").unlink()
    shutil.copytree(REPO / "data" / "raw", tree / "data" / "raw")
    if (REPO / "build" / "cache").is_dir():  # the parsed workbooks: a quicker first make
        shutil.copytree(REPO / "build" / "cache", tree / "build" / "cache",
                        ignore=shutil.ignore_patterns(".*"))  # not a file another test writes
    env = bench.make_env(tree)
    # The copy shares this project's environment: were it older than requirements.txt,
    # pyproject.toml or run.py, make there would set it up again, for the copy.
    if subprocess.run(["make", "-q", ".venv/.installed"], cwd=tree, env=env).returncode != 0:
        pytest.fail("the environment is older than what it is made from: run `make env` first")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TIPFIGS_ROOT", str(tree))
        for stem in notebooks.stems():
            for suffix in SUFFIXES + OPTIONAL_SUFFIXES:  # the variants too
                if (REPO / "figures" / f"{stem}{suffix}").exists():
                    shutil.copy2(REPO / "figures" / f"{stem}{suffix}", paths.figures_dir())
            stamp = staleness.stamp_path(stem)
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(staleness.staleness_key(stem) + "\n")
    first = make(tree, env)
    assert "tipfigs.tools.tasks data" in first and "up to date  fig" in first, first
    assert "built " not in first, first  # no kernel
    return tree, env


def make(tree: Path, env: dict) -> str:
    proc = subprocess.run(["make"], cwd=tree, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return (proc.stdout + proc.stderr).strip()


def tasks_run(said: str) -> list[str]:
    """The tasks a make run started, in order."""
    return [line.split("tipfigs.tools.tasks ")[1].split()[0] for line in said.splitlines()
            if "-m tipfigs.tools.tasks " in line]


def test_a_second_make_runs_nothing(built):
    tree, env = built
    t0 = time.perf_counter()
    said = make(tree, env)
    assert said == IDLE
    assert time.perf_counter() - t0 < 1.0  # about 0.02 s; a shared machine can be slow


@pytest.mark.parametrize("touched", ["data/raw/unodc/data_glotip_2025-04-14.xlsx",
                                     "data/manifest.toml"])
def test_an_input_saved_unchanged_is_verified_once_and_rebuilds_nothing(built, touched):
    tree, env = built
    before = {p.name: p.stat().st_mtime_ns for p in (tree / "build").glob("*.*")}
    time.sleep(0.01)  # newer than every stamp
    os.utime(tree / touched)  # `touch`
    said = make(tree, env)
    assert tasks_run(said) == ["data"], said
    assert "data/raw/ verified: " in said
    after = {p.name: p.stat().st_mtime_ns for p in (tree / "build").glob("*.*")}
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"data.digests"}  # data.verified keeps its time: it says the same
    assert make(tree, env) == IDLE  # verified once


@pytest.mark.slow
def test_a_changed_data_file_stops_the_build(built):
    tree, env = built
    path = tree / "data/raw/unodc/data_glotip_2023-05-30.xlsx"
    good = path.read_bytes()
    try:
        path.write_bytes(good + b"\0")
        proc = subprocess.run(["make"], cwd=tree, env=env, capture_output=True, text=True)
        assert proc.returncode != 0 and "checksum mismatch" in proc.stderr
        assert tasks_run(proc.stdout) == ["data"]  # nothing after it
        assert not (tree / "build" / "data.verified").exists()
    finally:
        path.write_bytes(good)
    said = make(tree, env)
    # verified again; the stamp is new, so what depends on the data runs (and builds nothing)
    assert tasks_run(said) == ["data", "figure", "quality", "catalogue"], said
    assert "built " not in said
    assert make(tree, env) == IDLE
