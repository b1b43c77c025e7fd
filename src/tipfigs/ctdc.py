"""Counter-Trafficking Data Collaborative (CTDC) victim-level data: one loader, one tidy schema.

Three releases are supported:

- ``"2021"``: the Global Synthetic Dataset of 2021-08-25 (37 columns; country codes ISO3;
  flags ``1`` or empty; gender missing when not recorded; age bands ``0--8``, ``09--17``, ...);
- ``"2018"``: the k-anonymised Global Dataset of 2018 (58 columns; country codes ISO2, mapped to
  ISO3 with the table of the CTDC data dictionary; flags ``1``, ``0`` or empty; gender and age
  ``"Unknown"``; country ``"Missing"``/``"Unknown"``; more types of labour);
- ``"vp2022"``: the Global Victim-Perpetrator Synthetic Dataset of 2022-12-01 (16 columns; the
  year of registration *binned*: ``2005-2013``, ``2014-2018``, ``2019``, ``2020``, ``2021-2022``,
  empty when unknown; gender; ``majorityStatus`` (no age band); two types of exploitation
  (forced labour, sexual); UN regions of citizenship and of exploitation instead of countries;
  perpetrator variables ``IP_*``, not read).

The tidy schema has one row per record:

=========================  =========================================================
``release``                ``"2021"``, ``"2018"`` or ``"vp2022"``
``year_start``             first year of the record's period of registration (float; NaN when
                           not recorded)
``year_end``               last year of that period (equal to ``year_start`` for a single year)
``year``                   year of registration when the period is one year, else NaN (a
                           multi-year bin of the 2022 release has no single year)
``sex``                    ``"Female"``, ``"Male"``, ``"Transgender/NonConforming"`` or None
``age_band``               ``"0--8"``, ``"9--17"``, ``"18--20"``, ... ``"48+"`` or None
``age_group``              ``"Minor"`` (band under 18), ``"Adult"`` or None (2018 and 2022: from
                           ``majorityStatus`` when the age band is unknown or absent)
``sex_age``                ``"Women"``, ``"Girls"``, ``"Men"``, ``"Boys"`` or None
``citizenship``            ISO3 or None (None throughout for the 2022 release)
``country``                country of exploitation, ISO3 or None (None throughout for 2022)
``citizenship_region``     UN region of citizenship (2022 release only; else None)
``exploitation_region``    UN region of exploitation (2022 release only; else None)
``exploit_<type>``         bool: type of exploitation recorded (see :data:`EXPLOITATION`)
``labour_<sector>``        bool: type of forced labour recorded (see :data:`SECTORS`)
``control_<means>``        bool: means of control recorded (see :data:`CONTROLS`)
=========================  =========================================================

A flag column is True only when the record says ``1`` (read as a number: ``1.0``, as pandas
writes it, is the same; ``0`` and empty are not set). A *variable group* (type of
exploitation, sector, means of control) counts as known for a record when at least one of
its flags is set; the releases are treated alike this way (the 2021 and 2022 files have no
explicit ``0``). Columns a release does not have are absent from :func:`available`; what a
release records at all is in :func:`releases_with`.

Periods of registration (:func:`period_shares`) are a year for the 2018 and 2021 releases and
the published bins for the 2022 release; :func:`long_run_change` and :func:`recent_trend`
compute the two readings of a trend over them that the notebooks test.

Files are read as published or as an analyst saved them: comma- or tab-separated (CTDC served
the 2021 release as a .tsv), plain or gzipped, told from the content, not the file's name.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tipfigs import datafiles, manifest, params, paths
from tipfigs.errors import DataError, ParameterError, SchemaError

RELEASES = ("2021", "2018", "vp2022")
DEFAULT_FILES = {
    "2021": "data/raw/ctdc/ctdc_synthetic_2021-08-25.csv.gz",
    "2018": "data/raw/ctdc/ctdc_global_kanon_2018.csv.gz",
    "vp2022": "data/raw/ctdc/CTDC_VPsynthetic_condensed.csv.gz",
}
DEFAULT_DICTIONARY = (
    "data/raw/ctdc/CTDC_Global_K-anon_Dataset_DATA_DICTIONARY_version_20210825.xlsx"
)
#: The 2022 release's data dictionary (its TabStat sheet gives the release's frequencies).
VP_DICTIONARY = "data/raw/ctdc/CTDC_VPsynthetic_dict_20221201.xlsx"
MANIFEST_KEYS = {"2021": "ctdc2021", "2018": "ctdc2018", "vp2022": "ctdc_vp2022"}
RELEASE_LABELS = {
    "2021": "CTDC synthetic data, 2021 release",
    "2018": "CTDC k-anonymised data, 2018 release",
    "vp2022": "CTDC Victim-Perpetrator synthetic data, 2022 release",
}
#: Short names for a figure's panels and sentences.
RELEASE_SHORT = {
    "2021": "2021 release",
    "2018": "2018 release",
    "vp2022": "2022 Victim-Perpetrator release",
}
#: What each release's records are, for source notes (CTDC's own descriptions, paraphrased).
#: k-anonymity is not rounding: counts in these files are counts of records.
RELEASE_DATA = {
    "2018": "k-anonymised case records (rare values suppressed)",
    "2021": "synthetic records generated from the case records and k-anonymised (k = 10)",
    "vp2022": "synthetic records, years of registration published in bins",
}
#: Where a release's years are expected to lie (a wider range is a schema error).
YEAR_BOUNDS = (1990, 2030)


def _cols(label: str, col: str, col2018: str | None = None, only: str | None = None,
          vp: str | None = None):
    """(label, {release: source column}); ``only`` names the one release that has it; ``vp``
    is the column of the 2022 Victim-Perpetrator release, when it has one."""
    if only is not None:
        return label, {only: col}
    out = {"2021": col, "2018": col2018 or col}
    if vp is not None:
        out["vp2022"] = vp
    return label, out


#: Tidy name -> (label, {release: source column}).
EXPLOITATION = {
    "forced_labour": _cols("Forced labour", "isForcedLabour", vp="isForcedLabour"),
    "sexual": _cols("Sexual exploitation", "isSexualExploit", vp="isSexualExploit"),
    "forced_marriage": _cols("Forced marriage", "isForcedMarriage", only="2018"),
    "other": _cols("Other exploitation", "isOtherExploit"),
}
_L = "typeOfLabour"
SECTORS = {
    "agriculture": _cols("Agriculture", f"{_L}Agriculture"),
    "aquafarming": _cols("Aquafarming", f"{_L}Aquafarming", only="2018"),
    "begging": _cols("Begging", f"{_L}Begging", only="2018"),
    "construction": _cols("Construction", f"{_L}Construction"),
    "domestic_work": _cols("Domestic work", f"{_L}DomesticWork"),
    "hospitality": _cols("Hospitality", f"{_L}Hospitality"),
    "illicit_activities": _cols("Illicit activities", f"{_L}IllicitActivities", only="2018"),
    "manufacturing": _cols("Manufacturing", f"{_L}Manufacturing", only="2018"),
    "mining_drilling": _cols("Mining or drilling", f"{_L}MiningOrDrilling", only="2018"),
    "peddling": _cols("Peddling", f"{_L}Peddling", only="2018"),
    "transportation": _cols("Transportation", f"{_L}Transportation", only="2018"),
    "other": _cols("Other sector", f"{_L}Other"),
}
_M = "meansOfControl"
CONTROLS = {
    "debt_bondage": _cols("Debt bondage", f"{_M}DebtBondage"),
    "takes_earnings": _cols("Takes earnings", f"{_M}TakesEarnings"),
    "restricts_financial_access": _cols("Restricts financial access",
                                        f"{_M}RestrictsFinancialAccess", only="2018"),
    "threats": _cols("Threats", f"{_M}Threats"),
    "psychological_abuse": _cols("Psychological abuse", f"{_M}PsychologicalAbuse"),
    "physical_abuse": _cols("Physical abuse", f"{_M}PhysicalAbuse"),
    "sexual_abuse": _cols("Sexual abuse", f"{_M}SexualAbuse"),
    "false_promises": _cols("False promises", f"{_M}FalsePromises"),
    "psychoactive_substances": _cols("Psychoactive substances", f"{_M}PsychoactiveSubstances"),
    "restricts_movement": _cols("Restricts movement", f"{_M}RestrictsMovement"),
    "restricts_medical_care": _cols("Restricts medical care", f"{_M}RestrictsMedicalCare"),
    "excessive_working_hours": _cols("Excessive working hours", f"{_M}ExcessiveWorkingHours"),
    "uses_children": _cols("Uses children", f"{_M}UsesChildren", only="2018"),
    "threat_of_law_enforcement": _cols("Threat of law enforcement", f"{_M}ThreatOfLawEnforce",
                                       f"{_M}ThreatOfLawEnforcement"),
    "withholds_necessities": _cols("Withholds necessities", f"{_M}WithholdsNecessities"),
    "withholds_documents": _cols("Withholds documents", f"{_M}WithholdsDocuments"),
    "other": _cols("Other means", f"{_M}Other"),
}
GROUPS = {"exploit": EXPLOITATION, "labour": SECTORS, "control": CONTROLS}

#: Tidy column -> source column, for each release (a tidy column a release lacks is absent).
#: ``age_group`` is the age category at registration (Adult/Minor), used when the age band is
#: unknown (2018) or not recorded at all (2022).
SOURCE_COLUMNS = {
    "2021": {"year": "yearOfRegistration", "sex": "gender", "age_band": "ageBroad",
             "citizenship": "citizenship", "country": "CountryOfExploitation"},
    "2018": {"year": "yearOfRegistration", "sex": "gender", "age_band": "ageBroad",
             "age_group": "majorityStatus", "citizenship": "citizenship",
             "country": "CountryOfExploitation"},
    "vp2022": {"year": "yearRegister", "sex": "gender", "age_group": "majorityStatus",
               "citizenship_region": "UN_COO_Region", "exploitation_region": "UN_COE_Region"},
}
#: UN regions of the 2022 release (citizenship and exploitation).
VP_REGIONS = ("Africa", "Americas/Oceania", "Asia", "Europe")
AGE_BANDS = ("0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+")
MINOR_BANDS = ("0--8", "9--17")
SEXES = ("Female", "Male", "Transgender/NonConforming")
SEX_AGE = ("Women", "Girls", "Men", "Boys")
_MISSING = {"2021": {""}, "2018": {"", "Unknown", "Missing", "-99", "00"}, "vp2022": {""}}
_AGE_SOURCE = {"2021": {"09--17": "9--17"}, "2018": {}}
_FLAG_VALUES = {"2021": ("1", ""), "2018": ("1", "0", "-99", "")}
_FLAG_VALUES["vp2022"] = _FLAG_VALUES["2021"]  # flags 1 or empty, as in the 2021 release


def required_columns(release: str) -> list[str]:
    """The source columns a file of ``release`` must have."""
    _release(release)
    cols = list(SOURCE_COLUMNS[release].values())
    for group in GROUPS.values():
        cols += [src[release] for _, src in group.values() if release in src]
    return cols


def available(release: str, group: str) -> list[str]:
    """Tidy names of the flags of ``group`` ("exploit", "labour", "control") in ``release``."""
    return [k for k, (_, src) in GROUPS[group].items() if release in src]


def label(group: str, name: str) -> str:
    return GROUPS[group][name][0]


def releases_with(what: str) -> list[str]:
    """The releases that record ``what``: a variable group ("exploit", "labour", "control") or
    a tidy column ("country", "citizenship", "age_band", "age_group", "year", ...)."""
    if what in GROUPS:
        return [r for r in RELEASES if available(r, what)]
    if what == "age_group":
        return [r for r in RELEASES if {"age_band", "age_group"} & set(SOURCE_COLUMNS[r])]
    known = set().union(*(SOURCE_COLUMNS[r] for r in RELEASES))
    if what not in known:
        raise SchemaError(f"CTDC data: no column or variable group {what!r}")
    return [r for r in RELEASES if what in SOURCE_COLUMNS[r]]


def _release(release) -> str:
    if release not in RELEASES:
        raise SchemaError(f"unknown CTDC release {release!r}; known: {', '.join(RELEASES)}")
    return release


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


def _read_csv(p: Path, where: str) -> pd.DataFrame:
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
    s = s.where(~s.isin(_MISSING[release]), None)
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
    allowed = {float(v) for v in _FLAG_VALUES[release] if v} | {0.0}
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
    _release(release)
    datafiles.require_columns(raw, required_columns(release), where)
    raw = raw.fillna("")
    src = SOURCE_COLUMNS[release]
    out = pd.DataFrame(index=raw.index)
    out["release"] = release
    out = out.join(_years(raw, release, where))

    gender = raw[src["sex"]].str.strip()
    datafiles.allowed_values(gender, set(SEXES) | _MISSING[release], src["sex"], where)
    out["sex"] = gender.where(gender.isin(SEXES), None)

    if "age_band" in src:
        age = raw[src["age_band"]].str.strip().replace(_AGE_SOURCE[release])
        datafiles.allowed_values(age, set(AGE_BANDS) | _MISSING[release], src["age_band"], where)
        age = age.where(age.isin(AGE_BANDS), None)
    else:
        age = pd.Series(None, index=raw.index, dtype=object)
    out["age_band"] = age
    group = pd.Series(np.where(age.isin(MINOR_BANDS), "Minor", "Adult"), index=raw.index)
    group = group.where(age.notna(), None)
    if "age_group" in src:
        status = raw[src["age_group"]].str.strip()
        datafiles.allowed_values(status, {"Adult", "Minor"} | _MISSING[release], src["age_group"], where)
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
            datafiles.allowed_values(v, set(VP_REGIONS) | _MISSING[release], src[col], where)
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
    _release(release)
    p = datafiles.require_file(path, f"CTDC {release} file")
    where = paths.show(p)
    iso_map = None
    reader = f"ctdc{release}"
    if release == "2018":
        iso_map = iso2_to_iso3(dictionary)
        digest = manifest.sha256_file(datafiles.require_file(dictionary))[:12]
        reader = f"ctdc2018-{digest}"
    return datafiles.cached(p, reader, 3, lambda: tidy(_read_csv(p, where), release, where, iso_map))


# -- filters ----------------------------------------------------------------------------------
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


# -- shares -------------------------------------------------------------------------------------
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


def linear_slope(x: Iterable[float], y: Iterable[float],
                 weights: Iterable[float] | None = None) -> float:
    """Least-squares slope of y on x (NaN with fewer than two points); with ``weights``, each
    point's squared residual counts ``weights`` times (e.g. its number of records)."""
    x, y = np.asarray(list(x), float), np.asarray(list(y), float)
    if len(x) < 2:
        return float("nan")
    w = None if weights is None else np.sqrt(np.asarray(list(weights), float))
    return float(np.polyfit(x, y, 1, w=w)[0])


