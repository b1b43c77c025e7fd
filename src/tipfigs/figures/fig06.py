"""Figure 6 (fig06-exploitation-by-sex): the two readings of "much more likely" (a ratio of
shares and a difference in points), and the headline and the finding that compare female and
male victims, with the releases they rest on named."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from tipfigs import specs, words
from tipfigs.ctdc import grid
from tipfigs.ctdc.filters import group_known
from tipfigs.ctdc.names import RELEASE_SHORT
from tipfigs.ctdc.schema import available, check_release
from tipfigs.ctdc.shares import flag_shares, sector_shares_by_sex


def much_more_likely(more: float, less: float, ratio: float = 2.0,
                     points: float = 20.0) -> dict:
    """Two readings of "A is much more likely than B to ...", from the two shares: the ratio
    of the shares is at least ``ratio``, and the difference is at least ``points`` percentage
    points."""
    r = float("inf") if less == 0 and more > 0 else (float("nan") if less == 0 else more / less)
    diff = 100 * (more - less)
    eps = 1e-9  # shares are floats: 0.6 - 0.4 is 20 points, not 19.999...
    return {"ratio": r, "difference_pp": diff, "ratio_holds": bool(r >= ratio - eps),
            "points_holds": bool(diff >= points - eps)}


def releases_text(releases: Iterable[str]) -> str:
    """"the 2021 release", "the 2021 and 2018 releases", "the 2021, 2018 and 2022
    Victim-Perpetrator releases"."""
    names = [RELEASE_SHORT[check_release(r)].removesuffix(" release") for r in releases]
    if len(names) == 1:
        return f"the {names[0]} release"
    return f"the {', '.join(names[:-1])} and {names[-1]} releases"


def exploitation_headline(domestic: dict[str, tuple[float, float]],
                          construction: dict[str, tuple[float, float]],
                          women_girls: dict[str, float],
                          results: dict[str, dict[str, specs.Result]] | None = None) -> str:
    """A headline for the comparisons of female and male victims: ``domestic`` and
    ``construction`` map a release to (female share, male share) of forced-labour victims with
    a recorded type in that type; ``women_girls`` a release to the share of women and girls
    among victims of sexual exploitation with a recorded sex. Releases with too few records
    are left out of the arguments. ``results`` ({reading: {release: its grid}}): the headline
    then says only what holds under every specification (``far``, ``nearly all``, ``most``
    need every specification of every release)."""
    results = results or {}

    def grids(cid):
        return [g for g in results.get(cid, {}).values() if g.n]

    def compare(pairs: dict, key: str, more: int) -> tuple[str, str | None]:
        """(clause, its adverb when it holds in every release, else None) for "<sex> victims
        are more often in <sector>" (``more``: 0 female, 1 male)."""
        if not pairs:
            return "", None
        who, other = ("female", "male") if more == 0 else ("male", "female")
        stem, sector = SECTORS[key][0], key.replace("_", " ")
        diffs = [v for g in grids(f"{stem}-20-points") for v in g.values()]
        k = sum(p[more] > p[1 - more] for p in pairs.values())
        if k == 0 and all(v <= 0 for v in diffs):
            return f"{who} forced-labour victims are not more often in {sector} than {other} ones", None
        if any(v <= 0 for v in diffs):
            return (f"whether {who} forced-labour victims are more often in {sector} depends on "
                    + grid.deciding_words(grids(f"{stem}-20-points")), None)
        tests = [much_more_likely(p[more], p[1 - more]) for p in pairs.values()]
        every = all(g.k == g.n for c in ("twice", "20-points") for g in grids(f"{stem}-{c}"))
        far = "far " if every and all(t["ratio_holds"] and t["points_holds"] for t in tests) else ""
        where = ("" if k == len(pairs) else " in " + releases_text(
            r for r, p in pairs.items() if p[more] > p[1 - more]))
        return (f"{who} forced-labour victims are {far}more often in {sector}{where}",
                far if k == len(pairs) else None)

    (dom, dom_far), (con, con_far) = (compare(domestic, "domestic_work", 0),
                                      compare(construction, "construction", 1))
    same = dom_far is not None and dom_far == con_far
    parts = ([f"{dom}, male ones in construction"] if same else
             [f"{dom}, male ones {con_far}more often in construction"]
             if dom_far is not None and con_far is not None else [dom, con])
    if women_girls:
        found = [v / 100 for c in VAST for g in grids(c) for v in g.values()]
        low = min([*women_girls.values(), *found])
        parts.append("nearly all victims of sexual exploitation are women and girls" if low >= 0.9
                     else "most victims of sexual exploitation are women and girls" if low > 0.5
                     else f"women and girls are {words.share_range([low, max(women_girls.values())])} "
                     "of victims of sexual exploitation")
    parts = [p for p in parts if p]
    if not parts:
        return "Too few records to compare female and male victims"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


