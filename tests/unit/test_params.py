import pytest

from tipfigs import params
from tipfigs.errors import ParameterError


def test_choice_names_parameter_value_and_allowed():
    with pytest.raises(ParameterError) as e:
        params.choice("release", "2019", ["2018", "2021"])
    assert str(e.value) == "parameter release='2019' is not allowed; choose one of '2018', '2021'"


def test_subset_keeps_allowed_order_and_rejects_unknown():
    allowed = ["Africa", "Americas", "Arab States"]
    assert params.subset("regions", ["Arab States", "Africa"], allowed) == ["Africa", "Arab States"]
    assert params.subset("regions", None, allowed) == allowed
    with pytest.raises(ParameterError, match="regions has unknown value.*'Europe'"):
        params.subset("regions", ["Europe"], allowed)
    with pytest.raises(ParameterError, match="must be a list"):
        params.subset("regions", "Africa", allowed)


def test_year_range_order_and_bounds():
    assert params.year_range("years", None, 2002, 2021) == (2002, 2021)
    assert params.year_range("years", [2000, 2010], 2002, 2021) == (2002, 2010)
    with pytest.raises(ParameterError, match="first year after last"):
        params.year_range("years", [2015, 2010], 2002, 2021)
    with pytest.raises(ParameterError, match="outside the data's years 2002-2021"):
        params.year_range("years", [1990, 1995], 2002, 2021)
    with pytest.raises(ParameterError, match="pair of years"):
        params.year_range("years", "2010-2015", 2002, 2021)


def test_iso3_format_and_presence():
    assert params.iso3("country", None) is None
    assert params.iso3("country", "USA", ["USA", "GBR"]) == "USA"
    with pytest.raises(ParameterError, match="ISO3"):
        params.iso3("country", "us")
    with pytest.raises(ParameterError, match="does not occur in the data"):
        params.iso3("country", "FRA", ["USA", "GBR"])


def test_integer_rejects_bools_and_out_of_range():
    assert params.integer("min_records", 10, minimum=0) == 10
    with pytest.raises(ParameterError, match="whole number"):
        params.integer("min_records", True)
    with pytest.raises(ParameterError, match="at least 1"):
        params.integer("min_records", 0, minimum=1)


def test_input_file_must_exist(fake_root):
    root, _, _ = fake_root
    with pytest.raises(ParameterError, match=r"gsi_workbook='data/raw/nope.xlsx': no such file$"):
        params.input_file("gsi_workbook", "data/raw/nope.xlsx")
    (root / "data/raw/pub/table.csv").unlink()  # a data file of the manifest: says how to restore
    msg = r"f='data/raw/pub/table.csv': no such file \(a data file of the project: restore it " \
          r"with `git checkout -- data/raw/pub/table.csv`\)"
    with pytest.raises(ParameterError, match=msg):
        params.input_file("f", "data/raw/pub/table.csv")
    (root / "data/a b'c;$x.csv").write_text("x\n")  # spaces, quotes, metacharacters are fine
    assert params.input_file("f", "data/a b'c;$x.csv").name == "a b'c;$x.csv"


def test_output_dir_default_env_and_file_clash(fake_root, monkeypatch):
    root, _, _ = fake_root
    assert params.output_dir("output_dir", None) == root / "figures"
    monkeypatch.setenv("TIPFIGS_OUTPUT_DIR", "build/elsewhere")
    assert params.output_dir("output_dir", None) == root / "build/elsewhere"
    (root / "afile").write_text("")
    with pytest.raises(ParameterError, match="not a folder"):
        params.output_dir("output_dir", "afile")
