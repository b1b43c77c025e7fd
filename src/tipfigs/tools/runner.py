"""Run the stale notebooks of the collection.

    python -m tipfigs.tools.runner [STEM ...] [--force] [--jobs N] [--timeout SECONDS] [--dry-run]

A notebook is stale when its staleness key (its code, inputs, the shared package, the
pinned environment, the manifest: :mod:`tipfigs.tools.staleness`) differs from the one
recorded after its last good run, or when one of its outputs is missing. The keys of all the
figures are also kept in build/figures.keys, rewritten only when one changes (make's stamp).
Stale notebooks run in parallel, each in its own fresh kernel, through papermill's Python API
(imported once, only when there is work).

Each run writes its executed notebook to build/executed/; only on success is it
normalised and renamed over notebooks/<stem>.ipynb. A failed run keeps the previous
notebook and figures as they were and leaves the failed notebook in build/failed/.

The runner tells the kernel of each notebook it builds that it is the build (``TIPFIGS_BUILD=1``,
:mod:`tipfigs.runs`): only then does a notebook write to figures/. A job that is not the build
(a sweep, a custom run of :mod:`tipfigs.tools.figure`) runs without it. Kernels talk to the
runner over local sockets (IPC) where the platform has them, not TCP ports.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass

from tipfigs import paths, runs, session
from tipfigs.outputs import atomic_write
from tipfigs.tools import notebooks, staleness

DEFAULT_TIMEOUT = int(os.environ.get("TIPFIGS_CELL_TIMEOUT", "600"))


@dataclass
class Job:
    """One notebook run: the default build (``record``: replace the committed notebook and
    store the staleness key), or a parameterised run whose executed notebook goes elsewhere."""
    stem: str
    parameters: dict | None = None
    output_notebook: str | None = None
    record: bool = True
    label: str = ""


@dataclass
class Result:
    stem: str
    ok: bool
    seconds: float
    message: str = ""
    label: str = ""
    #: Largest resident set of any kernel this worker process has run so far (MiB).
    peak_kernel_mib: float = 0.0


def _peak_child_mib() -> float:
    try:
        import resource  # POSIX only: on Windows the benchmark reports no kernel memory
    except ImportError:
        return 0.0
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _error_line(exc) -> str:
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    return f"{ename}: {evalue}".strip().splitlines()[0] if evalue else ename


def _papermill():
    """papermill, imported without one optional module its imports would compile for nothing.

    papermill imports nbformat, which imports jsonschema, which imports ``rfc3987_syntax``
    when the environment has it (the Jupyter server's event schemas need it): that module
    builds a parser for the 'iri' string format at import, 2 s on a 2-core machine before
    the first notebook can start. No notebook format schema uses that string format, so the
    runner's process does without it. Only this process: the kernels import neither."""
    sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: an ImportError
    import papermill

    return papermill


#: The papermill engine the runner uses (registered by :func:`_engine`).
ENGINE = "tipfigs"
#: While a notebook runs, its executed copy is saved at most this often (seconds).
AUTOSAVE_SECONDS = 30


def _engine() -> str:
    """Register and name papermill's nbclient engine with one change: the executed notebook is
    saved when the run ends, not twice per cell. Papermill's own engine serialises and
    validates the whole notebook, with its images, before and after every cell; for the
    collection that was a fifth of the runner's own work. A run that fails, times out or is
    interrupted still saves what it has (it is kept in build/failed/), and a long run saves
    every AUTOSAVE_SECONDS."""
    from papermill import engines

    class Manager(engines.NotebookExecutionManager):
        unfinished = False

        def save(self, **kwargs):
            due = (self.now() - self.last_save_time).total_seconds() >= AUTOSAVE_SECONDS
            if self.unfinished or due:
                super().save(**kwargs)

    class Engine(engines.NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True,
                             log_output=False, autosave_cell_every=30, **kwargs):
            # papermill's Engine.execute_notebook, with the manager above
            nb_man = Manager(nb, output_path=output_path, progress_bar=progress_bar,
                             log_output=log_output, autosave_cell_every=autosave_cell_every)
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            except BaseException:
                nb_man.unfinished = True  # saved below, for build/failed/
                raise
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    engines.papermill_engines.register(ENGINE, Engine)
    return ENGINE


def _kernel_manager(folder: str | None):
    """The class of the kernel manager of one run. With ``folder`` (POSIX), the kernel's
    sockets are files in it (IPC transport) instead of TCP ports on 127.0.0.1: no port that
    another process can take before the kernel binds it, and no warning from the kernel that
    TCP is unencrypted. Windows has no IPC sockets: its kernels keep TCP (``folder`` None)."""
    from jupyter_client.manager import AsyncKernelManager

    if folder is None:
        return AsyncKernelManager

    class IpcKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(folder, "kernel")  # sockets kernel-1 ... kernel-5

    return IpcKernelManager


def _kernel_did_not_start(e: BaseException) -> bool:
    """True for the errors of a kernel that never answered, before any cell ran."""
    text = str(e)
    return ("Kernel didn't respond" in text or "Kernel died before replying" in text
            or "Address already in use" in text)


def run_one(stem: str, timeout: int = DEFAULT_TIMEOUT, parameters: dict | None = None,
            output_notebook=None, record: bool = True) -> Result:
    """Execute one notebook. With ``record`` (the default build), the executed notebook
    replaces the committed one and the staleness key is stored; otherwise it is written
    to ``output_notebook`` only (sweeps and tests)."""
    pm = _papermill()
    src = notebooks.notebook_path(stem)
    # One file per worker process: parallel runs of the same notebook (a sweep) never share it.
    executed = paths.build_dir() / "executed" / f"{stem}.{os.getpid()}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    key = staleness.staleness_key(stem) if record else None
    t0 = time.perf_counter()
    os.environ[session.NOTEBOOK_ENV] = str(src)  # the kernel inherits it: the outputs' stem
    was_build = os.environ.pop(runs.BUILD_ENV, None)
    if record:
        os.environ[runs.BUILD_ENV] = "1"  # only the build writes the published outputs
    sockets = tempfile.mkdtemp(prefix="tipfigs-kernel-") if os.name == "posix" else None
    try:
        for attempt in (1, 2):
            try:
                pm.execute_notebook(
                    str(src), str(executed),
                    parameters=parameters or None,
                    kernel_name=notebooks.KERNEL_NAME,
                    engine_name=_engine(),
                    execution_timeout=timeout,
                    # Once its last cell has run and its outputs are in, the kernel is stopped at
                    # once (SIGKILL) instead of asked to shut down and waited for: the notebook has
                    # written everything it writes, and the wait cost 0.5 to 3 s per notebook.
                    shutdown_kernel="immediate",
                    progress_bar=False,
                    log_output=False,
                    request_save_on_cell_execute=True,  # see _engine: saved at the end, or if killed
                    cwd=str(paths.notebooks_dir()),
                    kernel_manager_class=_kernel_manager(sockets),
                )
                break
            except RuntimeError as e:
                # A kernel that never started (another process took one of the ports it was
                # given, on a busy machine) ran no cell: start a fresh one, once.
                if attempt == 2 or not _kernel_did_not_start(e):
                    raise
                print(f"  retrying   {stem}: {_error_line(e)}", file=sys.stderr, flush=True)
    except BaseException as e:  # execution errors, timeouts, a missing kernel, interrupts
        if record or output_notebook is None:
            failed = paths.build_dir() / "failed" / f"{stem}.ipynb"
        else:  # a sweep or custom run: keep the failure beside the notebook it would have made
            out = paths.resolve(output_notebook)
            failed = out.with_name(f"{out.stem}.failed.ipynb")
        failed.parent.mkdir(parents=True, exist_ok=True)
        if executed.is_file():
            os.replace(executed, failed)
            where = f" (failed notebook kept at {paths.show(failed)})"
        else:
            where = ""
        if not isinstance(e, Exception):  # interrupted (Ctrl-C, SIGTERM): stop the build
            raise
        return Result(stem, False, time.perf_counter() - t0, _error_line(e) + where)
    finally:
        os.environ.pop(runs.BUILD_ENV, None)
        if was_build is not None:
            os.environ[runs.BUILD_ENV] = was_build
        if sockets is not None:
            shutil.rmtree(sockets, ignore_errors=True)
    try:
        nb = notebooks.normalize(notebooks.read(executed))
        target = output_notebook or (src if record else None)
        if target is not None:
            atomic_write(paths.resolve(target), notebooks.dumps(nb).encode("utf-8"))
    except Exception as e:  # an unreadable executed notebook must not pass for a good run
        return Result(stem, False, time.perf_counter() - t0,
                      f"executed notebook {paths.show(executed)} unusable: {e}")
    executed.unlink(missing_ok=True)
    if record:
        stamp = staleness.stamp_path(stem)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(stamp, (key + "\n").encode())
    return Result(stem, True, time.perf_counter() - t0)


def _worker(args) -> Result:
    job, timeout = args
    r = run_one(job.stem, timeout, job.parameters, job.output_notebook, job.record)
    r.label = job.label or job.stem
    r.peak_kernel_mib = _peak_child_mib()
    return r


def run_jobs(jobs: list[Job], n_parallel: int, timeout: int = DEFAULT_TIMEOUT) -> list[Result]:
    """Run notebook jobs, ``n_parallel`` at a time, each in its own fresh kernel. Papermill
    is imported once, here; the worker processes are forked from this one and inherit it."""
    if not jobs:
        return []
    _papermill()
    if n_parallel <= 1 or len(jobs) == 1:
        return [_worker((j, timeout)) for j in jobs]
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # fork where there is one (the workers inherit papermill, imported once); Windows has none
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=min(n_parallel, len(jobs)),
                             mp_context=mp.get_context(method)) as ex:
        return list(ex.map(_worker, [(j, timeout) for j in jobs]))


