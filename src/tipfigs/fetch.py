"""Fill data/raw/ with verified copies of every file in the manifest.

    python -m tipfigs.fetch [--mirror DIR] [--no-download]

Each file is copied from the mirror, or downloaded over HTTPS from its upstream address
when the mirror does not have it, into a temporary name beside its destination; only a
copy whose sha256 matches the manifest is renamed into place. A copy already in place
with the right checksum is kept as it is.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import urllib.request
from pathlib import Path

from tipfigs import manifest, paths
from tipfigs.errors import DataError

STAMP = ".verified"


class ChecksumError(DataError):
    pass


def _tmp_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def _download(url: str, dest: Path, timeout: float = 60) -> None:
    if not url.startswith("https://"):
        raise DataError(f"refusing to download over a non-HTTPS address: {url}")
    with urllib.request.urlopen(url, timeout=timeout) as r, open(dest, "wb") as f:
        shutil.copyfileobj(r, f)


def fetch_one(entry: manifest.DataFile, mirror: Path | None, download: bool = True) -> str:
    """Make ``entry.local`` a verified copy. Returns how it was obtained."""
    target = entry.local
    if target.is_file() and manifest.sha256_file(target) == entry.sha256:
        return "verified copy in place"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_for(target)
    source = mirror / entry.path if mirror is not None else None
    try:
        if source is not None and source.is_file():
            shutil.copyfile(source, tmp)
            origin = f"mirror ({source})"
        elif download:
            try:
                _download(entry.url, tmp)
            except DataError:
                raise
            except Exception as e:  # network errors, HTTP errors
                where = f"not in the mirror ({source}) and " if source is not None else ""
                raise DataError(
                    f"{entry.path}: {where}the download from {entry.url} failed ({e}). "
                    "Put the file in the mirror (DATA_MIRROR=...) and run `make data` again."
                ) from None
            origin = f"download ({entry.url})"
        else:
            raise DataError(
                f"{entry.path}: missing from the mirror ({source}) and downloads are off. "
                "Put the file in the mirror (DATA_MIRROR=...) and run `make data` again."
            )
        actual = manifest.sha256_file(tmp)
        if actual != entry.sha256:
            raise ChecksumError(
                f"{entry.path}: checksum mismatch for the copy from {origin}\n"
                f"  expected sha256 {entry.sha256}\n"
                f"  actual   sha256 {actual}\n"
                "  The file is not the release this project was built on "
                f"({entry.publisher}, {entry.release}). Restore the original file in the "
                "mirror, or, if you are deliberately moving to a new release, update its "
                "entry in data/manifest.toml (release, sha256) and run `make` again. "
                "Nothing was changed in data/raw/."
            )
        os.replace(tmp, target)
        return f"copied from {origin}"
    finally:
        tmp.unlink(missing_ok=True)


def fetch_all(mirror: Path | None, download: bool = True, out=sys.stdout) -> None:
    entries = manifest.load()
    errors = []
    for entry in entries.values():
        try:
            how = fetch_one(entry, mirror, download)
            print(f"  ok  {entry.path}: {how}", file=out)
        except DataError as e:
            errors.append(str(e))
    stamp = paths.raw_dir() / STAMP
    if errors:
        stamp.unlink(missing_ok=True)
        raise DataError("\n".join(errors))
    lines = [f"{e.sha256}  {e.path}" for e in entries.values()]
    stamp.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.fetch", description=__doc__.split("\n")[0])
    ap.add_argument("--mirror", default=os.environ.get("DATA_MIRROR", "../shared/data"),
                    help="folder with an offline copy of the data (default: ../shared/data)")
    ap.add_argument("--no-download", action="store_true",
                    help="never download; fail when the mirror lacks a file")
    args = ap.parse_args(argv)
    mirror = Path(os.path.normpath(paths.resolve(args.mirror))) if args.mirror else None
    if mirror is not None and not mirror.is_dir():
        print(f"note: no mirror at {args.mirror}; downloading from upstream", file=sys.stderr)
        mirror = None
    print(f"data: verifying {paths.show(paths.raw_dir())}/ against data/manifest.toml")
    try:
        fetch_all(mirror, download=not args.no_download)
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