# -- periods of registration and the two readings of a trend ------------------------------------
def period_label(start: float, end: float) -> str:
    """"2019" for a single year, "2005-2013" for a bin."""
    return f"{int(start)}" if start == end else f"{int(start)}-{int(end)}"


def period_shares(df: pd.DataFrame, category: str = "Male", var: str = "sex",
                  categories: Iterable[str] = SEXES, min_records: int = 1) -> pd.DataFrame:
    """Share of ``category`` among the records with ``var`` known, per period of registration
    (a year; a bin of the 2022 release). Records without a year are left out.

    Columns: ``year_start``, ``year_end``, ``year`` (NaN for a multi-year bin), ``period``
    (its label), ``mid`` (the period's midpoint, years taken as [y, y+1)), ``width`` (years),
    ``count``, ``n_known``, ``n_unknown``, ``n_total``, ``share``, ``unknown_share`` and
    ``suppressed`` (fewer than ``min_records`` records with ``var`` known: share blanked)."""
    dated = df[df["year_start"].notna()]
    s = shares(dated, var, ["year_start", "year_end"], categories=categories)
    s = s[s["category"] == category].drop(columns="category").reset_index(drop=True)
    s = suppress(s, min_records)
    s.insert(2, "year", s["year_start"].where(s["year_start"] == s["year_end"]))
    s.insert(3, "period", [period_label(a, b) for a, b in zip(s["year_start"], s["year_end"],
                                                              strict=True)])
    s.insert(4, "mid", (s["year_start"] + s["year_end"] + 1) / 2)
    s.insert(5, "width", s["year_end"] - s["year_start"] + 1)
    return s


