"""The figure command's arguments: a figure by the start of its name, NAME=VALUE parameters as
Python literals or strings, and where a custom run's outputs go (no kernel starts here)."""

from __future__ import annotations

import shutil

import pytest
from builders.notebooks import write_tiny

from tipfigs import runs
from tipfigs.errors import ParameterError
from tipfigs.tools import figure


def test_a_value_is_a_python_literal_or_else_the_text():
    assert figure.parse_value("PHL") == "PHL"
    assert figure.parse_value("'PHL'") == "PHL"
    assert figure.parse_value("[2010, 2020]") == [2010, 2020]
    assert figure.parse_value("None") is None
    assert figure.parse_value("0.5") == 0.5
    assert figure.parse_value("Arab States") == "Arab States"
    assert figure.parse_value("") == ""


def test_make_s_args_split_at_each_name_and_equals_sign():
    assert figure.split_assignments('regions=["Africa", "Arab States"] palette=dark') == [
        'regions=["Africa", "Arab States"]', "palette=dark"]
    assert figure.split_assignments("  ") == []
    assert figure.split_assignments("country=PHL") == ["country=PHL"]


def test_only_the_notebook_s_parameters_are_taken():
    defaults = {"output_dir": None, "country": None, "years": None}
    assert figure.parse_parameters(["country=PHL", "years=[2010, 2020]"], defaults, "fig05-x") == {
        "country": "PHL", "years": [2010, 2020]}
    with pytest.raises(ParameterError, match=r"fig05-x has no parameter 'contry'; its parameters: "
                                             r"output_dir, country, years"):
        figure.parse_parameters(["contry=PHL"], defaults, "fig05-x")


def test_a_figure_is_named_by_its_stem_or_the_start_of_it(fake_root):
    root, _, _ = fake_root
    write_tiny(root, "fig05-trend")
    write_tiny(root, "fig06-forms")
    (root / "data" / "figures.toml").write_text('figures = ["fig05-trend", "fig06-forms"]\n')
    shutil.copy(root / "notebooks/fig05-trend.ipynb", root / "notebooks/fig05-trend-mine.ipynb")
    assert figure.resolve_stem("fig06") == "fig06-forms"
    assert figure.resolve_stem("fig05") == "fig05-trend"  # the collection's, before a copy
    assert figure.resolve_stem("fig05-trend-mine") == "fig05-trend-mine"
    with pytest.raises(ParameterError, match="no notebook notebooks/fig07"):
        figure.resolve_stem("fig07")
    write_tiny(root, "fig06-forms-2")
    (root / "data" / "figures.toml").write_text(
        'figures = ["fig05-trend", "fig06-forms", "fig06-forms-2"]\n')
    with pytest.raises(ParameterError, match="names several notebooks"):
        figure.resolve_stem("fig06")


def test_a_custom_run_goes_to_its_parameter_set_s_folder(fake_root):
    root, _, _ = fake_root
    write_tiny(root, "figzz-tiny")
    job, folder = figure.custom_job("figzz-tiny", {"palette": "colorblind"})
    name = runs.set_name({"palette": "colorblind"})
    assert folder == f"build/custom/figzz-tiny/{name}"
    assert job.parameters == {"palette": "colorblind", "output_dir": folder}
    assert job.output_notebook == f"{folder}/figzz-tiny.ipynb" and not job.record
    assert figure.custom_job("figzz-tiny", {"palette": "default"})[1] == (
        "build/custom/figzz-tiny/defaults")
    assert figure.custom_job("figzz-tiny", {"output_dir": "build/mine"})[1] == "build/mine"


def test_parameters_go_with_one_figure(fake_root, capsys):
    root, _, _ = fake_root
    write_tiny(root, "figzz-a")
    write_tiny(root, "figzz-b")
    assert figure.main(["figzz-a", "figzz-b", "palette=dark"]) == 2
    assert "parameters go with exactly one figure" in capsys.readouterr().err
    assert figure.main(["figzz-a", "--args", "palette"]) == 2
    assert "'palette' is not NAME=VALUE" in capsys.readouterr().err
