"""Values transcribed by hand from published reports (CSV files under data/).

Each row says where its value was checked, in one of two ways (or both):

- the report's table or figure **and** page (``table_or_figure``, ``page``), where a source
  gives them (a secondary source that gives them is named in ``checked``);
- the public page that states the value: its title or publisher (``stated_by``), its address
  (``url``) and the date of that page (``url_date``, YYYY-MM-DD or YYYY-MM; an undated page
  cannot be cited).

A row with neither is refused, as is an address without a date. ``checked`` says how the
value was checked. Notebooks read these files through :func:`setup` (which validates the
parameter, loads the file with :func:`load` and records it); :func:`validate_all` checks every
transcribed CSV under data/ (the test suite runs it).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tipfigs import datafiles, params, paths
from tipfigs.errors import SchemaError

COLUMNS = ("id", "quantity", "region", "year", "value", "unit", "report",
           "table_or_figure", "page", "stated_by", "url", "url_date", "checked")
#: The two ways a row can cite its source: the report's table and page, or the page that
#: states the value (with its address and date).
BY_TABLE = ("table_or_figure", "page")
BY_PAGE = ("stated_by", "url", "url_date")
DEFAULT_GEMS = "data/gems2022.csv"
_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def _read(p: Path, where: str) -> pd.DataFrame:
    try:
        return pd.read_csv(p, dtype=str, keep_default_na=False, comment="#")
    except Exception as e:
        raise SchemaError(f"{where}: cannot parse as CSV ({e})") from None


def _row_name(df: pd.DataFrame, i) -> str:
    id_ = df.at[i, "id"]
    return f"row '{id_}'" if isinstance(id_, str) and id_ else f"data row {i + 1}"


def check_sources(df: pd.DataFrame, where: str) -> None:
    """Every row cites where its value was checked: (table_or_figure and page) or (stated_by,
    url and url_date). A url needs its url_date and stated_by; dates are YYYY-MM[-DD]. The
    error names the file, the row's id and the missing column(s)."""
    datafiles.require_columns(df, BY_TABLE + BY_PAGE, where)
    filled = df[list(BY_TABLE + BY_PAGE)].apply(
        lambda s: s.notna() & s.astype(str).str.strip().ne(""))
    for i in df.index:
        row = _row_name(df, i)
        has = filled.loc[i]
        if has["url"]:
            missing = [c for c in ("stated_by", "url_date") if not has[c]]
            if missing:
                raise SchemaError(f"{where}: {row} gives a url but column(s) "
                                  f"{', '.join(repr(c) for c in missing)} empty (an address "
                                  "is cited with the title and the date of its page)")
            if not _URL.match(str(df.at[i, "url"]).strip()):
                raise SchemaError(f"{where}: {row}: column 'url' is not a web address "
                                  f"({df.at[i, 'url']!r})")
        if has["url_date"] and not _DATE.match(str(df.at[i, "url_date"]).strip()):
            raise SchemaError(f"{where}: {row}: column 'url_date' must be YYYY-MM-DD or YYYY-MM "
                              f"(found {df.at[i, 'url_date']!r})")
        if all(has[c] for c in BY_TABLE) or all(has[c] for c in BY_PAGE):
            continue
        gaps = [c for c in BY_TABLE if not has[c]], [c for c in BY_PAGE if not has[c]]
        raise SchemaError(
            f"{where}: {row} cites no source: give table_or_figure and page (missing "
            f"{', '.join(repr(c) for c in gaps[0])}) or stated_by, url and url_date (missing "
            f"{', '.join(repr(c) for c in gaps[1])})")


def load(path: str | os.PathLike = DEFAULT_GEMS) -> pd.DataFrame:
    p = datafiles.require_file(path, "transcribed-values CSV")
    where = paths.show(p)
    df = _read(p, where)
    datafiles.require_columns(df, COLUMNS, where)
    df = df.replace("", None)
    for col in ("id", "quantity", "report", "checked"):
        if df[col].isna().any():
            raise SchemaError(f"{where}: column '{col}' is empty in data row(s) "
                              f"{', '.join(str(i + 1) for i in df.index[df[col].isna()][:5])}")
    dup = df["id"][df["id"].duplicated()]
    if len(dup):
        raise SchemaError(f"{where}: column 'id' repeats {', '.join(dup.unique()[:5])}")
    check_sources(df, where)
    df["value"] = datafiles.numeric(df, "value", where, allow_missing=False)
    df["year"] = datafiles.numeric(df, "year", where, allow_missing=False).astype(int)
    return df.set_index("id", drop=False)


