"""tipfigs.datafiles: reading a CSV file written by hand (read_commented_csv), workbooks that
are not (xlsx_rows), the parse cache keyed by content, and a verified copy edited after
`make data` refused by every loader."""

from __future__ import annotations

import pandas as pd
import pytest

from tipfigs import datafiles
from tipfigs.datafiles import read_commented_csv
from tipfigs.errors import DataError, SchemaError


def _csv(tmp_path, text: str):
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_come_with_their_line_and_comment_lines_are_skipped(tmp_path):
    path = _csv(tmp_path, "# what this is\n# and where it comes from\nid,text,value\n"
                          'a,"one, with a comma",1\n\n# a note between rows\n'
                          'b,"two lines\nof text",\nc,three\n')
    rows = read_commented_csv(path, ("id", "text"))
    assert [name.rsplit(", ", 1)[1] for name, _ in rows] == ["line 4", "line 7", "line 9"]
    assert all(name.startswith(f"{path}, line ") for name, _ in rows)
    assert [r for _, r in rows] == [
        {"id": "a", "text": "one, with a comma", "value": "1"},
        {"id": "b", "text": "two lines\nof text", "value": ""},
        {"id": "c", "text": "three", "value": ""},  # a short row: empty cells
    ]


def test_a_missing_column_is_named_with_the_columns_present(tmp_path):
    path = _csv(tmp_path, "# comment\nid,value\na,1\n")
    with pytest.raises(SchemaError, match=r"table.csv: missing column\(s\) text, unit "
                                          r"\(columns present: id, value\)"):
        read_commented_csv(path, ("id", "text", "unit"))
    with pytest.raises(SchemaError, match=r"missing column\(s\) id \(columns present: none\)"):
        read_commented_csv(_csv(tmp_path, "# only a comment\n"), ("id",))


def test_a_row_with_more_cells_than_columns_is_named(tmp_path):
    path = _csv(tmp_path, "# comment\nid,text\na,fine\nb,unquoted, comma\n")
    with pytest.raises(SchemaError, match=r"table.csv, line 4: 3 cells for 2 columns \(quote a "
                                          r"cell that has a comma\)"):
        read_commented_csv(path, ("id", "text"))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match="nothing.csv: data file not found"):
        read_commented_csv(tmp_path / "nothing.csv", ("id",))


def test_not_a_workbook_and_missing_file(tmp_path):
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(DataError, match="truncated.xlsx: not an xlsx workbook"):
        datafiles.xlsx_rows(truncated)
    with pytest.raises(DataError, match="nope.xlsx: workbook not found"):
        datafiles.xlsx_rows(tmp_path / "nope.xlsx")


def test_cache_is_keyed_by_content(fake_root):
    root, _, _ = fake_root
    src = root / "in.txt"
    src.write_text("one")
    calls = []

    def build():
        calls.append(1)
        return pd.DataFrame({"v": [src.read_text()]})
    assert datafiles.cached(src, "t", 1, build)["v"][0] == "one"
    assert datafiles.cached(src, "t", 1, build)["v"][0] == "one"
    assert len(calls) == 1                       # second read from the cache
    src.write_text("two")
    assert datafiles.cached(src, "t", 1, build)["v"][0] == "two"  # new content, new entry
    assert datafiles.cached(src, "t", 2, build)["v"][0] == "two"  # new reader version, new entry
    assert len(calls) == 3


def test_edited_verified_copy_is_refused_by_the_loaders(fake_root):
    root, _, _ = fake_root
    copy = root / "data/raw/pub/table.csv"
    datafiles.verify_release(copy)  # intact: fine
    copy.write_text("country,value\nA,100\n")
    with pytest.raises(DataError, match=r"data/raw/pub/table.csv: checksum mismatch .*restore the "
                                        r"committed copy with `git checkout -- data/raw/pub/table.csv`"):
        datafiles.verify_release(copy)
    with pytest.raises(DataError, match=r"data/raw/pub/table.csv: checksum mismatch"):
        datafiles.cached(copy, "t", 1, lambda: None)  # every loader goes through the cache
