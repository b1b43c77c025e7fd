"""Regional estimates: the GEMS 2022 values by region, rankings, and checks against the
Walk Free GSI 2023 country table (populations, sums of the country estimates).

Published values are rounded (to one decimal); every check here carries the interval
that the rounding allows, so a difference is called one only when it is larger than
the rounding can explain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from tipfigs import gsi, transcribed
from tipfigs.claims import Claims

#: Region name -> the key used in the ids of data/gems2022.csv (e.g. fl_asia_pacific_2021).
REGION_KEYS = {
    "Asia and the Pacific": "asia_pacific",
    "Europe and Central Asia": "europe_central_asia",
    "Africa": "africa",
    "Americas": "americas",
    "Arab States": "arab_states",
}


def gems_id(quantity: str, region: str, year: int = 2021) -> str:
    """The id of a regional GEMS value, e.g. ('fl_prev', 'Arab States') -> 'fl_prev_arab_states_2021'."""
    if region not in REGION_KEYS:
        raise KeyError(f"unknown region {region!r}; known: {', '.join(REGION_KEYS)}")
    return f"{quantity}_{REGION_KEYS[region]}_{year}"


def gems_value(gems: pd.DataFrame, quantity: str, region: str, year: int = 2021) -> float:
    """A regional GEMS value, or NaN when it was not transcribed (not found)."""
    id_ = gems_id(quantity, region, year)
    return transcribed.value(gems, id_) if id_ in gems.index else float("nan")


def gems_regional(gems: pd.DataFrame, count: str, rate: str,
                  regions: Sequence[str] = gsi.REGIONS, year: int = 2021) -> pd.DataFrame:
    """One row per region: the published count (million) and rate (per 1,000) of one form
    (e.g. count='fl', rate='fl_prev' for forced labour), with their citations."""
    rows = []
    for r in regions:
        rows.append({
            "region": r,
            "count_million": gems_value(gems, count, r, year),
            "per_1000": gems_value(gems, rate, r, year),
            "count_source": cite(gems, gems_id(count, r, year)),
            "rate_source": cite(gems, gems_id(rate, r, year)),
        })
    return pd.DataFrame(rows)


def cite(gems: pd.DataFrame, id_: str) -> str:
    """Citation of a transcribed value with its id (empty when it was not transcribed)."""
    return f"{transcribed.cite(gems, id_)} ({id_})" if id_ in gems.index else ""


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


#: The data label of a check made on transcribed values only (no manifest release).
TRANSCRIBED_DATA = "GEMS 2022 values transcribed in data/gems2022.csv"


def record_derived(claims: Claims, id: str, computed_value, holds: bool, source: str,
                   note: str = "", *, published_value, data: str = TRANSCRIBED_DATA):
    """A statement that follows arithmetically from transcribed values only (no public data to
    compute it from). When it holds on those values it is recorded as ``transcribed`` with the
    published values it rests on (``published_value``): it restates the report, and nothing
    independent was computed, so no computed value is stored. When it does not hold, the
    article contradicts its own source: a direct test on the transcribed values, ``differs``,
    with the value that arithmetic gives."""
    if holds:
        return claims.transcribed(id, published_value, source,
                                  note=("Holds on the transcribed report values. " + note).strip())
    claim = claims.test(id, False, computed_value, source,
                        note=("Does not hold on the transcribed report values. " + note).strip(),
                        evidence="direct", data=data)
    claim.published_value = published_value
    return claim


def gsi_vs_report(regional: pd.DataFrame, gems: pd.DataFrame, decimals: int = 1) -> pd.DataFrame:
    """Sum of the GSI country estimates by region (``gsi.regional_totals``) against the
    report's regional modern-slavery values (where transcribed): number (million, every
    estimate) and prevalence (per 1,000, over the countries with an estimate and a
    population), and whether each computed prevalence rounds to the published one. The
    country estimates are the same model as the report's: agreement holds by construction."""
    out = regional[["region", "countries_with_estimate", "countries_in_rates"]].copy()
    out["computed_million"] = regional["number_in_modern_slavery"] / 1e6
    out["report_million"] = [gems_value(gems, "ms", r) for r in regional["region"]]
    out["computed_per_1000"] = regional["prevalence_per_1000"]
    out["report_per_1000"] = [gems_value(gems, "ms_prev", r) for r in regional["region"]]
    h = half_unit(decimals)
    out["per_1000_within_rounding"] = (
        (out["computed_per_1000"] - out["report_per_1000"]).abs() <= h + 1e-9
    ).where(out["report_per_1000"].notna())
    return out.reset_index(drop=True)


