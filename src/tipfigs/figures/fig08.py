"""Figure 8's own analysis and sentences: how country-level vulnerability relates to estimated
prevalence (rank correlations with an approximate confidence interval, and the countries that
break the pattern most), and the words of the publication figure (its reading of the
correlation in plain words, text alternative and long description). The drawing is in
:mod:`tipfigs.figures.fig08_draw`.

Rank (Spearman) correlation is used because prevalence is very skewed (a few countries
have ten to twenty times the median) and the relation need not be linear.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from tipfigs.words import interval, join, number, number_word


def _pairs(x, y) -> tuple[pd.Series, pd.Series]:
    x = pd.Series(x, dtype=float).reset_index(drop=True)
    y = pd.Series(y, dtype=float).reset_index(drop=True)
    if len(x) != len(y):
        raise ValueError(f"x and y differ in length ({len(x)} and {len(y)})")
    keep = x.notna() & y.notna()
    return x[keep], y[keep]


def spearman(x, y) -> tuple[float, int]:
    """Spearman's rank correlation over the pairs where both values are present (ties get
    their average rank), and the number of those pairs. NaN when fewer than 3 pairs or a
    variable is constant."""
    x, y = _pairs(x, y)
    n = len(x)
    if n < 3:
        return float("nan"), n
    rx, ry = x.rank(method="average"), y.rank(method="average")
    if rx.std() == 0 or ry.std() == 0:
        return float("nan"), n
    return float(rx.corr(ry)), n


def spearman_ci(rho: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Approximate confidence interval of Spearman's rho: Fisher's z with the standard error
    sqrt(1.06 / (n - 3)) of Fieller, Hartley and Pearson (1957). NaN when n < 4."""
    if n < 4 or not -1 < rho < 1:
        if n >= 4 and abs(rho) == 1:
            return float(rho), float(rho)
        return float("nan"), float("nan")
    z = math.atanh(rho)
    half = NormalDist().inv_cdf(0.5 + level / 2) * math.sqrt(1.06 / (n - 3))
    return math.tanh(z - half), math.tanh(z + half)


