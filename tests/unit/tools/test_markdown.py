"""The pieces of markdown the report and the catalogue share."""

from __future__ import annotations

import pytest

from tipfigs.tools.markdown import cell, fmt, repo_linker, value_of


@pytest.mark.parametrize("value,shown", [(None, "\u2013"), ("", "\u2013"), (0.1234567, "0.123457"),
                                         (3, "3"), ("a | b\n  c", "a \\| b c")])
def test_table_cells_are_one_line_without_bare_pipes(value, shown):
    assert cell(value) == shown


def test_a_transcription_shows_its_published_value_a_check_its_computed_one():
    assert value_of({"status": "transcribed", "published_value": 27.6, "computed_value": None}) == "27.6"
    assert value_of({"status": "differs", "published_value": None, "computed_value": 2.0}) == "2"
    assert value_of({"status": "not-reproducible", "computed_value": None}) == fmt(None) == "\u2013"


@pytest.mark.parametrize("base,kind,target,url", [
    ("", "figure", "fig01", "figures/README.md#fig01"),
    ("figures", "figure", "fig01", "#fig01"),
    ("", "notebook", "fig01", "notebooks/fig01.ipynb"),
    ("figures", "notebook", "fig01", "../notebooks/fig01.ipynb"),
    ("figures", "report", "", "../CLAIMS.md"),
    ("", "catalogue", "", "figures/README.md"),
    ("figures", "catalogue", "", "README.md"),
    ("figures", "file", "figures/fig01.png", "fig01.png"),
    ("figures", "file", "data/values.csv", "../data/values.csv"),
    ("", "file", "figures/fig01.png", "figures/fig01.png"),
])
def test_links_are_relative_to_the_file_that_holds_them(base, kind, target, url):
    assert repo_linker(base)(kind, target) == url
