"""Figure 2's own sentences: the regions compared by the number of people in forced labour and
by the rate per 1,000 people."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from tipfigs import words
from tipfigs.gsi import region_phrase as phrase
from tipfigs.rankings import rank_phrase, ranks, share, tied_with


def verb(region: str, singular: str, plural: str) -> str:
    """The verb form that agrees with a region's name ('the Americas have', 'Africa has')."""
    return plural if region in ("Americas", "Arab States") else singular



def _named(labels: Sequence[str]) -> str:
    return words.join([phrase(r) for r in labels])


def _has(labels: Sequence[str]) -> str:
    return "have" if len(labels) > 1 else verb(labels[0], "has", "have")


def ranking_finding(counts: pd.Series, rates: pd.Series, world: float, what: str,
                    all_regions: int | None = None) -> str:
    """One sentence comparing the regions by count (million people) and by rate (per 1,000):
    the region(s) with the most people, where they rank by rate, and the region(s) with the
    highest rate, where they rank by count. Ranks as :func:`ranks` gives them (ties share the
    best rank and are called 'joint'). ``world`` is the world total (million) that the shares
    are of; ``all_regions``, the number of regions there are (the sentence says 'of the regions
    shown' when fewer are given)."""
    counts, rates = pd.Series(counts, dtype=float), pd.Series(rates, dtype=float)
    rc, rr = ranks(counts), ranks(rates)
    if len(counts) == 1:
        r = counts.index[0]
        return (f"{words.capital(phrase(r))} {verb(r, 'has', 'have')} {counts[r]:.1f} million {what} "
                f"({share(counts[r], world):.0%} of the world's {world:.1f} million), "
                f"{rates[r]:.1f} per 1,000 people.")
    scope = (f" of the {len(counts)} regions shown"
             if all_regions is not None and len(counts) < all_regions else "")
    first_c = sorted(str(k) for k in rc.index[rc == 1])
    first_r = sorted(str(k) for k in rr.index[rr == 1])
    each = " each" if len(first_c) > 1 else ""
    c = first_c[0]
    text = (f"{words.capital(_named(first_c))} {_has(first_c)} the most {what}{scope} "
            f"({counts[c]:.1f} million{each}, {share(counts[c], world):.0%} of the world's "
            f"{world:.1f} million{each})")
    if set(first_c) == set(first_r):
        return text + f" and the highest rate too ({rates[c]:.1f} per 1,000 people{each})."
    if len(first_c) == 1:
        tied = tied_with(rr, c)
        text += (f" but {verb(c, 'ranks', 'rank')} {rank_phrase(rr, c)} per 1,000 people ({rates[c]:.1f}"
                 + (f", with {_named(tied)}" if tied else "") + ")")
    r = first_r[0]
    if len(first_r) == 1:
        return text + (f"; {_named(first_r)}, {rank_phrase(rc, r)} by number "
                       f"({counts[r]:.1f} million), {_has(first_r)} the highest rate "
                       f"({rates[r]:.1f} per 1,000 people).")
    return text + (f"; {_named(first_r)} {_has(first_r)} the highest rate "
                   f"({rates[r]:.1f} per 1,000 people each).")
