"""Rankings of regions and the intervals that rounding allows: ranks and their ties, the
population or rate that a rounded count and rate imply, and shares of rounded values.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from tipfigs import words


def half_unit(decimals: int) -> float:
    """Half a unit of the last published digit: the rounding error of a rounded value."""
    return 0.5 * 10.0 ** (-decimals)


def implied_population(count_million, per_1000, decimals: int = 1) -> pd.DataFrame:
    """The population (million) implied by a published count (million) and rate (per 1,000),
    with the interval allowed by the rounding of both to ``decimals`` decimals."""
    c = pd.Series(count_million, dtype=float).reset_index(drop=True)
    p = pd.Series(per_1000, dtype=float).reset_index(drop=True)
    h = half_unit(decimals)
    low_rate = (p - h).where(p - h > 0)
    return pd.DataFrame({
        "implied_population_million": c / p * 1000,
        "implied_population_low": (c - h).clip(lower=0) / (p + h) * 1000,
        "implied_population_high": (c + h) / low_rate * 1000,
    })


def rate_per_1000(count_million, population, decimals: int = 1) -> pd.DataFrame:
    """The rate per 1,000 implied by a published count (million, rounded to ``decimals``)
    and a population (people), with the interval allowed by the count's rounding."""
    c = pd.Series(count_million, dtype=float).reset_index(drop=True)
    pop = pd.Series(population, dtype=float).reset_index(drop=True)
    h = half_unit(decimals)
    per = 1e6 / pop * 1000
    return pd.DataFrame({
        "per_1000": c * per,
        "per_1000_low": (c - h).clip(lower=0) * per,
        "per_1000_high": (c + h) * per,
    })


def within(value, low, high) -> pd.Series:
    """Whether each value lies in [low, high] (False where anything is missing)."""
    v = pd.Series(value, dtype=float).reset_index(drop=True)
    lo = pd.Series(low, dtype=float).reset_index(drop=True)
    hi = pd.Series(high, dtype=float).reset_index(drop=True)
    return ((v >= lo - 1e-12) & (v <= hi + 1e-12)).fillna(False).astype(bool)


def rank_groups(values: pd.Series, decimals: int | None = None) -> list[tuple[str, ...]]:
    """Labels ordered from the highest value to the lowest; labels whose values are equal
    (after rounding to ``decimals``, if given) share a group, sorted by name. Missing values
    are left out."""
    v = pd.Series(values, dtype=float).dropna()
    if decimals is not None:
        v = v.round(decimals)
    groups = []
    for val in sorted(set(v), reverse=True):
        groups.append(tuple(sorted(str(k) for k in v.index[v == val])))
    return groups


def ranks(values: pd.Series, decimals: int | None = None) -> pd.Series:
    """Rank of each label, 1 = highest; ties (after rounding) share the best rank."""
    v = pd.Series(values, dtype=float)
    if decimals is not None:
        v = v.round(decimals)
    return v.rank(ascending=False, method="min").astype("Int64")


def tie_offsets(rank: pd.Series, step: float = 0.3) -> dict:
    """Vertical offsets that draw labels sharing a rank side by side: each group of tied labels
    is spread by ``step`` around its rank, in the order of their names (0 for a label alone)."""
    off = {}
    for _, tied in rank.groupby(rank.values):
        names = sorted(tied.index)
        off.update({r: (j - (len(names) - 1) / 2) * step for j, r in enumerate(names)})
    return off


def format_ranking(groups: Iterable[Iterable[str]]) -> str:
    """'A > B = C > D' from rank groups."""
    return " > ".join(" = ".join(g) for g in groups)


def share(part: float, total: float) -> float:
    """part / total; an error when the total is not positive."""
    if not total > 0:
        raise ValueError(f"share of a total that is not positive ({total!r})")
    return float(part) / float(total)


def share_bounds(part: float, total: float, decimals: int = 1) -> tuple[float, float]:
    """The smallest and largest part / total allowed by the rounding of both to ``decimals``."""
    h = half_unit(decimals)
    return (max(part - h, 0.0) / (total + h), (part + h) / (total - h))


def tied_with(rank: pd.Series, label: str) -> list[str]:
    """The other labels that share ``label``'s rank (sorted by name)."""
    return sorted(str(k) for k in rank.index[(rank == rank[label]).fillna(False)] if k != label)


def rank_phrase(rank: pd.Series, label: str) -> str:
    """The rank of ``label`` in words, 'joint' when another label shares it: 'first',
    'joint third'. ``rank`` as given by :func:`ranks` (ties share the best rank)."""
    word = words.ordinal(rank[label])
    return f"joint {word}" if tied_with(rank, label) else word



def ranks_differ(counts: pd.Series, rates: pd.Series) -> bool:
    """Whether ranking the regions by count and by rate gives different orders (ties as
    :func:`rank_groups` gives them)."""
    return rank_groups(counts) != rank_groups(rates)
