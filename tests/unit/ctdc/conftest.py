"""The CTDC unit tests keep the parquet cache of what they load out of the project's build/."""

import pytest

from tipfigs import paths


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path / "cache")
