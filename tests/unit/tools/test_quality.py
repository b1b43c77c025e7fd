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