#: What each reading says, for the sentence that names the readings that depend on choices.
READING_WORDS = {
    "women-more-in-domestic-work-twice": "women at least twice as often in domestic work as men",
    "women-more-in-domestic-work-20-points": "women at least 20 points more often in domestic work",
    "men-more-in-construction-twice": "men at least twice as often in construction as women",
    "men-more-in-construction-20-points": "men at least 20 points more often in construction",
    "sexual-exploitation-women-girls-three-quarters": "women and girls at least three in four "
                                                      "victims of sexual exploitation",
    "sexual-exploitation-women-girls-nine-in-ten": "women and girls at least nine in ten victims "
                                                   "of sexual exploitation",
    "exploitation-forms-differ-by-sex": "a form of exploitation 10 points more common in one sex",
}


def exploitation_finding(domestic: dict[str, tuple[float, float]],
                         construction: dict[str, tuple[float, float]],
                         women_girls: dict[str, float],
                         adults: dict[str, dict] | None = None,
                         results: dict[str, dict[str, specs.Result]] | None = None) -> str:
    """One sentence, with its numbers, on the comparisons of :func:`exploitation_headline`
    (victims of all ages); ``adults`` ({"domestic", "construction", "women_girls"}: the same
    for adults) adds the adults' shares, named as such; ``results`` adds what the grids say:
    every reading alike under every specification, else the readings that depend on them."""
    adults = adults or {}
    parts = []
    if domestic or construction:
        grown = _sectors(adults.get("domestic", {}), adults.get("construction", {}), "women",
                         "men", "")
        parts.append("among forced-labour victims of all ages with a recorded type of forced "
                     "labour, " + _sectors(domestic, construction, "female", "male", "ones")
                     + (f"; among adults, {grown}" if grown else "")
                     + f" ({releases_text(dict.fromkeys([*domestic, *construction]))})")
    if women_girls:
        grown = adults.get("women_girls", {})
        parts.append(f"women and girls were {words.share_range(women_girls.values())} of the "
                     "victims of sexual exploitation of all ages with a recorded sex"
                     + (f" and {words.share_range(grown.values())} of the adult ones" if grown
                        else "") + f" ({releases_text(women_girls)})")
    if not parts:
        return "The selection has too few records to compare female and male victims."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "." + _robust(results or {})


def _sectors(domestic, construction, female, male, ones) -> str:
    said = []
    tail = f" {ones}" if ones else ""
    if domestic:
        said.append(f"{words.share_range(p[0] for p in domestic.values())} of {female} and "
                    f"{words.share_range(p[1] for p in domestic.values())} of {male}{tail} "
                    "were in domestic work")
    if construction:
        said.append(f"{words.share_range(p[1] for p in construction.values())} of {male} and "
                    f"{words.share_range(p[0] for p in construction.values())} of {female}"
                    f"{tail} in construction")
    return " and ".join(said)


def _robust(results: dict[str, dict[str, specs.Result]]) -> str:
    """" Every reading gives the same answer ...", or the readings that depend on choices."""
    found = [(cid, r, g) for cid, by in results.items() for r, g in by.items() if g.n]
    if not found:
        return ""
    scope = ("under every specification tested (victims of all ages or adults only, the "
             "largest reporter kept or left out)")
    split = [(cid, r, g) for cid, r, g in found if not g.unanimous]
    if not split:
        return f" Every reading gives the same answer {scope}."
    return (f" Every reading gives the same answer {scope} except: " + "; ".join(
        f"{READING_WORDS.get(cid, cid)} in the {RELEASE_SHORT[r]}, "
        + grid.clause(g, "holding", "not holding", lambda v: words.number(v, 1))
        for cid, r, g in split) + ".")


