"""Figure 3 (fig03-forced-labour-sectors): the most common sector of a group, said once when
every release gives the same one, else release by release, with its share among adults and
among victims of all ages (figure 6 counts all ages); and the share in the sectors the article
names under a small grid of choices (adults or all ages, the largest reporter kept or left
out: :mod:`tipfigs.specs`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from tipfigs import specs, words
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
