"""Shares of CTDC records: of each known value of a variable, of each flag of a variable group
among the records where the group is known (by sex among forced-labour victims, for the types
of forced labour), thin cells blanked so that they are never drawn as if solid, and a share split
into the parts of its adults, minors and records of unrecorded age.

Every share is over the records where its variable is known; each row also carries the known
and unknown counts, so nothing is silently dropped."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from tipfigs.ctdc.filters import group_known
from tipfigs.ctdc.schema import available


def shares(df: pd.DataFrame, var: str, by: list[str] | None = None,
           categories: Iterable[str] | None = None) -> pd.DataFrame:
    """Share of each known value of ``var`` (within each group of ``by``).

    Shares are over records where ``var`` is known; each row also carries the group's total,
    the known and unknown counts and the unknown share, so nothing is silently dropped.
    Columns: *by, ``var`` value as ``category``, ``count``, ``n_known``, ``n_unknown``,
    ``n_total``, ``share``, ``unknown_share``.
    """
    by = list(by or [])
    cats = list(categories) if categories is not None else sorted(df[var].dropna().unique())
    work = df.assign(_one=1, _known=df[var].notna())
    if by:
        groups = work.groupby(by, dropna=False, sort=True)
        totals = groups.agg(n_total=("_one", "size"), n_known=("_known", "sum")).reset_index()
    else:
        totals = pd.DataFrame({"n_total": [len(work)], "n_known": [int(work["_known"].sum())]})
    counts = (work[work[var].isin(cats)].groupby(by + [var], sort=True).size()
              .rename("count").reset_index() if by else
              work[work[var].isin(cats)].groupby(var).size().rename("count").reset_index())
    grid = totals.merge(pd.DataFrame({var: cats}), how="cross")
    res = grid.merge(counts, on=by + [var], how="left").fillna({"count": 0})
    res = res.rename(columns={var: "category"})
    res["count"] = res["count"].astype(int)
    res["n_known"] = res["n_known"].astype(int)
    res["n_total"] = res["n_total"].astype(int)
    res["n_unknown"] = res["n_total"] - res["n_known"]
    res["share"] = res["count"] / res["n_known"].where(res["n_known"] > 0)
    res["unknown_share"] = res["n_unknown"] / res["n_total"].where(res["n_total"] > 0)
    order = {c: i for i, c in enumerate(cats)}
    res = res.sort_values(by + ["category"],
                          key=lambda s: s.map(order) if s.name == "category" else s)
    return res[by + ["category", "count", "n_known", "n_unknown", "n_total", "share",
                     "unknown_share"]].reset_index(drop=True)


def flag_shares(df: pd.DataFrame, group: str, names: Iterable[str], by: list[str] | None = None,
                known_names: Iterable[str] | None = None) -> pd.DataFrame:
    """Share of records with each flag of ``group`` among records where the group is known
    (at least one of ``known_names`` set; default: all ``names``). Flags are not exclusive,
    so shares may sum to more than one. Same columns as :func:`shares`."""
    names = list(names)
    by = list(by or [])
    known = group_known(df, group, known_names if known_names is not None else names)
    work = df.assign(_one=1, _known=known)
    rows = []
    grouped = work.groupby(by, dropna=False, sort=True) if by else [((), work)]
    for key, g in grouped:
        key = key if isinstance(key, tuple) else (key,)
        n_total, n_known = len(g), int(g["_known"].sum())
        for n in names:
            count = int((g[f"{group}_{n}"] & g["_known"]).sum())
            rows.append((*key, n, count, n_known, n_total - n_known, n_total))
    res = pd.DataFrame(rows, columns=by + ["category", "count", "n_known", "n_unknown", "n_total"])
    res["share"] = res["count"] / res["n_known"].where(res["n_known"] > 0)
    res["unknown_share"] = res["n_unknown"] / res["n_total"].where(res["n_total"] > 0)
    return res


def suppress(df: pd.DataFrame, min_records: int, count: str = "n_known",
             columns: Iterable[str] = ("share",)) -> pd.DataFrame:
    """Blank (NaN) the ``columns`` of rows whose ``count`` is below ``min_records``, and flag them
    in a ``suppressed`` column, so a thin cell is never plotted as if it were solid."""
    out = df.copy()
    thin = out[count] < min_records
    for c in columns:
        out[c] = out[c].astype(float).where(~thin)
    out["suppressed"] = thin
    return out


def sector_shares_by_sex(df: pd.DataFrame, sectors: Iterable[str],
                         sexes: Iterable[str] = ("Female", "Male")) -> pd.DataFrame:
    """For each sex, the share of forced-labour victims of that sex with a recorded sector who
    are in each sector. Only records flagged as forced labour count: a record with a sector
    flag but no forced-labour flag is left out. Same columns as :func:`flag_shares`, by sex."""
    fl = df[df["exploit_forced_labour"] & df["sex"].isin(list(sexes))]
    return flag_shares(fl, "labour", list(sectors), by=["sex"])


def flag_parts(df: pd.DataFrame, group: str, names: Iterable[str], by: str = "sex",
               part: str = "age_group", known_names: Iterable[str] | None = None) -> pd.DataFrame:
    """:func:`flag_shares` by ``by``, each share split into the parts of ``part`` (None when
    ``part`` is not recorded): ``count`` is the records of that ``by`` value and part with the
    flag, ``n_known`` (the denominator) all records of that ``by`` value with the group known,
    so the parts of one flag add up to its share. Columns: ``by``, ``part``, ``category``,
    ``count``, ``n_known``, ``share``."""
    names = list(names)
    known = group_known(df, group, known_names if known_names is not None else names)
    work = df[known & df[by].notna()]
    parts = work[part].astype(object).where(work[part].notna(), None)
    rows = []
    for b, g in work.groupby(by, sort=True):
        gp = parts.loc[g.index]
        for p in [*sorted(gp.dropna().unique()), None]:
            in_part = gp.isna() if p is None else gp.eq(p)
            for n in names:
                rows.append((b, p, n, int((g[f"{group}_{n}"] & in_part).sum()), len(g)))
    res = pd.DataFrame(rows, columns=[by, part, "category", "count", "n_known"])
    res[part] = res[part].astype(object).where(res[part].notna(), None)
    res["share"] = res["count"] / res["n_known"].where(res["n_known"] > 0)
    return res


#: The parts of a sex by age group (None: age not recorded), as figures label them.
SEX_AGE_PARTS = {("Female", "Adult"): "Women", ("Female", "Minor"): "Girls",
                 ("Female", None): "Female, age not recorded", ("Male", "Adult"): "Men",
                 ("Male", "Minor"): "Boys", ("Male", None): "Male, age not recorded"}


#: The columns that split a share into its age parts, over the share's own denominator.
AGE_PART_COLUMNS = ["share_adult", "share_minor", "share_age_not_recorded"]
_AGE_PART_OF = {"Adult": "share_adult", "Minor": "share_minor"}


def with_age_parts(shares: pd.DataFrame, frames: dict[str, pd.DataFrame],
                   group: str) -> pd.DataFrame:
    """``shares`` (rows by ``release``, ``sex`` and ``category``: :func:`flag_shares` of
    ``group`` by sex, one release after another) with each share split into the shares of its
    adults, minors and records of unrecorded age (:data:`AGE_PART_COLUMNS`), computed with
    :func:`flag_parts` on ``frames`` (release -> the records the shares were computed on). The
    parts of a blank (suppressed) share are blank too; the parts of every other share must add
    up to it (a ValueError if not: the two were computed on different records)."""
    rows = [flag_parts(df, group, available(r, group)).assign(release=r)
            for r, df in frames.items()]
    if not rows or shares.empty:
        return shares.assign(**dict.fromkeys(AGE_PART_COLUMNS, np.nan))
    p = pd.concat(rows, ignore_index=True)
    if p.empty:  # no record of either sex with the group known
        return shares.assign(**dict.fromkeys(AGE_PART_COLUMNS, np.nan))
    p["part"] = [_AGE_PART_OF.get(a, "share_age_not_recorded") for a in p["age_group"]]
    wide = p.pivot_table(index=["release", "sex", "category"], columns="part", values="share",
                         aggfunc="sum").reindex(columns=AGE_PART_COLUMNS).reset_index()
    res = shares.merge(wide, on=["release", "sex", "category"], how="left")
    res.loc[res["share"].isna(), AGE_PART_COLUMNS] = np.nan
    drawn = res["share"].notna()
    gap = (res.loc[drawn, AGE_PART_COLUMNS].fillna(0).sum(axis=1) - res.loc[drawn, "share"]).abs()
    if len(gap) and gap.max() > 1e-9:
        raise ValueError(f"CTDC data: the age parts of a {group} share do not add up to it")
    return res


def sector_without_forced_labour(df: pd.DataFrame, sectors: Iterable[str]) -> int:
    """Records with a sector flag but no forced-labour flag (left out of sector shares)."""
    return int((group_known(df, "labour", list(sectors)) & ~df["exploit_forced_labour"]).sum())
