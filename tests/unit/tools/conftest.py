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
    monkeypatch.setenv("TIPFIGS_ROOT", str(root))
    return root
