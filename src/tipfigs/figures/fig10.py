"""Figure 10 (fig10-means-of-control): the context reading that women and men are controlled
differently (a means of control recorded for one sex 10 points more often than for the other)
under a small grid of choices (victims of all ages or adults only, the largest reporter kept or
left out: :mod:`tipfigs.specs`)."""

from __future__ import annotations

import pandas as pd

from tipfigs import specs
from tipfigs.ctdc import grid
from tipfigs.ctdc.filters import group_known
from tipfigs.ctdc.schema import available
from tipfigs.ctdc.shares import flag_shares

READING = "gendered-means-of-control"


def largest_gap(df: pd.DataFrame, release: str) -> tuple[str | None, float, int, int]:
    """Among the women and girls and the men and boys of ``df`` with a means of control
    recorded: the means whose shares differ most (None when a sex has none), the difference
    (points, women minus men), and the two denominators."""
    means = available(release, "control")
    s = flag_shares(df[df["sex"].isin(["Female", "Male"])], "control", means, by=["sex"])
    n = s.groupby("sex")["n_known"].first().reindex(["Female", "Male"]).fillna(0).astype(int)
    d = s.pivot(index="category", columns="sex", values="share").reindex(columns=["Female", "Male"])
    gap = (100 * (d["Female"] - d["Male"])).dropna()
    if gap.empty:
        return None, float("nan"), int(n["Female"]), int(n["Male"])
    top = gap.abs().idxmax()
    return str(top), float(gap[top]), int(n["Female"]), int(n["Male"])


def control_grid(df: pd.DataFrame, release: str, gap: float, min_records: int,
                 data: str = "") -> specs.Result:
    """The largest difference between the sexes over the means of control (points, women minus
    men; it holds at ``gap`` or more either way) under the population and the largest reporter
    (the country with the most victims of either sex with a means recorded). Fewer than
    ``min_records`` victims of either sex with a means recorded: not computable."""
    mask = df["sex"].isin(["Female", "Male"]) & group_known(df, "control", available(release, "control"))
    base = df[mask]
    reporter = grid.largest_reporter(base)

    def compute(spec):
        kept = grid.reporter_choice(base, spec["largest_reporter"], reporter, release)
        top, diff, n_f, n_m = largest_gap(grid.population_choice(kept, spec["population"]), release)
        if top is None or min(n_f, n_m) < min_records:
            raise specs.NotComputable(f"fewer than {min_records} women or men with a means recorded")
        return diff

    g = specs.Grid(("population", "largest_reporter"),
                   {"population": "all-ages", "largest_reporter": "kept"})
    return specs.run(READING, g, compute, lambda v: abs(v) >= gap,
                     unit="points, women minus men", data=data)