def thirds(periods: pd.DataFrame) -> pd.Series:
    """"early", "middle" or "late": the third of the span of ``periods`` (from the first year of
    the earliest to the end of the latest; years as [y, y+1)) that holds each period's midpoint."""
    lo = periods["year_start"].min()
    span = periods["year_end"].max() + 1 - lo
    pos = 3 * ((periods["year_start"] + periods["year_end"] + 1) / 2 - lo)  # exact in floats
    return pd.Series(np.where(pos < span, "early", np.where(pos > 2 * span, "late", "middle")),
                     index=periods.index)


def _span(t: pd.DataFrame) -> str:
    return period_label(t["year_start"].min(), t["year_end"].max())


def long_run_change(periods: pd.DataFrame) -> dict | None:
    """The long-run reading of a trend: the pooled share (``count`` over ``n_known``) in the
    periods of the first third of the span against the last third (see :func:`thirds`).
    ``periods``: the periods with enough records. None when either third has no period."""
    third = thirds(periods)
    early, late = periods[third == "early"], periods[third == "late"]
    if early.empty or late.empty:
        return None
    e = early["count"].sum() / early["n_known"].sum()
    lt = late["count"].sum() / late["n_known"].sum()
    return {"early": _span(early), "late": _span(late),
            "early_years": (int(early["year_start"].min()), int(early["year_end"].max())),
            "late_years": (int(late["year_start"].min()), int(late["year_end"].max())),
            "early_share": float(e),
            "late_share": float(lt), "early_n": int(early["n_known"].sum()),
            "late_n": int(late["n_known"].sum()), "change_pp": float(100 * (lt - e)),
            "rise": bool(lt > e)}


