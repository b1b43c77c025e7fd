"""Specification grids: a reading computed under every defensible analysis choice, so that a
verdict says how robust it is.

An analyst who checks a reading could reasonably choose otherwise: another window for "early"
and "late", periods weighted by their records or each alike, a minimum of records per period,
another panel of countries, another rule for faulty cells, the largest reporter left out,
censored counts at another point of their bounds, adults instead of all ages. The dimensions
of such choices are defined here once (:data:`DIMENSIONS`); each reading names the ones that
apply to it (a dimension never redefines the reading itself: the recent reading keeps its five
years, only the long run varies its window) and its default (the figure's own choice).

:func:`run` computes the reading under every combination of the options (the grid, a few dozen
at most) and returns a :class:`Result`: how many specifications hold (``k`` of ``n``), those
that cannot be computed (listed, not counted), and the *deciding choice*: the dimensions whose
change alone, from the default, flips the result. A claim recorded with its result
(``claims.test(..., specs=result)``) is graded ``reproduced`` or ``differs`` only when every
computable specification agrees; otherwise ``depends-on-choices`` (:mod:`tipfigs.claims`).
Every specification is saved with the figure (``figures/<stem>.specs.csv``) so that "k of n"
can be audited, and drawn as a specification curve in the notebook (:mod:`tipfigs.speccurve`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from tipfigs import words


@dataclass(frozen=True)
class Dimension:
    """One kind of analysis choice: its name, how a sentence names it, and its options (option
    key -> how a sentence names that choice), in the order they are tried."""

    name: str
    label: str
    options: Mapping[str, str]

    def says(self, option: str) -> str:
        """The choice in words ("the largest reporter left out")."""
        return self.options.get(option, f"{self.label} {option}")


#: Every dimension of choice a reading may vary, defined once.
DIMENSIONS: dict[str, Dimension] = {d.name: d for d in (
    Dimension("window", "the long-run window", {
        "thirds": "the first against the last third of the years",
        "fixed-cut": "the years up to 2013 against 2014 onward (the cut of the 2022 release's bins)",
        "five-years": "the first five against the last five years",
    }),
    Dimension("weighting", "the weighting", {
        "records": "each period weighted by its records",
        "periods": "each period weighted alike",
    }),
    Dimension("min_records", "the fewest records per period", {
        "100": "periods with at least 100 records",
        "1000": "periods with at least 1,000 records",
        "9000": "periods with at least 9,000 records",
    }),
    Dimension("panel", "the panel of countries", {
        "balanced-recent": "the countries reporting every year of the recent window",
        "balanced-victims": "the countries reporting convictions and victims every year of the "
                            "recent window, whatever they report of prosecutions",
        "balanced-long": "the countries reporting every year of a longer window",
        "each-year": "every country reporting in a year",
    }),
    Dimension("exclusion", "the exclusion rule", {
        "confirm-by-total": "flagged breakdowns left out unless a total confirms them",
        "strict": "every country-year with a flagged cell left out",
        "none": "no cell left out (raw sums)",
    }),
    Dimension("largest_reporter", "the largest reporter", {
        "kept": "every reporter kept",
        "left-out": "the largest reporter left out",
    }),
    Dimension("revised", "revised cells", {
        "kept": "cells revised between releases kept",
        "left-out": "country-years revised between releases left out",
    }),
    Dimension("censored", "censored counts", {
        "midpoint": "censored counts at 2",
        "low": "censored counts at 0",
        "high": "censored counts at 4",
        "least-favourable": "censored counts at the bound least favourable to the reading",
    }),
    Dimension("population", "the population", {
        "all-ages": "victims of all ages",
        "adults": "adult victims only",
    }),
)}


@dataclass(frozen=True)
class Grid:
    """The specifications of one reading: the dimensions that apply (each with the options it
    tries, by default all of the dimension's) and the default option of each."""

    dimensions: tuple[str, ...]
    default: Mapping[str, str]
    options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self):
        for d in self.dimensions:
            if d not in DIMENSIONS:
                raise ValueError(f"unknown dimension {d!r}; known: {', '.join(DIMENSIONS)}")
            if self.default.get(d) not in self.choices(d):
                raise ValueError(f"dimension {d}: default {self.default.get(d)!r} is not one of "
                                 f"{', '.join(self.choices(d))}")
        extra = set(self.default) - set(self.dimensions)
        if extra:
            raise ValueError(f"defaults for dimensions not in the grid: {', '.join(sorted(extra))}")

    def choices(self, dimension: str) -> tuple[str, ...]:
        """The options tried for ``dimension``: those given, else all of the dimension's, with
        the default among them."""
        found = tuple(self.options.get(dimension, tuple(DIMENSIONS[dimension].options)))
        default = self.default.get(dimension)
        return found if default in found or default is None else (default, *found)

    def specs(self) -> list[dict[str, str]]:
        """Every combination of the options, the default first, then in a fixed order."""
        combos = [dict(zip(self.dimensions, c, strict=True))
                  for c in itertools.product(*(self.choices(d) for d in self.dimensions))]
        default = dict(self.default)
        return [default] + [c for c in combos if c != default]


