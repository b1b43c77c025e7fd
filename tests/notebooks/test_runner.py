"""The runner, end to end on tiny notebooks in a throw-away project (real kernels). The tiny
figure notebook (builders.notebooks.write_tiny) draws a plot, a table and one claim."""

import json
import shutil

import pytest
from builders.notebooks import write_tiny

from tipfigs.tools import runner, staleness


@pytest.mark.slow
def test_good_runs_publish_under_their_own_names_save_once_and_are_then_up_to_date(
        fake_root, capsys, monkeypatch):
    """A notebook and a copy of it, run by the runner: each publishes under its own file's name
    (never over the original's), saves its executed notebook once, when the run ends (papermill's
    own engine rewrites it before and after every cell; an interrupted run still leaves its
    notebook: tests/notebooks/test_robustness.py), records its key, and is then up to date."""
    import papermill.engines
    import papermill.execute

    writes = []
    for module in (papermill.engines, papermill.execute):
        original = module.write_ipynb
        monkeypatch.setattr(module, "write_ipynb",
                            lambda nb, path, _w=original, _m=module.__name__: (writes.append(_m),
                                                                               _w(nb, path)))
    root, _, _ = fake_root
    nb_path = write_tiny(root, "figzz-good")
    shutil.copy(nb_path, root / "notebooks" / "figzz-copy.ipynb")
    assert staleness.is_stale("figzz-good")
    assert runner.main(["figzz-good", "figzz-copy", "--jobs", "1"]) == 0
    assert writes == ["papermill.execute"] * 2  # the final write only, none by the engine per cell
    for stem in ("figzz-good", "figzz-copy"):
        assert (root / f"figures/{stem}.png").is_file()
        claims = json.loads((root / "figures" / f"{stem}.claims.json").read_text())
        assert [c["figure"] for c in claims] == [stem]
        assert json.loads((root / "figures" / f"{stem}.about.json").read_text())["stem"] == stem
        executed = json.loads((root / "notebooks" / f"{stem}.ipynb").read_text())
        assert executed["cells"][2]["execution_count"] == 2
        assert "papermill" not in executed["metadata"]
        assert not staleness.is_stale(stem)
    capsys.readouterr()
    assert runner.main(["figzz-good"]) == 0
    assert "up to date  figzz-good" in capsys.readouterr().out


@pytest.mark.slow
def test_failed_run_keeps_previous_outputs_and_the_failed_notebook(fake_root, capsys):
    root, _, _ = fake_root
    nb_path = write_tiny(root, "figzz-bad", palette="neon")
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


@pytest.mark.slow
def test_parallel_runs_of_one_notebook_do_not_collide(fake_root):
    """A sweep runs the same notebook several times at once (here two runs on two workers): each
    run keeps its own files."""
    root, _, _ = fake_root
    nb_path = write_tiny(root, "figzz-sweep")
    before = nb_path.read_bytes()
    jobs = [runner.Job("figzz-sweep", parameters={"palette": p, "output_dir": f"build/sweep/{p}"},
                       output_notebook=f"build/sweep/{p}/figzz-sweep.ipynb", record=False, label=p)
            for p in ("default", "colorblind")]
    results = runner.run_jobs(jobs, 2)
    assert [r.ok for r in results] == [True] * 2, [r.message for r in results]
    for folder in ("default", "colorblind"):
        assert (root / "build/sweep" / folder / "figzz-sweep.png").is_file()
        executed = json.loads((root / "build/sweep" / folder / "figzz-sweep.ipynb").read_text())
        injected = [c for c in executed["cells"]
                    if "injected-parameters" in c["metadata"].get("tags", [])]
        assert f"build/sweep/{folder}" in "".join(injected[0]["source"])  # its own run, not another's
    assert nb_path.read_bytes() == before  # the committed notebook is untouched
    assert not (root / "figures/figzz-sweep.png").exists()  # nothing over the published figures


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
    write_tiny(root, "figzz-split", code=SPLIT)
    result = runner.run_one("figzz-split", output_notebook="build/split.ipynb", record=False)
    assert result.ok, result.message
    executed = json.loads((root / "build/split.ipynb").read_text())
    assert executed["cells"][2]["outputs"] == [
        {"output_type": "stream", "name": "stdout",
         "text": ["one line, sent in two messages\n", "a table follows\n"]}]
