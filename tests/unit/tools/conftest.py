"""The fake project that the tests of the report, the catalogue, the citation and the site
generate from (builders.project builds it)."""

from __future__ import annotations

import pytest
from builders.project import make_project


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A fake project with two built figures, a manifest, a transcribed CSV and statements;
    tipfigs.paths resolves to it."""
    root = make_project(tmp_path / "project")
    # the release date of its VERSION (2.3.4), which the citation carries
    (root / "CHANGELOG.md").write_text("# Changelog\n\n## 2.3.4 (2026-12-07)\n\nA release.\n")
    monkeypatch.setenv("TIPFIGS_ROOT", str(root))
    return root
