"""Where a figure's outputs go: the build publishes, every other run writes to a folder of its own
named after the parameters it changed (tipfigs.runs, tipfigs.outputs.destination)."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tipfigs import outputs, runs, session  # noqa: E402
from tipfigs.outputs import FigureOutputs  # noqa: E402

DEFAULTS = {"output_dir": None, "country": None, "years": None, "palette": "default"}


def test_the_parameters_changed_leave_out_the_output_folder_and_the_defaults():
    values = {"output_dir": "x", "country": "PHL", "years": None, "palette": "default"}
    assert runs.changed(DEFAULTS, values) == {"country": "PHL"}
    assert runs.changed(DEFAULTS, dict(DEFAULTS)) == {}
    assert runs.changed(DEFAULTS, {"country": "PHL"}) == {"country": "PHL"}  # others not set


def test_a_parameter_set_is_named_defaults_or_by_a_short_stable_digest():
    assert runs.set_name({}) == "defaults"
    name = runs.set_name({"years": [2010, 2020]})
    assert len(name) == 10 and int(name, 16) >= 0
    assert runs.set_name({"years": (2010, 2020)}) == name  # a tuple is the same list
    assert runs.set_name({"years": [2010, 2021]}) != name
    both = runs.set_name({"country": "PHL", "years": [2010, 2020]})
    assert runs.set_name({"years": [2010, 2020], "country": "PHL"}) == both  # order does not count


def test_the_record_says_the_figure_the_set_the_changes_and_every_value(fake_root):
    root, _, _ = fake_root
    rec = runs.record("fig05-x", root / "notebooks" / "fig05-x.ipynb", DEFAULTS,
                      {"output_dir": None, "country": "PHL", "years": None, "palette": "default"})
    assert rec == {"stem": "fig05-x", "notebook": "notebooks/fig05-x.ipynb",
                   "parameter_set": runs.set_name({"country": "PHL"}),
                   "changed": {"country": "PHL"},
                   "parameters": {"country": "PHL", "palette": "default", "years": None}}
    assert json.loads(runs.record_bytes(rec)) == rec


def _notebook(root, stem: str, params: str = 'output_dir = None\npalette = "default"') -> None:
    nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": params,
                     "outputs": [], "execution_count": None}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "notebooks" / f"{stem}.ipynb").write_text(json.dumps(nb))


def test_the_notebook_file_is_the_one_named_else_the_collection_s(fake_root, tmp_path, monkeypatch):
    root, _, _ = fake_root
    _notebook(root, "figzz-a")
    assert runs.notebook_file("figzz-a", None) == root / "notebooks" / "figzz-a.ipynb"
    assert runs.notebook_file("figzz-a", "notebooks/figzz-a.ipynb") == root / "notebooks/figzz-a.ipynb"
    elsewhere = tmp_path / "copy" / "figzz-a.ipynb"
    elsewhere.parent.mkdir()
    elsewhere.write_text("{}")
    assert runs.notebook_file("figzz-a", str(elsewhere)) == elsewhere
    assert runs.notebook_file("figzz-none", None) is None


def _publish(out: FigureOutputs):
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    out.figure(fig)
    out.table(pd.DataFrame({"a": [1]}))
    out.claims.compare("c", 1.0, "src", evidence="direct", data="x")
    return out.publish()


@pytest.fixture
def kernel_like(fake_root, monkeypatch):
    """A run outside the build, in a kernel whose notebook is notebooks/figzz-k.ipynb and
    whose variables are ``ns``."""
    root, _, _ = fake_root
    _notebook(root, "figzz-k")
    monkeypatch.delenv("TIPFIGS_BUILD")
    monkeypatch.setenv("JPY_SESSION_NAME", str(root / "notebooks" / "figzz-k.ipynb"))
    monkeypatch.delenv(session.NOTEBOOK_ENV, raising=False)
    ns = {"output_dir": None, "palette": "default"}
    monkeypatch.setattr(session, "_user_ns", lambda: ns)
    monkeypatch.setattr(runs, "user_values", lambda names: {n: ns[n] for n in names if n in ns})
    return root, ns


def test_outside_the_build_the_outputs_go_to_their_own_folder_with_the_parameters(kernel_like,
                                                                                   capsys):
    root, ns = kernel_like
    listing = _publish(FigureOutputs())
    folder = root / "build" / "custom" / "figzz-k" / "defaults"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"figzz-k{s}" for s in (*outputs.SUFFIXES, ".parameters.json"))
    assert list(listing["file"])[-1] == "figzz-k.parameters.json"
    assert json.loads((folder / "figzz-k.parameters.json").read_text())["changed"] == {}
    assert not list((root / "figures").iterdir())  # the published folder is untouched
    assert "Outputs written to build/custom/figzz-k/defaults/ (the defaults)" in capsys.readouterr().out

    ns["palette"] = "colorblind"  # a parameter changed in the notebook, as in JupyterLab
    _publish(FigureOutputs())
    name = runs.set_name({"palette": "colorblind"})
    record = json.loads((root / f"build/custom/figzz-k/{name}/figzz-k.parameters.json").read_text())
    assert record["changed"] == {"palette": "colorblind"}
    assert record["notebook"] == "notebooks/figzz-k.ipynb"


def test_the_build_publishes_and_writes_no_record(kernel_like, monkeypatch, capsys):
    root, _ = kernel_like
    monkeypatch.setenv("TIPFIGS_BUILD", "1")
    listing = _publish(FigureOutputs())
    assert list(listing["file"]) == [f"figzz-k{s}" for s in outputs.SUFFIXES]
    assert sorted(p.name for p in (root / "figures").iterdir()) == sorted(
        f"figzz-k{s}" for s in outputs.SUFFIXES)
    assert not (root / "build" / "custom").exists()
    assert capsys.readouterr().out == ""  # the committed notebooks' outputs stay as they were


def test_the_test_suite_s_folder_and_a_given_folder(kernel_like, monkeypatch, tmp_path):
    root, _ = kernel_like
    monkeypatch.setenv("TIPFIGS_OUTPUT_DIR", "build/nbval-figures")
    assert outputs.destination("figzz-k") == (root / "build" / "nbval-figures", None)
    folder, record = outputs.destination("figzz-k", tmp_path / "mine")
    assert folder == tmp_path / "mine" and record["parameter_set"] == "defaults"
