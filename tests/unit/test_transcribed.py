"""tipfigs.transcribed, report values transcribed by hand: every row cites where it was checked,
or the file is refused; the notebooks' set-up call (transcribed.setup: its parameter validated by
name, the file read cited and labelled)."""

from __future__ import annotations

import csv
import io

import pytest

from tipfigs import paths, transcribed
from tipfigs.errors import ParameterError, SchemaError
from tipfigs.outputs import FigureOutputs

COLUMNS = list(transcribed.COLUMNS)
TABLE = {"table_or_figure": "Table 2", "page": "18"}
PAGE = {"stated_by": "A news page", "url": "https://example.org/news", "url_date": "2022-09"}


def write(tmp_path, *rows, columns=COLUMNS, name="values.csv"):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    for i, extra in enumerate(rows):
        row = dict.fromkeys(columns, "")
        row.update(id=f"v{i}", quantity="q", region="World", year="2021", value="1.5", unit="u",
                   report="GEMS 2022", checked="test")
        row.update(extra)
        w.writerow({k: row[k] for k in columns})
    p = tmp_path / name
    p.write_text("# Values transcribed from a report.\n" + buf.getvalue(), encoding="utf-8")
    return p


def test_a_row_citing_table_and_page_or_a_dated_page_loads(tmp_path):
    df = transcribed.load(write(tmp_path, TABLE, PAGE, {**TABLE, **PAGE}))
    assert list(df.index) == ["v0", "v1", "v2"]
    assert transcribed.cite(df, "v0") == "GEMS 2022, Table 2, p. 18"
    assert transcribed.cite(df, "v1") == (
        "GEMS 2022; stated by A news page (https://example.org/news, 2022-09)")


def test_a_row_without_a_source_is_refused_naming_file_row_and_columns(tmp_path):
    p = write(tmp_path, TABLE, {})
    with pytest.raises(SchemaError) as e:
        transcribed.load(p)
    msg = str(e.value)
    assert "values.csv" in msg and "row 'v1' cites no source" in msg
    assert "'table_or_figure', 'page'" in msg and "'stated_by', 'url', 'url_date'" in msg


@pytest.mark.parametrize("row,missing", [
    ({"table_or_figure": "Table 2"}, "'page'"),                       # half a table citation
    ({"stated_by": "A news page", "url_date": "2022-09"}, "'url'"),  # a page with no address
])
def test_half_a_citation_is_no_citation(tmp_path, row, missing):
    with pytest.raises(SchemaError, match=rf"row 'v0' cites no source: .*missing {missing}"):
        transcribed.load(write(tmp_path, row))


def test_an_address_needs_its_date_and_title_even_beside_a_table(tmp_path):
    with pytest.raises(SchemaError, match=r"row 'v0' gives a url but column\(s\) 'url_date' empty"):
        transcribed.load(write(tmp_path, {**TABLE, "stated_by": "x", "url": "https://example.org"}))
    with pytest.raises(SchemaError, match=r"row 'v0' gives a url but column\(s\) 'stated_by' empty"):
        transcribed.load(write(tmp_path, {**PAGE, "stated_by": ""}))


@pytest.mark.parametrize("date", ["undated", "Sept 2022", "2022-13", "12/09/2022"])
def test_a_date_that_is_not_a_date_is_refused(tmp_path, date):
    with pytest.raises(SchemaError, match=r"row 'v0': column 'url_date' must be YYYY-MM-DD or YYYY-MM"):
        transcribed.load(write(tmp_path, {**PAGE, "url_date": date}))


def test_a_file_without_the_source_columns_is_refused(tmp_path):
    old = [c for c in COLUMNS if c not in transcribed.BY_PAGE]
    with pytest.raises(SchemaError, match=r"values.csv: missing required column\(s\) 'stated_by'"):
        transcribed.load(write(tmp_path, TABLE, columns=old))


def test_validate_all_checks_every_transcribed_csv_in_a_folder(tmp_path):
    write(tmp_path, TABLE, name="a.csv")
    (tmp_path / "statements.csv").write_text("id,paragraph,statement,claims\ns1,1,x,\n")
    assert [p.name for p in transcribed.validate_all(tmp_path)] == ["a.csv"]
    write(tmp_path, TABLE, {}, name="b.csv")
    with pytest.raises(SchemaError, match=r"b.csv: row 'v1' cites no source"):
        transcribed.validate_all(tmp_path)


def test_gems2022_cites_a_source_for_every_row():
    df = transcribed.load(transcribed.DEFAULT_GEMS)
    assert len(df) > 0
    by_table = df["table_or_figure"].notna() & df["page"].notna()
    by_page = df["stated_by"].notna() & df["url"].notna() & df["url_date"].notna()
    assert (by_table | by_page).all()
    assert paths.resolve(transcribed.DEFAULT_GEMS) in transcribed.transcribed_files()


def test_every_transcribed_file_cites_a_source_for_every_row():
    files = transcribed.validate_all()
    assert {p.name for p in files} >= {"gems2022.csv", "glotip_published.csv"}
    df = transcribed.load(paths.resolve("data/glotip_published.csv"))
    by_table = df["table_or_figure"].notna() & df["page"].notna()
    by_page = df["stated_by"].notna() & df["url"].notna() & df["url_date"].notna()
    assert len(df) > 0 and (by_table | by_page).all()


# -- the notebooks' set-up call -----------------------------------------------------------------

@pytest.fixture
def out(tmp_path):
    return FigureOutputs(stem="figzz-test", output_dir=tmp_path / "out")


def test_transcribed_setup_reads_cites_and_labels_the_file(out):
    got = transcribed.setup(out, gems_values="data/gems2022.csv")
    assert got.value("fl_world_2021") == 27.6
    assert got.cite("fl_world_2021").startswith("GEMS 2022")
    assert got.data == "GEMS 2022 values transcribed in data/gems2022.csv"
    with open(paths.resolve("data/gems2022.csv"), encoding="utf-8") as f:
        first = f.readline().lstrip("#").strip()
    assert got.citation == first and got.citation.startswith("Values transcribed from ILO")
    assert out.about["data"] == [{"kind": "transcribed", "path": "data/gems2022.csv",
                                  "citation": first, "source": "ILO, Walk Free and IOM, Global "
                                  "Estimates of Modern Slavery, September 2022"}]
    assert got.filters == {}


def test_transcribed_setup_validates_its_parameter_by_name(out):
    with pytest.raises(ParameterError, match=r"^parameter gems_values='data/nope.csv': no such file"):
        transcribed.setup(out, gems_values="data/nope.csv")
    with pytest.raises(ParameterError, match=r"^parameter gems_values='' must be a path to a file"):
        transcribed.setup(out, gems_values="")
    assert out.about["data"] == []


def test_transcribed_setup_cites_a_copy_elsewhere_by_its_own_name(tmp_path, out):
    copy = tmp_path / "my values.csv"
    copy.write_text((paths.root() / "data/gems2022.csv").read_text().replace(
        "fl_world_2021,people in forced labour,World,2021,27.6,",
        "fl_world_2021,people in forced labour,World,2021,30.0,"))
    got = transcribed.setup(out, gems_values=str(copy))
    assert got.value("fl_world_2021") == 30.0
    assert got.citation.startswith("Data file my values.csv (sha256 ")
    assert got.data == "GEMS 2022 values transcribed in my values.csv"  # no machine path
    assert str(tmp_path) not in got.data
