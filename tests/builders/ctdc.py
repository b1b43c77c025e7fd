"""Builders of CTDC test data: a release's file from a few records, the stand-in of the data
dictionary's country codes, a record of the 2022 release, and the verified 2021 release as the
loader and as pandas read it."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pandas as pd

from tipfigs import paths
from tipfigs.ctdc import read, schema

REAL_2021 = "data/raw/ctdc/ctdc_synthetic_2021-08-25.csv.gz"

#: A stand-in for the CTDC dictionary's ISO2 -> ISO3 table (tests put it in place of
#: :func:`tipfigs.ctdc.read.iso2_to_iso3`, so the loader takes the same code path as with the xlsx).
ISO_MAP = {"US": "USA", "KZ": "KAZ", "MD": "MDA", "PH": "PHL"}


def frame(release: str, rows: list[dict]) -> pd.DataFrame:
    """A raw table of ``release``: its required columns, each record's values (others empty)."""
    cols = schema.required_columns(release)
    return pd.DataFrame([{c: r.get(c, "") for c in cols} for r in rows], columns=cols)


def write_release(folder: Path, release: str, rows: list[dict], name: str = "ctdc.csv.gz",
                  drop=()) -> Path:
    """``rows`` as a gzipped CSV of ``release`` at ``folder/name``, without the ``drop`` columns."""
    df = frame(release, rows).drop(columns=list(drop))
    p = folder / name
    with gzip.open(p, "wt", newline="") as f:
        df.to_csv(f, index=False)
    return p


def write_ctdc(path: Path, header: list[str], records: list[dict]) -> Path:
    """A gzipped CTDC-style CSV with ``header``; each record a dict (missing columns empty)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for rec in records:
        w.writerow([rec.get(c, "") for c in header])
    with gzip.open(path, "wt", newline="") as f:
        f.write(buf.getvalue())
    return path


def dictionary_stand_in(folder: Path) -> Path:
    """A file in the place of the data dictionary (its content is never read when
    ``read.iso2_to_iso3`` is replaced by the stand-in map)."""
    p = folder / "dict.xlsx"
    p.write_bytes(b"stand-in")
    return p


def vp_row(**values) -> dict:
    """A record of the 2022 Victim-Perpetrator release: every non-flag column empty unless given."""
    return {"yearRegister": "", "gender": "", "majorityStatus": "", "UN_COO_Region": "",
            "UN_COE_Region": "", **values}


def save_as(df: pd.DataFrame, path: Path, sep: str, gz: bool, text: str | None = None) -> Path:
    """``df`` (or ``text``) saved as an analyst might: separated by ``sep``, gzipped or not."""
    text = df.to_csv(sep=sep, index=False) if text is None else text
    path.write_bytes(gzip.compress(text.encode(), compresslevel=1, mtime=0) if gz
                     else text.encode())
    return path


def real_2021() -> tuple[Path, pd.DataFrame, pd.DataFrame]:
    """The verified 2021 release, its tidy table, and the table as an analyst gets it from
    pandas with its defaults (flags and years become floats)."""
    path = paths.resolve(REAL_2021)
    tidy = read.tidy(read.read_csv(path, REAL_2021), "2021", REAL_2021)
    return path, tidy, pd.read_csv(path, low_memory=False)