def is_transcribed(path: str | os.PathLike) -> bool:
    """Whether a CSV file holds transcribed values: its header names an ``id``, a ``value``
    and the ``report`` it comes from."""
    p = paths.resolve(path)
    with open(p, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                header = {c.strip() for c in line.rstrip("\n").split(",")}
                return {"id", "value", "report"} <= header
    return False


def transcribed_files(folder: str | os.PathLike = "data") -> list[Path]:
    """Every transcribed-values CSV directly under ``folder`` (default: data/), by name."""
    d = paths.resolve(folder)
    return sorted(p for p in d.glob("*.csv") if is_transcribed(p))


def validate_all(folder: str | os.PathLike = "data") -> list[Path]:
    """Load (and so validate) every transcribed CSV under ``folder``; the files checked."""
    files = transcribed_files(folder)
    for p in files:
        load(p)
    return files


def value(df: pd.DataFrame, id_: str) -> float:
    """The transcribed value with this id (an error naming the id if absent)."""
    if id_ not in df.index:
        raise SchemaError(f"transcribed values: no row with id '{id_}'")
    return float(df.loc[id_, "value"])


def cite(df: pd.DataFrame, id_: str) -> str:
    """Where a transcribed value was checked: the report with its table or figure and page
    where known, and the page that states it (title, address and date) where given."""
    r = df.loc[id_]

    def text(col):
        v = r[col] if col in r.index else None
        return str(v).strip() if pd.notna(v) and str(v).strip() else ""

    parts = [text("report"), text("table_or_figure"),
             f"p. {text('page')}" if text("page") else ""]
    out = ", ".join(p for p in parts if p)
    if text("stated_by"):
        where = ", ".join(t for t in (text("url"), text("url_date")) if t)
        out += f"; stated by {text('stated_by')}" + (f" ({where})" if where else "")
    return out


@dataclass(frozen=True)
class TranscribedSource:
    """What :func:`setup` returns: the transcribed values (:func:`load`) and where they come
    from; :meth:`value` and :meth:`cite` read one value and its citation by id."""

    #: One row per transcribed value, indexed by id (:func:`load`).
    values: pd.DataFrame
    #: The file read.
    path: Path
    #: What a claim checked on these values alone takes as ``data=`` (they are no release):
    #: the reports they come from and the file, e.g. 'GEMS 2022 values transcribed in
    #: data/gems2022.csv'.
    data: str
    #: No filter parameters (kept for the same shape as the other sources' set-ups).
    filters: dict
    #: The source note of the file actually read (its first comment line when it is a
    #: transcribed table under data/, else its name and checksum).
    citation: str

    def value(self, id_: str) -> float:
        """The transcribed value with this id (:func:`value`)."""
        return value(self.values, id_)

    def cite(self, id_: str) -> str:
        """Where the value with this id was checked (:func:`cite`)."""
        return cite(self.values, id_)


def data_label(df: pd.DataFrame, path: str | os.PathLike) -> str:
    """The label of a check made on transcribed values only: the reports they come from and
    the file ('GEMS 2022 values transcribed in data/gems2022.csv'); a file outside the project
    is named by its file name."""
    p = paths.resolve(path)
    shown = paths.show(p)
    where = p.name if Path(shown).is_absolute() else shown
    reports = " and ".join(dict.fromkeys(df["report"].astype(str)))
    return f"{reports} values transcribed in {where}"


def setup(out, *, gems_values: str | os.PathLike = DEFAULT_GEMS) -> TranscribedSource:
    """A notebook's set-up of the transcribed GEMS values: validate the parameter
    ``gems_values`` (a file), load and validate the file (:func:`load`), record it with
    ``out.uses`` (a :class:`tipfigs.outputs.FigureOutputs`) and return the values with their
    data label and citation."""
    path = params.input_file("gems_values", gems_values)
    df = load(path)
    citation = out.uses(path)["citation"]
    return TranscribedSource(df, path, data_label(df, path), {}, citation)
