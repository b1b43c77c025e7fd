"""The data manifest (data/manifest.toml): what each external file is and its checksum."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tipfigs import collection, paths
from tipfigs.errors import DataError

REQUIRED = ("path", "title", "publisher", "release", "url", "sha256", "terms", "citation")
OPTIONAL = ("published", "note", "upstream", "download", "source")
#: What the publisher serves now (see tipfigs.tools.refresh): these bytes at ``download``; only its
#: latest release at ``download``; nothing (the release is gone); a web page, not a file.
UPSTREAM = ("direct", "latest-only", "gone", "page")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def era(published: str) -> str:
    """``"article"`` for a release public on the article's date (``published`` as YYYY,
    YYYY-MM or YYYY-MM-DD, compared at its own precision), else ``"latest"``. The article's
    date is in ``data/collection.toml`` (:func:`tipfigs.collection.article_date`)."""
    if not _DATE.match(published or ""):
        raise ValueError(f"published date {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return "article" if published <= collection.article_date()[: len(published)] else "latest"


@dataclass(frozen=True)
class DataFile:
    key: str
    path: str
    title: str
    publisher: str
    release: str
    url: str
    sha256: str
    terms: str
    citation: str
    published: str = ""
    note: str = ""
    upstream: str = "page"
    download: str = ""
    #: The release in plain words for a figure's one-line source ("UNODC, Global Report on
    #: Trafficking in Persons data, May 2023 release"); the title when none is given.
    source: str = ""

    def __post_init__(self):
        if not self.source:
            object.__setattr__(self, "source", f"{self.publisher}, {self.title}")

    @property
    def era(self) -> str:
        """``"article"`` (public on the article's date), ``"latest"``, or ``""`` when the
        entry does not say when it was published; see :func:`era`."""
        return era(self.published) if self.published else ""

    @property
    def local(self) -> Path:
        """The verified copy that notebooks read."""
        return paths.raw_dir() / self.path


def manifest_path() -> Path:
    return paths.data_dir() / "manifest.toml"


def load(path: Path | None = None) -> dict[str, DataFile]:
    path = path or manifest_path()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{paths.show(path)}: manifest not found") from None
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"{paths.show(path)}: not valid TOML ({e})") from None
    files = doc.get("files")
    if not isinstance(files, dict) or not files:
        raise DataError(f"{paths.show(path)}: no [files.<name>] entries")
    out: dict[str, DataFile] = {}
    for key, entry in files.items():
        missing = [f for f in REQUIRED if not str(entry.get(f, "")).strip()]
        if missing:
            raise DataError(f"{paths.show(path)}: entry '{key}' lacks {', '.join(missing)}")
        if not _SHA.match(entry["sha256"]):
            raise DataError(
                f"{paths.show(path)}: entry '{key}' has sha256 '{entry['sha256']}', "
                "expected 64 lowercase hex digits"
            )
        if Path(entry["path"]).is_absolute() or ".." in Path(entry["path"]).parts:
            raise DataError(f"{paths.show(path)}: entry '{key}' path must be relative")
        if "published" in entry and not _DATE.match(str(entry["published"])):
            raise DataError(
                f"{paths.show(path)}: entry '{key}' has published '{entry['published']}', "
                "expected a date YYYY, YYYY-MM or YYYY-MM-DD"
            )
        upstream = entry.get("upstream", "page")
        if upstream not in UPSTREAM:
            raise DataError(f"{paths.show(path)}: entry '{key}' has upstream '{upstream}'; "
                            f"allowed: {', '.join(UPSTREAM)}")
        has_download = bool(str(entry.get("download", "")).strip())
        if has_download != (upstream in ("direct", "latest-only")):
            raise DataError(f"{paths.show(path)}: entry '{key}': a download address goes with "
                            "upstream 'direct' or 'latest-only', and only with them")
        if has_download and not str(entry["download"]).startswith(("https://", "http://")):
            raise DataError(f"{paths.show(path)}: entry '{key}' download must be an http(s) address")
        unknown = set(entry) - set(REQUIRED) - set(OPTIONAL)
        if unknown:
            raise DataError(
                f"{paths.show(path)}: entry '{key}' has unknown field(s) {', '.join(sorted(unknown))}"
            )
        out[key] = DataFile(key=key, **entry)
    return out


def transcribed_source(name: str) -> str:
    """The plain one-line source of a file of values transcribed by hand (``data/<name>``), from
    the manifest's ``[transcribed."<name>"]`` table; the file's name when it has none."""
    try:
        doc = tomllib.loads(manifest_path().read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        doc = {}
    entry = doc.get("transcribed", {}).get(name, {})
    return str(entry.get("source", "")).strip() or f"values transcribed in {name}"


def entry_for(path: str | Path) -> DataFile | None:
    """The manifest entry whose verified copy is ``path``, if any."""
    target = paths.resolve(path).resolve()
    for entry in load().values():
        if entry.local.resolve() == target:
            return entry
    return None


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()
