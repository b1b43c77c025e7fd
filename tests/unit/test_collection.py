"""The collection's facts (data/collection.toml): read, checked, and the article's date that
tipfigs.manifest grades releases by."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tipfigs import collection, manifest
from tipfigs.errors import DataError, SchemaError

REPO = Path(__file__).resolve().parents[2]
FACTS = REPO / "data" / "collection.toml"


def test_the_project_s_facts_are_read():
    facts = collection.load()
    assert facts.title.startswith("Reproducible notebooks for the figures of “Despite Progress")
    assert [a.text for a in facts.authors] == ["The tipfigs contributors"]
    assert (facts.license, facts.figures_license) == ("MIT", "CC-BY-4.0")
    article = facts.article
    assert article.title == ("Despite Progress, More Needs to Be Done to Address the Crime of "
                             "Trafficking in Persons")
    assert [(a.family, a.given, a.affiliation, a.text) for a in article.authors] == [
        ("Komenda", "Heather", "IOM", "Heather Komenda")]
    assert (article.journal, article.publisher, article.date) == (
        "UN Chronicle", "United Nations", "2023-07-24")
    assert article.url == ("https://www.un.org/en/un-chronicle/despite-progress-more-needs-be-done-"
                           "address-crime-trafficking-persons")
    assert collection.article_date() == "2023-07-24"


def test_the_facts_file_says_what_it_is():
    head = FACTS.read_text(encoding="utf-8").split("\n[", 1)[0]
    assert head.startswith("# The collection's facts")
    assert "VERSION" in head


def _without(tmp_path, section: str, key: str) -> Path:
    """A copy of the facts file without ``section.key`` (a line of its own)."""
    text = FACTS.read_text(encoding="utf-8")
    body = text.split(f"[{section}]\n", 1)[1].split("\n[", 1)[0]
    line = next(ln for ln in body.splitlines() if ln.startswith(f"{key} = "))
    path = tmp_path / "collection.toml"
    path.write_text(text.replace(line + "\n", "", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("section,key", [(s, k) for s, keys in collection.KEYS.items()
                                         for k in keys])
def test_a_missing_key_is_named_by_file_and_key(tmp_path, section, key):
    path = _without(tmp_path, section, key)
    assert key not in tomllib.loads(path.read_text(encoding="utf-8"))[section]
    with pytest.raises(DataError, match=re.escape(f"collection.toml: missing key '{section}.{key}'")):
        collection.load(path)


def _edited(tmp_path, old: str, new: str) -> Path:
    text = FACTS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "collection.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new,message", [
    ('date = "2023-07-24"', 'date = "24 July 2023"', "key 'article.date' must be a date as YYYY-MM-DD"),
    ('figures_license = "CC-BY-4.0"', "figures_license = 4",
     "key 'collection.figures_license' must be a non-empty str; found 4"),
    ('license = "MIT"', 'license = ""', "key 'collection.license' must be a non-empty str"),
    ('authors = [{ name = "The tipfigs contributors" }]', "authors = []",
     "key 'collection.authors' must be a non-empty list"),
    ('authors = [{ name = "The tipfigs contributors" }]', 'authors = [{ given = "Jane" }]',
     "collection.authors, author 1: give either a name"),
    ('authors = [{ name = "The tipfigs contributors" }]', 'authors = [{ nmae = "A Lab" }]',
     "collection.authors, author 1: give name"),
    ("[article]", "[articles]", r"missing section \[article\]"),
])
def test_a_bad_value_is_named_by_file_and_key(tmp_path, old, new, message):
    with pytest.raises(SchemaError if "section" not in message else DataError,
                       match=r"collection.toml: .*" + message):
        collection.load(_edited(tmp_path, old, new))


def test_a_bare_toml_date_is_read_as_the_same_day(tmp_path):
    path = _edited(tmp_path, 'date = "2023-07-24"', "date = 2023-07-24")
    assert collection.load(path).article.date == "2023-07-24"


def test_a_missing_or_broken_facts_file_is_named(tmp_path):
    with pytest.raises(DataError, match="collection.toml: the collection's facts file is missing"):
        collection.load(tmp_path / "collection.toml")
    (tmp_path / "collection.toml").write_text("title = \n")
    with pytest.raises(DataError, match="collection.toml: not valid TOML"):
        collection.load(tmp_path / "collection.toml")


def test_the_manifest_grades_releases_by_the_article_s_date_in_the_facts_file(fake_root):
    root, _, _ = fake_root
    assert (manifest.era("2023-07"), manifest.era("2023-07-25")) == ("article", "latest")
    facts = root / "data" / "collection.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('"2023-07-24"', '"2025-06-30"'),
                     encoding="utf-8")
    assert (manifest.era("2023-07-25"), manifest.era("2025-07")) == ("article", "latest")
