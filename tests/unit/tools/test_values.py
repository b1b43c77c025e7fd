"""The values command: each parameter's default, its help and the values the data allow."""

from __future__ import annotations

from builders.notebooks import write_tiny

from tipfigs.tools import values


def test_each_parameter_s_help_is_the_comment_on_its_line():
    source = ('output_dir: "str or None" = None  # folder for the outputs\n'
              'files: list = ["a.csv",\n'
              '               "b.csv"]  # the files to read\n'
              "n = 3\n")
    assert values.help_texts(source) == {"output_dir": "folder for the outputs",
                                         "files": "the files to read"}


def test_a_tiny_figure_lists_its_parameters_and_the_palettes(fake_root, capsys):
    root, _, _ = fake_root
    write_tiny(root, "figzz-tiny")
    assert values.main(["figzz"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("figzz-tiny: its parameters, their defaults and the values the data allow.")
    assert "python run.py figure figzz-tiny NAME=VALUE" in out
    assert "  palette = 'default'\n      allowed: one of 'default', 'colorblind', 'deep'" in out
    assert "  output_dir = None\n      allowed: None: figures/ when the build (make)" in out


def test_the_regions_of_the_gsi_figure_are_listed():
    text = values.describe("fig02-forced-labour-by-region")
    assert "  regions = None\n" in text
    assert ("allowed: None (all), or a list among 'Asia and the Pacific', 'Europe and Central "
            "Asia',") in text


def test_an_unknown_figure_is_one_line(fake_root, capsys):
    assert values.main(["fig99"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no notebook notebooks/fig99*.ipynb") and err.count("\n") == 1


def test_the_countries_and_years_of_a_ctdc_figure_come_from_its_releases():
    text = values.describe("fig05-male-victims-trend")
    country = text.split("  country = None\n")[1].split("\n  min_records")[0]
    assert "allowed: None, or one of the 141 ISO3 codes of the countries of exploitation" in country
    assert "PHL" in country and "USA" in country
    assert "allowed: None, or [first, last] within the data's years 2002–2022" in text