def spec_id(spec: Mapping[str, str]) -> str:
    """A short stable name of a specification: "window=thirds;weighting=records"."""
    return ";".join(f"{k}={v}" for k, v in spec.items())


@dataclass(frozen=True)
class Outcome:
    """A reading under one specification: its value, whether it holds (None: it cannot be
    computed, with ``why``)."""

    spec: Mapping[str, str]
    value: float | None
    holds: bool | None
    why: str = ""

    @property
    def computable(self) -> bool:
        return self.holds is not None


@dataclass
class Result:
    """A reading computed under every specification of its grid (see :func:`run`)."""

    reading: str
    grid: Grid
    outcomes: list[Outcome]
    threshold: float | None = None
    band: tuple[float, float] | None = None
    unit: str = ""
    data: str = ""

    @property
    def default(self) -> Outcome:
        return self.outcomes[0]

    @property
    def computed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.computable]

    @property
    def k(self) -> int:
        """How many computable specifications hold."""
        return sum(bool(o.holds) for o in self.computed)

    @property
    def n(self) -> int:
        """How many specifications could be computed (the others are listed, not counted)."""
        return len(self.computed)

    @property
    def not_computable(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.computable]

    @property
    def unanimous(self) -> bool:
        """Every computable specification gives the same answer."""
        return self.k in (0, self.n)

    @property
    def deciding(self) -> list[str]:
        """The dimensions whose change alone, from the default, flips the result (empty when
        the result is unanimous, or when no single change flips it)."""
        base = self.default
        if not base.computable:
            return []
        found = []
        for o in self.computed:
            changed = [d for d in self.grid.dimensions if o.spec[d] != base.spec[d]]
            if len(changed) == 1 and o.holds != base.holds and changed[0] not in found:
                found.append(changed[0])
        return [d for d in self.grid.dimensions if d in found]

    def depends_on(self) -> list[str]:
        """The dimensions the result depends on: its deciding choice (a change from the default
        alone flips it), else each dimension whose change alone flips it from some
        specification (a result that no single change from the default flips)."""
        dims, found = self.grid.dimensions, list(self.deciding)
        for d in [] if found else dims:
            held: dict[tuple, set] = {}
            for o in self.computed:
                held.setdefault(tuple(o.spec[x] for x in dims if x != d), set()).add(o.holds)
            found += [d] if any(len(h) > 1 for h in held.values()) else []
        return found

    def values(self) -> list[float]:
        return [float(o.value) for o in self.computed if o.value is not None]

    def words(self) -> str:
        """"holds in 12 of 36 specifications (deciding choice: the long-run window)", "holds in
        every one of the 18 specifications", "holds in none of ..."."""
        n = self.n
        if n == 0:
            return "no specification can be computed"
        head = (f"holds in every one of the {n} specifications" if self.k == n and n > 1 else
                "holds in the one specification" if self.k == n else
                f"holds in none of the {n} specifications" if self.k == 0 else
                f"holds in {self.k} of {n} specifications")
        tail = []
        if not self.unanimous:
            tail.append("deciding choice: " + (words.join(DIMENSIONS[d].label for d in self.deciding)
                                               or "no single choice"))
        if self.not_computable:
            tail.append(f"{len(self.not_computable)} more cannot be computed")
        return head + (f" ({'; '.join(tail)})" if tail else "")

    def summary(self, file: str = "") -> dict:
        """What a claim records of its specifications (the claims JSON and the report)."""
        vals = self.values()
        return {"k": self.k, "n": self.n, "not_computable": len(self.not_computable),
                "deciding": self.deciding,
                "deciding_words": [DIMENSIONS[d].label for d in self.deciding],
                "dimensions": list(self.grid.dimensions), "default": dict(self.grid.default),
                "range": [min(vals), max(vals)] if vals else None,
                "words": self.words(), "file": file}

    def frame(self) -> pd.DataFrame:
        """One row per specification: the reading, the data set, the specification's id, each
        dimension's choice, the value, whether it holds, whether it is the default."""
        rows = []
        for i, o in enumerate(self.outcomes):
            rows.append({"reading": self.reading, "data": self.data, "spec": spec_id(o.spec),
                         **{f"choice_{d}": o.spec[d] for d in self.grid.dimensions},
                         "value": o.value, "holds": o.holds, "computable": o.computable,
                         "default": i == 0, "why_not_computable": o.why})
        return pd.DataFrame(rows)