def phrase(region: str) -> str:
    """The region's name as used in a sentence ('the Americas', 'Africa')."""
    return f"the {region}" if region in ("Americas", "Arab States") else region


def record_transcribed(claims: Claims, id: str, transcribed_value: float, source: str,
                       note: str = "", data: str = TRANSCRIBED_DATA):
    """A value the article takes from a report, checked against the value transcribed from
    that report (stored as the published value, never as a computed one): ``transcribed``
    when it equals the article's value (``data/article_claims.csv``), ``differs`` when it does
    not (the article, or the transcription, disagrees with the report; nothing is computed,
    so the computed value stays empty)."""
    article_value = claims.article_value(id)
    if abs(float(transcribed_value) - float(article_value)) <= 1e-9:
        return claims.transcribed(id, transcribed_value, source, note=note)
    claim = claims.test(id, False, None, source,
                        note=(f"The transcribed report value ({transcribed_value:g}) is not the "
                              f"article's ({article_value:g}). " + note).strip(),
                        evidence="direct", data=data)
    claim.published_value = float(transcribed_value)
    return claim


# -- words for computed sentences (findings, caveats) -------------------------------------
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth")


def ordinal(n: int) -> str:
    """'first', 'second', ... ('11th' beyond the tenth)."""
    n = int(n)
    if n < 1:
        raise ValueError(f"no ordinal for {n}")
    return ORDINALS[n - 1] if n <= len(ORDINALS) else f"{n}th"


def tied_with(rank: pd.Series, label: str) -> list[str]:
    """The other labels that share ``label``'s rank (sorted by name)."""
    return sorted(str(k) for k in rank.index[(rank == rank[label]).fillna(False)] if k != label)


def rank_phrase(rank: pd.Series, label: str) -> str:
    """The rank of ``label`` in words, 'joint' when another label shares it: 'first',
    'joint third'. ``rank`` as given by :func:`ranks` (ties share the best rank)."""
    word = ordinal(rank[label])
    return f"joint {word}" if tied_with(rank, label) else word


def join(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def verb(region: str, singular: str, plural: str) -> str:
    """The verb form that agrees with a region's name ('the Americas have', 'Africa has')."""
    return plural if region in ("Americas", "Arab States") else singular


def capital(text: str) -> str:
    """``text`` with its first letter in capitals (for a sentence that starts with a name)."""
    return text[:1].upper() + text[1:]


def rounding_agreement(table: pd.DataFrame, computed: str, published: str, within: str,
                       decimals: int = 1) -> str:
    """One sentence on where a computed value agrees with a published, rounded one: the regions
    where it does (``within`` is True), and those where it does not, with both values. Regions
    without a published value are named as such."""
    t = table.set_index("region")
    has = t[published].notna()
    same = [phrase(r) for r in t.index[has & t[within].fillna(False).astype(bool)]]
    differ = [f"{phrase(r)} ({t.loc[r, computed]:.{decimals + 1}f} against "
              f"{t.loc[r, published]:.{decimals}f})"
              for r in t.index[has & ~t[within].fillna(False).astype(bool)]]
    missing = [phrase(r) for r in t.index[~has]]
    parts = []
    if same:
        parts.append(f"agrees with the published value to its rounding in {join(same)}")
    if differ:
        parts.append(f"does not in {join(differ)}" if same else
                     f"differs from the published value beyond its rounding in {join(differ)}")
    sentence = "; it ".join(parts) if parts else "has no published value to compare with"
    if missing:
        sentence += f" (no published value for {join(missing)})"
    return sentence


def _named(labels: Sequence[str]) -> str:
    return join([phrase(r) for r in labels])


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
        return (f"{capital(phrase(r))} {verb(r, 'has', 'have')} {counts[r]:.1f} million {what} "
                f"({share(counts[r], world):.0%} of the world's {world:.1f} million), "
                f"{rates[r]:.1f} per 1,000 people.")
    scope = (f" of the {len(counts)} regions shown"
             if all_regions is not None and len(counts) < all_regions else "")
    first_c = sorted(str(k) for k in rc.index[rc == 1])
    first_r = sorted(str(k) for k in rr.index[rr == 1])
    each = " each" if len(first_c) > 1 else ""
    c = first_c[0]
    text = (f"{capital(_named(first_c))} {_has(first_c)} the most {what}{scope} "
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


def ranks_differ(counts: pd.Series, rates: pd.Series) -> bool:
    """Whether ranking the regions by count and by rate gives different orders (ties as
    :func:`rank_groups` gives them)."""
    return rank_groups(counts) != rank_groups(rates)
