"""The external data, got again from their publishers: what `make refresh-data` runs.

    python -m tipfigs.tools.refresh [KEY ...] [--mirror DIR] [--no-progress]

The files are committed under data/raw/ (a clone needs no network): refreshing asks the
publishers again, then verifies every file (:mod:`tipfigs.tools.verify`). Each manifest entry
says, in its ``upstream`` field, what the publisher serves:

``direct``
    ``download`` is a direct address serving these exact bytes: the file is downloaded,
    verified and replaced.
``latest-only``
    ``download`` serves whatever release is the publisher's latest (dataUNODC does this): the
    download replaces the copy only if it is still this release; a different file (a newer
    release) is kept in build/refresh/ with its sha256, and data/raw/ is left as it was.
``gone``
    the publisher no longer serves this release: the committed copy is the only source.
``page`` (the default)
    ``url`` is a web page, not a file, and no direct file address is recorded: a person can
    download the file there and hand it over with ``--mirror DIR``.

``--mirror DIR`` takes files from a local folder laid out like data/raw/ first. Downloads show a
progress bar and go to build/refresh/; nothing in data/raw/ is replaced before its sha256
matches the manifest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tipfigs import manifest, paths
from tipfigs.errors import DataError
from tipfigs.tools import verify

#: Hosts a plain-http address may name: the machine itself (a local mirror, the tests).
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def staging_dir() -> Path:
    """Where downloads land before they are verified (git-ignored)."""
    return paths.build_dir() / "refresh"


# -- refreshing -----------------------------------------------------------------------------
@dataclass
class Outcome:
    key: str
    status: str  # "replaced", "unchanged", "newer-release", "not-served", "failed"
    message: str


def check_address(url: str) -> None:
    """Downloads go over HTTPS; plain http only to this machine (a local mirror, the tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK):
        return
    raise DataError(f"refusing to download from {url}: only https:// addresses "
                    "(or http:// on this machine) are used")


def download(url: str, dest: Path, timeout: float = 60, progress: bool = True) -> Path:
    """Download ``url`` to ``dest`` (via a temporary file beside it) with a progress bar on
    stderr. The caller verifies the checksum: this does not trust the bytes."""
    import pooch

    check_address(url)
    pooch.get_logger().setLevel("WARNING")  # no "use this hash" advice: the manifest decides
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.unlink(missing_ok=True)  # pooch would otherwise keep an old download
    downloader = pooch.HTTPDownloader(progressbar=progress, timeout=timeout)
    return Path(pooch.retrieve(url, known_hash=None, fname=dest.name, path=dest.parent,
                               downloader=downloader))


def _replace(entry: manifest.DataFile, staged: Path) -> str:
    """Move a verified file over data/raw/<path>; say whether it changed anything."""
    target = entry.local
    same = target.is_file() and manifest.sha256_file(target) == entry.sha256
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)
    return "unchanged" if same else "replaced"


def refresh_one(entry: manifest.DataFile, mirror: Path | None = None,
                progress: bool = True) -> Outcome:
    """Get ``entry`` again from the mirror folder or its publisher (see the module's doc)."""
    staged = staging_dir() / entry.path
    if mirror is not None and (mirror / entry.path).is_file():
        source = mirror / entry.path
        staged.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staged)
        origin = f"the folder {source}"
    elif entry.upstream == "gone":
        return Outcome(entry.key, "not-served",
                       f"{entry.publisher} no longer serves this release, {entry.release}; "
                       "the copy committed in data/raw/ is the only source")
    elif entry.upstream == "page":
        return Outcome(entry.key, "not-served",
                       f"no direct file address: {entry.url} is a web page, not the file. "
                       "Download it there by hand and pass the folder with --mirror DIR")
    else:
        try:
            download(entry.download, staged, progress=progress)
        except DataError as e:
            return Outcome(entry.key, "failed", str(e))
        except Exception as e:  # network and HTTP errors
            return Outcome(entry.key, "failed",
                           f"the download from {entry.download} failed ({e}); data/raw/ unchanged")
        origin = entry.download
    actual = manifest.sha256_file(staged)
    if actual == entry.sha256:
        how = _replace(entry, staged)
        return Outcome(entry.key, how, f"from {origin}: sha256 verified, "
                       + ("data/raw/ already held these bytes" if how == "unchanged"
                          else f"data/raw/{entry.path} replaced"))
    if entry.upstream == "latest-only" and origin == entry.download:
        return Outcome(entry.key, "newer-release",
                       f"{entry.download} now serves another file (sha256 {actual}), most "
                       f"likely a newer release than {entry.release}; kept at "
                       f"{paths.show(staged)} for inspection, data/raw/ unchanged. To use it, "
                       "give it its own entry in data/manifest.toml (release, sha256)")
    staged.unlink(missing_ok=True)
    return Outcome(entry.key, "failed",
                   f"the copy from {origin} has sha256 {actual}, expected {entry.sha256}; "
                   "data/raw/ unchanged")


def refresh(keys: list[str] | None = None, mirror: Path | None = None, progress: bool = True,
            out=None) -> list[Outcome]:
    out = out or sys.stdout
    entries = manifest.load()
    unknown = [k for k in keys or [] if k not in entries]
    if unknown:
        raise DataError(f"data/manifest.toml has no entry {', '.join(map(repr, unknown))}; "
                        f"entries: {', '.join(entries)}")
    outcomes = []
    for key in keys or list(entries):
        outcome = refresh_one(entries[key], mirror, progress)
        print(f"  {outcome.status:<13} {key}: {outcome.message}", file=out, flush=True)
        outcomes.append(outcome)
    return outcomes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.refresh",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("keys", nargs="*", metavar="KEY",
                    help="manifest entries to refresh (default: all)")
    ap.add_argument("--mirror", metavar="DIR",
                    help="take files from this folder (laid out like data/raw/) first")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar on downloads")
    args = ap.parse_args(argv)
    try:
        mirror = paths.resolve(args.mirror) if args.mirror else None
        if mirror is not None and not mirror.is_dir():
            raise DataError(f"--mirror {args.mirror}: no such folder")
        print("data: refreshing from the publishers"
              + (f" and {paths.show(mirror)}" if mirror else ""))
        outcomes = refresh(args.keys, mirror, progress=not args.no_progress)
        failed = [o for o in outcomes if o.status == "failed"]
        verify.verify_all()
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if failed:
        print(f"error: {len(failed)} file(s) could not be refreshed: "
              f"{', '.join(o.key for o in failed)} (the verified copies are unchanged)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
