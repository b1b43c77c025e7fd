"""The command that writes the data-quality tables (python -m tipfigs.tools.quality)."""

from __future__ import annotations

from builders.glotip import clean_body, workbook

from tipfigs.tools import quality


def test_quality_command(fake_root, tmp_path, capsys):
    clean = workbook(tmp_path, clean_body(), name="clean.xlsx")
    assert quality.main([str(clean), "--output-dir", str(tmp_path / "out")]) == 0
    assert "data-quality-glotip-clean.csv" in capsys.readouterr().out
    assert (tmp_path / "out" / "data-quality-glotip-clean.csv").read_text().count("\n") == 1
    assert quality.main([str(tmp_path / "nope.xlsx")]) == 1
    assert "nope.xlsx" in capsys.readouterr().err


def test_each_workbook_is_compared_with_the_one_before_it(fake_root, tmp_path, capsys):
    from builders.glotip import V, row

    earlier = workbook(tmp_path, clean_body() + [row("Gamma", V, "<5", year=2019)],
                       name="earlier.xlsx")
    later = workbook(tmp_path, clean_body() + [row("Gamma", V, "2,500", year=2019)],
                     name="later.xlsx")
    out = tmp_path / "out"
    assert quality.main([str(earlier), str(later), "--output-dir", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("revised-between-releases 0")
    assert lines[1].endswith("revised-between-releases 1")
    table = (out / "data-quality-glotip-later.csv").read_text()
    assert "revised-between-releases,GAM,Gamma,2019" in table
    assert "the same cell in the workbook earlier.xlsx,<5,0,4" in table