def recent_trend(periods: pd.DataFrame, recent_years: int) -> dict | None:
    """The recent reading of a trend: over the periods that lie wholly within the last
    ``recent_years`` years of the span of ``periods`` (the periods with enough records), the
    least-squares slope of the share on the period's midpoint (a rise: slope > 0). Also the
    slope weighted by records, and how many steps from one period to the next go up. None
    with fewer than two such periods."""
    end = periods["year_end"].max()
    first = end - recent_years + 1
    r = periods[periods["year_start"] >= first].sort_values("year_start")
    if len(r) < 2:
        return None
    steps = r["share"].diff().dropna()
    slope = linear_slope(r["mid"], r["share"])
    return {"window": period_label(first, end), "periods": ", ".join(r["period"]),
            "shares": ", ".join(f"{p}: {100 * v:.1f}%" for p, v in zip(r["period"], r["share"],
                                                                       strict=True)),
            "slope_pp": 100 * slope,
            "weighted_slope_pp": 100 * linear_slope(r["mid"], r["share"], r["n_known"]),
            "steps_up": int((steps > 0).sum()), "steps": len(steps),
            "change_pp": float(100 * (r["share"].iloc[-1] - r["share"].iloc[0])),
            "rise": bool(slope > 0)}


# -- comparisons between women and men ------------------------------------------------------------
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