# The specification grids of the readings (tipfigs.specs): the population (all ages or adults)
# and the largest reporter (kept or left out), from one table of shares per choice.

#: sector -> (claim id stem, the sex said to be more likely, the other)
SECTORS = {"domestic_work": ("women-more-in-domestic-work", "Female", "Male"),
           "construction": ("men-more-in-construction", "Male", "Female")}
#: the readings of "the vast majority": claim id -> the percentage it asks for
VAST = {"sexual-exploitation-women-girls-three-quarters": 75,
        "sexual-exploitation-women-girls-nine-in-ten": 90}
FORMS = "exploitation-forms-differ-by-sex"
#: points by which one form must differ between the sexes for the forms reading to hold
FORMS_GAP = 10
POPULATIONS = ("all-ages", "adults")
REPORTERS = ("kept", "left-out")


def _denominators(df: pd.DataFrame, release: str) -> dict[str, pd.Series]:
    """The records each comparison divides by: forced-labour victims of either sex with a
    recorded type of forced labour (releases that record types), victims of sexual
    exploitation with a recorded sex, victims of either sex with a recorded type of
    exploitation."""
    fm = df["sex"].isin(["Female", "Male"])
    found = {"sexual": df["exploit_sexual"] & df["sex"].notna(),
             "forms": fm & group_known(df, "exploit", available(release, "exploit"))}
    if available(release, "labour"):
        found["sectors"] = (df["exploit_forced_labour"] & fm
                            & group_known(df, "labour", available(release, "labour")))
    return found


def spec_table(df: pd.DataFrame, release: str) -> pd.DataFrame:
    """The comparisons of the figure under each population and choice of the largest reporter
    (the country with the most records in the comparison's denominator), one row each:
    ``comparison`` (a sector, "sexual" or "forms"), ``population``, ``largest_reporter``,
    ``reporter``, ``female`` and ``male`` (the two shares; for "forms", the form with the
    largest difference in ``form`` and its shares), ``n_female``, ``n_male`` and ``n`` (the
    denominators), ``why`` (why the choice cannot be made, else empty)."""
    rows = []
    for group, mask in _denominators(df, release).items():
        reporter = grid.largest_reporter(df, mask)
        for lr in REPORTERS:
            try:
                kept = grid.reporter_choice(df[mask], lr, reporter, release)
            except specs.NotComputable as e:
                rows += [{"comparison": c, "largest_reporter": lr, "population": p,
                          "reporter": reporter, "why": str(e)}
                         for c in _comparisons(group) for p in POPULATIONS]
                continue
            for p in POPULATIONS:
                for row in _shares(group, grid.population_choice(kept, p), release):
                    rows.append({**row, "largest_reporter": lr, "population": p,
                                 "reporter": reporter, "why": ""})
    return pd.DataFrame(rows)


def _comparisons(group: str) -> list[str]:
    return list(SECTORS) if group == "sectors" else [group]


def _shares(group: str, sub: pd.DataFrame, release: str) -> list[dict]:
    """The shares of a comparison group among the records ``sub`` (its denominator)."""
    n_f, n_m = int(sub["sex"].eq("Female").sum()), int(sub["sex"].eq("Male").sum())
    if group == "sectors":
        s = sector_shares_by_sex(sub, available(release, "labour")).set_index(["sex", "category"])
        return [{"comparison": c, "female": s["share"].get(("Female", c), float("nan")),
                 "male": s["share"].get(("Male", c), float("nan")), "n_female": n_f,
                 "n_male": n_m, "n": n_f + n_m} for c in SECTORS]
    if group == "sexual":
        n = len(sub)
        return [{"comparison": "sexual", "female": n_f / n if n else float("nan"),
                 "male": n_m / n if n else float("nan"), "n_female": n_f, "n_male": n_m, "n": n}]
    f = flag_shares(sub, "exploit", available(release, "exploit"), by=["sex"])
    d = f.pivot(index="category", columns="sex", values="share").reindex(columns=["Female", "Male"])
    gap = (d["Female"] - d["Male"]).dropna()
    top = gap.abs().idxmax() if len(gap) else None
    return [{"comparison": "forms", "form": top,
             "female": d.loc[top, "Female"] if top else float("nan"),
             "male": d.loc[top, "Male"] if top else float("nan"), "n_female": n_f,
             "n_male": n_m, "n": n_f + n_m}]


