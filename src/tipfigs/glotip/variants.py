"""The sums of women, girls, men and boys under the data choices of a specification grid.

A reading of a UNODC figure (a share in a year, a trend over years) rests on sums over the
reporting countries. Three choices change which country-years enter those sums: the exclusion
rule (:mod:`tipfigs.glotip.exclusion`), whether the country-years a release revised since the
one before it are kept (:mod:`tipfigs.glotip.revisions`), and whether the largest reporter is
kept. :func:`variants` computes the sums once for each exclusion rule and revision choice, as a
:class:`CountrySums`: the sums by key (a year, a form of exploitation) and group, country by
country, so that any reading can leave its own largest reporter out at no extra cost, and place
censored counts where a specification says (:data:`CENSORED`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tipfigs import specs
from tipfigs.glotip import exclusion, revisions
from tipfigs.glotip.schema import GROUPS
from tipfigs.glotip.sums import sex_age

#: Where a specification puts censored counts, for the share of some groups among all four:
#: at the middle of their bounds, all at 0, all at their upper bound, or at the bound least
#: favourable to the groups (theirs at 0, the others' at their upper bound).
CENSORED = ("midpoint", "low", "high", "least-favourable")
#: Why the revised country-years cannot be left out of the first release.
NO_EARLIER = "no earlier release to compare with"


@dataclass
class CountrySums:
    """Victims of known sex and age by country, key (a year, a form of exploitation) and group:
    ``low`` and ``high`` (the bounds of censored counts; arrays of country x key x group, in
    the order of ``countries``, ``keys`` and :data:`~tipfigs.glotip.schema.GROUPS`) and
    ``counted`` (uncensored cells, country x key). ``removed`` is the per cent of the victims
    (lower bounds) that the choices removed from the rows given."""

    key: str
    countries: list
    keys: list
    low: np.ndarray
    high: np.ndarray
    counted: np.ndarray
    removed: float = 0.0
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, rows: pd.DataFrame, key: str, removed: float = 0.0) -> CountrySums:
        """From the rows a sum takes (women, girls, men and boys, as
        :func:`tipfigs.glotip.sums.sex_age` gives them)."""
        x = rows if "group" in rows else sex_age(rows)
        c, countries = pd.factorize(x["country"], sort=True)
        k, keys = pd.factorize(x[key], sort=True)
        g = x["group"].map({name: i for i, name in enumerate(GROUPS)}).to_numpy(dtype=int)
        shape = (len(countries), len(keys), len(GROUPS))
        low, high, counted = np.zeros(shape), np.zeros(shape), np.zeros(shape[:2])
        np.add.at(low, (c, k, g), x["value_low"].to_numpy(float))
        np.add.at(high, (c, k, g), x["value_high"].to_numpy(float))
        np.add.at(counted, (c, k), ~x["censored"].to_numpy(dtype=bool))
        return cls(key, list(countries), list(keys), low, high, counted, removed)

    def _keys(self, keys) -> np.ndarray:
        """Positions of ``keys`` (-1 for a key not summed); all keys when None."""
        if keys is None:
            return np.arange(len(self.keys))
        where = self._cache.setdefault("where", {k: i for i, k in enumerate(self.keys)})
        return np.array([where.get(k, -1) for k in keys], dtype=int)

    def totals(self, drop: str | None = None):
        """(keys, low, high, counted) summed over the countries, without country ``drop``:
        the keys in order, and arrays of one row per key (low and high: one column per group)."""
        if ("totals", drop) not in self._cache:
            keep = np.array([c != drop for c in self.countries], dtype=bool)
            self._cache["totals", drop] = (self.keys, self.low[keep].sum(axis=0),
                                           self.high[keep].sum(axis=0),
                                           self.counted[keep].sum(axis=0))
        return self._cache["totals", drop]

    def total_low(self, keys=None) -> float:
        """The victims summed (censored counts at 0) over ``keys`` (all keys when None)."""
        at = self._keys(keys)
        return float(self.low[:, at[at >= 0]].sum())

    def victims(self, keys=None) -> pd.Series:
        """Victims of known sex and age per country (censored counts at 2), over ``keys``."""
        at = self._keys(keys)
        at = at[at >= 0]
        mid = (self.low[:, at] + self.high[:, at]).sum(axis=(1, 2)) / 2
        return pd.Series(mid, index=pd.Index(self.countries, name="country"))

    def largest(self, keys=None) -> tuple[str, float]:
        """The country with most victims over ``keys``, and its share of them (0 to 1)."""
        k = None if keys is None else tuple(keys)
        if ("largest", k) not in self._cache:
            self._cache["largest", k] = specs.largest(self.victims(keys))
        return self._cache["largest", k]

    def dominant(self, keys=None) -> tuple[str, float] | None:
        """A country that gives more than a quarter of the victims over ``keys``
        (:func:`tipfigs.specs.dominant`), else None."""
        return specs.dominant(self.victims(keys))

    def shares(self, groups, censored: str = "midpoint", drop: str | None = None,
               keys=None) -> pd.Series:
        """The share (per cent) of ``groups`` among the victims of known sex and age, by key,
        censored counts placed as ``censored`` says (:data:`CENSORED`), without country
        ``drop``; empty (NaN) where every count summed is censored or nothing is summed."""
        keys = self.keys if keys is None else list(keys)
        return pd.Series(self.share_at(groups, censored, drop, keys),
                         index=pd.Index(keys, name=self.key))

    def share_at(self, groups, censored: str, drop: str | None, keys) -> np.ndarray:
        """:meth:`shares` at ``keys``, as an array (NaN for a key not summed): the fast path
        that the specification grids take, once per reading and specification."""
        _, low, high, counted = self.totals(drop)
        rows = self._keys(keys)
        if not len(self.keys):
            return np.full(len(rows), np.nan)
        inside = np.array([g in groups for g in GROUPS])
        pick = np.clip(rows, 0, None)
        lo, hi, n = low[pick], high[pick], counted[pick]
        a_lo, a_hi = lo[:, inside].sum(axis=1), hi[:, inside].sum(axis=1)
        b_lo, b_hi = lo[:, ~inside].sum(axis=1), hi[:, ~inside].sum(axis=1)
        a, b = {"midpoint": ((a_lo + a_hi) / 2, (b_lo + b_hi) / 2), "low": (a_lo, b_lo),
                "high": (a_hi, b_hi), "least-favourable": (a_lo, b_hi)}[censored]
        total = a + b
        ok = (rows >= 0) & (total > 0) & (n > 0)
        return np.where(ok, 100 * a / np.where(ok, total, 1), np.nan)


def variants(rows: pd.DataFrame, key: str, revised: pd.DataFrame | None,
             rules=tuple(exclusion.RULES)) -> dict:
    """The sums of ``rows`` (the rows a sum takes) by ``key`` under each exclusion rule and each
    revision choice: {(rule, "kept" | "left-out"): :class:`CountrySums`}. ``revised`` is the
    release's revised cells (:attr:`tipfigs.glotip.releases.Setup.revised`), None when the
    release has none before it: its "left-out" entries are then the reason (a string)."""
    x = rows if "group" in rows else sex_age(rows)
    base = x["value_low"].sum()
    gone = None if revised is None else revisions.leave_out(x, revised)[1]
    out = {}
    for rule in rules:
        kept, _ = exclusion.leave_out(x, rule)
        for choice in ("kept", "left-out"):
            if choice == "left-out":
                if gone is None:
                    out[rule, choice] = NO_EARLIER
                    continue
                kept = kept[~kept.index.isin(gone.index)]
            removed = 100 * (1 - kept["value_low"].sum() / base) if base else 0.0
            out[rule, choice] = CountrySums.of(kept, key, removed)
    return out