def run_many(stems: list[str], jobs: int, timeout: int = DEFAULT_TIMEOUT) -> list[Result]:
    """Run the notebooks, longest first (by the durations of earlier builds), so that the
    workers finish together; the results come back in the order of ``stems``."""
    order = longest_first(stems, read_durations())
    results = {r.stem: r for r in run_jobs([Job(s) for s in order], jobs, timeout)}
    record_durations([results[s] for s in order])
    return [results[s] for s in stems]


DURATIONS = "durations.json"


def read_durations() -> dict[str, float]:
    """Seconds of each notebook's last good run (build/durations.json; none after a clean)."""
    try:
        data = json.loads((paths.build_dir() / DURATIONS).read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))}


def record_durations(results: list[Result]) -> None:
    durations = read_durations()
    durations.update({r.stem: round(r.seconds, 2) for r in results if r.ok})
    atomic_write(paths.build_dir() / DURATIONS,
                 (json.dumps(durations, indent=1, sort_keys=True) + "\n").encode())


def _notebook_size(stem: str) -> int:
    try:
        return notebooks.notebook_path(stem).stat().st_size
    except OSError:
        return 0


def longest_first(stems: list[str], durations: dict[str, float], size=_notebook_size) -> list[str]:
    """Longest-processing-time order, so that the last notebook to start is a short one (each
    worker takes the next when it is free). Notebooks never timed (a first or clean build) come
    first, the largest file first: its outputs, figures and tables, are most of a notebook's
    work (on the collection the order is nearly that of the durations). Then the others,
    longest last run first."""
    unknown = sorted((s for s in stems if s not in durations), key=lambda s: -size(s))
    known = sorted((s for s in stems if s in durations), key=lambda s: -durations[s])
    return unknown + known


