import pandas as pd
import pytest

from tipfigs import gsi, io
from tipfigs.errors import DataError, SchemaError

HEADER = list(gsi.COLUMNS)


def _rows(*records, header=HEADER):
    return [["Source: a title row"], header, *records]


def _record(country, region, pop, number):
    r = {c: "" for c in HEADER}
    r.update({"Country": country, "Region": region, "Population": pop,
              "Estimated number of people in modern slavery": number,
              "Estimated prevalence of modern slavery per 1,000 population":
                  "" if number == "" else number / pop * 1000})
    return [r[c] for c in HEADER]


@pytest.fixture
def fake_sheet(monkeypatch, tmp_path):
    path = tmp_path / "gsi.xlsx"
    path.write_bytes(b"placeholder")

    def use(rows):
        monkeypatch.setattr(io, "xlsx_rows", lambda p, sheet=None: rows)
        return gsi._parse(path)
    return use


def test_regional_totals_sum_country_estimates(fake_sheet):
    df = fake_sheet(_rows(
        _record("A", "Africa", 1000.0, 5.0),
        _record("B", "Africa", 3000.0, 7.0),
        _record("C", "Africa", 500.0, ""),          # no estimate: out of the prevalence
        _record("D", "Arab States", 2000.0, 20.0),
    ))
    t = gsi.regional_totals(df).set_index("region")
    assert list(t.index) == ["Africa", "Arab States"]  # the article's order
    assert t.loc["Africa", "number_in_modern_slavery"] == 12.0
    assert t.loc["Africa", "countries_with_estimate"] == 2
    assert t.loc["Africa", "prevalence_per_1000"] == pytest.approx(12.0 / 4000 * 1000)
    assert t.loc["Arab States", "prevalence_per_1000"] == pytest.approx(10.0)


def test_doubling_a_region_doubles_its_total(fake_sheet):
    base = [_record("A", "Africa", 1000.0, 5.0), _record("D", "Arab States", 2000.0, 20.0)]
    doubled = [_record("A", "Africa", 1000.0, 10.0), base[1]]
    t0 = gsi.regional_totals(fake_sheet(_rows(*base))).set_index("region")
    t1 = gsi.regional_totals(fake_sheet(_rows(*doubled))).set_index("region")
    n = "number_in_modern_slavery"
    assert t1.loc["Africa", n] == 2 * t0.loc["Africa", n]
    assert t1.loc["Arab States", n] == t0.loc["Arab States", n]


def test_missing_column_is_named(fake_sheet):
    header = [c for c in HEADER if c != "Region"]
    with pytest.raises(SchemaError, match="missing required column.*'Region'"):
        fake_sheet(_rows(["X"] * len(header), header=header))


def test_unknown_region_and_text_in_numbers_are_named(fake_sheet):
    with pytest.raises(SchemaError, match="column 'Region' has unknown value.*'Atlantis'"):
        fake_sheet(_rows(_record("A", "Atlantis", 1000.0, 5.0)))
    bad = _record("A", "Africa", 1000.0, 5.0)
    bad[HEADER.index("Population")] = "about 1000"
    with pytest.raises(SchemaError, match="column 'population' must be numeric; found 'about 1000'"):
        fake_sheet(_rows(bad))


def test_no_header_row(fake_sheet):
    with pytest.raises(SchemaError, match="no header row starting with 'Country'"):
        fake_sheet([["a", "b"], ["c", "d"]])


def test_not_a_workbook_and_missing_file(tmp_path):
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(DataError, match="truncated.xlsx: not an xlsx workbook"):
        io.xlsx_rows(truncated)
    with pytest.raises(DataError, match="nope.xlsx: workbook not found"):
        io.xlsx_rows(tmp_path / "nope.xlsx")


def test_cache_is_keyed_by_content(fake_root):
    root, _, _ = fake_root
    src = root / "in.txt"
    src.write_text("one")
    calls = []

    def build():
        calls.append(1)
        return pd.DataFrame({"v": [src.read_text()]})
    assert io.cached(src, "t", 1, build)["v"][0] == "one"
    assert io.cached(src, "t", 1, build)["v"][0] == "one"
    assert len(calls) == 1                       # second read from the cache
    src.write_text("two")
    assert io.cached(src, "t", 1, build)["v"][0] == "two"  # new content, new entry
    assert io.cached(src, "t", 2, build)["v"][0] == "two"  # new reader version, new entry
    assert len(calls) == 3


def test_real_workbook_matches_the_published_world_total():
    """The verified GSI 2023 workbook: 160 country estimates summing to 49.63 million."""
    path = io.require_file(gsi.DEFAULT_PATH)
    df = gsi.load(path)
    assert df["number_in_modern_slavery"].notna().sum() == 160
    assert df["number_in_modern_slavery"].sum() == pytest.approx(49.63e6)
    assert set(df["region"]) == set(gsi.REGIONS)
