"""Figure 7's own analysis: how much of the detected victims the shares by sex and age cover,
the check of the shares UNODC published against the article's readings, every reading under
the specifications of its grid (:func:`evaluate`), the headline and finding that follow from
them, the lines the publication figure draws (:func:`beside`, :func:`series`,
:func:`draw_lines`, :func:`line_table`), and the check figure's bars by form (:func:`draw_forms`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tipfigs import specs, transcribed, words
from tipfigs.errors import SchemaError


def unknown_sex_age(totals: pd.DataFrame, kept: pd.DataFrame, by=("year",)) -> pd.DataFrame:
    """How much of the detected victims the shares by sex and age cover, in each group of ``by``.

    ``totals`` are the country totals of detected victims (as :func:`tipfigs.glotip.sums.totals`,
    or rows with value_low/value_high, country and the ``by`` columns), ``kept`` the rows of
    women, girls, men and boys that the shares sum (:func:`tipfigs.glotip.sums.sex_age`, after
    the rule). Values at the middle of their bounds. Per country-year in the shares, the victims
    of unknown (or other) sex or age are its total minus its four cells, never below 0, and its
    detected victims the larger of the two (a total a little below its parts is not a negative
    unknown). Columns: ``countries`` (in the shares), ``known`` (their victims of known sex and
    age), ``victims`` (their detected victims), ``unknown_share`` (per cent of ``victims``),
    ``reporting`` (countries with a total) and ``not_in_shares`` (countries with a total that
    are not in the shares: no breakdown by sex and age, or left out by the rule)."""
    by = list(by)
    key = by + ["country"]
    mid = lambda d: (d["value_low"] + d["value_high"]) / 2  # noqa: E731
    k = kept.assign(mid=mid(kept)).groupby(key)["mid"].sum().rename("known")
    t = totals.assign(mid=mid(totals)).groupby(key)["mid"].sum().rename("total")
    cy = pd.concat([k, t.reindex(k.index)], axis=1)
    cy["total"] = cy["total"].fillna(cy["known"])
    cy["victims"] = cy[["known", "total"]].max(axis=1)
    cy["unknown"] = (cy["total"] - cy["known"]).clip(lower=0)
    out = cy.groupby(by).agg(countries=("known", "size"), known=("known", "sum"),
                             victims=("victims", "sum"), unknown=("unknown", "sum"))
    out["unknown_share"] = 100 * out["unknown"] / out["victims"].where(out["victims"] > 0)
    reporting = t.reset_index().groupby(by)["country"].nunique()
    out["reporting"] = reporting.reindex(out.index).fillna(0).astype(int)
    in_shares = set(k.index)
    missing = [i for i in t.index if i not in in_shares]
    extra = (pd.Series(1, index=pd.MultiIndex.from_tuples(missing, names=key))
             .groupby(by).size() if missing else pd.Series(dtype=int))
    out["not_in_shares"] = extra.reindex(out.index).fillna(0).astype(int)
    return out.drop(columns="unknown").reset_index()


def cite_published(df: pd.DataFrame, id_: str) -> str:
    """Where a published share was checked (see :func:`tipfigs.transcribed.cite`)."""
    return transcribed.cite(df, id_)


def published_claim_id(group: str, year: int) -> str:
    """The claim id of a published share: "published-women-and-girls-2022"."""
    return f"published-{group.lower().replace(' ', '-')}-{int(year)}"


def published_claims(published: pd.DataFrame, claims) -> dict:
    """For each published share (row id of :func:`tipfigs.glotip.published.load_published`),
    the id of the claim that checks it in data/article_claims.csv, or None when that file has
    no reading for it (the share is then drawn but not checked). The article's value there and
    the transcribed value are the same number transcribed twice: a SchemaError names both files
    where they differ."""
    out = {}
    for id_, p in published.iterrows():
        cid = published_claim_id(p["group"], p["year"])
        try:
            article = claims.article_value(cid)
        except ValueError:
            out[id_] = None
            continue
        if not isinstance(article, (int, float)) or abs(float(article) - float(p["value"])) > 1e-9:
            raise SchemaError(f"the published share {id_!r} is {p['value']:g} in the published "
                              f"shares file but {article!r} in data/article_claims.csv (claim "
                              f"{cid}): correct one of them")
        out[id_] = cid
    return out


# -- The readings under every specification ---------------------------------------------------

#: The dimensions of choice of every reading fig07 checks (see :mod:`tipfigs.specs`).
DIMENSIONS = ("exclusion", "censored", "largest_reporter", "revised")
WOMEN_GIRLS, MEN_BOYS = ("Women", "Girls"), ("Men", "Boys")


@dataclass(frozen=True)
class Reading:
    """A reading fig07 computes: the share of ``groups`` in the sums of ``table`` ("year": the
    shares by year, "form": by form of exploitation) at ``keys``, turned into one value by
    ``measure`` (an array of the shares at ``keys`` -> a number, NaN when it cannot be
    computed), and whether it ``holds`` there. ``censored`` is the reading's own default."""

    id: str
    table: str
    groups: tuple[str, ...]
    keys: tuple
    measure: Callable[[np.ndarray], float]
    holds: Callable[[float], bool]
    censored: str = "midpoint"
    threshold: float | None = None
    band: tuple[float, float] | None = None
    unit: str = ""


