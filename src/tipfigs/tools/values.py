"""A figure's parameters: each one's default, its help and the values the data allow.

    python -m tipfigs.tools.values STEM          (python run.py values STEM, make values STEM=...)

For every parameter of the notebook's ``parameters`` cell: its default, the help written on its
line, and, where the data decide, the values they allow, read from the files the defaults name:
the countries and years of the CTDC releases, the five regions of the Global Slavery Index, the
regions, subregions and years of the UNODC workbooks, the palettes. These are the values the
notebook's own checks accept, so a run with one of them does not stop on that parameter.
"""

from __future__ import annotations

import ast
import io
import sys
import textwrap
import tokenize
from collections.abc import Callable
from functools import cache

import pandas as pd

from tipfigs import style
from tipfigs.ctdc import filters, schema
from tipfigs.ctdc import setup as ctdc_setup
from tipfigs.errors import ParameterError, TipfigsError
from tipfigs.glotip import releases as glotip_releases
from tipfigs.gsi import REGIONS
from tipfigs.tools import notebooks
from tipfigs.tools.figure import resolve_stem
from tipfigs.words import span


def help_texts(source: str) -> dict[str, str]:
    """Parameter -> the comment on the last line of its assignment in the parameters cell."""
    comments = {tok.start[0]: tok.string.lstrip("#").strip()
                for tok in tokenize.generate_tokens(io.StringIO(source).readline)
                if tok.type == tokenize.COMMENT}
    out = {}
    for node in ast.parse(source).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and node.end_lineno in comments:
            out[target.id] = comments[node.end_lineno]
    return out


# -- the data the defaults name ---------------------------------------------------------------------
@cache
def _ctdc(defaults_items: tuple) -> dict[str, pd.DataFrame]:
    defaults = dict(defaults_items)
    files = {r: defaults[p] for r, p in ctdc_setup.FILE_PARAMETERS.items() if p in defaults}
    releases = [r for r in defaults.get("releases") or list(files) if r in files]
    dictionary = defaults.get("ctdc_dictionary") if "2018" in releases else None
    return ctdc_setup.load_releases(files, releases, dictionary)


@cache
def _glotip(workbooks: tuple) -> pd.DataFrame:
    found = glotip_releases.releases("glotip_workbooks", list(workbooks))
    return pd.concat([r.data[["is_country", "region", "subregion", "year"]] for r in found])


def _frozen(defaults: dict) -> tuple:
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(defaults.items()))


def _listing(values) -> str:
    return ", ".join(str(v) for v in values)


def _country(d: dict) -> str | None:
    if not any(p in d for p in ctdc_setup.FILE_PARAMETERS.values()):
        return None
    codes = filters.countries(_ctdc(_frozen(d)))
    return (f"None, or one of the {len(codes)} ISO3 codes of the countries of exploitation in "
            f"the CTDC releases read: {_listing(codes)}")


def _years(d: dict) -> str | None:
    if "glotip_workbooks" in d:
        known = _glotip(tuple(d["glotip_workbooks"]))
        first, last = int(known["year"].min()), int(known["year"].max())
    elif any(p in d for p in ctdc_setup.FILE_PARAMETERS.values()):
        first, last = filters.data_years(_ctdc(_frozen(d)))
    else:
        return None
    return f"None, or [first, last] within the data's years {span(first, last)}, e.g. [{first}, {last}]"


def _area(column: str) -> Callable[[dict], str | None]:
    def allowed(d: dict) -> str | None:
        if "glotip_workbooks" not in d:
            return None
        known = _glotip(tuple(d["glotip_workbooks"]))
        names = sorted(known.loc[known["is_country"], column].dropna().unique())
        return "None, or one of " + ", ".join(repr(n) for n in names)
    return allowed


def _releases(d: dict) -> str | None:
    files = [r for r, p in ctdc_setup.FILE_PARAMETERS.items() if p in d]
    if not files:
        return None
    return (f"a list of CTDC releases among {', '.join(repr(r) for r in schema.RELEASES if r in files)}"
            " (None: all)")


#: Parameter -> the values the data (or the package) allow, given the notebook's defaults.
ALLOWED: dict[str, Callable[[dict], str | None]] = {
    "country": _country,
    "years": _years,
    "region": _area("region"),
    "subregion": _area("subregion"),
    "releases": _releases,
    "regions": lambda d: ("None (all), or a list among " + ", ".join(repr(r) for r in REGIONS)
                          if "gsi_workbook" in d else None),
    "palette": lambda d: "one of " + ", ".join(repr(p) for p in style.PALETTES),
    "exclude_flagged": lambda d: "True or False",
    "output_dir": lambda d: ("None: figures/ when the build (make) runs the notebook, "
                             "build/custom/<stem>/<parameter set>/ in any other run; or a folder"),
}


def describe(stem: str) -> str:
    """The text that `values STEM` prints."""
    nb = notebooks.read(notebooks.notebook_path(stem))
    defaults = notebooks.parameter_defaults(nb)
    helps = help_texts(notebooks.parameters_source(nb))
    lines = [f"{stem}: its parameters, their defaults and the values the data allow.",
             f"Run it with other values: python run.py figure {stem} NAME=VALUE ... (a custom run, "
             "into build/custom/)", ""]
    for name, default in defaults.items():
        lines.append(f"  {name} = {default!r}")
        if name in helps:
            lines += textwrap.wrap(helps[name], 96, initial_indent="      ",
                                   subsequent_indent="      ")
        allowed = ALLOWED[name](defaults) if name in ALLOWED else None
        if allowed:
            lines += textwrap.wrap(f"allowed: {allowed}", 96, initial_indent="      ",
                                   subsequent_indent="        ")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python run.py values STEM   (e.g. fig05; make values STEM=fig05)\n"
              "figures: " + ", ".join(notebooks.stems()), file=sys.stderr)
        return 2
    try:
        print(describe(resolve_stem(argv[0])))
    except (ParameterError, TipfigsError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
