"""The GLOTIP reader on small synthetic workbooks and on the two real releases, and the cache of
its tables, keyed by the workbook and the code that parses and checks it."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from builders.glotip import HEADER, RELEASES, A, K, P, V, real_release, row, sample_body, workbook
from builders.xlsx import write_xlsx

from tipfigs import datafiles
from tipfigs.errors import DataError, SchemaError
from tipfigs.glotip import read, sums
from tipfigs.glotip.checks import QUALITY_COLUMNS, RULES


@pytest.fixture
def sample(fake_root, tmp_path):
    return workbook(tmp_path, sample_body())


def test_parse_value_counts_and_censored():
    assert read.parse_value("1,282") == (1282.0, False, 1282.0, 1282.0)
    assert read.parse_value("7") == (7.0, False, 7.0, 7.0)
    assert read.parse_value(12.0) == (12.0, False, 12.0, 12.0)
    value, censored, low, high = read.parse_value("<5")
    assert math.isnan(value) and censored and (low, high) == (0.0, 4.0)
    assert read.parse_value("< 3")[1:] == (True, 0.0, 2.0)
    for bad in ("5+", "1,28", "n/a", "", "-3", "<0", -1.0):
        with pytest.raises(ValueError):
            read.parse_value(bad)


def test_load_keeps_censored_values_and_flags_rows(sample):
    df = read.load(sample)
    assert len(df) == 12
    assert list(df["sheet_row"][:2]) == [4, 5]  # title rows and header skipped
    girls = df[(df["country"] == "Alpha") & (df["age"] == K) & (df["sex"] == "Female")].iloc[0]
    assert girls["value_text"] == "<5" and girls["censored"]
    assert math.isnan(girls["value"]) and (girls["value_low"], girls["value_high"]) == (0, 4)
    women = df[(df["country"] == "Alpha") & (df["age"] == A) & (df["sex"] == "Female")].iloc[0]
    assert women["value"] == 1282 and not women["censored"]
    assert df["year"].dtype.kind == "i"
    assert list(df.loc[~df["is_country"], "iso3"]) == ["SAF"]
    # the field code stored as a count is flagged (it exceeds every other country's total)
    assert list(df.loc[df["flagged"] != "", "country"].fillna("")) == ["", "Gamma"]
    assert set(df["flagged"]) == {"", "aggregate-row", "beyond-indicator-range"}
    kept = sums.countries(df)
    assert "SAF" not in set(kept["iso3"]) and "Gamma" in set(kept["country"])
    assert set(sums.countries(df, subregion="Western Europe")["country"]) == {"Alpha", "Beta", "Gamma"}
    assert sums.countries(df, region="Africa").empty


def test_load_parses_once_then_uses_the_cache(sample, monkeypatch):
    first = read.load(sample)

    def fail(path):
        raise AssertionError("workbook parsed again")

    monkeypatch.setattr(read, "_parse", fail)
    again = read.load(sample)
    pd.testing.assert_frame_equal(first, again)
    # a changed workbook (new content, new sha256) is parsed again
    write_xlsx(sample, [["UNODC"], [""], HEADER, row("Delta", P, "3")])
    with pytest.raises(AssertionError, match="parsed again"):
        read.load(sample)


def test_the_cache_is_keyed_on_the_code_that_parses_and_checks_only():
    # the reader, the vocabulary, the checks, the totals that confirm a breakdown, the words
    # they write values with, the file readers
    names = {Path(f).relative_to(Path(datafiles.__file__).parent).as_posix() for f in read.CODE}
    assert {"glotip/read.py", "glotip/schema.py", "glotip/checks.py", "glotip/exclusion.py",
            "words.py",
            "datafiles.py"} <= names
    # neither a figure's own module, nor what only sums or sets up, nor the package's
    # conveniences: editing them never parses a workbook again
    assert not {n for n in names if n.startswith("figures/")}
    assert not names & {"glotip/sums.py", "glotip/releases.py", "glotip/published.py",
                        "__init__.py", "claims.py", "outputs.py", "style.py"}
    version = read.cache_version()
    assert version == f"{read.READER_VERSION}-{datafiles.code_digest(*read.CODE)}"
    assert len(version.split("-")[1]) == 10


def test_code_digest_follows_every_file_given(tmp_path):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("x = 1\n")
    b.write_text("y = 2\n")
    first = datafiles.code_digest(a, b)
    assert len(first) == 10 and int(first, 16) >= 0
    assert datafiles.code_digest(a, b) == first  # the same code, the same digest
    b.write_text("y = 3\n")
    assert datafiles.code_digest(a, b) != first
    assert datafiles.code_digest(a) != datafiles.code_digest(a, b)


def test_missing_column_names_file_and_column(fake_root, tmp_path):
    header = [h for h in HEADER if h != "Age"]
    body = [row("Alpha", V, "3")[:8] + row("Alpha", V, "3")[9:]]
    path = workbook(tmp_path, body, header=header)
    with pytest.raises(SchemaError, match=r"glotip\.xlsx.*'Age'"):
        read.load(path)


def test_bad_value_names_column_and_row(fake_root, tmp_path):
    path = workbook(tmp_path, [row("Alpha", V, "3"), row("Alpha", V, "about 40")])
    with pytest.raises(SchemaError, match=r"glotip\.xlsx.*'txtVALUE'.*'about 40'.*row 5"):
        read.load(path)


def test_unknown_category_values_are_errors(fake_root, tmp_path):
    path = workbook(tmp_path, [row("Alpha", V, "3", sex="Woman")])
    with pytest.raises(SchemaError, match=r"'Sex'.*'Woman'"):
        read.load(path)
    path = workbook(tmp_path, [row("Alpha", V, "3", year="2020?")], name="year.xlsx")
    with pytest.raises(SchemaError, match=r"'Year'.*2020\?"):
        read.load(path)


def test_no_header_and_not_a_workbook(fake_root, tmp_path):
    path = write_xlsx(tmp_path / "nohead.xlsx", [["UNODC"], ["a", "b"]])
    with pytest.raises(SchemaError, match="Iso3_code"):
        read.load(path)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="broken.xlsx"):
        read.load(broken)


def test_both_releases_load_through_the_one_loader():
    for date in RELEASES:
        df, flags = real_release(date)
        assert set(df.columns) >= {"sheet_row", "iso3", "indicator", "value_low", "flagged"}
        assert df["year"].max() == {"2023-05-30": 2021, "2025-04-14": 2022}[date]
        assert list(flags.columns) == QUALITY_COLUMNS
        assert set(flags["rule"]) <= set(RULES)
