"""The column dictionary of the figure tables (data/figure_columns.csv -> figures/COLUMNS.md)."""

from __future__ import annotations

import shutil

import pytest
from builders.project import REPO

from tipfigs import paths
from tipfigs.errors import SchemaError
from tipfigs.tools import catalogue, columns, notebooks


@pytest.fixture
def described(project):
    shutil.copyfile(REPO / columns.DESCRIPTIONS, project / columns.DESCRIPTIONS)
    return project


def test_every_column_of_the_real_figure_tables_is_described():
    found = columns.tables(notebooks.stems())
    assert found, "no figure table found"
    assert columns.undescribed(found, columns.load()) == []


def test_every_share_column_is_a_fraction_in_every_real_table():
    """One convention: a column named share* holds a fraction from 0 to 1, in the dictionary and
    in the figures' tables."""
    import pandas as pd

    described = columns.load()
    shares = {c: col.unit for c, col in described.items() if c.startswith("share")}
    assert shares and set(shares.values()) == {"fraction (0 to 1)"}
    for stem in notebooks.stems():
        table = pd.read_csv(paths.figures_dir() / f"{stem}.csv")
        for c in [c for c in table.columns if c.startswith("share")]:
            values = pd.to_numeric(table[c], errors="coerce").dropna()
            assert values.between(0, 1).all(), f"{stem}.csv: {c} is not a fraction"


def test_the_dictionary_lists_each_table_s_columns_with_meaning_and_unit(described):
    (described / "figures" / "fig01-parts.csv").write_text("panel,share,count\na,0.5,3\n")
    (described / "figures" / "fig02-trend.csv").write_text("year,share_mid\n2020,40\n")
    assert catalogue.main([]) == 0
    text = (described / "figures" / "COLUMNS.md").read_text()
    assert ("- Shares as a fraction (0 to 1): [fig01-parts](#fig01-parts), "
            "[fig02-trend](#fig02-trend).") in text
    assert "- Shares in per cent" not in text  # one convention for every table
    assert "## [fig01-parts.csv](fig01-parts.csv)" in text
    assert ("| `share` | count / n_known: the share of the category among the victims with the "
            "variable recorded | fraction (0 to 1) |") in text
    assert catalogue.main(["--check"]) == 0


def test_a_column_the_file_does_not_describe_fails_the_check(described, capsys):
    (described / "figures" / "fig01-parts.csv").write_text("panel,brand_new\na,1\n")
    assert catalogue.main([]) == 0  # written, with a warning
    assert ("figures/fig01-parts.csv: column 'brand_new' is not described in "
            "data/figure_columns.csv") in capsys.readouterr().err
    assert catalogue.main(["--check"]) == 1


def test_a_column_described_twice_is_named_by_its_line(tmp_path):
    p = tmp_path / "cols.csv"
    p.write_text("column,meaning,unit\nyear,The year,year\nyear,Again,year\n")
    with pytest.raises(SchemaError, match=r"cols.csv, line 3: column 'year' is described twice"):
        columns.load(p)
