"""What the CTDC figures vary in their specification grids (:mod:`tipfigs.specs`), and how a
figure says in words what a reading depends on.

- **The largest reporter**: the country of exploitation with the most records in a reading's
  denominator over the selection (a general rule: the country is found in the data, never
  named). Left out, the reading is computed on the other records, those without a country
  included. A release that records no country (the 2022 release) cannot leave it out: that
  specification is listed, not counted.
- **The population**: victims of all ages, or adults only (age group at registration).
- **The dominant reporter** of a window of records: a country that gives more than a quarter of
  the records with a country recorded (:func:`tipfigs.specs.dominant`).

The sentence helpers (:func:`flips`, :func:`option_words`, :func:`clause`) turn a
:class:`~tipfigs.specs.Result` into words: what holds under every specification, or the range
and the choices that flip it, so that no headline or finding states more than the grid allows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from tipfigs import specs, words
from tipfigs.ctdc.schema import releases_with

#: Why a release without countries cannot leave out its largest reporter.
NO_COUNTRY = "the release records no country of exploitation (regions only)"


def largest_reporter(df: pd.DataFrame, denominator: pd.Series | None = None) -> str | None:
    """The country of exploitation (ISO3) with the most records of ``df`` (those where
    ``denominator`` is True, when given: the records a reading divides by); ties go to the
    first code in alphabetical order. None when no such record has a country."""
    countries = df["country"] if denominator is None else df.loc[denominator, "country"]
    counts = countries.dropna().value_counts().sort_index()
    who, _ = specs.largest(counts)
    return who or None


def reporter_choice(df: pd.DataFrame, option: str, reporter: str | None,
                    release: str) -> pd.DataFrame:
    """The records of ``df`` under a choice of the ``largest_reporter`` dimension: all of them
    ("kept"), or those not exploited in ``reporter`` ("left-out"; records without a country
    stay). Raises :class:`tipfigs.specs.NotComputable` when the release records no country or
    the selection has no reporter to leave out."""
    if option == "kept":
        return df
    if option != "left-out":
        raise ValueError(f"largest_reporter: unknown option {option!r}")
    if release not in releases_with("country"):
        raise specs.NotComputable(NO_COUNTRY)
    if reporter is None:
        raise specs.NotComputable("no record in the selection has a country of exploitation")
    return df[df["country"].ne(reporter)]


def population_choice(df: pd.DataFrame, option: str) -> pd.DataFrame:
    """The records of ``df`` under a choice of the ``population`` dimension: victims of all
    ages, or adults only (age group at registration "Adult")."""
    if option == "all-ages":
        return df
    if option == "adults":
        return df[df["age_group"].eq("Adult")]
    raise ValueError(f"population: unknown option {option!r}")


def dominant_reporter(df: pd.DataFrame) -> dict:
    """Who gives most of the records of ``df`` (rows: records) with a country recorded: the
    country, its records, its share of those with a country and of all, and whether it
    dominates them (over :data:`tipfigs.specs.DOMINANT_SHARE`)."""
    counts = df["country"].dropna().value_counts().sort_index()
    who, share = specs.largest(counts)
    n = int(counts.get(who, 0)) if who else 0
    return {"records": len(df), "with_country": int(counts.sum()), "largest": who or None,
            "largest_records": n, "share_of_recorded": share,
            "share_of_all": n / len(df) if len(df) else 0.0,
            "dominant": specs.dominant(counts) is not None}


def option_words(dimension: str, option: str) -> str:
    """How a sentence names a choice ("the largest reporter left out"); a run's own fewest
    records that the dimension does not list reads "periods with at least 250 records"."""
    dim = specs.DIMENSIONS[dimension]
    if option not in dim.options and dimension == "min_records" and option.isdigit():
        return f"periods with at least {int(option):,} records"
    return dim.says(option)


def flips(result: specs.Result) -> list[specs.Outcome]:
    """The computable specifications that differ from the default in one choice and flip the
    result, in the order of the grid's dimensions and of their options."""
    base = result.default
    if not base.computable:
        return []
    dims = result.grid.dimensions
    found = [o for o in result.computed
             if sum(o.spec[d] != base.spec[d] for d in dims) == 1 and o.holds != base.holds]

    def place(o):
        d = changed(result, o)
        return dims.index(d), result.grid.choices(d).index(o.spec[d])
    return sorted(found, key=place)


