"""The Counter-Trafficking Data Collaborative (CTDC) releases and their one tidy schema.

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

This module says what the data are: the releases and their files, the source column of each
tidy column and flag in each release, and the values each may hold. Reading a file into the
schema is :mod:`tipfigs.ctdc.read`; what the figures call each release is
:mod:`tipfigs.ctdc.names`.
"""

from __future__ import annotations

from tipfigs.errors import SchemaError

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
#: The values that mean "not recorded" in each release (read as None).
MISSING = {"2021": {""}, "2018": {"", "Unknown", "Missing", "-99", "00"}, "vp2022": {""}}
#: Age bands as a release writes them -> the tidy band.
AGE_SOURCE = {"2021": {"09--17": "9--17"}, "2018": {}}
#: The values a flag column may hold in each release (1 means set).
FLAG_VALUES = {"2021": ("1", ""), "2018": ("1", "0", "-99", "")}
FLAG_VALUES["vp2022"] = FLAG_VALUES["2021"]  # flags 1 or empty, as in the 2021 release


def required_columns(release: str) -> list[str]:
    """The source columns a file of ``release`` must have."""
    check_release(release)
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


def check_release(release) -> str:
    """``release`` itself when it is a known release; else a SchemaError listing them."""
    if release not in RELEASES:
        raise SchemaError(f"unknown CTDC release {release!r}; known: {', '.join(RELEASES)}")
    return release
