"""One figure by its name, with the defaults (the build) or with parameters (a custom run).

    python -m tipfigs.tools.figure STEM [NAME=VALUE ...] [--force]
    python run.py figure fig05 country=PHL           make figure STEM=fig05 ARGS="country=PHL"

``STEM`` is a notebook's name or the start of one (``fig05``). Each ``NAME=VALUE`` sets a
parameter of the notebook, the value read as a Python literal (``[2010, 2020]``, ``None``,
``0.5``, ``"PHL"``) or else taken as a string (``country=PHL``); ``python run.py values STEM``
lists the parameters and the values the data allow.

Without parameters, a figure of the collection is built as by ``make STEM`` (when stale; its
outputs are the published ones, in figures/). With parameters, or for a notebook that is not one
of the collection's figures (a copy in notebooks/, see ``data/figures.toml``), it is a custom
run: the outputs and the executed notebook go to ``build/custom/<stem>/<parameter set>/``
(``defaults``, or a digest of the parameters changed; :mod:`tipfigs.runs`), or to the
``output_dir=`` given, with the parameters in ``<stem>.parameters.json``; the published outputs
and the notebook are not touched. The command says where the outputs went, and a bad value
stops it with one line.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys

from tipfigs import paths, runs
from tipfigs.errors import ParameterError
from tipfigs.tools import notebooks, runner


def resolve_stem(name: str) -> str:
    """The notebook ``name`` names: itself, or the one figure of the collection (else the one
    notebook) whose name starts with it."""
    every = notebooks.all_stems()
    if name in every:
        return name
    for pool in (notebooks.stems(), every):
        found = [s for s in pool if s.startswith(name)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ParameterError(f"{name!r} names several notebooks ({', '.join(found)}): give "
                                 "more of the name")
    raise ParameterError(f"no notebook notebooks/{name}*.ipynb; the figures: "
                         + ", ".join(notebooks.stems()))


def parse_value(text: str):
    """A parameter's value as typed: a Python literal, or else the text itself."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def split_assignments(text: str) -> list[str]:
    """``NAME=VALUE ...`` typed as one string (make's ARGS) as one item per parameter: a new one
    starts at each blank followed by a name and ``=``, so that values may hold blanks
    (``regions=["Africa", "Arab States"] palette=dark``)."""
    text = text.strip()
    return re.split(r"\s+(?=[A-Za-z_]\w*=)", text) if text else []


def parse_parameters(items: list[str], defaults: dict, stem: str) -> dict:
    """``NAME=VALUE`` items as parameters; a name the notebook does not have is an error that
    lists those it has."""
    out = {}
    for item in items:
        name, _, text = item.partition("=")
        name = name.strip()
        if name not in defaults:
            raise ParameterError(f"{stem} has no parameter {name!r}; its parameters: "
                                 + ", ".join(defaults))
        out[name] = parse_value(text)
    return out


def custom_job(stem: str, parameters: dict) -> tuple[runner.Job, str]:
    """The job of a custom run and the folder its outputs go to (relative to the root)."""
    defaults = notebooks.parameter_defaults(notebooks.read(notebooks.notebook_path(stem)))
    parameters = dict(parameters)
    given = parameters.pop(runs.OUTPUT_PARAMETER, None)
    name = runs.set_name(runs.changed(defaults, parameters))
    folder = paths.show(paths.resolve(given) if given else runs.custom_dir(stem, name))
    label = " ".join(f"{k}={v!r}" for k, v in parameters.items()) or "defaults"
    job = runner.Job(stem, parameters={**parameters, runs.OUTPUT_PARAMETER: folder},
                     output_notebook=f"{folder}/{stem}.ipynb", record=False,
                     label=f"{stem} ({label})")
    return job, folder


def run_custom(stem: str, parameters: dict) -> int:
    job, folder = custom_job(stem, parameters)
    print(f"custom run of {job.label}: outputs to {folder}/", flush=True)
    result = runner.run_jobs([job], 1)[0]
    if not result.ok:
        hint = (f"; `python run.py values {stem}` lists the values the data allow"
                if result.message.startswith("ParameterError") else "")
        print(f"error: {stem}: {result.message}{hint}", file=sys.stderr)
        return 1
    files = sorted(p.name[len(stem):] for p in paths.resolve(folder).glob(f"{stem}.*")
                   if p.is_file())
    print(f"  done        {stem} ({result.seconds:.1f} s): {folder}/{stem}"
          f"{{{','.join(files)}}}")
    print("  the published figures/ are unchanged (only `make` writes them)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.figure",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("items", nargs="*", metavar="STEM or NAME=VALUE",
                    help="figures to build, or one figure and its parameters")
    ap.add_argument("--force", action="store_true", help="build even if up to date")
    ap.add_argument("--jobs", "-j", type=int, default=None, help="notebooks built at once")
    ap.add_argument("--args", default="", metavar="'NAME=VALUE ...'",
                    help="parameters as one string (what `make figure ARGS=...` passes)")
    args = ap.parse_args(argv)
    assignments = [i for i in args.items if "=" in i] + split_assignments(args.args)
    try:
        bad = [a for a in assignments if not re.match(r"^[A-Za-z_]\w*=", a)]
        if bad:
            raise ParameterError(f"{bad[0]!r} is not NAME=VALUE")
        stems = [resolve_stem(i) for i in args.items if "=" not in i]
        if assignments and len(stems) != 1:
            raise ParameterError("parameters go with exactly one figure: "
                                 "python run.py figure STEM NAME=VALUE ...")
        if assignments:
            stem = stems[0]
            defaults = notebooks.parameter_defaults(notebooks.read(notebooks.notebook_path(stem)))
            return run_custom(stem, parse_parameters(assignments, defaults, stem))
        collection = notebooks.stems()
        copies = [s for s in stems if s not in collection]
        code = 0
        for stem in copies:
            code = max(code, run_custom(stem, {}))
        built = [s for s in stems if s in collection]
        if built or not stems:
            flags = (["--force"] if args.force else []) + (
                ["--jobs", str(args.jobs)] if args.jobs else [])
            code = max(code, runner.main(built + flags))
        return code
    except ParameterError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
