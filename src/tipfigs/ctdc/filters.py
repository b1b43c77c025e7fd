"""Selecting CTDC records: by years of registration and country of exploitation (a multi-year
bin of the 2022 release only when it lies wholly within the years), a clear stop when the
filters select nothing, the records with a variable group known, and the years and countries
that the loaded tables hold (what the filters may take)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from tipfigs.errors import DataError, SchemaError


def years_in(df: pd.DataFrame) -> tuple[int, int]:
    """First and last year of registration (the first year of the earliest period and the last
    year of the latest one)."""
    start, end = df["year_start"].dropna(), df["year_end"].dropna()
    if start.empty:
        raise SchemaError("CTDC data: no record has a year of registration")
    return int(start.min()), int(end.max())


def select(df: pd.DataFrame, years: tuple[int, int] | None = None, country: str | None = None,
           keep_missing_year: bool = False) -> pd.DataFrame:
    """Records registered in ``years`` (inclusive) and exploited in ``country`` (ISO3).

    A record registered in a multi-year bin (2022 release) is selected only when its whole bin
    lies within ``years``: a bin cannot be split. A release that records no country (2022)
    has no record in any ``country``."""
    m = pd.Series(True, index=df.index)
    if years is not None:
        in_range = df["year_start"].ge(years[0]) & df["year_end"].le(years[1])
        m &= in_range | (df["year_start"].isna() if keep_missing_year else False)
    if country is not None:
        m &= df["country"].eq(country)
    return df[m].reset_index(drop=True)


def require_records(selected, years: tuple[int, int] | None = None,
                    country: str | None = None) -> None:
    """Stop with a clear message when the filters select no record (in any release)."""
    frames = selected.values() if isinstance(selected, dict) else [selected]
    if all(len(df) == 0 for df in frames):
        span = "any year" if years is None else f"years {years[0]}-{years[1]}"
        where = f"country={country!r}" if country else "all countries"
        raise DataError(f"CTDC data: the filters select no records ({where}, {span}); "
                        "choose another country or a wider year range")


def group_known(df: pd.DataFrame, group: str, names: Iterable[str] | None = None) -> pd.Series:
    """True where at least one flag of ``group`` (restricted to ``names``) is set."""
    cols = [c for c in df.columns if c.startswith(f"{group}_")]
    if names is not None:
        cols = [f"{group}_{n}" for n in names]
    if not cols:
        return pd.Series(False, index=df.index)
    return df[cols].any(axis=1)


def data_years(frames: dict[str, pd.DataFrame]) -> tuple[int, int]:
    """First and last year of registration over all the tables."""
    spans = [years_in(df) for df in frames.values()]
    return min(a for a, _ in spans), max(b for _, b in spans)


def countries(frames: dict[str, pd.DataFrame]) -> list[str]:
    """ISO3 codes of the countries of exploitation present in any of the tables."""
    return sorted(set().union(*(set(df["country"].dropna()) for df in frames.values())))