def much_more_likely(more: float, less: float, ratio: float = 2.0,
                     points: float = 20.0) -> dict:
    """Two readings of "A is much more likely than B to ...", from the two shares: the ratio
    of the shares is at least ``ratio``, and the difference is at least ``points`` percentage
    points."""
    r = float("inf") if less == 0 and more > 0 else (float("nan") if less == 0 else more / less)
    diff = 100 * (more - less)
    eps = 1e-9  # shares are floats: 0.6 - 0.4 is 20 points, not 19.999...
    return {"ratio": r, "difference_pp": diff, "ratio_holds": bool(r >= ratio - eps),
            "points_holds": bool(diff >= points - eps)}



# -- notebook helpers -----------------------------------------------------------------------------
def load_releases(files: dict[str, str | os.PathLike], releases: Iterable[str],
                  dictionary: str | os.PathLike = DEFAULT_DICTIONARY) -> dict[str, pd.DataFrame]:
    """The tidy tables of ``releases`` (in that order), read from ``files[release]``."""
    return {r: load(files[r], r, dictionary) for r in releases}


def data_years(frames: dict[str, pd.DataFrame]) -> tuple[int, int]:
    """First and last year of registration over all the tables."""
    spans = [years_in(df) for df in frames.values()]
    return min(a for a, _ in spans), max(b for _, b in spans)


def countries(frames: dict[str, pd.DataFrame]) -> list[str]:
    """ISO3 codes of the countries of exploitation present in any of the tables."""
    return sorted(set().union(*(set(df["country"].dropna()) for df in frames.values())))


def citation(release: str) -> str:
    """The citation CTDC asks for, from the data manifest."""
    return manifest.load()[MANIFEST_KEYS[_release(release)]].citation


def data_of(path: str | os.PathLike, release: str):
    """What a claim computed from ``path`` was computed on: its manifest entry when it is the
    verified copy of a release, else a short label naming the release and the file."""
    p = datafiles.require_file(path, f"CTDC {release} file")
    return datafiles.verify_release(p) or f"{RELEASE_LABELS[_release(release)]}, file {p.name}"


#: The notebook parameter that names each release's file.
FILE_PARAMETERS = {"2021": "ctdc_2021_file", "2018": "ctdc_2018_file", "vp2022": "ctdc_vp2022_file"}


@dataclass(frozen=True)
class Setup:
    """What :func:`setup` validated and loaded for a CTDC figure.

    ``releases`` the releases drawn (in the allowed order); ``files`` the file read for each
    and ``dictionary`` the data dictionary (None unless the 2018 release is read); ``frames``
    each release's tidy table and ``selected`` its records within the filters; ``data`` what a
    claim takes as ``data=`` for each release (its manifest entry, or a label naming the file);
    ``years`` the validated (first, last) year and ``all_years`` whether the parameter was None
    (then ``selected`` keeps the records without a year unless ``dated``); ``country`` (ISO3 or
    None); ``min_records``; ``no_country`` the releases that record no country when a country
    is asked for (they have no record in it); ``filters`` the validated filter parameters, for
    display; ``citation`` the source note of the files read."""

    releases: list[str]
    files: dict[str, Path]
    dictionary: Path | None
    frames: dict[str, pd.DataFrame]
    selected: dict[str, pd.DataFrame]
    data: dict
    years: tuple[int, int]
    all_years: bool
    country: str | None
    min_records: int
    no_country: list[str]
    filters: dict
    citation: str

    @property
    def year_filter(self) -> tuple[int, int] | None:
        """The years to select on: None when the parameter was None (every record)."""
        return None if self.all_years else self.years

    def cite(self, extra: str = "", releases: Iterable[str] | None = None) -> str:
        """The source note with the figure's own rules (``extra``), optionally for some of the
        releases only (those drawn); the dictionary is named whenever it was read."""
        chosen = self.releases if releases is None else list(releases)
        return source_note({r: self.files[r] for r in chosen}, extra, self.dictionary)