def changed(result: specs.Result, outcome: specs.Outcome) -> str:
    """The one dimension in which ``outcome`` differs from the default (or "")."""
    return next((d for d in result.grid.dimensions
                 if outcome.spec[d] != result.default.spec[d]), "")


def with_choice(result: specs.Result, dimension: str, option: str) -> specs.Outcome | None:
    """The outcome of the default specification with one choice changed (None if absent)."""
    want = {**result.default.spec, dimension: option}
    return next((o for o in result.outcomes if dict(o.spec) == want), None)


def value_range(result: specs.Result, fmt: Callable[[float], str]) -> str:
    """The range of the computable values: "−9.6 to +33.7" (one value: that value)."""
    vals = result.values()
    if not vals:
        return ""
    lo, hi = fmt(min(vals)), fmt(max(vals))
    return lo if lo == hi else f"{lo} to {hi}"


def clause(result: specs.Result, yes: str, no: str, fmt: Callable[[float], str],
           unit: str = "specifications") -> str:
    """What a reading's grid says, in words: "a rise in every one of the 8 specifications
    (+0.7 to +1.1)", or "a rise in 22 of 28 specifications (−9.6 to +33.7), but a fall with
    the years up to 2013 against 2014 onward (−0.9) or with periods with at least 9,000
    records (−8.6)"; ``yes``/``no`` name the reading holding or not, as the default finds it.
    ``unit`` names the specifications for a figure's reader ("ways of counting tried")."""
    n, k = result.n, result.k
    if n == 0:
        return "not computable"
    said = yes if result.default.holds else no
    other = no if result.default.holds else yes
    agree = k if result.default.holds else n - k
    rng = value_range(result, fmt)
    if agree == n:
        one = unit.replace("ways", "way").replace("specifications", "specification")
        where = (f"in the one {one}" if n == 1 else
                 f"in every one of the {n} {unit}" if said == yes else
                 f"in any of the {n} {unit}")
        return f"{said} {where} ({rng})"
    of = f"{agree} of {n}" if unit == "specifications" else f"{agree} of the {n}"
    head = f"{said} in {of} {unit} ({rng})"
    found = flips(result)
    if not found:
        return f"{head}, though no single choice changes it"
    alts = [f"{_plain(option_words(changed(result, o), o.spec[changed(result, o)]))} "
            f"({fmt(o.value)})" for o in found]
    return f"{head}, but {other} with " + " or with ".join(alts)


def _plain(text: str) -> str:
    """A choice's words without their closing remark in brackets (a value follows in them)."""
    return re.sub(r" \([^()]*\)$", "", text)


def deciding_words(results: list[specs.Result]) -> str:
    """The deciding choices of ``results`` that depend on choices, in words: those that decide
    every one of them, else any ("the long-run window and the fewest records per period")."""
    split = [r for r in results if not r.unanimous and r.n]
    if not split:
        return ""
    every = [d for d in specs.DIMENSIONS if all(d in r.deciding for r in split)]
    found = every or [d for d in specs.DIMENSIONS if any(d in r.deciding for r in split)]
    return words.join(specs.DIMENSIONS[d].label for d in found) or "no single choice"


def table(results, fmt: Callable[[float], str] = lambda v: words.number(v, 1)) -> pd.DataFrame:
    """One row per reading and data set of ``results`` (:class:`~tipfigs.specs.Result`): how
    many specifications hold, how many cannot be computed (listed, not counted), the deciding
    choice, the default's value and the range of the values."""
    rows = []
    for r in results:
        deciding = words.join(specs.DIMENSIONS[d].label for d in r.deciding)
        rows.append({"reading": r.reading, "data": r.data, "holds in": f"{r.k} of {r.n}",
                     "not computable": len(r.not_computable),
                     "deciding choice": deciding or ("none (unanimous)" if r.unanimous
                                                     else "no single choice"),
                     "default": fmt(r.default.value) if r.default.computable else "n/a",
                     "range": value_range(r, fmt) or "n/a"})
    return pd.DataFrame(rows)
