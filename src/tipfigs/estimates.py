"""The regional values of the ILO, Walk Free and IOM Global Estimates of Modern Slavery 2022
(GEMS), transcribed in data/gems2022.csv: looked up by quantity and region, cited, recorded as
claims, and set beside the sums of the Walk Free GSI 2023 country table.

Published values are rounded (to one decimal); a check carries the interval that the rounding
allows (:mod:`tipfigs.rankings`), so a difference is called one only when it is larger than the
rounding can explain.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from tipfigs import gsi, transcribed, words
from tipfigs.claims import Claims
from tipfigs.rankings import half_unit

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



def rounding_agreement(table: pd.DataFrame, computed: str, published: str, within: str,
                       decimals: int = 1) -> str:
    """One sentence on where a computed value agrees with a published, rounded one: the regions
    where it does (``within`` is True), and those where it does not, with both values. Regions
    without a published value are named as such."""
    t = table.set_index("region")
    has = t[published].notna()
    same = [gsi.region_phrase(r) for r in t.index[has & t[within].fillna(False).astype(bool)]]
    differ = [f"{gsi.region_phrase(r)} ({t.loc[r, computed]:.{decimals + 1}f} against "
              f"{t.loc[r, published]:.{decimals}f})"
              for r in t.index[has & ~t[within].fillna(False).astype(bool)]]
    missing = [gsi.region_phrase(r) for r in t.index[~has]]
    parts = []
    if same:
        parts.append(f"agrees with the published value to its rounding in {words.join(same)}")
    if differ:
        parts.append(f"does not in {words.join(differ)}" if same else
                     f"differs from the published value beyond its rounding in {words.join(differ)}")
    sentence = "; it ".join(parts) if parts else "has no published value to compare with"
    if missing:
        sentence += f" (no published value for {words.join(missing)})"
    return sentence
