"""Reading one CTDC file into the tidy schema of :mod:`tipfigs.ctdc.schema`, every value checked
with a message naming the file and the column.

Files are read as published or as an analyst saved them: comma-, tab- or semicolon-separated
(CTDC served the 2021 release as a .tsv), plain or gzipped, told from the content, not the
file's name. The 2018 release's ISO2 country codes are mapped to ISO3 with CTDC's data
dictionary.

A parsed table is cached (:func:`tipfigs.datafiles.cached`) by the file's content and by a
digest of the code that parses it (:data:`PARSER_FILES`: this module, the schema and the package
modules they import), so that a change to parsing can never be hidden by a cached table, while
editing a figure's analysis re-parses nothing.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np
import pandas as pd

from tipfigs import datafiles, errors, manifest, paths
from tipfigs.ctdc import schema
from tipfigs.ctdc.schema import (
    AGE_BANDS,
    AGE_SOURCE,
    DEFAULT_DICTIONARY,
    FLAG_VALUES,
    GROUPS,
    MINOR_BANDS,
    MISSING,
    SEXES,
    SOURCE_COLUMNS,
    VP_REGIONS,
    YEAR_BOUNDS,
    check_release,
    required_columns,
)
from tipfigs.errors import SchemaError

#: The code that parses a CTDC file: this module, the schema, and the package modules they
#: import (a test checks the list against their imports). The parse cache is keyed on it.
PARSER_FILES = (__file__, schema.__file__, datafiles.__file__, manifest.__file__, paths.__file__,
                errors.__file__)


def cache_version() -> str:
    """The version a parsed table is cached under: a digest of :data:`PARSER_FILES`."""
    return datafiles.code_digest(*PARSER_FILES)


# -- country codes -------------------------------------------------------------------------
def iso2_to_iso3(dictionary: str | os.PathLike = DEFAULT_DICTIONARY) -> dict[str, str]:
    """ISO2 -> ISO3 from the 'Region' sheet of the CTDC data dictionary (columns ISO2, ISO3)."""
    p = datafiles.require_file(dictionary, "CTDC data dictionary")
    datafiles.verify_release(p)
    rows = datafiles.xlsx_rows(p, "Region")
    df = datafiles.header_frame(rows, "ISO2", p, "Region")
    datafiles.require_columns(df, ["ISO2", "ISO3"], f"{paths.show(p)}, sheet 'Region'")
    df = df.dropna(subset=["ISO2", "ISO3"])
    return {str(a).strip(): str(b).strip() for a, b in zip(df["ISO2"], df["ISO3"], strict=True)}


# -- loading ---------------------------------------------------------------------------------
#: Separators a CTDC file may use: comma (the project's copies, pandas' to_csv), tab (CTDC
#: published the 2021 release as CTDC_synthetic_20210825.tsv), semicolon (spreadsheets saving
#: CSV in locales with a decimal comma).
_SEPARATORS = {",": "comma", "\t": "tab", ";": "semicolon"}


def read_csv(p: Path, where: str) -> pd.DataFrame:
    """A CTDC file as published or as an analyst saved it, every value as text: comma-, tab- or
    semicolon-separated (told from the header line), plain or gzipped (told from the first
    bytes, whatever the file's suffix). Anything else is refused with a message naming it."""
    with open(p, "rb") as f:
        magic = f.read(4)
    gz = magic[:2] == b"\x1f\x8b"
    if magic[:4] == b"PK\x03\x04":
        raise SchemaError(f"{where}: a zip archive or xlsx workbook, not a CSV or TSV text file")
    try:
        with (gzip.open(p, "rb") if gz else open(p, "rb")) as f:
            header = f.readline(1 << 20)
    except (OSError, EOFError) as e:
        raise SchemaError(f"{where}: gzip-compressed but cannot be decompressed ({e})") from None
    if not header.strip():
        raise SchemaError(f"{where}: empty file (no header line)")
    try:
        text = header.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "\x00"
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        raise SchemaError(f"{where}: not a CSV or TSV text file (binary content in the first line)")
    sep = max(_SEPARATORS, key=text.count)
    if text.count(sep) == 0:
        raise SchemaError(
            f"{where}: the header has a single column ({text.strip()[:60]!r}); expected a CTDC "
            "file whose columns are separated by commas, tabs or semicolons")
    try:
        return pd.read_csv(p, sep=sep, compression="gzip" if gz else None, encoding="utf-8-sig",
                           dtype=str, keep_default_na=False, na_filter=False)
    except (EOFError, gzip.BadGzipFile) as e:
        raise SchemaError(f"{where}: gzip-compressed but cannot be decompressed ({e})") from None
    except Exception as e:
        raise SchemaError(f"{where}: cannot parse as {_SEPARATORS[sep]}-separated text "
                          f"({str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__})"
                          ) from None


def _codes(s: pd.Series, release: str, column: str, where: str, iso_map: dict | None) -> pd.Series:
    s = s.str.strip()
    s = s.where(~s.isin(MISSING[release]), None)
    if release == "2021":
        bad = s.dropna()[~s.dropna().str.fullmatch(r"[A-Z]{3}")]
        if len(bad):
            raise SchemaError(f"{where}: column '{column}' must hold ISO3 codes; found "
                              f"{', '.join(map(repr, sorted(bad.unique())[:5]))}")
        return s
    mapped = s.map(iso_map)
    bad = s[s.notna() & mapped.isna()]
    if len(bad):
        raise SchemaError(f"{where}: column '{column}' has code(s) "
                          f"{', '.join(map(repr, sorted(bad.unique())[:5]))} that the CTDC "
                          "dictionary does not map to ISO3")
    return mapped


def _years(raw: pd.DataFrame, release: str, where: str) -> pd.DataFrame:
    """year_start, year_end and year of each record: a whole year (2018, 2021) or a bin
    "YYYY-YYYY" or "YYYY" (2022); empty when not recorded."""
    col = SOURCE_COLUMNS[release]["year"]
    text = raw[col].str.strip()
    lo, hi = YEAR_BOUNDS
    if release == "vp2022":
        parts = text.str.extract(r"^(\d{4})(?:-(\d{4}))?$")
        bad = text[(text != "") & parts[0].isna()]
        if len(bad):
            raise SchemaError(f"{where}: column '{col}' must hold years or bins such as "
                              f"'2005-2013'; found {', '.join(map(repr, sorted(bad.unique())[:5]))}")
        start = parts[0].astype(float)
        end = parts[1].astype(float).fillna(start)
        bad = text[start.notna() & ((start > end) | (start < lo) | (end > hi))]
        if len(bad):
            raise SchemaError(f"{where}: column '{col}' has bin(s) outside whole years {lo}-{hi} "
                              f"or ending before they start: "
                              f"{', '.join(map(repr, sorted(bad.unique())[:5]))}")
    else:
        year = datafiles.numeric(pd.DataFrame({col: text.replace("", None)}), col, where)
        bad = year[(year.notna()) & ((year < lo) | (year > hi) | (year % 1 != 0))]
        if len(bad):
            raise SchemaError(f"{where}: column '{col}' has value(s) outside whole years "
                              f"{lo}-{hi}: {', '.join(str(v) for v in sorted(bad.unique())[:5])}")
        start = end = year
    return pd.DataFrame({"year_start": start, "year_end": end,
                         "year": start.where(start == end)}, index=raw.index)


def _flag(s: pd.Series, release: str, column: str, where: str) -> pd.Series:
    """True where a flag is set. Flags are read as numbers: ``1``, ``1.0`` (what pandas'
    ``to_csv`` writes for a flag column with empty cells) and ``"1"`` all mean set; ``0``,
    ``0.0`` and empty mean not set, in every release; the release's other codes (2018:
    ``-99``, not recorded) mean not set too. Anything else is an error naming the column."""
    allowed = {float(v) for v in FLAG_VALUES[release] if v} | {0.0}
    is_set, bad = [], []
    for value in s.unique():  # a handful of distinct values: decided once each
        text = str(value).strip()
        try:
            number = float(text) if text else 0.0
        except ValueError:
            number = None
        if number not in allowed:
            bad.append(text)
        elif number == 1.0:
            is_set.append(value)
    if bad:
        shown = ", ".join(sorted({f"{v:g}" for v in allowed}, key=float))
        raise SchemaError(f"{where}: column '{column}' has unknown value(s) "
                          f"{', '.join(map(repr, sorted(bad)[:5]))}; allowed: numbers {shown} "
                          "(1 means set) or empty")
    return s.isin(is_set)


def tidy(raw: pd.DataFrame, release: str, where: str, iso_map: dict | None = None) -> pd.DataFrame:
    """Validate a release's raw table (all strings) and map it onto the tidy schema."""
    check_release(release)
    datafiles.require_columns(raw, required_columns(release), where)
    raw = raw.fillna("")
    src = SOURCE_COLUMNS[release]
    out = pd.DataFrame(index=raw.index)
    out["release"] = release
    out = out.join(_years(raw, release, where))

    gender = raw[src["sex"]].str.strip()
    datafiles.allowed_values(gender, set(SEXES) | MISSING[release], src["sex"], where)
    out["sex"] = gender.where(gender.isin(SEXES), None)

    if "age_band" in src:
        age = raw[src["age_band"]].str.strip().replace(AGE_SOURCE[release])
        datafiles.allowed_values(age, set(AGE_BANDS) | MISSING[release], src["age_band"], where)
        age = age.where(age.isin(AGE_BANDS), None)
    else:
        age = pd.Series(None, index=raw.index, dtype=object)
    out["age_band"] = age
    group = pd.Series(np.where(age.isin(MINOR_BANDS), "Minor", "Adult"), index=raw.index)
    group = group.where(age.notna(), None)
    if "age_group" in src:
        status = raw[src["age_group"]].str.strip()
        datafiles.allowed_values(status, {"Adult", "Minor"} | MISSING[release], src["age_group"], where)
        group = group.where(group.notna(), status.where(status.isin(["Adult", "Minor"]), None))
    out["age_group"] = group
    sex_age = {"Female|Adult": "Women", "Female|Minor": "Girls",
               "Male|Adult": "Men", "Male|Minor": "Boys"}
    key = (out["sex"].astype(object).fillna("").astype(str) + "|"
           + out["age_group"].astype(object).fillna("").astype(str))
    out["sex_age"] = key.map(sex_age)  # vectorised: no Python loop over the records

    for col in ("citizenship", "country"):
        out[col] = (_codes(raw[src[col]], release, src[col], where, iso_map) if col in src
                    else pd.Series(None, index=raw.index, dtype=object))
    for col in ("citizenship_region", "exploitation_region"):
        if col in src:
            v = raw[src[col]].str.strip()
            datafiles.allowed_values(v, set(VP_REGIONS) | MISSING[release], src[col], where)
            out[col] = v.where(v.isin(VP_REGIONS), None)
        else:
            out[col] = pd.Series(None, index=raw.index, dtype=object)

    for prefix, group in GROUPS.items():
        for name, (_, src) in group.items():
            if release not in src:
                continue
            col = src[release]
            out[f"{prefix}_{name}"] = _flag(raw[col], release, col, where)
    for col in ("sex", "age_band", "age_group", "sex_age", "citizenship", "country",
                "citizenship_region", "exploitation_region"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out.reset_index(drop=True)


def load(path: str | os.PathLike, release: str,
         dictionary: str | os.PathLike = DEFAULT_DICTIONARY) -> pd.DataFrame:
    """Read one CTDC file of ``release`` into the tidy schema (parsed once, then cached)."""
    check_release(release)
    p = datafiles.require_file(path, f"CTDC {release} file")
    where = paths.show(p)
    iso_map = None
    reader = f"ctdc{release}"
    if release == "2018":
        iso_map = iso2_to_iso3(dictionary)
        digest = manifest.sha256_file(datafiles.require_file(dictionary))[:12]
        reader = f"ctdc2018-{digest}"
    return datafiles.cached(p, reader, cache_version(),
                            lambda: tidy(read_csv(p, where), release, where, iso_map))