def write_report(results: list[Result], name: str = "last-build.json") -> None:
    """Timings and memory of the last run (build/, not committed): read by the benchmark."""
    path = paths.build_dir() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps([asdict(r) for r in results], indent=1).encode())


def _terminate(signum, frame):
    # SIGTERM (a killed make, CI time-out) unwinds like Ctrl-C, so that the failed notebook
    # is kept for debugging; the published outputs are never half-written either way.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.runner", description=__doc__.split("\n")[0])
    ap.add_argument("stems", nargs="*", help="figure stems (default: all)")
    ap.add_argument("--force", action="store_true", help="run even if up to date")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                    help="notebooks run at once (default: number of cores)")
    ap.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, help="seconds per cell")
    ap.add_argument("--dry-run", action="store_true", help="list stale notebooks and stop")
    args = ap.parse_args(argv)

    known = notebooks.stems()
    copies = [s for s in args.stems if s not in known and s in notebooks.all_stems()]
    if copies:
        print(f"error: {', '.join(copies)} is not one of the collection's figures "
              f"({paths.show(notebooks.figures_file())}), so the build does not publish it: run it "
              f"with `python run.py figure {copies[0]}` (its outputs go to build/custom/)",
              file=sys.stderr)
        return 2
    unknown = [s for s in args.stems if s not in known]
    if unknown:
        print(f"error: no notebook for {', '.join(unknown)}; figures: {', '.join(known)}",
              file=sys.stderr)
        return 2
    wanted = args.stems or known
    stale = [s for s in wanted if args.force or staleness.is_stale(s)]
    for s in wanted:
        if s not in stale:
            print(f"  up to date  {s}")
    if args.dry_run:
        for s in stale:
            print(f"  stale       {s}")
        return 0
    if not stale:
        staleness.record_keys()  # for make, if missing
        return 0
    print(f"running {len(stale)} notebook(s), {min(args.jobs, len(stale))} at a time")
    t0 = time.perf_counter()
    results = run_many(stale, args.jobs, args.timeout)
    write_report(results)
    staleness.record_keys()  # make regenerates the catalogue when this changes
    for r in results:
        if r.ok:
            print(f"  built       {r.stem} ({r.seconds:.1f} s)")
        else:
            print(f"  FAILED      {r.stem}: {r.message}", file=sys.stderr)
    failed = [r for r in results if not r.ok]
    print(f"done in {time.perf_counter() - t0:.1f} s: {len(results) - len(failed)} built, "
          f"{len(failed)} failed")
    if failed:
        print("The previous outputs of the failed figures were left in place.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
