"""The releases a UNODC notebook reads, and its one set-up call.

:func:`setup` validates a notebook's parameters by name, loads each GLOTIP workbook
(:func:`releases`: a :class:`Release` each, named by its role, "article's release" or "latest
release"), finds the cells each release revised since the one before it
(:mod:`tipfigs.glotip.revisions`), records and cites every file read, and prints one
data-quality line per release naming the table that lists its flags (a file that exists: the
manifest's releases have theirs under figures/, written by ``make quality``; a workbook outside
the manifest gets its table where the run writes its outputs). :class:`Setup` is what the
notebook then works with: the releases, the filters, the rows of an area and years, and the
stated exclusion rule (:mod:`tipfigs.glotip.exclusion`) that decides which flagged
country-years leave a sum.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tipfigs import datafiles, params, paths, words
from tipfigs.errors import ParameterError
from tipfigs.glotip import exclusion as rules
from tipfigs.glotip import quality, revisions
from tipfigs.glotip.published import load_published
from tipfigs.glotip.read import DEFAULT_PATH, load
from tipfigs.glotip.sums import countries
from tipfigs.outputs import atomic_write
from tipfigs.words import EN_DASH, bounds


def area(name: str, value, df: pd.DataFrame, column: str):
    """Validate a region or subregion parameter against the values in the data (None = all)."""
    if value is None:
        return None
    known = sorted(df.loc[df["is_country"], column].dropna().unique())
    if value not in known:
        raise ParameterError(f"parameter {name}={value!r} does not occur in the data; choose None "
                             "or one of " + ", ".join(repr(k) for k in known))
    return value


def fraction(name: str, value) -> float:
    """A parameter that is a number between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ParameterError(f"parameter {name}={value!r} must be a number between 0 and 1")
    return float(value)


@dataclass(frozen=True)
class Release:
    """One workbook as a notebook uses it: its rows (checked), its manifest entry (None for a
    file that is not a manifest release), and how figures and claims name it."""
    path: Path
    data: pd.DataFrame = field(repr=False)
    entry: object | None

    @property
    def label(self) -> str:
        """By role: "article's release (2023-05-30)" or "latest release (2025-04-14)"."""
        if self.entry is None:
            return f"workbook {self.path.name}"
        return f"{self.short_label} ({self.entry.published})"

    @property
    def short_label(self) -> str:
        """"article's release" or "latest release" (for a file outside the manifest, as
        :attr:`label`)."""
        if self.entry is None:
            return self.label
        return "article's release" if self.entry.era == "article" else "latest release"

    @property
    def role(self) -> str:
        """The key of the release's drawing style (:data:`tipfigs.style.ERA_STYLES`): "article"
        for the release public on the article's date, "latest" for any other (a file outside
        the manifest is drawn as a later release)."""
        return "article" if self.entry is not None and self.entry.era == "article" else "latest"

    @property
    def plain_name(self) -> str:
        """The release as a report's reader names it: "the May 2023 UNODC data release"; a
        workbook outside the manifest by its file name ("the workbook my copy.xlsx")."""
        if self.entry is None:
            return f"the workbook {self.path.name}"
        return f"the {words.date(str(self.entry.published)[:7])} UNODC data release"

    @property
    def claims_data(self):
        """What a claim names as its data: the manifest entry, or the file's name."""
        return self.entry if self.entry is not None else f"GLOTIP workbook {self.path.name}"

    @property
    def citation(self) -> str:
        return (self.entry.citation if self.entry is not None
                else f"UNODC GLOTIP country data ({self.path.name}).")

    @property
    def quality_label(self) -> str:
        """What names the release's data-quality table: the date the release became public, or
        the file's stem for a file outside the manifest."""
        return self.entry.published if self.entry is not None else self.path.stem