def exploitation_grids(table: pd.DataFrame, min_records: int,
                       data: str = "") -> dict[str, specs.Result]:
    """Every reading of the figure under the population and the largest reporter, from
    :func:`spec_table`: the sector readings (a ratio of at least 2, a difference of at least
    20 points), the two readings of "the vast majority" and the forms reading. A comparison
    with fewer than ``min_records`` records of either sex in its denominator (of victims of
    sexual exploitation, fewer than ``min_records`` in all) cannot be computed."""
    g = specs.Grid(("population", "largest_reporter"),
                   {"population": "all-ages", "largest_reporter": "kept"})
    rows = {(r["comparison"], r["population"], r["largest_reporter"]): r
            for r in table.to_dict("records")}

    def row(comparison, spec, both=True):
        r = rows.get((comparison, spec["population"], spec["largest_reporter"]))
        if r is None:
            raise specs.NotComputable("the release does not record it")
        if r["why"]:
            raise specs.NotComputable(r["why"])
        low = min(r["n_female"], r["n_male"]) if both else r["n"]
        if low < min_records:
            raise specs.NotComputable(f"fewer than {min_records} records in the denominator")
        return r

    def ratio(sector, more, less):
        def compute(spec):
            r = row(sector, spec)
            if r[less.lower()] == 0:
                raise specs.NotComputable("no victim of the other sex in it: no ratio")
            return r[more.lower()] / r[less.lower()]
        return compute

    found = {}
    for sector, (stem, more, less) in SECTORS.items():
        if any(k[0] == sector for k in rows):
            found[f"{stem}-twice"] = specs.run(
                f"{stem}-twice", g, ratio(sector, more, less), lambda v: v >= 2 - 1e-9,
                threshold=2.0, unit="ratio of the shares", data=data)
            found[f"{stem}-20-points"] = specs.run(
                f"{stem}-20-points", g,
                lambda s, sector=sector, more=more, less=less: 100 * (
                    row(sector, s)[more.lower()] - row(sector, s)[less.lower()]),
                lambda v: v >= 20 - 1e-9, threshold=20.0, unit="points", data=data)
    for cid, percent in VAST.items():
        found[cid] = specs.run(cid, g, lambda s: 100 * row("sexual", s, both=False)["female"],
                               lambda v, p=percent: v >= p, threshold=float(percent),
                               unit="% women and girls", data=data)
    found[FORMS] = specs.run(FORMS, g, lambda s: 100 * (row("forms", s)["female"]
                                                       - row("forms", s)["male"]),
                             lambda v: abs(v) >= FORMS_GAP, unit="points, women minus men",
                             data=data)
    return found


def population_shares(tables: dict[str, pd.DataFrame], population: str,
                      min_records: int) -> dict[str, dict]:
    """The shares the headline and the finding report, for one ``population`` with every
    reporter kept, from each release's :func:`spec_table` (``tables``): {"domestic": {release:
    (female, male)}, "construction": {...}, "women_girls": {release: share}}; comparisons with
    fewer than ``min_records`` records (of either sex, for the sectors) are left out."""
    out: dict[str, dict] = {"domestic": {}, "construction": {}, "women_girls": {}}
    for r, t in tables.items():
        t = t[(t["population"] == population) & (t["largest_reporter"] == "kept")]
        for row in t.to_dict("records"):
            if row["comparison"] in SECTORS and min(row["n_female"], row["n_male"]) >= min_records:
                key = "domestic" if row["comparison"] == "domestic_work" else "construction"
                out[key][r] = (float(row["female"]), float(row["male"]))
            elif row["comparison"] == "sexual" and row["n"] >= min_records:
                out["women_girls"][r] = float(row["female"])
    return out


