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


# -- the publication figure ----------------------------------------------------------------------
def _rank_text(rank: pd.Series, label: str) -> str:
    """A rank as a label: "1", or "3=" when another region shares it."""
    return f"{rank[label]}=" if tied_with(rank, label) else f"{rank[label]}"


def positions(values: pd.Series) -> dict:
    """Each region's row (1 = top) in the order of ``values``, highest first; regions with equal
    values take consecutive rows in the order of their names (their rank stays shared)."""
    order = sorted(values.index, key=lambda r: (-float(values[r]), str(r)))
    return {r: i + 1 for i, r in enumerate(order)}


def draw(fig, v, counts: pd.Series, rates: pd.Series, colors) -> None:
    """The publication figure: one line per region from its rank by number (left) to its rank
    per 1,000 people (right). Each end carries the rank (= when shared), the region's name and
    its value with its unit; no axis, the rows are the ranks."""
    from tipfigs import style

    ax = fig.subplots()
    rc, rr = ranks(counts), ranks(rates)
    yc, yr = positions(counts), positions(rates)
    ink, size = style.GREYS["ink"], v.pt(8)
    for r in counts.index:
        ax.plot([0, 1], [yc[r], yr[r]], color=colors[r], lw=v.pt(2.2), marker="o",
                ms=v.pt(6.5), solid_capstyle="round", zorder=2)
        for x, y, side, rank, text in (
                (0, yc[r], -1, _rank_text(rc, r), f"{r}  {counts[r]:.1f} million"),
                (1, yr[r], 1, _rank_text(rr, r), f"{r}  {rates[r]:.1f} per 1,000")):
            ha = "right" if side < 0 else "left"
            ax.annotate(rank, (x, y), xytext=(side * v.pt(7), 0), textcoords="offset points",
                        ha=ha, va="center", fontsize=size, color=ink, fontweight="bold")
            ax.annotate(text, (x, y), xytext=(side * v.pt(24), 0), textcoords="offset points",
                        ha=ha, va="center", fontsize=size, color=ink)
    n = len(counts)
    ax.set_xlim(-0.04, 1.04)
    ax.set_ylim(n + 0.5, 0.5)
    ax.set_xticks([0, 1], ["Rank by number of people", "Rank per 1,000 people"])
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", length=0, labelsize=size)
    for t, ha in zip(ax.get_xticklabels(), ("right", "left"), strict=True):  # over each column
        t.set_fontweight("bold")
        t.set_horizontalalignment(ha)
    ax.set_yticks([])
    ax.grid(False)
    ax.spines[:].set_visible(False)


def alt(counts: pd.Series, rates: pd.Series) -> str:
    """The text alternative: one sentence of at most 30 words with the finding and its numbers."""
    rc, rr = ranks(counts), ranks(rates)
    if len(counts) == 1:
        r = counts.index[0]
        return (f"{words.capital(phrase(r))} {verb(r, 'has', 'have')} {counts[r]:.1f} million people "
                f"in forced labour, {rates[r]:.1f} per 1,000 people.")
    first_c = sorted(str(k) for k in rc.index[rc == 1])
    first_r = sorted(str(k) for k in rr.index[rr == 1])
    c, r = first_c[0], first_r[0]
    most = f"{words.capital(_named(first_c))} {_has(first_c)} the most people in forced labour"
    if set(first_c) == set(first_r):
        return f"{most} ({counts[c]:.1f} million) and the highest rate ({rates[c]:.1f} per 1,000)."
    rank = (f" but {verb(c, 'ranks', 'rank')} {rank_phrase(rr, c)} by rate"
            if len(first_c) == 1 else "")
    ranks_first = verb(first_r[0], "ranks", "rank") if len(first_r) == 1 else "rank joint"
    first = f"; {_named(first_r)} {ranks_first} first"
    text = f"{most} ({counts[c]:.1f} million){rank}{first}, {rates[r]:.1f} per 1,000 people."
    return text if len(text.split()) <= 30 else f"{most}{rank}{first} by rate."


def subtitle(counts: pd.Series, world: float, all_regions: int) -> str:
    """What is drawn, in plain words: the regions shown, the year, the units."""
    n = len(counts)
    shown = (f"the {words.number_word(n)} regions" if n == all_regions else
             f"the {words.number_word(n)} regions shown" if n > 1 else "the region shown")
    return (
        "People in forced labour on any given day in 2021, by region of the global estimates, as "
        f"published (rounded to one decimal; {shown} {'hold' if n > 1 else 'holds'} "
        f"{counts.sum():.1f} of the world’s {world:.1f} million).\nLeft: ranked by the number of "
        "people; right: by the number per 1,000 people. Regions with equal values share a rank (=).")


def description(counts: pd.Series, rates: pd.Series) -> str:
    """The long description: what is drawn, with every value."""
    rc, rr = ranks(counts), ranks(rates)
    by_count = sorted(counts.index, key=lambda r: (rc[r], r))
    by_rate = sorted(rates.index, key=lambda r: (rr[r], r))
    return ("A slope chart of the regions of the global estimates, 2021. On the left the regions "
            "are ranked by the number of people in forced labour: "
            + words.join(f"{phrase(r)} ({counts[r]:.1f} million)" for r in by_count)
            + ". On the right they are ranked by people in forced labour per 1,000 people: "
            + words.join(f"{phrase(r)} ({rates[r]:.1f})" for r in by_rate)
            + ". A line in the region’s colour joins its two ranks; regions with equal values "
            "share a rank.")
