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


def record_derived(claims: Claims, id: str, statement: str, article_value, computed_value,
                   holds: bool, unit: str, source: str, note: str = "", *, published_value,
                   data: str = TRANSCRIBED_DATA):
    """A statement that follows arithmetically from transcribed values only (no public data to
    compute it from). When it holds on those values it is recorded as ``transcribed`` with the
    published values it rests on (``published_value``): it restates the report, and nothing
    independent was computed, so no computed value is stored. When it does not hold, the
    article contradicts its own source: a direct test on the transcribed values, ``differs``,
    with the value that arithmetic gives."""
    if holds:
        return claims.transcribed(id, statement, article_value, published_value, unit, source,
                                  note=("Holds on the transcribed report values. " + note).strip())
    claim = claims.test(id, statement, article_value, False, computed_value, source, unit=unit,
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


def record_transcribed(claims: Claims, id: str, statement: str, article_value: float,
                       transcribed_value: float, unit: str, source: str, note: str = "",
                       data: str = TRANSCRIBED_DATA):
    """A value the article takes from a report, checked against the value transcribed from
    that report (stored as the published value, never as a computed one): ``transcribed``
    when they are equal, ``differs`` when they are not (the article, or the transcription,
    disagrees with the report; nothing is computed, so the computed value stays empty)."""
    same = abs(float(transcribed_value) - float(article_value)) <= 1e-9
    if same:
        return claims.transcribed(id, statement, article_value, transcribed_value, unit, source,
                                  note=note)
    claim = claims.test(id, statement, article_value, False, None, source, unit=unit,
                        note=(f"The transcribed report value ({transcribed_value:g}) is not the "
                              f"article's ({article_value:g}). " + note).strip(),
                        evidence="direct", data=data)
    claim.published_value = float(transcribed_value)
    return claim