def setup(out, *, releases, ctdc_2021_file=None, ctdc_2018_file=None, ctdc_vp2022_file=None,
          ctdc_dictionary=None, years=None, country=None, min_records=1,
          need: str | None = None, dated: bool = False, single: bool = False) -> Setup:
    """Validate a CTDC figure's parameters, load the releases, record the files read.

    ``releases``: the notebook's list of release keys (None or empty: every allowed one). The
    allowed releases are those that record ``need`` (a variable group or a tidy column, as for
    :func:`releases_with`; None: any) and whose file was passed (a notebook without a
    ``ctdc_vp2022_file`` parameter cannot draw that release); ``single``: exactly one release.
    Each file is checked under its parameter's name, the dictionary only when the 2018 release
    is read. ``years`` ([first, last] or None) and ``country`` (ISO3 or None) are checked
    against the data loaded, ``min_records`` is a whole number of at least 1. ``dated``: select
    only records with a year of registration even when ``years`` is None (a time axis).

    Calls ``out.uses`` for each file read, prints one line per release (records, records
    without a year) and a line for releases that cannot be in the country asked for, and
    stops with a clear message when the filters select no record."""

    given = {"2021": ctdc_2021_file, "2018": ctdc_2018_file, "vp2022": ctdc_vp2022_file}
    allowed = [r for r in (RELEASES if need is None else releases_with(need))
               if given[r] is not None]
    releases = params.subset("releases", releases, allowed)
    if single and len(releases) != 1:
        raise ParameterError(f"parameter releases={releases!r} must name exactly one release, "
                             f"e.g. [{allowed[0]!r}]")
    files = {r: params.input_file(FILE_PARAMETERS[r], given[r]) for r in releases}
    dictionary = (params.input_file("ctdc_dictionary", ctdc_dictionary) if "2018" in releases
                  else None)
    min_records = params.integer("min_records", min_records, minimum=1)
    frames = load_releases(files, releases, dictionary)
    for path in [*files.values(), *([dictionary] if dictionary is not None else [])]:
        out.uses(path)  # the dictionary maps the 2018 release's ISO2 country codes to ISO3
    all_years = years is None
    years = params.year_range("years", years, *data_years(frames))
    country = params.iso3("country", country, known=countries(frames))
    year_filter = years if dated or not all_years else None
    selected = {r: select(frames[r], year_filter, country) for r in releases}
    require_records(selected, year_filter, country)
    no_country = [r for r in releases if country is not None and r not in releases_with("country")]
    for r in releases:
        undated = int(frames[r]["year_start"].isna().sum())
        print(f"{RELEASE_LABELS[r]}: {len(frames[r]):,} records, {undated:,} without a year of "
              f"registration; {len(selected[r]):,} selected.")
    if no_country:
        print("No country of exploitation recorded (regions only), so no record in "
              f"country={country!r}: {', '.join(RELEASE_LABELS[r] for r in no_country)}.")
    return Setup(
        releases=releases, files=files, dictionary=dictionary, frames=frames, selected=selected,
        data={r: data_of(files[r], r) for r in releases}, years=years, all_years=all_years,
        country=country, min_records=min_records, no_country=no_country,
        filters={"releases": list(releases), "years": None if all_years else list(years),
                 "country": country, "min_records": min_records},
        citation=source_note(files, dictionary=dictionary))


# -- the 2022 release's data dictionary -----------------------------------------------------------
def tabstat(dictionary: str | os.PathLike = VP_DICTIONARY) -> dict[str, dict[str, int]]:
    """The frequency tables of the 2022 dictionary's TabStat sheet: {variable: {value: count}},
    the missing count under "" and the number of records under "Total"."""
    p = datafiles.require_file(dictionary, "CTDC Victim-Perpetrator data dictionary")
    datafiles.verify_release(p)
    out: dict[str, dict[str, int]] = {}
    current = None

    def text(v) -> str:
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v).strip()

    for row in datafiles.xlsx_rows(p, "TabStat"):
        row = [text(v) for v in row] + ["", "", ""]
        head, value, freq = row[0], row[1], row[2]
        if head not in ("", "Valid", "Missing", "Total") and value and not freq:
            current = out.setdefault(head, {})
            continue
        if current is None or not freq or freq == "Freq.":
            continue
        if head == "Missing":
            current[""] = int(float(freq))
        elif head == "Total":
            current["Total"] = int(float(freq))
        elif value != "Total":
            current[value] = int(float(freq))
    if not out:
        raise SchemaError(f"{paths.show(p)}, sheet 'TabStat': no frequency table found")
    return out


