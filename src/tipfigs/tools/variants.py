"""A published figure's variants, and which files each has.

A figure drawn as a publication figure (:mod:`tipfigs.publication`) names its variants in its
about record (``variants``: name -> the base name of its files, ``<base>.png`` and
``<base>.svg``): *page* (``<stem>.png``), *slide* (``<stem>.slide.png``) and *bare*
(``<stem>.bare.png``). A figure whose about record names none (not redrawn yet) has its page
files only. The catalogue, the reading edition and the staleness check take the files from
here (:func:`named`, :func:`file_names`, :func:`leftovers`); what the files measure is checked
by :mod:`tipfigs.tools.variant_checks`. Nothing here imports more than the standard library:
the staleness check reads it before every build.
"""

from __future__ import annotations

import json
from pathlib import Path

FORMATS = (".png", ".svg")
#: The variants in the order they are listed, and what each is for (the catalogue's words).
PURPOSE = {
    "page": "for an A4 report's text column at 100% (at most 17 \u00d7 22.5 cm, type of 8 pt "
            "or more, PNG at 300 dpi)",
    "slide": "for a 16:9 slide (33.9 \u00d7 19.1 cm, type of 14 pt or more, PNG 1920 \u00d7 1080 px)",
    "bare": "the page figure without its title, subtitle and source line, for a report that "
            "sets its own caption",
}


# -- which files ------------------------------------------------------------------------------
def named(stem: str, about: dict) -> dict[str, str]:
    """Variant -> the base name of its files: the about record's ``variants``, in the order
    page, slide, bare (then any other); a figure whose record names none: its page only."""
    given = about.get("variants") if isinstance(about, dict) else None
    if not isinstance(given, dict) or not given:
        return {"page": stem}
    order = [v for v in PURPOSE if v in given] + [v for v in given if v not in PURPOSE]
    return {v: str(given[v]) for v in order}


def is_converted(about: dict) -> bool:
    """True when the about record names the figure's variants (a publication figure)."""
    return isinstance(about, dict) and isinstance(about.get("variants"), dict) \
        and bool(about["variants"])


def file_names(stem: str, about: dict) -> list[str]:
    """Every file of the figure's variants (PNG and SVG of each)."""
    return [f"{base}{fmt}" for base in named(stem, about).values() for fmt in FORMATS]


#: The suffixes of the variants' files after the stem (those of
#: :data:`tipfigs.outputs.VARIANT_SUFFIXES`, which a publish writes or removes; not imported
#: from there, which imports pandas: the staleness check reads them).
SUFFIXES = tuple(f".{name}{fmt}" for name in PURPOSE if name != "page" for fmt in FORMATS)


def leftovers(folder: Path, stem: str, about: dict) -> list[Path]:
    """Variant files in ``folder`` that the about record does not name: those of an earlier
    build, of a variant the figure no longer has (``<stem>.slide.png`` ...)."""
    listed = set(file_names(stem, about))
    return sorted(p for p in (Path(folder) / f"{stem}{s}" for s in SUFFIXES)
                  if p.name not in listed and p.is_file())


def read_about(folder: Path, stem: str) -> dict:
    """The figure's about record in ``folder`` ({} when there is none or it cannot be read)."""
    try:
        data = json.loads((Path(folder) / f"{stem}.about.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
