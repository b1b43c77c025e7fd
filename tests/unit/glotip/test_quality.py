"""The data-quality tables of the GLOTIP releases: deterministic bytes, whole counts, the rules in
their order (the revisions since an earlier release last), and the counts per rule."""

from __future__ import annotations

import pandas as pd
import pytest
from builders.glotip import C, P, clean_body, row, workbook

from tipfigs.glotip import quality, read
from tipfigs.glotip.checks import QUALITY_COLUMNS


@pytest.fixture
def faults(fake_root, tmp_path):
    body = clean_body() + [row(None, P, "40", iso3="SAF", region=None, subregion=None),
                           row("Beta", C, "61,102,019", year=2020, dimension="by citizenship",
                               category="Q6.1_10s_2020")]
    return workbook(tmp_path, body, name="faults.xlsx")


def test_quality_tables_are_deterministic(faults, fake_root, tmp_path):
    root, _, _ = fake_root
    first = quality.write(quality.table(faults), "2099-01-01", tmp_path / "dq").read_bytes()
    for p in (root / "build" / "cache").glob("glotip*"):
        p.unlink()  # checked again from scratch
    second = quality.write(quality.table(faults), "2099-01-01", tmp_path / "dq")
    assert second.name == "data-quality-glotip-2099-01-01.csv"
    assert second.read_bytes() == first
    table = pd.read_csv(second)
    assert list(table.columns) == QUALITY_COLUMNS
    assert table["rule"].tolist() == ["breakdown-sum-over-total", "beyond-indicator-range",
                                      "aggregate-row"]
    assert int(table.loc[1, "value_low"]) == 61102019  # counts stay whole, never 6.1e+07
    assert not list((tmp_path / "dq").glob(".*"))  # no temporary file left


def test_summary_counts_cells_and_country_years_per_rule(faults):
    s = quality.summary(read.flags(faults)).set_index("rule")
    assert list(s.index) == list(quality.RULES)
    assert list(quality.RULES)[-1] == "revised-between-releases"
    assert s.loc["revised-between-releases", "flagged cells"] == 0
    assert s.loc["aggregate-row", "flagged cells"] == 1
    assert s.loc["beyond-indicator-range", "country-years"] == 1
    assert s.loc["parts-over-own-total", "flagged cells"] == 0


def test_the_manifest_releases_oldest_first_and_their_file_names():
    found = quality.releases()
    assert [e.published for e in found] == ["2023-05-30", "2025-04-14"]
    assert quality.file_name(found[0].published) == "data-quality-glotip-2023-05-30.csv"
