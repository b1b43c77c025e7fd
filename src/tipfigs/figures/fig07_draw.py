"""Figure 7's drawings: the publication figure (the headline's reading year by year on one
release, beside the specification that decides it: :func:`beside`, :func:`series`,
:func:`draw_lines`, :func:`line_table`) and the check figure's bars by form
(:func:`draw_forms`). The analysis they draw is in :mod:`tipfigs.figures.fig07`."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import PercentFormatter

from tipfigs import specs, style, words
from tipfigs.figures.fig07 import Reading, the
from tipfigs.glotip.schema import GROUPS

# -- The publication figure: the headline's reading, year by year, on one release -------------

def beside(result: specs.Result) -> dict | None:
    """The specification the figure draws beside the default: the first that a deciding choice
    alone flips, else the default with the largest reporter left out (None when that cannot be
    computed)."""
    base = result.default.spec
    for o in result.computed:
        changed = [d for d in result.grid.dimensions if o.spec[d] != base[d]]
        if len(changed) == 1 and changed[0] in result.deciding and o.holds != result.default.holds:
            return dict(o.spec)
    other = {**base, "largest_reporter": "left-out"}
    return other if any(o.spec == other and o.computable for o in result.outcomes) else None


def series(reading: Reading, tables: dict, spec: dict) -> tuple[pd.Series, str | None]:
    """The shares of ``reading``'s groups at each of its keys under ``spec`` (per cent), and the
    country left out (the largest reporter over the reading's keys, where ``spec`` says)."""
    cs = tables[reading.table][spec["exclusion"], spec["revised"]]
    drop = cs.largest(reading.keys)[0] if spec["largest_reporter"] == "left-out" else None
    return cs.shares(reading.groups, spec["censored"], drop, reading.keys), drop


def spec_label(spec: dict, default: dict, dropped: str | None) -> str:
    """How a line drawn beside the default is named: "Without the United States of America",
    "Every country-year with a flagged cell left out"."""
    changed = [d for d in default if spec[d] != default[d]]
    if changed == ["largest_reporter"] and dropped:
        return f"Without {the(dropped)}"
    return words.capital(words.join(specs.DIMENSIONS[d].says(spec[d]) for d in changed))


def draw_lines(ax, lines: list[tuple[str, pd.Series, str, str]], threshold: float, v,
               threshold_words: str = "Half of the victims") -> None:
    """The publication figure's panel: one line per (label, shares by year, colour, line
    style), the lowest point of each marked with its value, each named at its right end (the
    names moved apart so that they never overprint), and the ``threshold`` as a dotted line
    named at its left end. Sizes follow the variant ``v``."""
    values = pd.concat([s for _, s, _, _ in lines]).dropna()
    low = max(0.0, 10 * np.floor(min(values.min(), threshold) / 10 - 0.5))
    high = min(100.0, 10 * np.ceil(max(values.max(), threshold) / 10 + 0.3))
    ax.axhline(threshold, color=style.GREYS["muted"], lw=v.pt(1), ls=":", zorder=1)
    ax.annotate(threshold_words, (0, threshold), xycoords=("axes fraction", "data"),
                xytext=(v.pt(2), v.pt(-3)), textcoords="offset points", va="top",
                fontsize=v.pt(8), color=style.ink(style.GREYS["muted"]))
    for _, s, color, ls in lines:
        s = s.dropna()
        ax.plot(s.index, s.values, color=color, ls=ls, lw=v.pt(1.8), marker="o",
                ms=v.pt(3.5), zorder=3)
        at = s.idxmin()  # its value below and left of the point, clear of the names
        ax.annotate(f"{s[at]:.1f}%", (at, s[at]), xytext=(v.pt(-3), v.pt(-4)),
                    textcoords="offset points", ha="right", va="top", fontsize=v.pt(8),
                    color=style.ink(color))
    gap = (high - low) * v.pt(8) * 1.35 / 72 / (ax.figure.get_figheight() * 0.55)
    ends = [s.dropna() for _, s, _, _ in lines]
    ys = words.spread([float(e.iloc[-1]) for e in ends], gap, low=low)
    ys = [y if abs(y - threshold) >= gap / 2 else threshold + gap / 2 * (1 if y >= threshold
                                                                         else -1) for y in ys]
    for (label, _, color, _), e, y in zip(lines, ends, ys, strict=True):
        ax.annotate(label, (e.index[-1], y), xytext=(v.pt(7), 0), textcoords="offset points",
                    va="center", fontsize=v.pt(8.5), color=style.ink(color),
                    annotation_clip=False)
    years = sorted({int(y) for _, s, _, _ in lines for y in s.dropna().index})
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_xticks(years[::2] if len(years) > 8 else years)
    ax.set_ylim(low, high)
    ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.grid(axis="x", visible=False)


# -- The check figure by form of exploitation: one bar per form and release ----------------

CENSORED_WORDS = "all counts censored"


def draw_forms(ax, bars, shares: pd.DataFrame, info: dict, censored: set, colors: dict,
               linestyles: dict, edge: str) -> None:
    """The check figure's bars: for each (form, release label) of ``bars`` at y = its position, the
    shares of women, girls, men and boys stacked (``shares``: index (release, form), one column
    per group), each share printed where there is room, ``info`` above it (countries and
    victims), outlined in the release's line style (``linestyles``). A bar in ``censored``
    (every count summed is censored, so the shares are unknown) is drawn empty and hatched with
    the words "all counts censored", never as equal shares."""
    groups = list(colors)
    for y, (form, label) in bars:
        key = (label, form)
        ax.text(0, y - 0.3, info.get(key, f"{form}, {label}: no data"), va="bottom", ha="left",
                fontsize=8)
        if key in censored:
            ax.barh(y, 100, height=0.45, fill=False, hatch="////", edgecolor=edge, linewidth=0.6,
                    linestyle=linestyles[label])
            ax.text(50, y, CENSORED_WORDS, ha="center", va="center", fontsize=8,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
            continue
        if key not in shares.index:
            continue
        left = 0.0
        for g in groups:
            v = float(shares.loc[key, g]) if pd.notna(shares.loc[key, g]) else 0.0
            ax.barh(y, v, left=left, height=0.45, color=colors[g], edgecolor="white",
                    linewidth=0.6)
            if v >= 5:
                ax.text(left + v / 2, y, f"{v:.0f}", ha="center", va="center", fontsize=8,
                        color="white" if g in ("Women", "Men") else "black", fontweight="bold")
            left += v
        ax.barh(y, left, height=0.45, fill=False, edgecolor=edge, linewidth=0.8,
                linestyle=linestyles[label])


def line_table(reading: Reading, tables: dict, spec: dict) -> pd.DataFrame:
    """The table behind a line :func:`series` draws: per key, the share of the reading's groups
    with censored counts at the bound least favourable to them (``share_low``), at 2
    (``share_mid``) and most favourable (``share_high``), per cent; the victims summed
    (``victims_low``, ``victims_high``) and the countries that give them, the largest reporter
    left out where ``spec`` says."""
    cs = tables[reading.table][spec["exclusion"], spec["revised"]]
    s, drop = series(reading, tables, {**spec, "censored": "least-favourable"})
    keep, keys = [c != drop for c in cs.countries], list(s.index)
    at = [cs.keys.index(k) for k in keys]  # the keys of a reading are keys of its sums
    low, high = cs.low[keep][:, at], cs.high[keep][:, at]  # country x key x group
    others = tuple(g for g in GROUPS if g not in reading.groups)
    return pd.DataFrame({
        reading.table: keys, "share_low": s.to_numpy(),
        "share_mid": cs.share_at(reading.groups, "midpoint", drop, keys),
        "share_high": 100 - cs.share_at(others, "least-favourable", drop, keys),
        "victims_low": low.sum(axis=(0, 2)), "victims_high": high.sum(axis=(0, 2)),
        "countries": (high.sum(axis=2) > 0).sum(axis=0)})
