"""Every output is reproducible: a build from a clean state gives, byte for byte, the outputs
committed in the repository. Only when it does not is the project built a second time, to tell
a build that is not reproducible (the two builds differ) from committed outputs that are stale
(the two builds agree: run make)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tipfigs.outputs import OPTIONAL_SUFFIXES, SUFFIXES
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


def first_difference(names: list[str], a: dict[str, bytes], b: dict[str, bytes],
                     labels: tuple[str, str]) -> str:
    """The first lines that differ in a differing text output (an executed notebook, a table),
    so that a failure that happens once in a while can be diagnosed from its log."""
    import difflib

    for name in names:
        if name.endswith(".png") or name not in b:
            continue
        old = a[name].decode("utf-8", "replace").splitlines()
        new = b[name].decode("utf-8", "replace").splitlines()
        diff = list(difflib.unified_diff(old, new, f"{labels[0]}/{name}", f"{labels[1]}/{name}",
                                         n=2, lineterm=""))
        return "\n".join(diff[:40])
    return ""


@pytest.mark.slow
@pytest.mark.longest
def test_a_clean_build_gives_the_committed_outputs_byte_for_byte(tmp_path):
    if not (REPO / "build/data.verified").is_file():
        pytest.fail("the data are not verified: run `make data` first")
    tree = scratch_copy(tmp_path / "tree")
    built = _build(tree)
    stems = sorted(p.stem for p in (REPO / "notebooks").glob("fig*.ipynb"))
    # every output and the executed notebook, per figure, and the optional outputs committed
    # (a specification grid's .specs.csv, a publication figure's slide and bare variants)
    optional = [f"figures/{s}{suffix}" for s in stems for suffix in OPTIONAL_SUFFIXES
                if (REPO / "figures" / f"{s}{suffix}").is_file()]
    expected = {f"figures/{s}{suffix}" for s in stems for suffix in SUFFIXES}
    expected |= {f"notebooks/{s}.ipynb" for s in stems} | set(optional)
    assert set(built) == expected, (
        f"built but not committed: {sorted(set(built) - expected)}; "
        f"committed but not built: {sorted(expected - set(built))}")
    committed = {name: (REPO / name).read_bytes() for name in built}
    differing = [name for name in built if built[name] != committed[name]]
    if not differing:
        return
    again = _build(tree)  # a flake, or committed outputs that a fresh build no longer gives?
    unsteady = [name for name in built if built[name] != again.get(name)]
    assert not unsteady, (f"not reproducible between two clean builds: {unsteady}\n"
                          + first_difference(unsteady, built, again, ("first", "second")))
    pytest.fail(f"committed outputs differ from a fresh build (run make): {differing}\n"
                + first_difference(differing, committed, built, ("committed", "built")))