def run(reading: str, grid: Grid, compute: Callable[[dict], float | None],
        holds: Callable[[float], bool], *, threshold: float | None = None,
        band: tuple[float, float] | None = None, unit: str = "", data: str = "") -> Result:
    """The reading under every specification of ``grid``: ``compute(spec)`` gives its value
    (None, NaN, or a :class:`NotComputable` raised, when the specification cannot be computed:
    too few records, no such reporter), ``holds(value)`` whether the reading holds at that
    value. ``threshold`` (or ``band``, for a number compared within a tolerance) is drawn on the
    specification curve. The default specification is computed first."""
    outcomes = []
    for spec in grid.specs():
        try:
            value = compute(dict(spec))
            why = "" if value is not None and not _nan(value) else "no value"
        except NotComputable as e:
            value, why = None, str(e)
        if why:
            outcomes.append(Outcome(spec, None, None, why))
        else:
            outcomes.append(Outcome(spec, float(value), bool(holds(float(value)))))
    return Result(reading, grid, outcomes, threshold, band, unit, data)


class NotComputable(Exception):
    """Raised by a computation when a specification cannot be computed; the message says why."""


def _nan(v) -> bool:
    try:
        return math.isnan(float(v))
    except (TypeError, ValueError):
        return False


def frame(results: Iterable[Result]) -> pd.DataFrame:
    """Every specification of ``results`` in one table (the figure's ``.specs.csv``); the choice
    columns of dimensions a reading does not vary are empty."""
    parts = [r.frame() for r in results]
    if not parts:
        return pd.DataFrame()
    out = pd.concat(parts, ignore_index=True)
    choice_cols = [f"choice_{d}" for d in DIMENSIONS if f"choice_{d}" in out.columns]
    lead = ["reading", "data", "spec"]
    tail = ["value", "holds", "computable", "default", "why_not_computable"]
    out[choice_cols] = out[choice_cols].fillna("")
    return out[lead + choice_cols + tail]


def largest(values: pd.Series) -> tuple[str, float]:
    """The label with the largest value and its share of the total (0 when the total is 0)."""
    v = pd.Series(values, dtype=float).fillna(0)
    if v.empty:
        return "", 0.0
    top = v.sort_values(ascending=False, kind="mergesort")
    total = float(v.sum())
    return str(top.index[0]), (float(top.iloc[0]) / total if total > 0 else 0.0)


#: A reporter that gives more than this share of a summed quantity dominates the sum.
DOMINANT_SHARE = 0.25


def dominant(values: pd.Series, share: float = DOMINANT_SHARE) -> tuple[str, float] | None:
    """(the reporter, its share) when one reporter gives more than ``share`` of the sum of
    ``values`` (reporter -> amount), else None."""
    who, s = largest(values)
    return (who, s) if who and s > share else None
