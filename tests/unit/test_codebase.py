"""tipfigs.codebase: which of the package's modules a piece of code depends on."""

from pathlib import Path

from tipfigs import codebase


def make_pkg(root: Path) -> Path:
    pkg = root / "tipfigs"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from tipfigs import conveniences\n")
    (pkg / "conveniences.py").write_text("import pandas\n")
    (pkg / "sub" / "__init__.py").write_text('"""A subpackage."""\n')
    (pkg / "sub" / "reader.py").write_text("from tipfigs import words\nfrom . import rules\n")
    (pkg / "sub" / "rules.py").write_text("def f():\n    from tipfigs.sub import vocab\n")
    (pkg / "sub" / "vocab.py").write_text("X = 1\n")
    (pkg / "words.py").write_text("Y = 2\n")
    (pkg / "figure.py").write_text("from tipfigs.sub import reader\n")
    return pkg


def rel(files, pkg):
    return {Path(f).relative_to(pkg).as_posix() for f in files}


def test_imports_follow_relative_and_nested_imports(tmp_path):
    pkg = make_pkg(tmp_path)
    got = rel(codebase.closure({"tipfigs.figure"}, pkg), pkg)
    assert got == {"__init__.py", "conveniences.py", "figure.py", "sub/__init__.py",
                   "sub/reader.py", "sub/rules.py", "sub/vocab.py", "words.py"}


def test_code_that_builds_a_table_does_not_depend_on_the_package_s_conveniences(tmp_path):
    pkg = make_pkg(tmp_path)
    got = rel(codebase.closure({"tipfigs.sub.reader"}, pkg, package_init=False), pkg)
    assert got == {"sub/__init__.py", "sub/reader.py", "sub/rules.py", "sub/vocab.py", "words.py"}


def test_the_real_parsers_depend_on_their_own_code_only():
    from tipfigs.ctdc import read

    names = rel(codebase.module_files(read.__file__), codebase.package_dir())
    assert {"ctdc/read.py", "ctdc/schema.py", "datafiles.py"} <= names
    assert not names & {"__init__.py", "ctdc/shares.py", "figures/fig05.py", "style.py"}