# -- words for source notes and findings ------------------------------------------------------------
def source_note(files: dict, extra: str = "", dictionary=None) -> str:
    """The source note of a CTDC figure. ``files`` maps each release drawn to the file read for
    it: a verified release is cited as its publisher asks (the manifest's citation) and its
    records are described (:data:`RELEASE_DATA`: k-anonymity is not rounding); any other file is
    named as such, never cited as the release. The dictionary, when one was read, is named with
    its release; ``extra`` adds the figure's own rules."""
    cites, described = [], []
    for r, path in files.items():
        r = _release(r)
        entry = manifest.entry_for(path)
        if entry is not None:
            cites.append(entry.citation)
            described.append(f"{RELEASE_SHORT[r]}: {RELEASE_DATA[r]}")
        else:
            cites.append(f"Data file {Path(path).name}, in the format of the CTDC {RELEASE_SHORT[r]} "
                         "(not a release listed in the project's data manifest).")
    if dictionary is not None:
        entry = manifest.entry_for(dictionary)
        cites.append("The 2018 release's country codes are mapped to ISO3 with "
                     + (f"CTDC's data dictionary of {entry.release}." if entry is not None
                        else f"the dictionary file {Path(dictionary).name}."))
    text = ("Sources: " if len(cites) > 1 else "Source: ") + " ".join(cites)
    if described:
        text += " Records: " + "; ".join(described) + "."
    text += (" They describe victims identified and registered by CTDC's contributors, not all "
             "trafficked persons.")
    return text + (f" {extra.strip()}" if extra.strip() else "")


def years_text(start, end) -> str:
    """"2019" for one year, "2005–2013" (en dash) for a span."""
    start, end = int(start), int(end)
    return f"{start}" if start == end else f"{start}–{end}"


def pct_range(values: Iterable[float], digits: int = 0) -> str:
    """Shares (fractions) as percentages: "49%" for one value (or values equal at this
    precision), "49–76%" for a range; "n/a" when there is none."""
    vals = sorted(round(100 * float(v), digits) for v in values
                  if v is not None and not pd.isna(v))
    if not vals:
        return "n/a"
    lo, hi = f"{vals[0]:.{digits}f}", f"{vals[-1]:.{digits}f}"
    return f"{lo}%" if lo == hi else f"{lo}–{hi}%"


def _in(k: int, n: int) -> str:
    """Where a reading held, in words: "the one release", "all 3 releases", "2 of 3 releases",
    and, when it held in none, "any of the 3 releases" (for a negated verb)."""
    if n == 1:
        return "the one release"
    if k == 0:
        return f"any of the {n} releases"
    return f"all {n} releases" if k == n else f"{k} of {n} releases"


def signed(value: float, digits: int = 1) -> str:
    """A signed number with a true minus sign: "+7.8", "−5.2"."""
    return f"{value:+.{digits}f}".replace("-", "−")


def trend_headline(readings: dict[str, dict]) -> str:
    """A headline for the long-run reading of the trend in the share of men and boys over the
    releases in ``readings`` ({release: {"long": long_run_change(...) or None, ...}})."""
    longs = [v["long"] for v in readings.values() if v.get("long")]
    if not longs:
        return "Too few records to compare the share of men and boys early and late"
    k, n = sum(lg["rise"] for lg in longs), len(longs)
    where = "" if n == 1 else (" in every CTDC release" if k == n
                               else f" in {k} of {n} CTDC releases" if k else
                               " in any CTDC release")
    verb = "are" if k else "are not"
    return (f"Men and boys {verb} a larger share of identified victims than in the first years of "
            f"registration{where}")


