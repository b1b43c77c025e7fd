"""Reading input files with clear errors, and a content-keyed cache of parsed tables.

Every error names the file (and the sheet or column). Parsed workbooks are cached as
parquet under build/cache/, keyed by the file's sha256, the reader's name and its
version, so an unchanged workbook is parsed once; the cache is safe to delete.
"""

from __future__ import annotations

import csv
import hashlib
import os
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from tipfigs import manifest, paths
from tipfigs.errors import DataError, SchemaError


def require_file(path: str | os.PathLike, what: str = "input file") -> Path:
    p = paths.resolve(path)
    if not p.is_file():
        hint = (" It is a data file of the project: restore it with `git checkout -- "
                f"{paths.show(p)}` and run `make data`." if manifest.entry_for(p) is not None
                else "")
        raise DataError(f"{paths.show(p)}: {what} not found.{hint}")
    return p


def _check_release(path: Path, digest: str) -> manifest.DataFile | None:
    entry = manifest.entry_for(path)
    if entry is not None and digest != entry.sha256:
        raise DataError(
            f"{paths.show(path)}: checksum mismatch (expected sha256 {entry.sha256}, "
            f"actual {digest}); restore the committed copy with `git checkout -- {paths.show(path)}` "
            "and run `make data`"
        )
    return entry


def verify_release(path: Path) -> manifest.DataFile | None:
    """If ``path`` is a verified copy named in the manifest, check it still matches."""
    return _check_release(path, manifest.sha256_file(path))


def read_commented_csv(path: str | os.PathLike, columns: Iterable[str]
                       ) -> list[tuple[str, dict[str, str]]]:
    """The data rows of a CSV file written by hand, whose comment lines (starting with ``#``)
    are skipped, each with its name for messages (the file and the line the row starts on:
    ``"data/article_claims.csv, line 7"``) and its cells by column (``""`` when empty).

    A missing file, a header without one of ``columns`` and a row with more cells than the
    header (an unquoted comma) are errors naming the file, or the row."""
    p = require_file(path, "data file")
    where = paths.show(p)
    with open(p, encoding="utf-8", newline="") as f:
        kept = [(n, line) for n, line in enumerate(f, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in kept)
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        raise SchemaError(f"{where}: missing column(s) {', '.join(missing)}"
                          f" (columns present: {', '.join(header) or 'none'})")
    rows = []
    start = reader.line_num
    for row in reader:
        while not kept[start][1].strip():  # blank lines before the row (the reader skips them)
            start += 1
        name = f"{where}, line {kept[start][0]}"
        start = reader.line_num
        if None in row:
            raise SchemaError(f"{name}: {len(header) + len(row[None])} cells for {len(header)} "
                              "columns (quote a cell that has a comma)")
        rows.append((name, {k: v or "" for k, v in row.items()}))
    return rows


def xlsx_rows(path: str | os.PathLike, sheet: str | None = None) -> list[list]:
    """All rows of one sheet (the first when ``sheet`` is None), via calamine."""
    from python_calamine import CalamineWorkbook

    p = require_file(path, "workbook")
    if not zipfile.is_zipfile(p):
        raise DataError(f"{paths.show(p)}: not an xlsx workbook (not a zip archive; truncated?)")
    try:
        wb = CalamineWorkbook.from_path(str(p))
    except Exception as e:
        raise DataError(f"{paths.show(p)}: cannot read the workbook ({e})") from None
    names = wb.sheet_names
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        raise SchemaError(
            f"{paths.show(p)}: no sheet named '{sheet}' (sheets: {', '.join(names)})"
        )
    try:
        return wb.get_sheet_by_name(sheet).to_python()
    except Exception as e:
        raise DataError(f"{paths.show(p)}: cannot read sheet '{sheet}' ({e})") from None


def header_frame(rows: list[list], first_column: str, path: Path, sheet: str) -> pd.DataFrame:
    """A DataFrame from sheet rows, the header being the first row that starts with
    ``first_column`` (workbooks often carry title rows above the header)."""
    for i, row in enumerate(rows[:20]):
        if row and str(row[0]).strip() == first_column:
            header = [str(c).strip() for c in row]
            body = [r + [""] * (len(header) - len(r)) for r in rows[i + 1:]]
            df = pd.DataFrame(body, columns=header)
            return df.replace("", None)
    raise SchemaError(
        f"{paths.show(path)}, sheet '{sheet}': no header row starting with '{first_column}' "
        "in the first 20 rows"
    )


def require_columns(df: pd.DataFrame, required: Iterable[str], where: str) -> None:
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise SchemaError(
            f"{where}: missing required column(s) {', '.join(repr(c) for c in missing)}"
            f" (columns present: {', '.join(map(str, df.columns))})"
        )


def numeric(df: pd.DataFrame, column: str, where: str, allow_missing: bool = True) -> pd.Series:
    """Column as numbers; a value that is not a number is an error naming the column."""
    s = df[column]
    out = pd.to_numeric(s, errors="coerce")
    bad = s[out.isna() & s.notna()]
    if len(bad):
        examples = ", ".join(repr(v) for v in bad.astype(str).unique()[:3])
        raise SchemaError(
            f"{where}: column '{column}' must be numeric; found {examples} "
            f"({len(bad)} value(s), first at data row {bad.index[0] + 1})"
        )
    if not allow_missing and out.isna().any():
        raise SchemaError(f"{where}: column '{column}' has {int(out.isna().sum())} empty value(s)")
    return out.astype(float)


def allowed_values(s: pd.Series, allowed: Iterable[str], column: str, where: str) -> None:
    allowed = set(allowed)
    present = {str(v) for v in s.dropna().unique()}  # unique first: fast on large columns
    unknown = sorted(present - allowed)
    if unknown:
        raise SchemaError(
            f"{where}: column '{column}' has unknown value(s) {', '.join(map(repr, unknown[:5]))}"
            f"; allowed: {', '.join(sorted(allowed))}"
        )


def code_digest(*module_files: str | os.PathLike) -> str:
    """A short digest of the code of some modules (sha256 over the files' bytes, in the order
    given; hex, first 10 characters): part of a cache's version, so that a change to the code
    that builds a cached table is never hidden by the table."""
    h = hashlib.sha256()
    for f in module_files:
        h.update(Path(f).read_bytes())
    return h.hexdigest()[:10]


def cached(path: Path, reader: str, version: int, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """``build()``'s result, cached by the content of ``path`` (sha256), reader and version.
    A verified copy from the manifest that no longer matches its checksum is refused."""
    digest = manifest.sha256_file(path)
    _check_release(path, digest)  # the digest is needed here anyway: no second hash
    cache = paths.cache_dir() / f"{reader}-v{version}-{digest[:32]}.parquet"
    if cache.is_file():
        try:
            return pd.read_parquet(cache)
        except Exception:
            cache.unlink(missing_ok=True)  # a damaged cache entry is rebuilt
    df = build()
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_name(f".{cache.name}.tmp-{os.getpid()}")
    try:
        df.to_parquet(tmp, index=False)
        os.replace(tmp, cache)
    finally:
        tmp.unlink(missing_ok=True)
    return df
