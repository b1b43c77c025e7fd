"""Figure 3 (fig03-forced-labour-sectors): the most common sector of a group, said once when
every release gives the same one, else release by release, with its share among adults and
among victims of all ages (figure 6 counts all ages); and the share in the sectors the article
names under a small grid of choices (adults or all ages, the largest reporter kept or left
out: :mod:`tipfigs.specs`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from tipfigs import specs, style, words
from tipfigs.ctdc import grid
from tipfigs.ctdc.filters import group_known
from tipfigs.ctdc.names import release_name
from tipfigs.ctdc.schema import available


def per_release(values: Mapping[str, str], every: str = "in both releases") -> str:
    """One phrase for a value per release: "construction (in both releases)" when every release
    gives the same value, else "domestic work (2021 release) and manufacturing (2018 release)".
    Releases without a value (empty string or None) are left out."""
    given = {r: v for r, v in values.items() if v}
    if not given:
        return ""
    if len(given) > 1 and len(set(given.values())) == 1:
        return f"{next(iter(given.values()))} ({every if len(given) == 2 else 'in every release'})"
    if len(given) == 1 and len(values) == 1:
        return next(iter(given.values()))
    return words.join(f"{v} ({release_name(r)})" for r, v in given.items())


def with_sector(df: pd.DataFrame, release: str) -> pd.DataFrame:
    """The victims flagged as forced labour with at least one sector recorded (all ages)."""
    return df[df["exploit_forced_labour"]
              & group_known(df, "labour", available(release, "labour"))]


def sector_share(df: pd.DataFrame, release: str, sector: str, sex: str,
                 population: str = "all-ages") -> float:
    """The share of the forced-labour victims of ``sex`` with a sector recorded (in
    ``population``) who are in ``sector`` (NaN when there is none)."""
    sub = grid.population_choice(with_sector(df, release), population)
    sub = sub[sub["sex"].eq(sex)]
    return float(sub[f"labour_{sector}"].mean()) if len(sub) else float("nan")


def top_sector_phrase(top: Mapping[str, str], adults: Mapping[str, float],
                      all_ages: Mapping[str, float], who: str) -> str:
    """The most common sector of adult ``who`` (e.g. "men") per release, with its share among
    them and among ``who`` of all ages: "construction (in both releases; 65–70% of adult men
    and 33–50% of men of all ages with a sector recorded)", or release by release when the
    releases differ."""
    given = {r: v for r, v in top.items() if v}
    if not given:
        return ""

    def shares(rs):
        return (f"{words.share_range(adults[r] for r in rs)} of adult {who} and "
                f"{words.share_range(all_ages[r] for r in rs)} of {who} of all ages with a sector "
                "recorded")
    if len(set(given.values())) == 1:
        named = per_release(given)
        head = named[:-1] + "; " if named.endswith(")") else named + " ("
        return f"{head}{shares(list(given))})"
    return words.join(f"{v} ({release_name(r)}: {shares([r])})" for r, v in given.items())


def five_sector_grids(df: pd.DataFrame, release: str, named: Iterable[str],
                      rules: Mapping[str, Callable[[float], bool]], min_records: int,
                      data: str = "", bands: Mapping[str, tuple[float, float]] | None = None
                      ) -> dict[str, specs.Result]:
    """The percentage of forced-labour victims with a sector recorded who are in at least one
    of the ``named`` sectors (the release's columns), for each reading of ``rules`` (claim id
    -> its test of the percentage), under the population (adults, the figure's own, or all
    ages) and the largest reporter (the country with the most forced-labour victims with a
    sector recorded) kept or left out. Fewer than ``min_records`` victims: not computable.
    ``bands``: the range where each reading holds, drawn on its specification curve."""
    base, named = with_sector(df, release), list(named)
    reporter = grid.largest_reporter(base)
    found: dict = {}

    def share(spec):
        key = (spec["population"], spec["largest_reporter"])
        if key not in found:
            try:
                kept = grid.reporter_choice(base, spec["largest_reporter"], reporter, release)
                sub = grid.population_choice(kept, spec["population"])
                if len(sub) < min_records:
                    raise specs.NotComputable(f"fewer than {min_records} victims with a sector")
                found[key] = 100 * float(group_known(sub, "labour", named).mean())
            except specs.NotComputable as e:
                found[key] = e
        if isinstance(found[key], specs.NotComputable):
            raise found[key]
        return found[key]

    g = specs.Grid(("population", "largest_reporter"),
                   {"population": "adults", "largest_reporter": "kept"})
    return {cid: specs.run(cid, g, share, rule, band=(bands or {}).get(cid),
                           unit="% in the named sectors", data=data)
            for cid, rule in rules.items()}


# -- the publication figure: one release, the named sectors' share and each sector -------------
ANY = "Any named sector"
#: The bars: who, the colour's key, the words of a label.
WHO = (("All", "all adults"), ("Women", "women"), ("Men", "men"))


def colors() -> dict[str, str]:
    """The fill of each group's bars: all adults in the neutral grey, women and men in the
    collection's colours for them."""
    return {"All": style.GREYS["neutral"], "Women": style.SEX_AGE_COLORS["Women"],
            "Men": style.SEX_AGE_COLORS["Men"]}