def _first(a: np.ndarray) -> float:
    return float(a[0])


def _lowest(a: np.ndarray) -> float:
    return float(np.min(a)) if len(a) and not np.isnan(a).all() else np.nan


def majority(years) -> Reading:
    """Women and girls above half in every well-covered year (lowest year, least favourable)."""
    return Reading("women-and-girls-majority", "year", WOMEN_GIRLS, tuple(years),
                   lambda a: _lowest(a[~np.isnan(a)]), lambda v: v > 50, "least-favourable",
                   threshold=50, unit="%, lowest year")


def sexual_exploitation(id_: str, threshold: float) -> Reading:
    return Reading(id_, "form", WOMEN_GIRLS, ("Sexual exploitation",), _first,
                   lambda v: v >= threshold, threshold=threshold,
                   unit="% women and girls")


def long_run(early, late) -> Reading:
    k = len(early)
    return Reading("male-share-long-run-rise", "year", MEN_BOYS, (*early, *late),
                   lambda a: float(np.nanmean(a[k:]) - np.nanmean(a[:k])), lambda v: v > 0,
                   threshold=0.0, unit="points, late minus early")


def slope(years):
    def measure(a: np.ndarray) -> float:
        return np.nan if np.isnan(a).any() else float(np.polyfit(years, a, 1)[0])
    return measure


def recent(late) -> Reading:
    return Reading("male-share-recent-rise", "year", MEN_BOYS, tuple(late), slope(list(late)),
                   lambda v: v > 0, threshold=0.0, unit="points a year")


def published(id_: str, groups, year: int, value: float, tolerance: float) -> Reading:
    return Reading(id_, "year", tuple(groups), (int(year),), _first,
                   lambda v: abs(v - value) <= tolerance + 1e-9,
                   band=(value - tolerance, value + tolerance), unit="% of victims")


def change(y0: int, y1: int) -> Reading:
    """The headline's second reading: the share of women and girls higher in ``y1`` than
    in ``y0``."""
    return Reading(f"women-and-girls-share-rose-since-{y0}", "year", WOMEN_GIRLS, (y0, y1),
                   lambda a: float(a[1] - a[0]), lambda v: v > 0, threshold=0.0,
                   unit=f"points, {y1} minus {y0}")


def grid(reading: Reading, exclusion: str) -> specs.Grid:
    """The grid of every reading: the exclusion rules (the run's first), censored counts at the
    reading's own default, 0 or 4, the largest reporter kept or left out, the revised
    country-years kept or left out."""
    return specs.Grid(DIMENSIONS, {"exclusion": exclusion, "censored": reading.censored,
                                   "largest_reporter": "kept", "revised": "kept"},
                      options={"censored": (reading.censored, "low", "high")})


def evaluate(reading: Reading, tables: dict, exclusion: str) -> specs.Result:
    """``reading`` under every specification of its grid, from ``tables`` ({"year": ...,
    "form": ...}, each :func:`tipfigs.glotip.variants.variants`): the sums are computed once
    per exclusion rule and revision choice, the largest reporter (the country with most
    victims in the sum the reading takes) left out of them where a specification says."""
    sums_of = tables[reading.table]

    def compute(spec):
        cs = sums_of[spec["exclusion"], spec["revised"]]
        if isinstance(cs, str):
            raise specs.NotComputable(cs)
        drop = None
        if spec["largest_reporter"] == "left-out":
            drop = cs.largest(reading.keys)[0]
            if not drop:
                raise specs.NotComputable("no reporter to leave out")
        return reading.measure(cs.share_at(reading.groups, spec["censored"], drop, reading.keys))

    return specs.run(reading.id, grid(reading, exclusion), compute, reading.holds,
                     threshold=reading.threshold, band=reading.band, unit=reading.unit)


# -- The headline and finding that follow from the verdicts ----------------------------------

#: Country names that take "the" in a sentence ("without the United States of America").
_THE = ("United ", "Netherlands", "Philippines", "Russian Federation", "Republic of",
        "Democratic Republic", "Dominican Republic", "Central African", "Czech", "Gambia",
        "Bahamas", "Comoros", "Maldives", "Marshall Islands", "Solomon Islands", "Niger",
        "Sudan", "Syrian", "Lao ", "Holy See")


def the(country: str) -> str:
    """A country's name as a sentence takes it: "the United States of America", "Pakistan"."""
    return f"the {country}" if country.startswith(_THE) and country != "Nigeria" else country


