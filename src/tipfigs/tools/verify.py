"""The external data, verified: what `make data` and `python run.py data` run.

    python -m tipfigs.tools.verify          check every file against data/manifest.toml

Every file listed in data/manifest.toml is committed at data/raw/<path>, so a clone builds with
no network and no mirror. Verifying checks each file's sha256 and changes nothing in data/; a
missing or altered file stops the build with a message naming it, both checksums and how to
restore it. Getting the files again from their publishers is :mod:`tipfigs.tools.refresh`
(`make refresh-data`), which verifies with this module too.

Two records under build/ (git-ignored) let make verify a file once after it was touched, and
rebuild nothing when its bytes are the same:

``build/data.digests``
    the size, modification time and sha256 of each file, rewritten by every verification: it is
    what make's data rule makes, so a file or a manifest newer than it is verified again, once.
    A file whose size and time are those recorded is not hashed again (the loaders check the
    sha256 of every file they read in any case).
``build/data.verified``
    the sha256 of the manifest and of each verified file, written only when it changes (that
    is, with the manifest's content): what depends on the data or the manifest compares its
    time with this one, so a manifest saved unchanged rebuilds nothing either.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tipfigs import manifest, paths
from tipfigs.errors import DataError
from tipfigs.tools import staleness

#: The sha256 of the manifest and every verified file (git-ignored): make's rules depend on it.
STAMP = "data.verified"
#: Size, modification time and sha256 of every file verified (git-ignored): make's data target.
DIGESTS = "data.digests"


class ChecksumError(DataError):
    pass


def stamp_path() -> Path:
    return paths.build_dir() / STAMP


def digests_path() -> Path:
    return paths.build_dir() / DIGESTS


def restore_hint(entry: manifest.DataFile) -> str:
    return (f"Restore the committed copy with `git checkout -- data/raw/{entry.path}`, or get "
            f"it again with `python run.py refresh-data {entry.key}` (see README, Data).")


def read_digests() -> dict[str, list]:
    """The record of the last verification: data/raw/ path -> [size, mtime_ns, sha256]."""
    try:
        data = json.loads(digests_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def verify_one(entry: manifest.DataFile, known: dict[str, list] | None = None) -> list:
    """Check one file; returns its record [size, mtime_ns, sha256]. ``known`` (the last
    record) spares hashing a file whose size and modification time are unchanged."""
    target = entry.local
    if not target.is_file():
        raise DataError(f"data/raw/{entry.path}: listed in data/manifest.toml ('{entry.key}') "
                        f"but missing. {restore_hint(entry)}")
    st = target.stat()
    seen = (known or {}).get(entry.path)
    if isinstance(seen, list) and len(seen) == 3 and seen[:2] == [st.st_size, st.st_mtime_ns]:
        actual = seen[2]
    else:
        actual = manifest.sha256_file(target)
    if actual != entry.sha256:
        raise ChecksumError(
            f"data/raw/{entry.path}: checksum mismatch\n"
            f"  expected sha256 {entry.sha256}\n"
            f"  actual   sha256 {actual}\n"
            f"  The file is not the release this project was built on ({entry.publisher}, "
            f"{entry.release}). {restore_hint(entry)} If you are deliberately moving to a new "
            "release, give it its own entry in data/manifest.toml (release, sha256).")
    return [st.st_size, st.st_mtime_ns, actual]


def verify_all(out=None) -> None:
    """Check every file of the manifest. When all are verified, rewrite build/data.digests and
    write build/data.verified if it changed; otherwise remove both (the build cannot start)."""
    out = out or sys.stdout
    entries = manifest.load()
    known = read_digests()
    errors, records = [], {}
    for entry in entries.values():
        try:
            records[entry.path] = verify_one(entry, known)
        except DataError as e:
            errors.append(str(e))
    if errors:
        stamp_path().unlink(missing_ok=True)
        digests_path().unlink(missing_ok=True)
        raise DataError("\n".join(errors))
    print(f"data: data/raw/ verified: {len(entries)} file(s), each with the sha256 of "
          f"{paths.show(manifest.manifest_path())}", file=out)
    listed = paths.show(manifest.manifest_path())
    # the record of the check first, the stamp after it: a stamp that changed is then newer
    # than the record it follows from, and `make -q` finds nothing left to do
    staleness.write_stamp(digests_path(), json.dumps(records, indent=1, sort_keys=True) + "\n",
                          always=True)
    staleness.write_stamp(stamp_path(), f"{manifest.sha256_file(manifest.manifest_path())}  "
                          f"{listed}\n" + "".join(f"{e.sha256}  data/raw/{e.path}\n"
                                                  for e in entries.values()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.verify",
                                 description=__doc__.split("\n")[0])
    ap.parse_args(argv)
    try:
        verify_all()
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
