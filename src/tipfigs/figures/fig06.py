"""Figure 6 (fig06-exploitation-by-sex): the two readings of "much more likely" (a ratio of
shares and a difference in points), and the headline and the finding that compare female and
male victims, with the releases they rest on named."""

from __future__ import annotations

from collections.abc import Iterable

from tipfigs import words
from tipfigs.ctdc.names import RELEASE_SHORT
from tipfigs.ctdc.schema import check_release


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
                          women_girls: dict[str, float]) -> str:
    """A headline for the comparisons of female and male victims: ``domestic`` and
    ``construction`` map a release to (female share, male share) of forced-labour victims with
    a recorded type in that type; ``women_girls`` a release to the share of women and girls
    among victims of sexual exploitation with a recorded sex. Releases with too few records
    are left out of the arguments."""
    def compare(pairs: dict, sector: str, more: int) -> tuple[str, str | None]:
        """(clause, its adverb when it holds in every release, else None) for "<sex> victims
        are more often in <sector>" (``more``: 0 female, 1 male)."""
        if not pairs:
            return "", None
        who, other = ("female", "male") if more == 0 else ("male", "female")
        k = sum(p[more] > p[1 - more] for p in pairs.values())
        if k == 0:
            return f"{who} forced-labour victims are not more often in {sector} than {other} ones", None
        tests = [much_more_likely(p[more], p[1 - more]) for p in pairs.values()]
        far = "far " if all(t["ratio_holds"] and t["points_holds"] for t in tests) else ""
        where = "" if k == len(pairs) else f" in {k} of {len(pairs)} releases"
        return (f"{who} forced-labour victims are {far}more often in {sector}{where}",
                far if k == len(pairs) else None)

    (dom, dom_far), (con, con_far) = (compare(domestic, "domestic work", 0),
                                      compare(construction, "construction", 1))
    same = dom_far is not None and dom_far == con_far
    parts = [f"{dom}, male ones in construction"] if same else [dom, con]
    if women_girls:
        low = min(women_girls.values())
        parts.append("nearly all victims of sexual exploitation are women and girls" if low >= 0.9
                     else "most victims of sexual exploitation are women and girls" if low > 0.5
                     else f"women and girls are {words.share_range(women_girls.values())} of "
                     "victims of sexual exploitation")
    parts = [p for p in parts if p]
    if not parts:
        return "Too few records to compare female and male victims"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def exploitation_finding(domestic: dict[str, tuple[float, float]],
                         construction: dict[str, tuple[float, float]],
                         women_girls: dict[str, float]) -> str:
    """One sentence, with its numbers, on the comparisons of :func:`exploitation_headline`."""
    parts = []
    if domestic or construction:
        said = []
        if domestic:
            said.append(f"{words.share_range(p[0] for p in domestic.values())} of female and "
                        f"{words.share_range(p[1] for p in domestic.values())} of male ones "
                        "were in domestic work")
        if construction:
            said.append(f"{words.share_range(p[1] for p in construction.values())} of male and "
                        f"{words.share_range(p[0] for p in construction.values())} of female "
                        "ones in construction")
        rel = list(dict.fromkeys([*domestic, *construction]))
        parts.append("among forced-labour victims with a recorded type of forced labour, "
                     + " and ".join(said) + f" ({releases_text(rel)})")
    if women_girls:
        parts.append(f"women and girls were {words.share_range(women_girls.values())} of the "
                     "victims of sexual exploitation with a recorded sex "
                     f"({releases_text(women_girls)})")
    if not parts:
        return "The selection has too few records to compare female and male victims."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