def depends_on(result: specs.Result, phrases: dict) -> str:
    """What a reading's answer turns on, in words: its deciding choices (``phrases`` names them
    with the data's own countries, e.g. {"largest_reporter": "one country, Pakistan"}), or "the
    choices together" when no single choice flips it."""
    found = [phrases.get(d, specs.DIMENSIONS[d].label) for d in result.deciding]
    return words.join(found) if found else "several choices together"


def across(result: specs.Result, digits: int = 0, unit: str = "%") -> str:
    """" (65–76% across the 36 specifications)" where the specifications give values that round
    apart, else ""."""
    vals = result.values()
    if not vals:
        return ""
    lo, hi = f"{min(vals):.{digits}f}", f"{max(vals):.{digits}f}"
    return "" if lo == hi else f" ({words.span(lo, hi)}{unit} across the {result.n} specifications)"


def headline(major: specs.Result, rose: specs.Result | None, y0: int, major_turns: str = "",
             rose_turns: str = "", area: str = "", y1: int | None = None) -> str:
    """The figure's headline from the verdicts on the release it rests on: women and girls most
    of the detected victims (``major``, the majority reading), and their share higher in ``y1``
    than in ``y0`` (``rose``); each stated only where every specification agrees, else what it
    turns on (``major_turns``, ``rose_turns``: :func:`depends_on`)."""
    who = "the detected victims" + (f" in {area}" if area else "")
    most = major.n > 0 and major.k == major.n
    if major.n == 0:
        head = f"Women, girls, men and boys among {who}"
    elif most:
        head = f"Women and girls are most of {who}"
    elif major.k == 0:
        head = f"Women and girls are not most of {who} in every year"
    else:
        head = f"Whether women and girls are most of {who} depends on {major_turns}"
    if rose is None or rose.n == 0:
        return head
    if not rose.unanimous:
        return f"{head}; whether their share rose since {y0} depends on {rose_turns}"
    if all(abs(v) < 0.5 for v in rose.values()):  # the same share, as a reader sees it
        return f"{head}, as in {y0}"
    up = rose.k == rose.n
    if most:
        return f"{head}, {'more' if up else 'less'} so than in {y0}"
    when = f"from {y0} to {y1}" if y1 is not None else f"since {y0}"
    return f"{head}; their share {'rose' if up else 'fell'} {when}"


def turns(cs, gone: pd.DataFrame | None, keys, key: str = "year") -> dict:
    """The words :func:`depends_on` names each choice with, from the data of the sum a reading
    takes at ``keys``: its largest reporter (``cs``, a :class:`tipfigs.glotip.variants.
    CountrySums` under the default choices), and the country with most victims among the
    country-years its revised cells leave out (``gone``: the rows they leave out, or None)."""
    out = {"exclusion": "the exclusion rule", "censored": "where censored counts are placed"}
    name = cs.largest(keys)[0]
    if name:
        out["largest_reporter"] = f"one country, {the(name)}"
    if gone is not None:
        g = gone[gone[key].isin(list(keys))]
        if len(g):
            by = g.groupby("country")["value_high"].sum().sort_index()
            out["revised"] = f"{by.idxmax()}'s revised rows"
    return out


def robustness(results: dict) -> pd.DataFrame:
    """One row per reading and data set ({(data set, reading id): Result}): how many
    specifications hold, the deciding choice, the range of values and the default's."""
    rows = []
    for (data, reading), r in results.items():
        vals = r.values()
        rows.append({"reading": reading, "data set": data, "holds in": f"{r.k} of {r.n}",
                     "not computable": len(r.not_computable),
                     "deciding choice": ", ".join(specs.DIMENSIONS[d].label for d in r.deciding)
                     or ("" if r.unanimous else "no single choice"),
                     "lowest": min(vals) if vals else np.nan,
                     "highest": max(vals) if vals else np.nan,
                     "default": r.default.value, "default holds": r.default.holds})
    return pd.DataFrame(rows).round({"lowest": 2, "highest": 2, "default": 2})


def held(result: specs.Result, statement: str, negation: str = "") -> str:
    """``statement`` with the specifications it holds in: "... under every one of the 36
    specifications", "... in 12 of 36 specifications (deciding choice: ...)"; where it holds
    in none, ``negation`` under every one of them (or "... under none of the 36
    specifications"). Specifications that cannot be computed are counted apart."""
    n, k = result.n, result.k
    if n == 0:
        return f"{statement} (no specification can be computed)"
    if 0 < k < n:
        return f"{statement} {result.words().removeprefix('holds ')}"
    every = f"every one of the {n} specifications" if n > 1 else "the one specification"
    more = (f" ({len(result.not_computable)} more cannot be computed)"
            if result.not_computable else "")
    if k == n:
        return f"{statement} under {every}{more}"
    if negation:
        return f"{negation} under {every}{more}"
    return f"{statement} under none of the {n} specifications{more}"
