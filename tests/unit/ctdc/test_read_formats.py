"""CTDC data as publishers and analysts ship them (tipfigs.ctdc.read): comma- or tab-separated,
plain or gzipped (told from the content, not the name), flags written 1, 1.0 or "1"; the same
records give the same tidy table whatever the format, and real garbage is refused with a message
naming the file."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest
from builders import ctdc as ctdc_files

from tipfigs import paths
from tipfigs.ctdc import read, schema, setup
from tipfigs.errors import SchemaError
from tipfigs.outputs import FigureOutputs


@pytest.fixture(scope="module")
def real_2021():
    """The verified 2021 release, its tidy table, and the table as an analyst gets it from
    pandas with its defaults (flags and years become floats)."""
    return ctdc_files.real_2021()


def _same(loaded: pd.DataFrame, expected: pd.DataFrame, name: str) -> None:
    if not loaded.equals(expected):  # fast; the full comparison only to explain a difference
        pd.testing.assert_frame_equal(loaded, expected, obj=name)


# The same records, saved four ways, under names that say nothing (or the wrong thing) about the
# format: a .tsv as CTDC published it, a gzipped .csv, and mislabelled files.
FORMATS = [
    ("CTDC_synthetic_20210825.tsv", "\t", False),
    ("as saved by pandas.csv", ",", False),
    ("gzipped tsv.tsv.gz", "\t", True),
    ("gzipped but named.csv", ",", True),
    ("plain but named.csv.gz", ",", False),
]


def _round_trip(tmp_path, monkeypatch, analyst: pd.DataFrame, tidy: pd.DataFrame,
                formats=FORMATS) -> None:
    assert analyst["isForcedLabour"].dtype == float  # what makes to_csv write 1.0
    texts = {sep: analyst.to_csv(sep=sep, index=False) for sep in (",", "\t")}
    assert "\n1.0," in texts[","] or ",1.0," in texts[","]
    for i, (name, sep, gz) in enumerate(formats):
        # a cache of its own for each file: two of them hold the same bytes, and a table read
        # back from the parquet cache is compared elsewhere (this compares fresh parses)
        monkeypatch.setattr(paths, "cache_dir", lambda i=i: tmp_path / f"cache{i}")
        out = ctdc_files.save_as(analyst, tmp_path / name, sep, gz, texts[sep])
        assert (out.read_bytes()[:2] == b"\x1f\x8b") == gz
        _same(read.load(out, "2021"), tidy, name)


def test_pandas_round_trip_of_a_sample_of_the_real_file_in_every_format(tmp_path, monkeypatch,
                                                                         real_2021):
    """Every 40th record (about 4,800, all years): the quick form of the test below."""
    _, tidy, analyst = real_2021
    _round_trip(tmp_path, monkeypatch, analyst.iloc[::40].reset_index(drop=True),
                tidy.iloc[::40].reset_index(drop=True))


# The whole file as CTDC published it (a .tsv, here gzipped: what a figure is given in
# test_a_figure_s_set_up_reads_the_release_saved_as_a_tsv) and as pandas saves it (a .csv): a text
# field holding a comma is quoted in one and not in the other. Gzipped or not is told from the
# first bytes, whatever the rows: the sample above covers the other three ways.
FULL = [("CTDC_synthetic_20210825.tsv", "\t", True), ("as saved by pandas.csv", ",", False)]


@pytest.mark.slow
def test_pandas_round_trip_of_the_real_file_as_tsv_and_csv(tmp_path, monkeypatch, real_2021):
    """All 193,025 records, read by pandas with its defaults and saved as a gzipped .tsv and a
    .csv: each gives exactly the tidy table of the verified copy."""
    _, tidy, analyst = real_2021
    assert len(analyst) == len(tidy) == 193_025
    _round_trip(tmp_path, monkeypatch, analyst, tidy, FULL)


def test_a_figure_s_set_up_reads_the_release_saved_as_a_tsv(tmp_path, real_2021, capsys):
    """A CTDC figure given the 2021 release saved as CTDC published it (a .tsv, here gzipped,
    with flags written 1.0): the set-up reads the same records as from the verified file, and
    cites the file read by its own name, never as the release."""
    _, tidy, analyst = real_2021
    tsv = ctdc_files.save_as(analyst.iloc[::40], tmp_path / "CTDC_synthetic_20210825.tsv", "\t", True)
    out = FigureOutputs(stem="figzz-test", output_dir=tmp_path / "out")
    got = setup.setup(out, releases=["2021"], ctdc_2021_file=str(tsv), dated=True)
    _same(got.frames["2021"], tidy.iloc[::40].reset_index(drop=True), tsv.name)
    assert [(d["kind"], d["path"].rsplit("/", 1)[-1]) for d in out.about["data"]] == [
        ("file", tsv.name)]
    assert got.data["2021"] == f"CTDC synthetic data, 2021 release, file {tsv.name}"
    assert tsv.name in got.citation and "not a release listed" in got.citation


def test_a_pandas_filtered_subset_saved_with_to_csv_loads(tmp_path, real_2021):
    _, tidy, analyst = real_2021
    subset = analyst[analyst["CountryOfExploitation"] == "USA"]
    out = tmp_path / "usa only.csv"
    subset.to_csv(out)  # pandas' defaults: the index is written as a first, unnamed column
    loaded = read.load(out, "2021")
    expected = tidy[tidy["country"] == "USA"].reset_index(drop=True)
    assert len(loaded) == len(expected) > 1000
    _same(loaded, expected, "usa only.csv")


def _tiny(rows: list[dict]) -> pd.DataFrame:
    return ctdc_files.frame("2021", rows)


@pytest.mark.parametrize("value,is_set", [
    ("1", True), ("1.0", True), (" 1 ", True), ("1.00", True),
    ("0", False), ("0.0", False), ("", False),
])
def test_flags_are_read_as_numbers(tmp_path, value, is_set):
    df = _tiny([{"yearOfRegistration": "2019", "gender": "Male", "isForcedLabour": value,
                 "isSexualExploit": "1"}])
    loaded = read.load(ctdc_files.save_as(df, tmp_path / "f.csv", ",", False), "2021")
    assert loaded["exploit_forced_labour"].tolist() == [is_set]
    assert loaded["exploit_sexual"].tolist() == [True]
    assert loaded["exploit_forced_labour"].dtype == bool


def test_2018_flags_as_numbers_keep_not_recorded_apart(tmp_path):
    raw = pd.DataFrame({c: [""] * 4 for c in schema.required_columns("2018")})
    raw["yearOfRegistration"] = "2016"
    raw["isForcedLabour"] = ["1.0", "0.0", "-99.0", "-99"]
    out = read.tidy(raw, "2018", "x.csv", iso_map={})
    assert out["exploit_forced_labour"].tolist() == [True, False, False, False]


@pytest.mark.parametrize("value", ["yes", "2", "nan", "1,0", "True"])
def test_a_flag_that_is_not_a_flag_number_is_named(tmp_path, value):
    df = _tiny([{"yearOfRegistration": "2019", "isForcedLabour": value}])
    path = ctdc_files.save_as(df, tmp_path / "bad flag.tsv", "\t", False)
    with pytest.raises(SchemaError) as e:
        read.load(path, "2021")
    msg = str(e.value)
    assert "bad flag.tsv" in msg and "'isForcedLabour'" in msg and repr(value) in msg
    assert "allowed: numbers 0, 1 (1 means set) or empty" in msg


def _garbage(tmp_path) -> dict:
    good = _tiny([{"yearOfRegistration": "2019", "gender": "Male"}] * 3)
    text = good.to_csv(index=False)
    full = gzip.compress(text.encode() * 50, mtime=0)
    cases = {
        "binary junk.csv": bytes(range(256)) * 4,
        "junk gzipped.csv.gz": gzip.compress(bytes(range(256)) * 4, mtime=0),
        "truncated.csv.gz": full[: len(full) // 2],  # the header decompresses, the rest not
        "truncated header.csv.gz": full[:12],
        "pipes.csv": good.to_csv(sep="|", index=False).encode(),
        "workbook.csv": b"PK\x03\x04" + b"\x00" * 100,
        "empty.csv": b"",
        "ragged.csv": (text + "2019,Male,too,many,fields," + "," * 60 + "\n").encode(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    return cases


@pytest.mark.parametrize("name,message", [
    ("binary junk.csv", "not a CSV or TSV text file"),
    ("junk gzipped.csv.gz", "not a CSV or TSV text file"),
    ("truncated.csv.gz", "gzip-compressed but cannot be decompressed"),
    ("truncated header.csv.gz", "gzip-compressed but cannot be decompressed"),
    ("pipes.csv", "the header has a single column"),
    ("workbook.csv", "a zip archive or xlsx workbook, not a CSV or TSV text file"),
    ("empty.csv", "empty file"),
    ("ragged.csv", "cannot parse as comma-separated text"),
])
def test_garbage_is_refused_with_one_line_naming_the_file(tmp_path, name, message):
    _garbage(tmp_path)
    with pytest.raises(SchemaError) as e:
        read.load(tmp_path / name, "2021")
    msg = str(e.value)
    assert name in msg and message in msg
    assert "\n" not in msg
