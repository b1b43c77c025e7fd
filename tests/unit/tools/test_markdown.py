"""The pieces of markdown the report and the catalogue share."""

from __future__ import annotations

import pytest

from tipfigs.tools.markdown import cell, repo_linker


@pytest.mark.parametrize("value,shown", [(None, "\u2013"), ("", "\u2013"), (0.1234567, "0.123457"),
                                         (3, "3"), ("a | b\n  c", "a \\| b c")])
def test_table_cells_are_one_line_without_bare_pipes(value, shown):
    assert cell(value) == shown


@pytest.mark.parametrize("base,page,kind,target,url", [
    ("", "", "figure", "fig01", "figures/README.md#fig01"),
    ("figures", "", "figure", "fig01", "#fig01"),
    ("", "", "notebook", "fig01", "notebooks/fig01.ipynb"),
    ("figures", "", "notebook", "fig01", "../notebooks/fig01.ipynb"),
    ("figures", "", "report", "", "../CLAIMS.md"),
    ("", "", "catalogue", "", "figures/README.md"),
    ("figures", "", "catalogue", "", "README.md"),
    ("figures", "", "file", "figures/fig01.png", "fig01.png"),
    ("figures", "", "file", "data/values.csv", "../data/values.csv"),
    ("", "", "file", "figures/fig01.png", "figures/fig01.png"),
    ("", "CLAIMS.md", "statement", "s29", "#s29"),
    ("", "README.md", "statement", "s29", "CLAIMS.md#s29"),
    ("figures", "", "statement", "s29", "../CLAIMS.md#s29"),
])
def test_links_are_relative_to_the_file_that_holds_them(base, page, kind, target, url):
    assert repo_linker(base, page)(kind, target) == url
