"""The documentation names only tests that exist: every test file that README.md and docs/*.md
name (docs/robustness.md gives the test that covers each failure) is there, and so is every
test named in it, as ``tests/<file>.py::test_name`` or, after such a file on the same line,
``::test_name``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
#: A test file, or a test in one (tests/unit/test_gsi.py::test_no_header_row), or a test of the
#: file named before it on the line (::test_no_header_row).
REFERENCE = re.compile(r"(tests/[\w/]+\.py)?(?:::(\w+))?")


def references(text: str) -> list[tuple[int, str, str | None]]:
    """(line number, test file, test or None) for each reference in ``text``."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        current = None
        for m in REFERENCE.finditer(line):
            path, test = m.groups()
            if path:
                current = path
            if path or (test and current):
                found.append((number, current, test))
    return found


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
            and n.name.startswith("test_")}


def test_references_are_read_as_written():
    line = "`tests/a/test_x.py::test_one`, `::test_two`, `tests/test_y.py` (fig01)"
    assert references(line) == [(1, "tests/a/test_x.py", "test_one"),
                                (1, "tests/a/test_x.py", "test_two"), (1, "tests/test_y.py", None)]
    assert references("`::test_orphan` names no file") == []


def test_the_failures_document_names_tests():
    assert len(references((REPO / "docs" / "robustness.md").read_text(encoding="utf-8"))) > 30


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_test_the_documentation_names_exists(doc):
    missing = []
    for number, path, test in references(doc.read_text(encoding="utf-8")):
        file = REPO / path
        if not file.is_file():
            missing.append(f"line {number}: {path}")
        elif test is not None and test not in _tests_in(file):
            missing.append(f"line {number}: {path}::{test}")
    assert not missing, f"{doc.name} names tests that do not exist: {missing}"
