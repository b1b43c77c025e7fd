"""Run one figure notebook over many parameter values, in parallel, into build/sweep/.

    python -m tipfigs.tools.sweep [STEM] [--param NAME --values V1 V2 ...] [--top N] [--jobs N]

The default is the CTDC trend figure (fig05-male-victims-trend) for each of the N countries
of exploitation with most records (N=20). Every run gets its own fresh kernel; papermill
is imported once. Outputs go to build/sweep/<stem>/<value>/, never over the published
figures, and the committed notebook is left untouched.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time

from tipfigs import paths
from tipfigs.tools import runner, staleness

DEFAULT_STEM = "fig05-male-victims-trend"
DEFAULT_PARAM = "country"


def top_countries(n: int) -> list[str]:
    """The ``n`` countries of exploitation with most records in the default CTDC release."""
    from tipfigs.ctdc import read

    nb = staleness.read(staleness.notebook_path(DEFAULT_STEM))
    defaults = staleness.parameter_defaults(nb)
    df = read.load(defaults["ctdc_2021_file"], "2021")
    counts = df["country"].dropna().value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")  # ties by code
    return list(counts.index[:n])


def _safe(value) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", str(value)) or "_"


def jobs_for(stem: str, param: str, values: list, root: str = "build/sweep") -> list[runner.Job]:
    jobs = []
    for v in values:
        folder = f"{root}/{stem}/{_safe(v)}"
        jobs.append(runner.Job(
            stem, parameters={param: v, "output_dir": folder},
            output_notebook=f"{folder}/{stem}.ipynb", record=False, label=f"{stem} {param}={v}"))
    return jobs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.sweep", description=__doc__.split("\n")[0])
    ap.add_argument("stem", nargs="?", default=DEFAULT_STEM)
    ap.add_argument("--param", default=DEFAULT_PARAM)
    ap.add_argument("--values", nargs="*", help="parameter values (default: the top countries)")
    ap.add_argument("--top", type=int, default=20, help="number of countries (default sweep)")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    if args.stem not in staleness.stems():
        print(f"error: no notebook {args.stem}", file=sys.stderr)
        return 2
    values = args.values or top_countries(args.top)
    jobs = jobs_for(args.stem, args.param, values)
    for j in jobs:
        (paths.root() / j.parameters["output_dir"]).mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    results = runner.run_jobs(jobs, args.jobs)
    runner.write_report(results, "last-sweep.json")
    for r in results:
        state = "ok    " if r.ok else "FAILED"
        print(f"  {state} {r.label} ({r.seconds:.1f} s){': ' + r.message if not r.ok else ''}")
    wall = time.perf_counter() - t0
    print(f"{len(results)} runs in {wall:.1f} s ({len(results) / wall:.2f} runs/s); "
          f"outputs in build/sweep/{args.stem}/")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