def correlations(df: pd.DataFrame, columns, target: str, level: float = 0.95) -> pd.DataFrame:
    """One row per column: its rank correlation with ``target``, the number of countries
    with both values, and the confidence interval. Rows in the order of ``columns``."""
    rows = []
    for c in columns:
        rho, n = spearman(df[c], df[target])
        lo, hi = spearman_ci(rho, n, level)
        rows.append({"dimension": c, "n_countries": n, "spearman_rho": rho,
                     "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def by_group(df: pd.DataFrame, columns, target: str, group: str, min_n: int = 8) -> pd.DataFrame:
    """Rank correlations within each group (e.g. region); NaN where fewer than ``min_n``
    countries have both values. Groups in sorted order, columns in the given order."""
    rows = []
    for g, part in sorted(df.groupby(group, sort=False), key=lambda t: str(t[0])):
        for c in columns:
            rho, n = spearman(part[c], part[target])
            rows.append({group: g, "dimension": c, "n_countries": n,
                         "spearman_rho": rho if n >= min_n else float("nan")})
    return pd.DataFrame(rows)


def rank_outliers(df: pd.DataFrame, x: str, y: str, k: int, label: str = "country") -> pd.DataFrame:
    """The ``k`` rows whose positions in the ranking of ``x`` and of ``y`` differ most (both
    as percentile ranks, 0-1), i.e. the countries that break a monotone pattern most.
    Rows where ``x`` or ``y`` is missing are ignored; ties are broken by ``label``."""
    d = df[[label, x, y]].dropna(subset=[x, y]).copy()
    if d.empty or k <= 0:
        return d.assign(rank_gap=pd.Series(dtype=float)).iloc[0:0]
    d["rank_gap"] = d[x].rank(pct=True) - d[y].rank(pct=True)
    d["abs_gap"] = d["rank_gap"].abs()
    d = d.sort_values(["abs_gap", label], ascending=[False, True]).head(k)
    return d.drop(columns="abs_gap")


def residual_outliers(df: pd.DataFrame, x: str, y: str, k: int, label: str = "country",
                      log_y: bool = True) -> pd.DataFrame:
    """The ``k`` rows farthest (in absolute residual) from the least-squares line of ``y``
    (log10 of it with ``log_y``) on ``x``: the points that stand out on a chart drawn with
    a log-scaled ``y``. Rows with a missing or (with ``log_y``) non-positive ``y`` are
    ignored; ties are broken by ``label``."""
    d = df[[label, x, y]].dropna(subset=[x, y]).copy()
    if log_y:
        d = d[d[y] > 0]
    if len(d) < 3 or k <= 0:
        return d.assign(residual=pd.Series(dtype=float)).iloc[0:0]
    yy = np.log10(d[y].to_numpy()) if log_y else d[y].to_numpy()
    slope, intercept = np.polyfit(d[x].to_numpy(), yy, 1)
    d["residual"] = yy - (slope * d[x].to_numpy() + intercept)
    d["abs_res"] = d["residual"].abs().round(12)
    d = d.sort_values(["abs_res", label], ascending=[False, True]).head(k)
    return d.drop(columns="abs_res")


def headline(corr: pd.DataFrame, total: str) -> str:
    """A headline from the rank correlation of the total vulnerability score (row ``total`` of
    :func:`correlations`): a clear association (95% interval excluding 0) either way, or none."""
    row = corr.set_index("dimension").loc[total]
    if row["ci_low"] > 0:
        return "More vulnerable countries tend to have more modern slavery"
    if row["ci_high"] < 0:
        return "More vulnerable countries tend to have less modern slavery"
    return "Vulnerability and modern slavery show no clear link across countries"


def finding(corr: pd.DataFrame, labels: dict, total: str) -> str:
    """One sentence: the rank correlation of every dimension with prevalence, from the highest
    to the lowest, how many have a 95% interval above 0, and the total score's. ``labels``
    names each dimension; ``total`` is the row of the total score."""
    parts = corr[corr["dimension"] != total].sort_values(["spearman_rho", "dimension"],
                                                         ascending=[False, True])
    t = corr.set_index("dimension").loc[total]
    ns = corr["n_countries"]
    n = f"{ns.max()}" if ns.min() == ns.max() else f"{ns.min()}\u2013{ns.max()}"
    positive = int((parts["ci_low"] > 0).sum())
    each = [f"{number(r.spearman_rho)} for {labels[r.dimension].lower()}"
            for r in parts.itertuples()]
    each = each[0] if len(each) == 1 else ", ".join(each[:-1]) + " and " + each[-1]
    clear = ("all with a 95% interval above zero" if positive == len(parts)
             else f"{positive} of the {len(parts)} with a 95% interval above zero")
    return (f"Across the {n} countries with a vulnerability score and an estimated prevalence, "
            f"the rank correlation of prevalence with each dimension of vulnerability is {each} "
            f"({clear}), and {number(t['spearman_rho'])} with the total score: an association "
            "between countries, not evidence of cause.")


# -- the words of the publication figure ---------------------------------------------------------
def direction(corr: pd.DataFrame, total: str) -> int:
    """1 when the total score's rank correlation is above zero beyond its 95% interval, -1 when
    below, 0 otherwise (the same rule as :func:`headline`)."""
    row = corr.set_index("dimension").loc[total]
    return 1 if row["ci_low"] > 0 else -1 if row["ci_high"] < 0 else 0


def strength(rho: float) -> str:
    """Words for the size and sign of a rank correlation (|rho| below 0.3: weak; below 0.5:
    moderate; else strong)."""
    size = abs(rho)
    word = "weak" if size < 0.3 else "moderate" if size < 0.5 else "strong"
    return f"{word} {'positive' if rho > 0 else 'negative'}"


def reading(corr: pd.DataFrame, total: str) -> str:
    """What the total score's correlation shows, in plain words, and what it does not."""
    rho = corr.set_index("dimension").loc[total, "spearman_rho"]
    said = f"a {strength(rho).split()[0]} rank correlation, {number(rho)}"
    way = direction(corr, total)
    if way == 0:
        return ("Countries ranked as more vulnerable do not clearly rank higher or lower on modern "
                f"slavery per person ({said}, with a 95% interval that includes zero).")
    return (f"The more vulnerable a country ranks, the {'higher' if way > 0 else 'lower'} it tends "
            f"to rank on modern slavery per person ({said}): a pattern across countries, not "
            "evidence that vulnerability causes modern slavery, nor of who in a country is at "
            "risk.")


def alt_text(corr: pd.DataFrame, total: str) -> str:
    """The text alternative: one sentence with the finding and its numbers (at most 30 words)."""
    t = corr.set_index("dimension").loc[total]
    parts = corr[corr["dimension"] != total]
    phrase = {1: "the more vulnerable tend to have more modern slavery per person",
              -1: "the more vulnerable tend to have less modern slavery per person",
              0: "vulnerability and modern slavery per person show no clear link"}
    return (f"Across {int(t['n_countries'])} countries, {phrase[direction(corr, total)]}: a rank "
            f"correlation of {number(t['spearman_rho'])} with the total vulnerability score, "
            f"{number(parts['spearman_rho'].min())} to {number(parts['spearman_rho'].max())} "
            "by dimension.")


def description(corr: pd.DataFrame, labels: dict, total: str, shown: int, named) -> str:
    """The long description: what each panel draws, with its numbers."""
    t = corr.set_index("dimension").loc[total]
    parts = corr[corr["dimension"] != total].sort_values("spearman_rho", ascending=False)
    each = join(f"{labels[r.dimension].lower()} {number(r.spearman_rho)} "
                f"({interval(r.ci_low, r.ci_high)})" for r in parts.itertuples())
    names = (f"; the {number_word(len(named))} countries farthest from the line are named: "
             f"{join(typographic(n) for n in named)}" if len(named) else "")
    return (f"Two panels. The first is a scatter plot with one point for each of the {shown} "
            "countries shown: the total vulnerability score of the Global Slavery Index 2023 "
            "across (0 to 100, higher is more vulnerable) and the estimated number of people in "
            "modern slavery per 1,000 people up (log scale), with a dashed straight line fitted to "
            f"the log of prevalence{names}. The second gives Spearman’s rank correlation of "
            f"prevalence over all {int(t['n_countries'])} countries with the total score, "
            f"{number(t['spearman_rho'])} ({interval(t['ci_low'], t['ci_high'])}), and with each "
            f"dimension: {each}, each with its 95% interval. {reading(corr, total)}")


def typographic(name: str) -> str:
    """``name`` with typographic apostrophes (People’s)."""
    return name.replace("'", "\u2019")