def trend_finding(readings: dict[str, dict], recent_years: int, min_records: int) -> str:
    """One sentence, with its numbers, on both readings of the trend in the share of men and
    boys (``readings``: {release: {"long": long_run_change(...), "recent": recent_trend(...)}}
    in the order to report them)."""
    longs = {r: v["long"] for r, v in readings.items() if v.get("long")}
    recents = {r: v["recent"] for r, v in readings.items() if v.get("recent")}
    if not longs and not recents:
        return (f"No release has enough periods with at least {min_records} records of known sex "
                "in the selection to test whether the share of men and boys rose.")
    parts = []
    if longs:
        k = sum(lg["rise"] for lg in longs.values())
        detail = "; ".join(
            f"{RELEASE_SHORT[r]}: {100 * lg['early_share']:.1f}% in {years_text(*lg['early_years'])}, "
            f"{100 * lg['late_share']:.1f}% in {years_text(*lg['late_years'])}"
            for r, lg in longs.items())
        parts.append(f"among identified victims with a recorded sex, men and boys were "
                     f"{'a larger' if k else 'not a larger'} share in the last third of the "
                     f"registration years than in the first in {_in(k, len(longs))} tested "
                     f"({detail})")
    if recents:
        m = sum(rc["rise"] for rc in recents.values())
        detail = "; ".join(f"{RELEASE_SHORT[r]} {signed(rc['slope_pp'])}"
                           for r, rc in recents.items())
        parts.append(f"their share {'rose' if m else 'did not rise'} over the last {recent_years} "
                     f"years of registration in {_in(m, len(recents))} tested (least-squares "
                     f"slope, points a year: {detail})")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def releases_text(releases: Iterable[str]) -> str:
    """"the 2021 release", "the 2021 and 2018 releases", "the 2021, 2018 and 2022
    Victim-Perpetrator releases"."""
    names = [RELEASE_SHORT[_release(r)].removesuffix(" release") for r in releases]
    if len(names) == 1:
        return f"the {names[0]} release"
    return f"the {', '.join(names[:-1])} and {names[-1]} releases"


def exploitation_headline(domestic: dict[str, tuple[float, float]],
                          construction: dict[str, tuple[float, float]],
                          women_girls: dict[str, float]) -> str:
    """A headline for the comparisons of female and male victims: ``domestic`` and
    ``construction`` map a release to (female share, male share) of forced-labour victims with
    a recorded type in that type; ``women_girls`` a release to the share of women and girls
    among victims of sexual exploitation with a recorded sex. Releases with too few records
    are left out of the arguments."""
    def compare(pairs: dict, sector: str, more: int) -> tuple[str, str | None]:
        """(clause, its adverb when it holds in every release, else None) for "<sex> victims
        are more often in <sector>" (``more``: 0 female, 1 male)."""
        if not pairs:
            return "", None
        who, other = ("female", "male") if more == 0 else ("male", "female")
        k = sum(p[more] > p[1 - more] for p in pairs.values())
        if k == 0:
            return f"{who} forced-labour victims are not more often in {sector} than {other} ones", None
        tests = [much_more_likely(p[more], p[1 - more]) for p in pairs.values()]
        far = "far " if all(t["ratio_holds"] and t["points_holds"] for t in tests) else ""
        where = "" if k == len(pairs) else f" in {k} of {len(pairs)} releases"
        return (f"{who} forced-labour victims are {far}more often in {sector}{where}",
                far if k == len(pairs) else None)

    (dom, dom_far), (con, con_far) = (compare(domestic, "domestic work", 0),
                                      compare(construction, "construction", 1))
    same = dom_far is not None and dom_far == con_far
    parts = [f"{dom}, male ones in construction"] if same else [dom, con]
    if women_girls:
        low = min(women_girls.values())
        parts.append("nearly all victims of sexual exploitation are women and girls" if low >= 0.9
                     else "most victims of sexual exploitation are women and girls" if low > 0.5
                     else f"women and girls are {pct_range(women_girls.values())} of victims of "
                     "sexual exploitation")
    parts = [p for p in parts if p]
    if not parts:
        return "Too few records to compare female and male victims"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def exploitation_finding(domestic: dict[str, tuple[float, float]],
                         construction: dict[str, tuple[float, float]],
                         women_girls: dict[str, float]) -> str:
    """One sentence, with its numbers, on the comparisons of :func:`exploitation_headline`."""
    parts = []
    if domestic or construction:
        said = []
        if domestic:
            said.append(f"{pct_range(p[0] for p in domestic.values())} of female and "
                        f"{pct_range(p[1] for p in domestic.values())} of male ones were in "
                        "domestic work")
        if construction:
            said.append(f"{pct_range(p[1] for p in construction.values())} of male and "
                        f"{pct_range(p[0] for p in construction.values())} of female ones in "
                        "construction")
        rel = list(dict.fromkeys([*domestic, *construction]))
        parts.append("among forced-labour victims with a recorded type of forced labour, "
                     + " and ".join(said) + f" ({releases_text(rel)})")
    if women_girls:
        parts.append(f"women and girls were {pct_range(women_girls.values())} of the victims of "
                     f"sexual exploitation with a recorded sex ({releases_text(women_girls)})")
    if not parts:
        return "The selection has too few records to compare female and male victims."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
