"""Builders of tidy CTDC records for the figures' specification grids (the files a loader reads
are built by builders.ctdc): records by year, sex, country of exploitation and age group with
known shares, a data set where one reporter flips a trend, and the verified releases as the
loader reads them (skipped when not fetched)."""

from __future__ import annotations

import functools

import pandas as pd
import pytest

from tipfigs import paths
from tipfigs.ctdc import schema
from tipfigs.ctdc.setup import load_releases

COLUMNS = ["year_start", "year_end", "sex", "country", "age_group"]


def records(year: int | tuple[int, int], n: int, male_share: float, country: str | None = None,
            age_group: str | None = "Adult", **flags) -> list[dict]:
    """``n`` records of known sex registered in ``year`` (or a bin (start, end)), a share
    ``male_share`` of them male (rounded), all exploited in ``country`` and of ``age_group``;
    ``flags`` (e.g. ``exploit_sexual=True``) set on every one."""
    start, end = year if isinstance(year, tuple) else (year, year)
    males = round(male_share * n)
    return [{"year_start": float(start), "year_end": float(end),
             "sex": "Male" if i < males else "Female", "country": country,
             "age_group": age_group, **flags} for i in range(n)]


def frame(rows: list[dict], release: str | None = None) -> pd.DataFrame:
    """A tidy-like table of ``rows`` (the columns of :data:`COLUMNS` always present; flags
    that a row does not set are False; with ``release``, every flag the release records)."""
    df = pd.DataFrame(rows)
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = None
    if release is not None:
        for group in ("exploit", "labour", "control"):
            for name in schema.available(release, group):
                if f"{group}_{name}" not in df.columns:
                    df[f"{group}_{name}"] = False
    flags = [c for c in df.columns if c not in COLUMNS]
    df[flags] = df[flags].fillna(False).astype(bool)
    df["country"] = df["country"].astype(object).where(df["country"].notna(), None)
    return df


def reporter_flips_trend() -> pd.DataFrame:
    """2000-2019: a background of 100 records a year (half in "SML", half without a country)
    whose share of men rises from 20% to 39%, and from 2014 on a reporter "BIG" with 400
    records a year, 5% men. With "BIG" the share of men falls from the early years to the
    late ones under every window and weighting; without it, it rises."""
    rows = []
    for y in range(2000, 2020):
        share = 0.2 + 0.01 * (y - 2000)
        rows += records(y, 50, share, "SML") + records(y, 50, share, None)
        if y >= 2014:
            rows += records(y, 400, 0.05, "BIG")
    return frame(rows)


@functools.cache
def real(release: str) -> pd.DataFrame:
    """The verified ``release`` as the loader reads it (skips the test when not fetched)."""
    file = paths.resolve(schema.DEFAULT_FILES[release])
    dictionary = paths.resolve(schema.DEFAULT_DICTIONARY)
    if not file.is_file() or (release == "2018" and not dictionary.is_file()):
        pytest.skip(f"CTDC {release} release not fetched (run `make data`)")
    return load_releases({release: file}, [release], dictionary)[release]
