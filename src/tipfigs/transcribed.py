"""Values transcribed by hand from published reports (CSV files under data/).

Each row carries its source: report, table or figure, page, and how the value was
checked. Notebooks read these files through :func:`load`, which validates them.
"""

from __future__ import annotations

import os

import pandas as pd

from tipfigs import io, paths
from tipfigs.errors import SchemaError

COLUMNS = ("id", "quantity", "region", "year", "value", "unit", "report",
           "table_or_figure", "page", "checked")
DEFAULT_GEMS = "data/gems2022.csv"


def load(path: str | os.PathLike = DEFAULT_GEMS) -> pd.DataFrame:
    p = io.require_file(path, "transcribed-values CSV")
    where = paths.show(p)
    try:
        df = pd.read_csv(p, dtype=str, keep_default_na=False, comment="#")
    except Exception as e:
        raise SchemaError(f"{where}: cannot parse as CSV ({e})") from None
    io.require_columns(df, COLUMNS, where)
    df = df.replace("", None)
    for col in ("id", "quantity", "report", "checked"):
        if df[col].isna().any():
            raise SchemaError(f"{where}: column '{col}' is empty in data row(s) "
                              f"{', '.join(str(i + 1) for i in df.index[df[col].isna()][:5])}")
    dup = df["id"][df["id"].duplicated()]
    if len(dup):
        raise SchemaError(f"{where}: column 'id' repeats {', '.join(dup.unique()[:5])}")
    df["value"] = io.numeric(df, "value", where, allow_missing=False)
    df["year"] = io.numeric(df, "year", where, allow_missing=False).astype(int)
    return df.set_index("id", drop=False)


def value(df: pd.DataFrame, id_: str) -> float:
    """The transcribed value with this id (an error naming the id if absent)."""
    if id_ not in df.index:
        raise SchemaError(f"transcribed values: no row with id '{id_}'")
    return float(df.loc[id_, "value"])


def cite(df: pd.DataFrame, id_: str) -> str:
    """Report, table or figure, and page of a transcribed value (as far as they are known)."""
    r = df.loc[id_]
    parts = [r["report"], r["table_or_figure"], f"p. {r['page']}" if pd.notna(r["page"]) else None]
    return ", ".join(str(p) for p in parts if pd.notna(p) and str(p).strip())
