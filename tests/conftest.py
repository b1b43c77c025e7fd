"""Shared fixtures (a throw-away project root, so tests never touch the real tree), and the order
the tests run in."""

from __future__ import annotations

import hashlib
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

# As in the runner (tipfigs.tools.runner._papermill): nbformat, which tests and builders use,
# imports jsonschema, which imports rfc3987_syntax when the environment has it; that module
# builds a parser for the 'iri' string format at import (1 to 2 s per process), a format that no
# notebook schema uses. None in sys.modules: jsonschema does without it. In each test process.
sys.modules.setdefault("rfc3987_syntax", None)

REPO = Path(__file__).resolve().parents[1]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def fake_root(tmp_path, monkeypatch):
    """A minimal project root (manifest, the collection's facts, notebooks/, figures/) that
    tipfigs.paths resolves to, with one data file committed under data/raw/ and the same file
    in a mirror folder (the kind of folder `refresh-data --mirror DIR` takes files from)."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "notebooks").mkdir()
    (root / "figures").mkdir()
    (root / "requirements.txt").write_text("pandas==0\n")
    (root / "VERSION").write_text("9.9.9\n")
    mirror = tmp_path / "mirror"
    (mirror / "pub").mkdir(parents=True)
    payload = b"country,value\nA,1\nB,2\n"
    (mirror / "pub" / "table.csv").write_bytes(payload)
    (root / "data" / "raw" / "pub").mkdir(parents=True)
    (root / "data" / "raw" / "pub" / "table.csv").write_bytes(payload)
    (root / "data" / "manifest.toml").write_text(textwrap.dedent(f"""
        [files.table]
        path = "pub/table.csv"
        title = "A table"
        publisher = "A publisher"
        release = "2020"
        url = "https://example.org/table.csv"
        sha256 = "{sha256(payload)}"
        terms = "CC BY 4.0"
        citation = "A publisher (2020). A table."
    """))
    shutil.copyfile(REPO / "data" / "collection.toml", root / "data" / "collection.toml")
    (root / "data" / "article_claims.csv").write_text(
        "id,statements,reading,article_value,unit,tolerance\nc,s01,A reading,1.0,u,0.1\n")
    monkeypatch.setenv("TIPFIGS_ROOT", str(root))
    monkeypatch.delenv("TIPFIGS_OUTPUT_DIR", raising=False)
    monkeypatch.setenv("TIPFIGS_BUILD", "1")  # outputs go to figures/, as in the build
    return root, mirror, payload


def pytest_collection_modifyitems(items):
    """The files with the longest tests first, then those with other slow ones, each file's tests
    together and in order (a module's fixtures are set up once). `make test` runs the tests over
    the cores (pytest -n auto --dist loadfile, in this order), a file in one worker: a long file
    started last would keep one worker busy while the others have nothing left to do."""
    rank: dict = {}
    for item in items:
        mine = (item.get_closest_marker("longest") is None, item.get_closest_marker("slow") is None)
        rank[item.path] = min(rank.get(item.path, mine), mine)
    items.sort(key=lambda item: rank[item.path])
