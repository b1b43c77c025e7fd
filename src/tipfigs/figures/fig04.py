"""Figure 4's publication figure and its words: the share of identified victims exploited
outside their country of citizenship, by type of exploitation, one bar per CTDC release.

The drawing takes the table of shares (one row per release and group, as
:func:`tipfigs.ctdc.shares.shares` gives them, with ``suppressed`` marking a group with too
few victims to show); the sentences are computed from the same table."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from tipfigs import publication, style, words
from tipfigs.ctdc import names

ABROAD = "exploited outside their country of citizenship"


def _row(table: pd.DataFrame, group: str, release: str):
    t = table[(table["group"] == group) & (table["release"] == release)]
    return None if t.empty else t.iloc[0]


def label(release: str, row) -> str:
    """A bar's label: the release, the share and the number of victims it is of; a group with
    too few victims gets its number and no share."""
    n = int(row["n_known"])
    if n == 0:
        return f"{names.release_name(release)}: no victim with both countries recorded"
    if pd.isna(row["share"]):
        return f"{names.release_name(release)}: {n:,} victims, too few to show"
    return f"{names.release_name(release)}: {words.percent(row['share'])} of {n:,}"


def draw(fig, v, table: pd.DataFrame, groups: Sequence[str], releases: Sequence[str]) -> None:
    """One row per group (all victims, then each type of exploitation), one bar per release in
    its colour, each labelled in the release's colour darkened to read on white. The axis runs
    from 0 to 100 %; a label that passes its end stays in the figure (no grid for it to cross)."""
    ax = fig.subplots()
    h = 0.84 / len(releases)  # the releases' bars share one row
    for k, r in enumerate(releases):
        color, ink = names.release_color(r), style.ink(names.release_color(r))
        for i, g in enumerate(groups):
            row = _row(table, g, r)
            if row is None or pd.isna(row["n_known"]):  # this type is not in this release
                continue
            y = i + (k - (len(releases) - 1) / 2) * h
            share = 0.0 if pd.isna(row["share"]) else 100 * float(row["share"])
            if share:
                ax.barh(y, share, height=0.9 * h, color=color)
            ax.annotate(label(r, row), (share, y), xytext=(v.pt(3), 0), textcoords="offset points",
                        va="center", ha="left", fontsize=v.pt(8), color=ink)
    ax.set_yticks(range(len(groups)), groups)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 20), [f"{t}%" for t in range(0, 101, 20)])
    ax.grid(False)
    ax.tick_params(axis="y", length=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(f"Share {ABROAD}", loc="left")


def subtitle(everyone: Mapping[str, object], country: str | None, years: tuple[int, int] | None,
             min_records: int, suppressed: bool) -> str:
    """What is counted, in plain words: the victims, the filters in force, for each release the
    share of its victims with both countries recorded, and the rule that leaves a bar out (only
    when it leaves one out)."""
    where = "" if country is None else f" exploited in the country with ISO3 code {country}"
    when = "" if years is None else f", registered {words.years(*years)}"
    known = words.join(
        f"{words.percent(x['n_known'] / x['n_total'])} of the {int(x['n_total']):,} victims in the "
        f"{names.release_name(r)}" for r, x in everyone.items() if x is not None)
    rule = (f" A group with fewer than {min_records:,} such victims gets no bar."
            if suppressed else "")
    return (
        f"Identified victims of trafficking in CTDC’s records{where}{when}: the share {ABROAD}, "
        "of those whose citizenship and country of exploitation are both recorded "
        f"(both are recorded for {known}).{rule}")


def alt(fl: Mapping[str, object]) -> str:
    """The text alternative: the share of forced-labour victims exploited abroad in each release
    drawn, in one sentence."""
    if not fl:
        return ("Too few identified victims of forced labour have both their citizenship and "
                "their country of exploitation recorded to give a share.")
    shares = words.join(f"{words.percent(x['share'])} in the {names.release_name(r)}"
                        for r, x in fl.items())
    return (f"Of identified victims of forced labour in CTDC’s records, {shares} were {ABROAD}.")


def description(table: pd.DataFrame, groups: Sequence[str], releases: Sequence[str]) -> str:
    """The long description: what is drawn, group by group, with every share."""
    parts = []
    for g in groups:
        bars = [label(r, row) for r in releases
                if (row := _row(table, g, r)) is not None and pd.notna(row["n_known"])]
        parts.append(f"{g}: " + "; ".join(bars))
    return ("Horizontal bars, one per CTDC release, for all identified victims and for each type "
            f"of exploitation: the share {ABROAD}, of the victims with both countries recorded, "
            "labelled with the release, the share and the number of victims it is of. "
            + ". ".join(parts) + ".")


def source(sources: Iterable[str]) -> str:
    """The one-line source of the releases drawn. Names that begin alike are said once when the
    plain line would not fit the page: "IOM, Counter-Trafficking Data Collaborative global
    synthetic data (August 2021) and global data (2018)"."""
    names_ = list(dict.fromkeys(s.strip().rstrip(".") for s in sources if s and s.strip()))
    line = publication.source_line(names_)
    width = publication.PAGE.width - 2 * publication.PAD_PT / 72
    if len(names_) < 2 or style.text_width(line, publication.SOURCE_PT) <= width:
        return line
    split = [n.split(" ") for n in names_]
    k = 0
    while all(len(s) > k + 1 for s in split) and len({s[k] for s in split}) == 1:
        k += 1
    while k and not split[0][k - 1][:1].isupper():  # end the shared part at a name
        k -= 1
    if not k:
        return line
    rests = [re.sub(r"^(.*), (.+?) release$", r"\1 (\2)", " ".join(s[k:])) for s in split]
    return publication.source_line([" ".join(split[0][:k]) + " " + words.join(rests)])
