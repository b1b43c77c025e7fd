"""The runner without a kernel: what it refuses, the order it runs notebooks in, what it
records, how it imports papermill and when it starts a kernel again."""

import json
from pathlib import Path

from builders.notebooks import notebook, write_tiny

from tipfigs.outputs import SUFFIXES
from tipfigs.tools import runner, staleness


def test_unknown_stem_is_rejected(fake_root, capsys):
    assert runner.main(["fig99-nope"]) == 2
    assert "no notebook for fig99-nope" in capsys.readouterr().err


def test_notebooks_run_longest_first_by_earlier_durations_else_by_size():
    durations = {"fig01": 2.0, "fig02": 9.5, "fig03": 4.0}
    sizes = {"fig01": 900, "fig02": 100, "fig03": 500, "fig04": 10, "fig05": 20}.get
    stems = ["fig01", "fig02", "fig03", "fig04", "fig05"]
    assert runner.longest_first(stems, durations, sizes) == [
        "fig05", "fig04", "fig02", "fig03", "fig01"]  # never timed first: they may be long
    assert runner.longest_first(stems, {}, sizes) == ["fig01", "fig03", "fig02", "fig05", "fig04"]


def test_the_runner_imports_papermill_without_compiling_an_unused_grammar():
    """jsonschema would build a parser for the 'iri' format at import (2 s); notebooks are
    still validated without it."""
    import subprocess
    import sys

    code = ("import sys\nfrom tipfigs.tools import runner\nrunner._papermill()\n"
            "import nbformat\nnbformat.validate(nbformat.v4.new_notebook())\n"
            "print(sys.modules['rfc3987_syntax'], 'papermill' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["None", "True"]


def test_durations_are_recorded_for_good_runs_only(fake_root):
    root, _, _ = fake_root
    assert runner.read_durations() == {}
    runner.record_durations([runner.Result("figa", True, 3.14159), runner.Result("figb", False, 1.0)])
    runner.record_durations([runner.Result("figc", True, 2.0)])
    assert runner.read_durations() == {"figa": 3.14, "figc": 2.0}
    (root / "build" / runner.DURATIONS).write_text("not json")
    assert runner.read_durations() == {}  # a damaged record only costs the order


def test_a_kernel_that_never_started_is_started_again_once(fake_root, monkeypatch, capsys):
    """On a busy machine a kernel can lose one of its ports to another process and never answer:
    no cell ran, so the runner starts a fresh kernel, once; any other failure is not retried."""
    root, _, _ = fake_root
    write_tiny(root, "figzz-retry")
    pm = runner._papermill()
    calls = []

    def flaky(src, dst, **kwargs):
        calls.append(src)
        if len(calls) == 1:
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        (root / "build" / "executed").mkdir(parents=True, exist_ok=True)
        Path(dst).write_text(Path(src).read_text())

    monkeypatch.setattr(pm, "execute_notebook", flaky)
    assert runner.run_one("figzz-retry", record=False).ok
    assert len(calls) == 2 and "retrying   figzz-retry" in capsys.readouterr().err

    def broken(src, dst, **kwargs):
        calls.append(src)
        raise RuntimeError("Kernel didn't respond in 60 seconds")

    calls.clear()
    monkeypatch.setattr(pm, "execute_notebook", broken)
    result = runner.run_one("figzz-retry", record=False)
    assert not result.ok and len(calls) == 2 and "didn't respond" in result.message

    def failing_cell(src, dst, **kwargs):
        calls.append(src)
        raise RuntimeError("a cell failed")

    calls.clear()
    monkeypatch.setattr(pm, "execute_notebook", failing_cell)
    assert not runner.run_one("figzz-retry", record=False).ok and len(calls) == 1


def test_a_run_that_finds_every_figure_up_to_date_records_their_keys_once(fake_root, capsys):
    """build/figures.keys, what make regenerates the catalogue after, is written when missing
    or changed, and keeps its time when a run built nothing."""
    root, _, _ = fake_root
    (root / "notebooks/figzz-done.ipynb").write_text(json.dumps(notebook("x = 1")))
    key = staleness.staleness_key("figzz-done")
    staleness.stamp_path("figzz-done").parent.mkdir(parents=True)
    staleness.stamp_path("figzz-done").write_text(key + "\n")
    for suffix in SUFFIXES:
        (root / "figures" / f"figzz-done{suffix}").write_text("built before")
    assert runner.main([]) == 0
    assert "up to date  figzz-done" in capsys.readouterr().out
    assert staleness.keys_path().read_text() == f"{key}  figzz-done\n"
    t0 = staleness.keys_path().stat().st_mtime_ns
    assert runner.main([]) == 0
    assert staleness.keys_path().stat().st_mtime_ns == t0