# -- the publication figure's words (the drawing is the notebook's) ------------------------------
#: How a reading's value reads in a sentence, and its unit.
VALUE_WORDS = {
    "women-more-in-domestic-work-twice": "women are {v} times as often in domestic work as men",
    "women-more-in-domestic-work-20-points": "women’s lead in domestic work is {v} points",
    "men-more-in-construction-twice": "men are {v} times as often in construction as women",
    "men-more-in-construction-20-points": "men’s lead in construction is {v} points",
    "sexual-exploitation-women-girls-three-quarters": "women and girls are {v}% of victims of "
                                                      "sexual exploitation",
    "sexual-exploitation-women-girls-nine-in-ten": "women and girls are {v}% of victims of "
                                                   "sexual exploitation",
    "exploitation-forms-differ-by-sex": "the largest gap between the sexes in a form of "
                                        "exploitation is {v} points",
}


def depends_words(results: dict[str, dict[str, specs.Result]]) -> str:
    """What the headline depends on, for the reader: each choice that alone turns a reading,
    release by release ("in the 2018 release, men’s lead in construction is 14 points, below
    20, with the largest reporter left out"); "" when every reading is unanimous."""
    said: dict[str, list[str]] = {}
    for cid, by in results.items():
        for r, g in by.items():
            for o in (grid.flips(g) if g.n and not g.unanimous else []):
                dim = grid.changed(g, o)
                v = (words.number(o.value, 1) if "twice" in cid else f"{abs(o.value):.0f}"
                     if cid == FORMS else words.number(o.value, 0))
                side = "" if g.threshold is None else (
                    f", {'at least' if o.holds else 'below'} {g.threshold:g},")
                text = (VALUE_WORDS.get(cid, cid).format(v=v) + side + " with "
                        + re.sub(r" \([^()]*\)$", "", grid.option_words(dim, o.spec[dim])))
                said.setdefault(r, []).append(text)
    return "; ".join(f"in the {RELEASE_SHORT[r]}, " + "; ".join(dict.fromkeys(t))
                     for r, t in said.items())


def subtitle(release: str, n_sectors: tuple[int, int] | None, n_sexual: int,
             releases: list[str], depends: str, scope: str = "") -> str:
    """Whom the figure counts, in plain words: victims of all ages (girls with women, boys with
    men) in ``release``{scope}; the denominators of the two panels (``n_sectors``: female and
    male forced-labour victims with a type recorded, None when the release records no type);
    the releases the headline rests on and what depends on choices."""
    text = f"Identified victims of all ages in the CTDC {RELEASE_SHORT[release]}{scope}, girls "
    text += "counted with women and boys with men: "
    if n_sectors is not None:
        text += (f"{n_sectors[0]:,} female and {n_sectors[1]:,} male victims of forced labour "
                 "with a type recorded (a victim can have several), and ")
    text += f"{n_sexual:,} victims of sexual exploitation with a recorded sex. "
    text += f"The headline rests on {releases_text(releases)}"
    return text + (f"; under other choices, {depends}." if depends else ".")


def alt_text(release: str, domestic: tuple[float, float] | None,
             construction: tuple[float, float] | None, women_girls: float | None) -> str:
    """One sentence of at most 30 words with the finding's numbers for ``release``."""
    parts = []
    if domestic:
        parts.append(f"{words.percent(domestic[0])} of female forced-labour victims were in "
                     f"domestic work ({words.percent(domestic[1])} of male)")
    if construction:
        parts.append(f"{words.percent(construction[1])} of male ones in construction "
                     f"({words.percent(construction[0])} of female)")
    if women_girls is not None:
        parts.append(f"women and girls were {words.percent(women_girls)} of victims of sexual "
                     "exploitation")
    head = f"In the CTDC {RELEASE_SHORT[release]}, "
    while parts and len((head + words.join(parts)).split()) > 28:
        parts.pop()
    return (head + words.join(parts) + ".") if parts else (
        f"Too few records in the CTDC {RELEASE_SHORT[release]} to compare female and male victims.")
