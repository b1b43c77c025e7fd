"""A CTDC figure's set-up: one call (:func:`setup`) that validates the notebook's parameters,
loads the releases, records the files read and returns what the figure draws from; what a claim
was computed on (:func:`data_of`); and the source note that cites the releases read
(:func:`source_note`)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tipfigs import datafiles, manifest, params
from tipfigs.ctdc.filters import countries, data_years, require_records, select
from tipfigs.ctdc.names import RELEASE_DATA, RELEASE_LABELS, RELEASE_SHORT
from tipfigs.ctdc.read import load
from tipfigs.ctdc.schema import (
    DEFAULT_DICTIONARY,
    MANIFEST_KEYS,
    RELEASES,
    check_release,
    releases_with,
)
from tipfigs.errors import ParameterError


def load_releases(files: dict[str, str | os.PathLike], releases: Iterable[str],
                  dictionary: str | os.PathLike = DEFAULT_DICTIONARY) -> dict[str, pd.DataFrame]:
    """The tidy tables of ``releases`` (in that order), read from ``files[release]``."""
    return {r: load(files[r], r, dictionary) for r in releases}


def citation(release: str) -> str:
    """The citation CTDC asks for, from the data manifest."""
    return manifest.load()[MANIFEST_KEYS[check_release(release)]].citation


def data_of(path: str | os.PathLike, release: str):
    """What a claim computed from ``path`` was computed on: its manifest entry when it is the
    verified copy of a release, else a short label naming the release and the file."""
    p = datafiles.require_file(path, f"CTDC {release} file")
    return datafiles.verify_release(p) or f"{RELEASE_LABELS[check_release(release)]}, file {p.name}"


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


def source_note(files: dict, extra: str = "", dictionary=None) -> str:
    """The source note of a CTDC figure. ``files`` maps each release drawn to the file read for
    it: a verified release is cited as its publisher asks (the manifest's citation) and its
    records are described (:data:`RELEASE_DATA`: k-anonymity is not rounding); any other file is
    named as such, never cited as the release. The dictionary, when one was read, is named with
    its release; ``extra`` adds the figure's own rules."""
    cites, described = [], []
    for r, path in files.items():
        r = check_release(r)
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