def shown_release(releases: Iterable[str], known: Iterable[str]) -> str:
    """The release the publication figure draws: the first one listed whose named sectors'
    share could be computed (else the first one listed)."""
    releases, known = list(releases), set(known)
    return next((r for r in releases if r in known), releases[0])


def headline(sectors: Iterable[str], share: float | None) -> str:
    """"Construction, domestic work, agriculture and services hold 68% of identified adult
    victims of forced labour" from the named sectors a release records (in the order to
    name them) and their share; a plain title when the share cannot be computed."""
    if share is None or share != share:
        return "Sectors of identified adult victims of forced labour"
    named = [s.lower() for s in sectors]
    return (f"{words.capital(words.join(named))} {'hold' if len(named) > 1 else 'holds'} "
            f"{words.percent(share)} of identified adult victims of forced labour")


def subtitle(release: str, n_known: int, n_total: int, services: Iterable[str],
             missing: Iterable[str], others: Mapping[str, tuple[float, Iterable[str]]],
             scope: str = "") -> str:
    """What is counted, in plain words: adults, forced labour, a sector recorded, the release
    (``n_known`` of ``n_total`` adult victims with a sector), what "services" are, which
    named sector the release lacks, and (``others``: release -> (share, its missing named
    sectors)) what the other releases give."""
    missing, services = list(missing), [s.lower() for s in services]
    text = (f"Identified adult victims of forced labour (18 or over when registered){scope}, CTDC "
            f"{release_name(release)}: the {n_known:,} of {n_total:,} with a sector recorded (a "
            "victim can have several). The UN Chronicle article names five sectors (services, "
            "manufacturing, construction, agriculture, domestic work) as holding nearly 90% of "
            "adults in forced labour")
    text += (f"; services are {words.join(services)} here" if services else "")
    text += (f", and the release has no category for {words.join(missing)}." if missing else ".")
    for r, (share, lacks) in others.items():
        if share == share:
            lacks = list(lacks)
            text += (f" The {release_name(r)} gives {words.percent(share)}"
                     + (f" (no category for {words.join(lacks)})" if lacks
                        else " (all five recorded)") + ".")
    return text


