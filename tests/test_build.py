"""The runner, end to end on tiny notebooks in a throw-away project (real kernels)."""

import json
from pathlib import Path

import pytest
from figruns import write_tiny

from tipfigs.tools import runner, staleness

# A tiny figure notebook (figruns.write_tiny): a plot, a table and one claim.
_write = write_tiny


@pytest.mark.slow
def test_good_run_publishes_and_records_then_is_up_to_date(fake_root, capsys):
    root, _, _ = fake_root
    nb_path = _write(root, "figzz-good")
    assert staleness.is_stale("figzz-good")
    assert runner.main(["figzz-good", "--jobs", "1"]) == 0
    assert (root / "figures/figzz-good.png").is_file()
    executed = json.loads(nb_path.read_text())
    assert executed["cells"][2]["execution_count"] == 2
    assert "papermill" not in executed["metadata"]
    assert not staleness.is_stale("figzz-good")
    capsys.readouterr()
    assert runner.main(["figzz-good"]) == 0
    assert "up to date  figzz-good" in capsys.readouterr().out


@pytest.mark.slow
def test_failed_run_keeps_previous_outputs_and_the_failed_notebook(fake_root, capsys):
    root, _, _ = fake_root
    nb_path = _write(root, "figzz-bad", palette="neon")
    before_nb = nb_path.read_bytes()
    previous = {s: root / f"figures/figzz-bad{s}" for s in (".png", ".svg", ".csv", ".claims.json")}
    for p in previous.values():
        p.write_bytes(b"previous good output")
    assert runner.main(["figzz-bad", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "FAILED      figzz-bad: ParameterError: parameter palette='neon' is not allowed" in err
    assert "build/failed/figzz-bad.ipynb" in err
    assert nb_path.read_bytes() == before_nb
    assert all(p.read_bytes() == b"previous good output" for p in previous.values())
    assert (root / "build/failed/figzz-bad.ipynb").is_file()
    assert staleness.is_stale("figzz-bad")  # no stamp for a failed run
    failed = json.loads((root / "build/failed/figzz-bad.ipynb").read_text())
    errors = [o for c in failed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors and errors[0]["traceback"] == [
        "ParameterError: parameter palette='neon' is not allowed; choose one of 'default', 'colorblind'"]


def test_unknown_stem_is_rejected(fake_root, capsys):
    assert runner.main(["fig99-nope"]) == 2
    assert "no notebook for fig99-nope" in capsys.readouterr().err


@pytest.mark.slow
def test_parallel_runs_of_one_notebook_do_not_collide(fake_root):
    """A sweep runs the same notebook several times at once: each run keeps its own files."""
    root, _, _ = fake_root
    nb_path = _write(root, "figzz-sweep")
    before = nb_path.read_bytes()
    jobs = [runner.Job("figzz-sweep", parameters={"palette": p, "output_dir": f"build/sweep/{p}"},
                      output_notebook=f"build/sweep/{p}/figzz-sweep.ipynb", record=False, label=p)
            for p in ("default", "colorblind", "default", "colorblind")]
    jobs[2].parameters = {"palette": "default", "output_dir": "build/sweep/again"}
    jobs[2].output_notebook = "build/sweep/again/figzz-sweep.ipynb"
    jobs[3].parameters = {"palette": "colorblind", "output_dir": "build/sweep/again2"}
    jobs[3].output_notebook = "build/sweep/again2/figzz-sweep.ipynb"
    results = runner.run_jobs(jobs, 2)
    assert [r.ok for r in results] == [True] * 4, [r.message for r in results]
    for folder in ("default", "colorblind", "again", "again2"):
        assert (root / "build/sweep" / folder / "figzz-sweep.png").is_file()
        executed = json.loads((root / "build/sweep" / folder / "figzz-sweep.ipynb").read_text())
        injected = [c for c in executed["cells"]
                    if "injected-parameters" in c["metadata"].get("tags", [])]
        assert f"build/sweep/{folder}" in "".join(injected[0]["source"])  # its own run, not another's
    assert nb_path.read_bytes() == before  # the committed notebook is untouched
    assert not (root / "figures/figzz-sweep.png").exists()  # nothing over the published figures


def _stream(name, text):
    return {"output_type": "stream", "name": name, "text": text}


def test_stream_outputs_split_by_the_kernel_give_the_same_bytes():
    """The kernel may send one print as two messages (its text, then its newline), and stdout
    and stderr in either order: every such batching of the same text normalises alike."""
    table = {"output_type": "execute_result", "data": {"text/plain": "t"}, "metadata": {},
             "execution_count": 1}
    batchings = [
        [_stream("stdout", "a\n"), _stream("stderr", "w\n"), _stream("stdout", "b\n"), table,
         _stream("stdout", "c\n")],
        [_stream("stdout", "a"), _stream("stdout", ["\n", "b\n"]), _stream("stderr", "w\n"),
         table, _stream("stdout", "c"), _stream("stdout", "\n")],
        [_stream("stderr", "w"), _stream("stdout", "a\nb\n"), _stream("stderr", "\n"), table,
         _stream("stdout", "c\n")],
    ]
    texts = []
    for outputs in batchings:
        nb = {"cells": [{"cell_type": "code", "id": "c", "metadata": {}, "source": "",
                         "execution_count": 1, "outputs": outputs}],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        texts.append(staleness.dumps(staleness.normalize(nb)))
    assert texts[0] == texts[1] == texts[2]
    merged = json.loads(texts[0])["cells"][0]["outputs"]
    assert [(o["output_type"], o.get("name")) for o in merged] == [
        ("stream", "stdout"), ("stream", "stderr"), ("execute_result", None), ("stream", "stdout")]
    assert ["".join(o["text"]) for o in merged if "text" in o] == ["a\nb\n", "w\n", "c\n"]


SPLIT = """\
import sys
sys.stdout.write("one line, ")
sys.stdout.flush()  # what a timer left over from an earlier print does at random
print("sent in two messages")
print("a table follows")
"""


@pytest.mark.slow
def test_a_print_the_kernel_sent_in_two_messages_is_one_output(fake_root):
    root, _, _ = fake_root
    _write(root, "figzz-split", code=SPLIT)
    result = runner.run_one("figzz-split", output_notebook="build/split.ipynb", record=False)
    assert result.ok, result.message
    executed = json.loads((root / "build/split.ipynb").read_text())
    assert executed["cells"][2]["outputs"] == [
        {"output_type": "stream", "name": "stdout",
         "text": ["one line, sent in two messages\n", "a table follows\n"]}]


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


@pytest.mark.slow
def test_a_good_run_saves_its_executed_notebook_once_not_per_cell(fake_root, monkeypatch):
    """Papermill's own engine rewrites the whole notebook before and after every cell; the
    runner's engine writes it when the run ends (an interrupted run is covered in
    test_robustness: it still leaves its notebook)."""
    import papermill.engines
    import papermill.execute

    writes = []
    for module in (papermill.engines, papermill.execute):
        original = module.write_ipynb
        monkeypatch.setattr(module, "write_ipynb",
                            lambda nb, path, _w=original, _m=module.__name__: (writes.append(_m),
                                                                               _w(nb, path)))
    root, _, _ = fake_root
    _write(root, "figzz-saves")
    result = runner.run_one("figzz-saves", output_notebook="build/saves.ipynb", record=False)
    assert result.ok, result.message
    assert writes == ["papermill.execute"]  # the final write only, none by the engine per cell


def test_a_kernel_that_never_started_is_started_again_once(fake_root, monkeypatch, capsys):
    """On a busy machine a kernel can lose one of its ports to another process and never answer:
    no cell ran, so the runner starts a fresh kernel, once; any other failure is not retried."""
    root, _, _ = fake_root
    _write(root, "figzz-retry")
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
