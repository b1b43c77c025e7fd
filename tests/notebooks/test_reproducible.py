"""Every output is reproducible: two builds from a clean state give the same bytes, and
they are the bytes committed in the repository."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tipfigs.outputs import SUFFIXES
from tipfigs.tools.bench import scratch_copy

REPO = Path(__file__).resolve().parents[2]


def _build(tree: Path) -> dict[str, bytes]:
    shutil.rmtree(tree / "build", ignore_errors=True)  # empty cache, no stamps
    env = dict(os.environ, TIPFIGS_ROOT=str(tree))
    env.pop("TIPFIGS_OUTPUT_DIR", None)
    proc = subprocess.run([sys.executable, "-m", "tipfigs.tools.runner", "--force"], env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = {}
    for folder, pattern in (("figures", "fig*"), ("notebooks", "fig*.ipynb")):
        for p in sorted((tree / folder).glob(pattern)):
            out[f"{folder}/{p.name}"] = p.read_bytes()
    return out


def _first_difference(names: list[str], first: dict[str, bytes], second: dict[str, bytes]) -> str:
    """The first lines that differ in a differing text output (an executed notebook, a table),
    so that a failure that happens once in a while can be diagnosed from its log."""
    import difflib

    for name in names:
        if name.endswith(".png") or name not in second:
            continue
        a = first[name].decode("utf-8", "replace").splitlines()
        b = second[name].decode("utf-8", "replace").splitlines()
        diff = list(difflib.unified_diff(a, b, f"first/{name}", f"second/{name}", n=2, lineterm=""))
        return "\n".join(diff[:40])
    return ""


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical_and_match_the_committed_outputs(tmp_path):
    if not (REPO / "build/data.verified").is_file():
        pytest.fail("the data are not verified: run `make data` first")
    tree = scratch_copy(tmp_path / "tree")
    first = _build(tree)
    second = _build(tree)
    stems = sorted(p.stem for p in (REPO / "notebooks").glob("fig*.ipynb"))
    # every output and the executed notebook, per figure
    assert len(first) == (len(SUFFIXES) + 1) * len(stems)
    differing = [name for name in first if first[name] != second.get(name)]
    assert not differing, (f"not reproducible between two clean builds: {differing}\n"
                           + _first_difference(differing, first, second))
    committed = {name: (REPO / name).read_bytes() for name in first}
    stale = [name for name in first if first[name] != committed[name]]
    assert not stale, f"committed outputs differ from a fresh build (run make): {stale}"
