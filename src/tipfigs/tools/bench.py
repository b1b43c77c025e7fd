"""Benchmark of the build, printed as a table (not a test: timings vary with the machine).

    python -m tipfigs.tools.bench [--with-tests] [--sweep-values N] [--jobs N]   (or: make bench)

In one run on the same machine it measures, in a scratch copy of the project under
build/bench/ (the published figures and notebooks are never touched; everything it writes is
under build/):

- the cold full build: every notebook, empty parse cache, through the project's runner;
- a no-op `make` in the scratch copy, once a first `make` there has brought it up to date
  (the median of several; target: well under 0.1 s, and make runs nothing);
- the physical limit: each notebook's code run as a plain Python script (no kernel, no
  notebook), one after another with an empty parse cache, the sum divided over the cores the
  build uses; and the cold build's ratio to it (target: at most 1.3);
- the baseline: the same notebooks, empty cache, one `papermill` CLI call at a time, and the
  cold build's ratio to it (target: at most 0.5);
- the slowest notebook of the cold build, and the peak resident memory of any kernel;
- a parameter sweep (the CTDC trend figure over N countries): the runner's throughput
  against a loop of papermill CLI calls (target: at least 2x);
- with --with-tests (`make bench` and `python run.py bench` pass it), the full test suite,
  `python -m tipfigs.tools.tasks test` in the project itself (what `make test` runs; several
  minutes), against the cold build. Its caches are kept out of the project folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tipfigs import paths, session
from tipfigs.tools import notebooks, sweep

COPY = ("notebooks", "src", "data/manifest.toml", "data/collection.toml", "data/figures.toml",
        "requirements.txt", "VERSION", "CHANGELOG.md")
#: What `make` needs beside the sources, for a scratch copy built with make.
MAKE_COPY = ("Makefile", "pyproject.toml", "run.py")


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        dst.symlink_to(src.resolve(), target_is_directory=True)
    except OSError:  # no symlinks (Windows without the privilege): a copy
        shutil.copytree(src, dst, symlinks=True)


def scratch_copy(dst: Path | None = None, make: bool = False) -> Path:
    """A copy of the project's sources (no figures, no build state) sharing the verified
    data, to build in without touching the published outputs. With ``make``, also the
    Makefile, run.py and pyproject.toml, and the project's environment (linked), so that
    `make` runs there as in the project (with ``TIPFIGS_ROOT`` naming the copy)."""
    root = paths.root()
    dst = dst or paths.build_dir() / "bench" / "tree"
    if dst.exists():
        shutil.rmtree(dst)
    (dst / "data").mkdir(parents=True)
    (dst / "figures").mkdir()
    for name in COPY + (MAKE_COPY if make else ()):
        src = root / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst / name)
    for csv in [*root.glob("data/*.csv"), *root.glob("data/verdicts-*.json")]:
        shutil.copy2(csv, dst / "data" / csv.name)
    _link_or_copy(paths.raw_dir(), dst / "data" / "raw")  # 7 MB
    if make:
        _link_or_copy(Path(sys.prefix), dst / ".venv")  # this Python's environment
    return dst


def _env(tree: Path, **extra) -> dict:
    env = dict(os.environ, TIPFIGS_ROOT=str(tree))
    env.pop("TIPFIGS_OUTPUT_DIR", None)  # unless given here: the runner's outputs stay in the copy
    return dict(env, **extra)


def _run(cmd: list[str], env: dict, cwd: Path | None = None) -> str:
    """Run a command; its output, or the benchmark stops with the end of it."""
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-15:])
        raise SystemExit(f"benchmark step failed: {' '.join(cmd[:4])} ...\n{tail}")
    return proc.stdout + proc.stderr


def _timed(cmd: list[str], env: dict, cwd: Path | None = None) -> float:
    return _measured(cmd, env, cwd)[0]


def _children_cpu() -> float | None:
    """CPU seconds (user and system) of the finished child processes, and theirs (the
    runner's workers and kernels); None where the platform does not say (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _measured(cmd: list[str], env: dict, cwd: Path | None = None) -> tuple[float, float | None]:
    """Wall-clock and CPU seconds of a command. The CPU time hardly depends on what else the
    machine runs, so it shows a change in work that the noisy wall-clock time can hide."""
    c0, t0 = _children_cpu(), time.perf_counter()
    _run(cmd, env, cwd)
    wall, c1 = time.perf_counter() - t0, _children_cpu()
    return wall, None if c0 is None or c1 is None else c1 - c0


def _papermill_cli() -> list[str]:
    """The papermill command line, through ``python -m`` (no script shebang: works in a
    folder whose path has spaces, and on Windows), with ``--inject-paths``: a notebook names
    its outputs after its own file, which plain papermill does not tell it."""
    return [sys.executable, "-m", "papermill", "--inject-paths"]


def cold_build(tree: Path, jobs: int) -> tuple[float, float | None, list[dict]]:
    """Wall-clock and CPU seconds of a build of every notebook from an empty build folder
    (no parse cache, no stamps), and the runner's report of it."""
    shutil.rmtree(tree / "build", ignore_errors=True)
    wall, cpu = _measured([sys.executable, "-m", "tipfigs.tools.runner", "--force", "--jobs",
                           str(jobs)], _env(tree))
    report = json.loads((tree / "build" / "last-build.json").read_text())
    return wall, cpu, report


def baseline(tree: Path, stems: list[str]) -> float:
    shutil.rmtree(tree / "build", ignore_errors=True)
    out = tree / "build" / "baseline"
    out.mkdir(parents=True)
    env = _env(tree, TIPFIGS_OUTPUT_DIR=str(out / "figures"))
    t0 = time.perf_counter()
    for s in stems:
        _run([*_papermill_cli(), str(tree / "notebooks" / f"{s}.ipynb"), str(out / f"{s}.ipynb"),
              "-k", notebooks.KERNEL_NAME, "--cwd", str(tree / "notebooks")], env)
    return time.perf_counter() - t0


#: Put before a notebook's code when it runs as a plain script. ``display`` is the only name
#: the notebooks use that IPython provides and Python does not; the script has no front end to
#: show anything in, so it does nothing (a cell's last expression is likewise not shown).
SCRIPT_SHIM = """\
def display(*objects, **kwargs):  # IPython's display(): nothing to show in a script
    pass

"""


def script_source(nb: dict) -> str:
    """A notebook's code cells as one plain Python script, with its default parameters."""
    return SCRIPT_SHIM + notebooks.code_source(nb) + "\n"


def physical_limit(tree: Path, stems: list[str]) -> dict[str, tuple[float, float | None]]:
    """Wall-clock and CPU seconds of each notebook's code run as a plain script with the
    environment's Python, one after another, from an empty parse cache (as in the cold
    build). Outputs go to a folder of the scratch copy; the stem comes from the notebook's
    name, as in a kernel."""
    shutil.rmtree(tree / "build", ignore_errors=True)
    scripts = tree / "build" / "scripts"
    scripts.mkdir(parents=True)
    env = _env(tree, TIPFIGS_OUTPUT_DIR=str(scripts / "figures"), MPLBACKEND="Agg")
    times = {}
    for s in stems:
        notebook = tree / "notebooks" / f"{s}.ipynb"
        script = scripts / f"{s}.py"
        script.write_text(script_source(notebooks.read(notebook)), encoding="utf-8")
        env[session.NOTEBOOK_ENV] = str(notebook)
        times[s] = _measured([sys.executable, str(script)], env, cwd=tree / "notebooks")
    return times


def cores_used(jobs: int, n_notebooks: int) -> int:
    """The cores a build with ``jobs`` workers keeps busy: no more than the machine has, nor
    than there are notebooks."""
    return max(1, min(jobs, os.cpu_count() or 1, n_notebooks))


def _median(values: list[float]) -> float:
    return statistics.median(values)


def make_env(tree: Path) -> dict:
    """The environment of a `make` in the scratch copy: its root, and none of the variables
    through which an outer make (`make bench`) would hand its options and job slots on."""
    env = _env(tree)
    for var in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(var, None)
    return env


def noop_make(tree: Path, times: int = 5) -> tuple[list[float], str]:
    """Seconds of each of ``times`` runs of `make` in a built scratch copy, once a first
    `make` has brought it up to date, and what the last one printed (make says it has nothing
    to do, and nothing else, when it runs nothing)."""
    env = make_env(tree)
    _run(["make"], env, cwd=tree)
    seconds, said = [], ""
    for _ in range(times):
        t0 = time.perf_counter()
        said = _run(["make"], env, cwd=tree)
        seconds.append(time.perf_counter() - t0)
    return seconds, said.strip()


def full_tests() -> tuple[float, int]:
    """Seconds and exit code of the full test suite in the project, as `make test` runs it
    once the data are verified; pytest's and ruff's caches stay out of the project folder."""
    env = dict(os.environ, PYTEST_ADDOPTS="-p no:cacheprovider", RUFF_NO_CACHE="true")
    for var in ("TIPFIGS_ROOT", "TIPFIGS_OUTPUT_DIR"):
        env.pop(var, None)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tipfigs.tools.tasks", "test", "--no-data"],
                          env=env, cwd=paths.root(), capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    log = paths.build_dir() / "bench" / "tests.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    return seconds, proc.returncode


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
              str(folder / f"{stem}.ipynb"), "-k", notebooks.KERNEL_NAME,
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


def _seconds(values: list[float]) -> str:
    """A median, with every measurement when there are several."""
    med = f"{_median(values):.1f} s"
    if len(values) == 1:
        return med
    return f"{med} (median of {', '.join(f'{v:.1f}' for v in values)})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--sweep-values", type=int, default=6,
                    help="countries in the sweep comparison (default 6)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="cold builds and physical limits to measure, alternately; the table "
                         "gives their medians (default 1)")
    ap.add_argument("--limit-only", action="store_true",
                    help="only the cold build and the physical limit (no baseline, make, sweep)")
    ap.add_argument("--skip-make", action="store_true", help="do not time a no-op make")
    ap.add_argument("--with-tests", dest="tests", action="store_true",
                    help="also time the full test suite (make test), several minutes")
    ap.add_argument("--without-tests", dest="tests", action="store_false",
                    help="do not time the test suite (the default of this module)")
    args = ap.parse_args(argv)

    stems = notebooks.stems()
    time_make = not (args.limit_only or args.skip_make) and shutil.which("make") is not None
    tree = scratch_copy(make=time_make)
    cores = cores_used(args.jobs, len(stems))
    print(f"benchmark on {machine()}: {len(stems)} notebooks", flush=True)
    colds, limits, reports, scripts, cpu_cold, cpu_scripts = [], [], [], [], [], []
    noop, noop_said = None, ""
    for _ in range(max(1, args.repeat)):
        cold, cpu, report = cold_build(tree, args.jobs)
        colds.append(cold)
        cpu_cold.append(cpu)
        reports.append(report)
        print(f"  cold build {cold:.1f} s", flush=True)
        if time_make and noop is None:  # the copy is built: make brings the rest up to date
            noop, noop_said = noop_make(tree)
            print(f"  no-op make {_median(noop):.3f} s", flush=True)
        times = physical_limit(tree, stems)
        scripts.append({s: wall for s, (wall, _) in times.items()})
        cpu_scripts.append(None if cpu is None else sum(c for _, c in times.values()))
        limits.append(sum(scripts[-1].values()) / cores)
        print(f"  notebooks as plain scripts {sum(scripts[-1].values()):.1f} s, "
              f"over {cores} core(s): {limits[-1]:.1f} s", flush=True)
    cold, limit = _median(colds), _median(limits)
    # per notebook: the runner's time for it against its script's, medians over the repeats
    runner_s = {s: _median([next(r["seconds"] for r in rep if r["stem"] == s) for rep in reports])
                for s in stems}
    script_s = {s: _median([t[s] for t in scripts]) for s in stems}
    rows = []
    if noop is not None:
        idle = all(line.endswith("Nothing to be done for 'all'.") for line in noop_said.splitlines())
        rows.append((f"no-op make (median of {len(noop)})", f"{_median(noop):.3f} s"
                     + ("" if idle else f"; it ran: {' / '.join(noop_said.splitlines()[:3])}"),
                     "target < 0.1 s, nothing run"))
    rows += [
        (f"cold full build (runner, {args.jobs} jobs)", _seconds(colds), ""),
        (f"physical limit: the notebooks as plain scripts, one after another, / {cores} cores",
         _seconds(limits), ""),
        ("ratio cold build / physical limit", f"{cold / limit:.2f}", "target <= 1.3"),
    ]
    if None not in cpu_cold:
        cpu_build, cpu_plain = _median(cpu_cold), _median(cpu_scripts)
        rows += [
            ("CPU time: cold build / the plain scripts", f"{cpu_build:.1f} s / {cpu_plain:.1f} s"
             f" = {cpu_build / cpu_plain:.2f}", ""),
        ]
    if not args.limit_only:
        base = baseline(tree, stems)
        print(f"  papermill CLI baseline {base:.1f} s", flush=True)
        values = sweep.top_countries(args.sweep_values)
        sweep_runner, sweep_cli = sweep_pair(tree, values, args.jobs)
        slowest = max(runner_s, key=runner_s.get)
        peak = max(r["peak_kernel_mib"] for rep in reports for r in rep)
        rows += [
            ("baseline: one papermill CLI call per notebook", f"{base:.1f} s", ""),
            ("ratio cold build / baseline", f"{cold / base:.2f}", "target <= 0.5"),
            ("slowest notebook (cold build)", f"{runner_s[slowest]:.1f} s ({slowest})",
             "target <= 10 s"),
            ("peak memory of a kernel", f"{peak:.0f} MiB", "target < 1024 MiB"),
            (f"sweep, {len(values)} countries: runner", f"{sweep_runner:.1f} s", ""),
            (f"sweep, {len(values)} countries: papermill CLI loop", f"{sweep_cli:.1f} s", ""),
            ("sweep throughput, runner / CLI loop", f"{sweep_cli / sweep_runner:.2f}x",
             "target >= 2x"),
        ]
    if args.tests:
        print("  the full test suite (make test, several minutes) ...", flush=True)
        tests, code = full_tests()
        rows += [
            ("make test: lint, every pytest test, nbval", f"{tests:.1f} s" + (
                "" if code == 0 else f" (FAILED, exit code {code}: build/bench/tests.log)"), ""),
            ("ratio make test / cold build", f"{tests / cold:.1f}", ""),
        ]
    lines = [f"Machine: {machine()}", "",
             "| measure | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines += ["", "| notebook | runner (s) | plain script (s) |", "|---|---|---|"]
    lines += [f"| {s} | {runner_s[s]:.1f} | {script_s[s]:.1f} |" for s in stems]
    table = "\n".join(lines) + "\n"
    print()
    print(table)
    out = paths.build_dir() / "bench" / "results.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table)
    print(f"(also written to {paths.show(out)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
