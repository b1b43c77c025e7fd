#!/usr/bin/env python3
"""Every task of the project, for any machine with Python 3.11 to 3.13, with or without make.

    python run.py                  set up, verify the data, build every stale figure   (make)
    python run.py test             the full test suite, as CI runs it                  (make test)
    python run.py check            a quick check while editing                         (make check)
    python run.py STEM             build one figure, e.g. fig05-male-victims-trend     (make STEM)
    python run.py help             every task

On Windows write `py run.py ...` (or `py -3.12 run.py ...` to choose a Python).

On first use, and whenever requirements.txt or pyproject.toml change, it creates the virtual
environment .venv with the pinned packages, the project's package and its notebook kernel
(`python run.py env` does only that). Every other task is handed to that environment's Python
as `python -m tipfigs.tools.tasks TASK`, the command `make TASK` runs too (make, which verifies
the data as a prerequisite, adds --no-data). The tasks, with their help and steps, are the
table in src/tipfigs/tools/task_list.py. This file uses the standard library only.

Options before the task: --venv DIR (default .venv, or the TIPFIGS_VENV variable).
Maintainers: `python run.py pythons` lists the supported Pythons found on this machine;
`python run.py freeze` re-pins requirements.txt from requirements.in for all of them (see
`freeze` below).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
#: Oldest and newest Python the pinned requirements are made for (both included).
SUPPORTED = ((3, 11), (3, 13))
STAMP = ".installed"
KERNEL = ("tipfigs", "Python (tipfigs)")


def _task_list():
    """The table of the tasks, src/tipfigs/tools/task_list.py, read as a file: the package's
    environment may not exist yet."""
    spec = importlib.util.spec_from_file_location("_tipfigs_task_list",
                                                  ROOT / "src" / "tipfigs" / "tools" / "task_list.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TABLE = _task_list()
TASKS = TABLE.TASKS


class Failure(Exception):
    """A problem the user can fix, reported as one line."""


def say(msg: str) -> None:
    print(msg, flush=True)


# -- the environment --------------------------------------------------------------------------
def venv_python(venv: Path, windows: bool | None = None) -> Path:
    """The Python of a virtual environment: Scripts\\python.exe on Windows, bin/python elsewhere
    (a conda environment on Windows has python.exe at its top)."""
    windows = os.name == "nt" if windows is None else windows
    if windows:
        scripts = venv / "Scripts" / "python.exe"
        top = venv / "python.exe"
        return top if top.is_file() and not scripts.is_file() else scripts
    return venv / "bin" / "python"


def version_ok(version: tuple[int, int]) -> bool:
    return SUPPORTED[0] <= tuple(version[:2]) <= SUPPORTED[1]


def _name(v) -> str:
    return f"{v[0]}.{v[1]}"


def check_version(version: tuple[int, int] = sys.version_info[:2], where: str = sys.executable) -> None:
    lo, hi = SUPPORTED
    if tuple(version) < lo:
        raise Failure(
            f"Python {_name(version)} ({where}) is too old: the project needs Python {_name(lo)} "
            f"to {_name(hi)}. Run this with another Python (for instance `python3.12 run.py`, "
            f"`py -3.12 run.py` on Windows, or `make PYTHON=python3.12`)")
    if tuple(version) > hi:
        say(f"warning: Python {_name(version)} is newer than the newest the pins were made for "
            f"({_name(hi)}); if a package fails to install, use Python {_name(hi)}")


def env_key(venv_version: str) -> str:
    """What the environment is made from: the pins, the package metadata, its Python."""
    h = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        h.update((ROOT / name).read_bytes())
    h.update(venv_version.encode())
    return h.hexdigest()


def _run(cmd: list, **kw) -> None:
    say("$ " + " ".join(str(c) if " " not in str(c) else f'"{c}"' for c in cmd))
    proc = subprocess.run([str(c) for c in cmd], cwd=ROOT, **kw)
    if proc.returncode != 0:
        raise Failure(f"the command above failed (exit code {proc.returncode})")


def _python_version(python: Path) -> str:
    out = subprocess.run([str(python), "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise Failure(f"{python} does not run: delete the folder {python.parent.parent} and retry")
    return out.stdout.strip()


#: Where an environment's tipfigs package and its kernel come from (printed by its Python).
WHERE = ("import importlib.util, json, os, sys; s = importlib.util.find_spec('tipfigs'); "
         "k = os.path.join(sys.prefix, 'share', 'jupyter', 'kernels', 'tipfigs', 'kernel.json'); "
         "print(s.origin if s and s.origin else ''); "
         "print(json.load(open(k))['argv'][0] if os.path.isfile(k) else '')")


def _same_path(a: str | Path, b: str | Path) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def elsewhere(package: str, kernel: str, python: Path, root: Path = ROOT) -> list[str]:
    """What of an environment belongs to another checkout: its package (not this checkout's
    src/tipfigs) and its notebook kernel (not run by this environment's Python)."""
    out = []
    own = root / "src" / "tipfigs"
    if not package or not _same_path(Path(package).parent, own):
        out.append(f"its tipfigs package is {Path(package).parent if package else 'missing'}, "
                   f"not {own}")
    if not kernel or not _same_path(kernel, python):
        out.append(f"its kernel runs {kernel or 'nothing'}, not {python}")
    return out


def _install_package(python: Path) -> None:
    """This checkout's package (editable) and the notebook kernel, into the environment."""
    _run([python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "--no-deps",
          "--no-build-isolation", "-e", "."], env={**os.environ, "PYTHONWARNINGS": "ignore"})
    _run([python, "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL[0],
          "--display-name", KERNEL[1]], stdout=subprocess.DEVNULL)


def ensure_env(venv: Path, force: bool = False, own: bool = False) -> Path:
    """Create or update the environment if needed; return its Python. With ``own`` (the env
    task), an up-to-date environment whose package or kernel is another checkout's (a copied
    .venv, a conda environment shared by two clones) is pointed at this checkout."""
    python = venv_python(venv)
    if not python.is_file():
        check_version()
        say(f"creating the environment {venv} with Python {_name(sys.version_info)} ({sys.executable})")
        _run([sys.executable, "-m", "venv", venv])
    version = _python_version(python)
    if tuple(int(x) for x in version.split(".")[:2]) < SUPPORTED[0]:
        raise Failure(f"the environment {venv} was made with Python {version}; the project needs "
                      f"{_name(SUPPORTED[0])} to {_name(SUPPORTED[1])}: delete that folder and run "
                      "this again with a supported Python")
    stamp = venv / STAMP
    key = env_key(version)
    if not force and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == key:
        if own:
            found = subprocess.run([str(python), "-c", WHERE], capture_output=True, text=True,
                                   cwd=ROOT).stdout.splitlines() + ["", ""]
            wrong = elsewhere(found[0], found[1], python)
            if wrong:
                say(f"the environment {venv} belongs to another checkout ({'; '.join(wrong)}): "
                    f"installing this checkout's package and kernel into it")
                _install_package(python)
        stamp.touch()  # make compares times: the environment is up to date
        return python
    say(f"installing the pinned packages into {venv} (a few minutes the first time)")
    _run([python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
          "-r", "requirements.txt"])
    _install_package(python)
    stamp.write_text(key + "\n", encoding="utf-8")
    return python


# -- the Pythons on this machine ------------------------------------------------------------------
def _candidates() -> list[str]:
    found = [sys.executable]
    for minor in range(SUPPORTED[1][1], SUPPORTED[0][1] - 1, -1):
        for name in (f"python3.{minor}", f"python3.{minor}.exe"):
            if p := shutil.which(name):
                found.append(p)
    for name in ("python3", "python"):
        if p := shutil.which(name):
            found.append(p)
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if pyenv.is_dir():
        found += [str(p) for p in sorted(pyenv.glob("3.*/bin/python3"))]
    if os.name == "nt" and shutil.which("py"):  # the Windows launcher knows every install
        out = subprocess.run(["py", "-0p"], capture_output=True, text=True).stdout
        found += re.findall(r"(\S+python\.exe)\s*$", out, flags=re.M | re.I)
    return found


def find_pythons() -> dict[tuple[int, int], str]:
    """Supported Pythons that run on this machine: (major, minor) -> path, newest first."""
    out: dict[tuple[int, int], str] = {}
    for exe in _candidates():
        try:
            v = subprocess.run([exe, "-c", "import sys; print(*sys.version_info[:2])"],
                               capture_output=True, text=True, timeout=30).stdout.split()
        except (OSError, subprocess.TimeoutExpired):
            continue
        if len(v) == 2 and version_ok((int(v[0]), int(v[1]))):
            out.setdefault((int(v[0]), int(v[1])), exe)
    return dict(sorted(out.items(), reverse=True))


# -- re-pinning -----------------------------------------------------------------------------------
#: The head of requirements.txt, above what the resolver writes.
REQUIREMENTS_HEAD = """\
# Every package the project uses, pinned with ==, for Python 3.11, 3.12 and 3.13 on Linux, macOS
# and Windows: one list for both set-up paths ('make' or 'python run.py', pip into .venv; 'conda
# env create -f environment.yml' pulls this file). Generated from requirements.in (the packages
# the project uses directly, with their lower bounds) by 'python run.py freeze' (or 'make
# freeze'), which resolves once for every supported Python and platform (uv pip compile
# --universal) and keeps every pin that still fits; a pin that only some Pythons or platforms
# need carries a marker. Do not edit by hand: change requirements.in and run the freeze.
"""
#: The command and the options of the resolution (run from the project folder).
COMPILE = ["pip", "compile", "requirements.in", "--output-file", "requirements.txt", "--universal",
           "--python-version", _name(SUPPORTED[0]), "--no-header", "--quiet"]


def find_uv() -> list[str] | None:
    """How to run uv: as a module of this Python, or the uv program on the PATH."""
    probe = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-m", "uv"]
    uv = shutil.which("uv")
    return [uv] if uv else None


def freeze(uv: list[str] | None = None) -> None:
    """Re-pin requirements.txt from requirements.in for every supported Python in one
    resolution (``uv pip compile --universal``). The pins already in requirements.txt are kept
    where they still satisfy requirements.in. Without uv (as a module of this Python or on the
    PATH), uv is installed from PyPI into a scratch environment that is removed afterwards."""
    req = ROOT / "requirements.txt"
    with tempfile.TemporaryDirectory(prefix="tipfigs-freeze-") as tmp:
        uv = uv or find_uv()
        if uv is None:
            say("uv not found: installing it into a scratch environment")
            _run([sys.executable, "-m", "venv", Path(tmp) / "uv"])
            py = venv_python(Path(tmp) / "uv")
            _run([py, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "uv"])
            uv = [str(py), "-m", "uv"]
        _run([*uv, *COMPILE])
    body = req.read_text(encoding="utf-8")
    req.write_text(REQUIREMENTS_HEAD + body, encoding="utf-8")
    pins = sum(1 for ln in body.splitlines() if "==" in ln and not ln.startswith("#"))
    say(f"requirements.txt: {pins} pins from requirements.in for Python {_name(SUPPORTED[0])} "
        f"to {_name(SUPPORTED[1])}")


# -- dispatch ---------------------------------------------------------------------------------------
def stems() -> list[str]:
    return sorted(p.stem for p in (ROOT / "notebooks").glob("fig*.ipynb"))


def usage() -> str:
    """Every task with its help, from the one table (the same text as `make help`)."""
    return TABLE.listing(stems())


def command(python: Path, task: str, args: list[str]) -> list[str]:
    """The command that runs ``task`` in the environment (what `make TASK` runs too)."""
    return [str(python), "-m", "tipfigs.tools.tasks", task, *args]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    venv = Path(os.environ.get("TIPFIGS_VENV", ".venv"))
    if argv[:1] == ["--venv"] and len(argv) >= 2:
        venv, argv = Path(argv[1]), argv[2:]
    venv = venv if venv.is_absolute() else ROOT / venv
    task, args = (argv[0], argv[1:]) if argv else ("all", [])
    try:
        if task in ("help", "-h", "--help"):
            say(usage())
            return 0
        if task == "env":
            ensure_env(venv, force="--force" in args, own=True)
            return 0
        if task == "pythons":
            found = find_pythons()
            for v, exe in (list(found.items())[:1] if "--newest" in args else found.items()):
                say(exe if "--newest" in args else f"{_name(v)}  {exe}")
            return 0 if found else 1
        if task == "freeze":
            freeze()
            return 0
        if task not in TASKS and task not in stems():
            raise Failure(f"no task {task!r}: `python run.py help` lists them")
        python = ensure_env(venv)
        return subprocess.run(command(python, task, args), cwd=ROOT).returncode
    except Failure as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
