"""The collection's facts (``data/collection.toml``): its title, authors and licences (the code's,
and the figures' and tables'), and the article it checks (title, authors, journal, publisher,
date, address). The version is in VERSION and its release date in CHANGELOG.md (the citation's
date and year).

:mod:`tipfigs.manifest` takes the article's date from here (a release public on that day is the
article's); the report, the figure catalogue and CITATION.cff take the rest. Every key is
required: a missing one, or one of the wrong kind, is an error naming the file and the key.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tipfigs import paths
from tipfigs.errors import DataError, SchemaError

FILE = "collection.toml"
#: Section -> its keys, each with the kind of value it holds.
KEYS = {
    "collection": {"title": str, "authors": list, "license": str, "figures_license": str,
                   "abstract": str, "keywords": list},
    "article": {"title": str, "authors": list, "journal": str, "publisher": str, "date": str,
                "url": str},
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Author:
    """A person (family and given names) or a group or organisation (a name)."""

    name: str = ""
    family: str = ""
    given: str = ""
    affiliation: str = ""

    @property
    def text(self) -> str:
        """The author as written in a sentence: "Heather Komenda", "The tipfigs contributors"."""
        return self.name or f"{self.given} {self.family}".strip()


@dataclass(frozen=True)
class Article:
    title: str
    authors: tuple[Author, ...]
    journal: str
    publisher: str
    date: str                     # YYYY-MM-DD
    url: str


@dataclass(frozen=True)
class Collection:
    title: str
    authors: tuple[Author, ...]
    license: str                  # the code's (an SPDX identifier)
    figures_license: str          # the figures', tables' and report's (an SPDX identifier)
    abstract: str
    keywords: tuple[str, ...]
    article: Article


def path() -> Path:
    return paths.data_dir() / FILE


def _authors(items: list, where: str, key: str) -> tuple[Author, ...]:
    out = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or set(item) - {"name", "family", "given", "affiliation"}:
            raise SchemaError(f"{where}: {key}, author {n}: give name = \"...\" (a group) or "
                              "family and given names, and optionally an affiliation")
        author = Author(**{k: str(v).strip() for k, v in item.items()})
        if not (author.name or author.family) or (author.name and author.family):
            raise SchemaError(f"{where}: {key}, author {n}: give either a name (a group or "
                              "an organisation) or a family name (a person)")
        out.append(author)
    if not out:
        raise SchemaError(f"{where}: {key} lists no author")
    return tuple(out)


def _section(doc: dict, section: str, where: str) -> dict:
    values = doc.get(section)
    if not isinstance(values, dict):
        raise DataError(f"{where}: missing section [{section}]")
    for key, kind in KEYS[section].items():
        if key not in values:
            raise DataError(f"{where}: missing key '{section}.{key}'")
        value = values[key]
        if isinstance(value, datetime.date) and key == "date":
            value = values[key] = value.isoformat()  # a bare TOML date
        if not isinstance(value, kind) or isinstance(value, bool) or value in ("", []):
            raise SchemaError(f"{where}: key '{section}.{key}' must be a non-empty "
                              f"{kind.__name__}; found {value!r}")
    return values


def load(file: Path | None = None) -> Collection:
    """The facts of ``data/collection.toml`` (or of ``file``), checked."""
    file = file or path()
    where = paths.show(file)
    try:
        doc = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{where}: the collection's facts file is missing") from None
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"{where}: not valid TOML ({e})") from None
    c, a = _section(doc, "collection", where), _section(doc, "article", where)
    if not _DATE.match(a["date"]):
        raise SchemaError(f"{where}: key 'article.date' must be a date as YYYY-MM-DD; "
                          f"found {a['date']!r}")
    if not all(isinstance(k, str) and k for k in c["keywords"]):
        raise SchemaError(f"{where}: key 'collection.keywords' must list words")
    article = Article(a["title"], _authors(a["authors"], where, "article.authors"), a["journal"],
                      a["publisher"], a["date"], a["url"])
    return Collection(c["title"], _authors(c["authors"], where, "collection.authors"),
                      c["license"], c["figures_license"], c["abstract"], tuple(c["keywords"]),
                      article)


def article_date() -> str:
    """The day the article was published (YYYY-MM-DD)."""
    return load().article.date
