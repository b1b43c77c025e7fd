"""Figure 7's own analysis: how much of the detected victims the shares by sex and age cover,
and the check of the shares UNODC published against the article's readings."""

from __future__ import annotations

import pandas as pd

from tipfigs import transcribed
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