def releases(name: str, value) -> list[Release]:
    """Validate a list-of-workbooks parameter (one path is accepted too) and load each
    workbook, oldest release first (files outside the manifest last, in the order given)."""
    if isinstance(value, (str, os.PathLike)):
        value = [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise ParameterError(f"parameter {name}={value!r} must be a list of GLOTIP workbooks, e.g. "
                             f"[{DEFAULT_PATH!r}]")
    found = []
    for v in value:
        p = params.input_file(name, v)
        if any(r.path == p for r in found):
            raise ParameterError(f"parameter {name} names {str(v)!r} twice")
        found.append(Release(p, load(p), datafiles.verify_release(p)))
    order = {id(r): i for i, r in enumerate(found)}
    return sorted(found, key=lambda r: (r.entry is None, r.entry.published if r.entry else "",
                                        order[id(r)]))


# -- One set-up call per notebook --------------------------------------------------------------

@dataclass(frozen=True)
class Setup:
    """What a UNODC notebook works with, from :func:`setup`: the releases (each loaded and
    checked), the validated filters, the exclusion rule, the published shares (when asked for),
    the citation of each workbook read (``citations``, by release label: a file outside the
    manifest is cited as that file, never as a release), the cells each release revised since
    the one before it (``revised``, by label; None for a release with none before it), and the
    data-quality table of each release (``quality_files``, by label: a file that exists)."""

    releases: list[Release]
    region: str | None
    subregion: str | None
    first_year: int
    last_year: int
    exclusion: str
    rule: str
    min_coverage: float
    citations: dict
    flag_counts: pd.DataFrame = field(repr=False)
    published: pd.DataFrame | None = field(default=None, repr=False)
    published_citation: str = ""
    revised: dict = field(default_factory=dict, repr=False)
    earlier: dict = field(default_factory=dict)
    quality_files: dict = field(default_factory=dict)
    #: The figure's outputs (:class:`tipfigs.outputs.FigureOutputs`), where :meth:`removed`
    #: records what the rule left out.
    out: object = field(default=None, repr=False, compare=False)

    @property
    def labels(self) -> list[str]:
        """The releases' labels, oldest first."""
        return [r.label for r in self.releases]

    @property
    def area(self) -> str:
        """The subregion or region chosen, or "all countries"."""
        return self.subregion or self.region or "all countries"

    @property
    def world(self) -> bool:
        """True when no region or subregion restricts the country data."""
        return self.region is None and self.subregion is None

    @property
    def citation(self) -> str:
        """The citations of the workbooks read, oldest release first, for a source note."""
        return " ".join(self.citations[r.label] for r in self.releases)

    @property
    def data(self) -> dict:
        """What a claim names as its data (``data=``), by release label."""
        return {r.label: r.claims_data for r in self.releases}

    @property
    def filters(self) -> dict:
        """The validated filters, for display."""
        return {"area": self.area, "region": self.region, "subregion": self.subregion,
                "first_year": self.first_year, "last_year": self.last_year,
                "exclusion": self.exclusion, "rule": self.rule,
                "min_coverage": self.min_coverage}

    def rows(self, release: Release, indicator: str | None = None) -> pd.DataFrame:
        """The country rows of ``release`` in the area and years chosen (of one indicator)."""
        out = countries(release.data, self.region, self.subregion)
        out = out[out["year"].between(self.first_year, self.last_year)]
        return out if indicator is None else out[out["indicator"] == indicator]

    def leave_out(self, rows: pd.DataFrame, by=("country", "year"), exclusion: str | None = None):
        """(kept, left out) by the notebook's exclusion rule, or by ``exclusion`` (one of
        :data:`tipfigs.glotip.exclusion.RULES`): see :func:`tipfigs.glotip.exclusion.leave_out`."""
        return rules.leave_out(rows, exclusion or self.exclusion, by)

    def removed(self, release: Release, what: str, kept: pd.DataFrame,
                dropped: pd.DataFrame) -> str:
        """What the rule left out of a sum of ``what`` on ``release`` (``kept`` and ``dropped``
        from :meth:`leave_out`), as one line: the country-years, the persons (bounds) and their
        share of the persons summed without the rule. Recorded in the figure's about record
        (``out.left_out``) for the reproduction report."""
        groups = len(dropped[["country", "year"]].drop_duplicates())
        low, high = float(dropped["value_low"].sum()), float(dropped["value_high"].sum())
        base = float(kept["value_low"].sum()) + low
        percent = 100 * low / base if base else 0.0
        if self.out is not None:
            self.out.left_out(release.label, what, self.rule, groups, low, high, percent)
        return (f"{release.label}, {what}: the rule leaves out {groups} country-years, "
                f"{bounds(low, high, EN_DASH)} persons ({percent:.1f}% of the persons summed "
                "without the rule).")

    def quality_file(self, release: Release) -> str:
        """The release's data-quality table, as messages name it (a file that exists)."""
        return paths.show(self.quality_files[release.label])


def _earlier(found: list[Release], i: int) -> tuple[Path, str, str] | None:
    """What release ``i`` is compared with for revisions: (workbook, how its data-quality table
    names it, how notes name it), or None. A manifest release is compared with the manifest's
    release before it; a file outside the manifest with the workbook before it in the run."""
    r = found[i]
    if r.entry is not None:
        prev = quality.previous(r.entry)
        if prev is None:
            return None
        named = next((f.label for f in found if f.entry is not None and f.entry.key == prev.key),
                     f"release of {prev.published}")
        return prev.local, quality.named(prev.local, prev), named
    if i == 0:
        return None
    p = found[i - 1]
    return p.path, quality.named(p.path, p.entry), p.label


def _quality_file(output_dir: Path, release: Release, table: pd.DataFrame) -> Path:
    """Where the release's data-quality table is: figures/ for a manifest release whose table
    there holds exactly these flags; else it is written where the run writes its outputs."""
    data = quality.csv_bytes(table)
    name = quality.file_name(release.quality_label)
    published = paths.figures_dir() / name
    if release.entry is not None and published.is_file() and published.read_bytes() == data:
        return published
    target = output_dir / name
    if not (target.is_file() and target.read_bytes() == data):
        atomic_write(target, data)
    return target


def setup(out, glotip_workbooks, *, published_shares=None, exclusion=rules.DEFAULT, years=None,
          region=None, subregion=None, min_coverage=0.5, left_out="country-years") -> Setup:
    """Validate a UNODC notebook's parameters, load each workbook (:func:`releases`) and, when
    given, the published shares (:func:`load_published`), find each release's revisions since
    the one before it, record every file read with ``out.uses``, and print one data-quality line
    per release (its flagged cells by rule, and the table that lists them, which exists). Errors
    name the parameter.

    ``exclusion`` is the rule that decides which flagged country-years leave a sum (one of
    :data:`tipfigs.glotip.exclusion.RULES`), ``years`` [first, last] (None: every year of the
    releases), ``region``/``subregion`` a UNODC region or subregion in the data (None: all),
    ``min_coverage`` a fraction and ``left_out`` what the rule leaves out, in its name
    ("country-years", "totals")."""
    exclusion = params.choice("exclusion", exclusion, list(rules.RULES))
    found = releases("glotip_workbooks", glotip_workbooks)
    cited = {r.label: out.uses(r.path)["citation"] for r in found}
    known = pd.concat([r.data[["is_country", "region", "subregion", "year"]] for r in found])
    region = area("region", region, known, "region")
    subregion = area("subregion", subregion, known, "subregion")
    first, last = params.year_range("years", years, int(known["year"].min()),
                                    int(known["year"].max()))
    min_coverage = fraction("min_coverage", min_coverage)
    published, published_cited = None, ""
    if published_shares is not None:
        path = params.input_file("published_shares", published_shares)
        published = load_published(path)
        published_cited = out.uses(path)["citation"]
    revised, earlier, files, counts = {}, {}, {}, []
    for i, r in enumerate(found):
        e = _earlier(found, i)
        if e is not None:
            out.uses(e[0])
        table = quality.table(r.path, *(e[:2] if e else (None, "")))
        revised[r.label] = (table[table["rule"] == revisions.RULE].reset_index(drop=True)
                            if e else None)
        earlier[r.label] = e[2] if e else ""
        files[r.label] = _quality_file(out.output_dir, r, table)
        counts.append(quality.summary(table).set_index("rule")["flagged cells"].rename(r.label))
    counts = pd.concat(counts, axis=1)
    result = Setup(found, region, subregion, first, last, exclusion,
                   rules.rule_name(exclusion, left_out), min_coverage, cited,
                   counts.rename_axis(columns="flagged cells"), published, published_cited,
                   revised, earlier, files, out)
    for r in found:
        flagged = ", ".join(f"{rule} {n}" for rule, n in counts[r.label].items() if n)
        print(f"{r.label}: {counts[r.label].sum()} flagged cells ({flagged or 'none'}); every "
              f"flag is listed in {result.quality_file(r)}")
    return result
