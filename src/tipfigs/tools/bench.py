"""Benchmark of the build, printed as a table (not a test: timings vary with the machine).

    python -m tipfigs.tools.bench [--sweep-values N] [--jobs N]      (or: make bench)

In one run on the same machine it measures, in a scratch copy of the project under
build/bench/ (the published figures and notebooks are never touched):

- the cold full build: every notebook, empty parse cache, through the project's runner;
- the baseline: the same notebooks, empty cache, one `papermill` CLI call at a time;
- their ratio (target: at most 0.5);
- a no-op `make` in the project itself (run after a first `make` brings it up to date);
- the slowest notebook of the cold build, and the peak resident memory of any kernel;
- a parameter sweep (the CTDC trend figure over N countries): the runner's throughput
  against a loop of papermill CLI calls (target: at least 2x).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tipfigs import paths
from tipfigs.tools import staleness, sweep

COPY = ("notebooks", "src", "data/manifest.toml", "requirements.txt", "VERSION")


def scratch_copy(dst: Path | None = None) -> Path:
    """A copy of the project's sources (no figures, no build state) sharing the verified
    data, to build in without touching the published outputs."""
    root = paths.root()
    dst = dst or paths.build_dir() / "bench" / "tree"
    if dst.exists():
        shutil.rmtree(dst)
    (dst / "data").mkdir(parents=True)
    (dst / "figures").mkdir()
    for name in COPY:
        src = root / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst / name)
    for csv in root.glob("data/*.csv"):
        shutil.copy2(csv, dst / "data" / csv.name)
    try:
        (dst / "data" / "raw").symlink_to(paths.raw_dir().resolve(), target_is_directory=True)
    except OSError:  # no symlinks (Windows without the privilege): a copy, 7 MB
        shutil.copytree(paths.raw_dir(), dst / "data" / "raw")
    return dst


def _env(tree: Path, **extra) -> dict:
    env = dict(os.environ, TIPFIGS_ROOT=str(tree), **extra)
    env.pop("TIPFIGS_OUTPUT_DIR", None)
    return env


def _run(cmd: list[str], env: dict, cwd: Path | None = None) -> None:
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-15:])
        raise SystemExit(f"benchmark step failed: {' '.join(cmd[:4])} ...\n{tail}")


def _timed(cmd: list[str], env: dict, cwd: Path | None = None) -> float:
    t0 = time.perf_counter()
    _run(cmd, env, cwd)
    return time.perf_counter() - t0


def _papermill_cli() -> list[str]:
    """The papermill command line, through ``python -m`` (no script shebang: works in a
    folder whose path has spaces, and on Windows)."""
    return [sys.executable, "-m", "papermill"]


def cold_build(tree: Path, jobs: int) -> tuple[float, list[dict]]:
    shutil.rmtree(tree / "build", ignore_errors=True)
    wall = _timed([sys.executable, "-m", "tipfigs.tools.runner", "--force", "--jobs", str(jobs)],
                  _env(tree))
    report = json.loads((tree / "build" / "last-build.json").read_text())
    return wall, report


def baseline(tree: Path, stems: list[str]) -> float:
    shutil.rmtree(tree / "build", ignore_errors=True)
    out = tree / "build" / "baseline"
    out.mkdir(parents=True)
    env = _env(tree, TIPFIGS_OUTPUT_DIR=str(out / "figures"))
    t0 = time.perf_counter()
    for s in stems:
        _run([*_papermill_cli(), str(tree / "notebooks" / f"{s}.ipynb"), str(out / f"{s}.ipynb"),
              "-k", staleness.KERNEL_NAME, "--cwd", str(tree / "notebooks")], env)
    return time.perf_counter() - t0


def noop_make() -> float:
    root = paths.root()
    _run(["make", "-s"], dict(os.environ), cwd=root)
    return _timed(["make", "-s"], dict(os.environ), cwd=root)


def sweep_pair(tree: Path, values: list[str], jobs: int) -> tuple[float, float]:
    env = _env(tree)
    stem, param = sweep.DEFAULT_STEM, sweep.DEFAULT_PARAM
    runner = _timed([sys.executable, "-m", "tipfigs.tools.sweep", stem, "--param", param,
                     "--jobs", str(jobs), "--values", *values], env)
    t0 = time.perf_counter()
    for v in values:
        folder = tree / "build" / "sweep-cli" / v
        folder.mkdir(parents=True, exist_ok=True)
        _run([*_papermill_cli(), str(tree / "notebooks" / f"{stem}.ipynb"),
              str(folder / f"{stem}.ipynb"), "-k", staleness.KERNEL_NAME,
              "-p", param, v, "-p", "output_dir", str(folder), "--cwd", str(tree / "notebooks")],
             env)
    return runner, time.perf_counter() - t0


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 ** 2:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){mem}, "
            f"Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--sweep-values", type=int, default=6,
                    help="countries in the sweep comparison (default 6)")
    ap.add_argument("--skip-make", action="store_true", help="do not time a no-op make")
    args = ap.parse_args(argv)

    stems = staleness.stems()
    tree = scratch_copy()
    print(f"benchmark on {machine()}: {len(stems)} notebooks", flush=True)
    cold, report = cold_build(tree, args.jobs)
    print(f"  cold build {cold:.1f} s", flush=True)
    base = baseline(tree, stems)
    print(f"  papermill CLI baseline {base:.1f} s", flush=True)
    noop = None if args.skip_make else noop_make()
    values = sweep.top_countries(args.sweep_values)
    sweep_runner, sweep_cli = sweep_pair(tree, values, args.jobs)
    slowest = max(report, key=lambda r: r["seconds"])
    peak = max(r["peak_kernel_mib"] for r in report)

    rows = [
        (f"cold full build (runner, {args.jobs} jobs)", f"{cold:.1f} s", ""),
        ("baseline: one papermill CLI call per notebook", f"{base:.1f} s", ""),
        ("ratio cold build / baseline", f"{cold / base:.2f}", "target <= 0.5"),
        ("no-op make", "skipped" if noop is None else f"{noop:.3f} s", "target < 0.5 s"),
        ("slowest notebook (cold build)", f"{slowest['seconds']:.1f} s ({slowest['stem']})",
         "target <= 10 s"),
        ("peak memory of a kernel", f"{peak:.0f} MiB", "target < 1024 MiB"),
        (f"sweep, {len(values)} countries: runner", f"{sweep_runner:.1f} s", ""),
        (f"sweep, {len(values)} countries: papermill CLI loop", f"{sweep_cli:.1f} s", ""),
        ("sweep throughput, runner / CLI loop", f"{sweep_cli / sweep_runner:.2f}x",
         "target >= 2x"),
    ]
    lines = [f"Machine: {machine()}", "",
             "| measure | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    table = "\n".join(lines) + "\n"
    print()
    print(table)
    out = paths.build_dir() / "bench" / "results.md"
    out.write_text(table)
    print(f"(also written to {paths.show(out)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