def draw(fig, v, t: pd.DataFrame, rows: list[str], starred: set[str], n_named: int) -> None:
    """The publication figure of one release into ``fig`` for variant ``v``: (top, or left on
    a slide) the share of adults with a sector recorded who are in any named sector, for all
    adults, women and men; (below, or right) each sector (``rows``, named ones starred), women
    and men. ``t``: the release's shares (columns sector, sex, share, n_known; the row
    ``ANY`` for the named sectors)."""
    k = len(rows)
    if v.landscape:  # side by side on one scale of rows: the named sectors at the top left (a
        # grid with an empty cell below them lays out differently from one build to the next)
        ax_any, ax_each = fig.subplots(1, 2, width_ratios=[1, 1.25])
        fig.get_layout_engine().set(wspace=0.06)
    else:
        ax_any, ax_each = fig.subplots(2, 1, sharex=True, height_ratios=[1.7, k])
    fill = colors()
    size = v.pt(8)
    for i, (sx, who) in enumerate(WHO):
        row = t[(t["sex"] == sx) & (t["sector"] == ANY)]
        share = row["share"].iloc[0] if len(row) else float("nan")
        n = int(row["n_known"].iloc[0]) if len(row) else 0
        y = 0.5 * i
        ax_any.barh(y, 100 * (0 if share != share else share), height=0.4, color=fill[sx])
        label = (f"{words.capital(who)}: {words.percent(share)} of {n:,}" if share == share
                 else f"{words.capital(who)}: {n:,}, too few to show")
        _label(ax_any, y, share, label, fill[sx], size)
    ax_any.set_yticks([])
    ax_any.set_ylim(k - 0.5 if v.landscape else 1.35, -0.35)
    ax_any.set_title(f"In any of the {words.number_word(n_named)} named sectors")
    for i, sector in enumerate(rows):
        for dy, sx in ((-0.2, "Women"), (0.2, "Men")):
            row = t[(t["sex"] == sx) & (t["sector"] == sector)]
            share = row["share"].iloc[0] if len(row) else float("nan")
            ax_each.barh(i + dy, 100 * (0 if share != share else share), height=0.4,
                         color=fill[sx])
            text = words.percent(share) if share == share else "too few"
            _label(ax_each, i + dy, share, text + (f" {sx.lower()}" if i == 0 else ""),
                   fill[sx], size)
    ax_each.set_yticks(range(k), [s + (" *" if s in starred else "") for s in rows])
    ax_each.set_ylim(k - 0.5, -0.5)
    ax_each.set_title("In each sector (* named)")
    for ax in (ax_any, ax_each):
        ax.set_xlim(0, 100)
        ax.set_xticks(range(0, 101, 20))
        ax.grid(axis="y", visible=False)
        ax.spines[["top", "right"]].set_visible(False)
    label = "% of adults with a sector recorded"
    ax_each.set_xlabel(label, loc="left")
    if v.landscape:
        ax_any.set_xlabel(label, loc="left")


def _label(ax, y, share, text, color, size) -> None:
    """A bar's direct label after its end, in the bar's colour made dark enough to read,
    on a white box that hides a gridline behind it."""
    x = 1 + (100 * share if share == share else 0)
    ax.text(x, y, text, va="center", fontsize=size, color=style.ink(color),
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})


def alt_text(release: str, sectors: Iterable[str], share: float, n: int) -> str:
    """One sentence (at most 30 words) with the finding and its number."""
    named = words.join(s.lower() for s in sectors)
    return (f"In the CTDC {release_name(release)}, {named} hold {words.percent(share)} of the "
            f"{n:,} identified adult victims of forced labour with a sector recorded.")


def description(release: str, n_named: int, any_shares: Mapping[str, float],
                tops: Mapping[str, tuple[str, float, float]]) -> str:
    """What the publication figure draws, panel by panel: ``any_shares`` ({All, Women, Men}:
    the share in any named sector), ``tops`` ({"men": (sector, share among adults, share among
    all ages)}, the same for "women"): the largest sector of each sex, both populations named."""
    text = (f"Horizontal bars for the CTDC {release_name(release)}, of identified adult victims "
            "of forced labour (18 or over when registered) with a sector recorded. Top: the share "
            f"in any of the {words.number_word(n_named)} sectors named in the UN Chronicle "
            "article that the release records: " + words.join(
                f"{who} {words.percent(any_shares.get(sx))}" for sx, who in WHO) + ". Below: "
            "each sector the release records, the bar of adult women above that of adult men, "
            "the named sectors starred.")
    for who, (sector, adults, everyone) in tops.items():
        sex = "male" if who == "men" else "female"
        text += (f" The largest sector of adult {who} is {sector} ({words.percent(adults)} of "
                 f"them; {words.percent(everyone)} of {sex} victims of all ages with a sector "
                 "recorded).")
    return text
