"""The checks of a published figure's variants: what their files measure.

    python -m tipfigs.tools.variant_checks [STEM ...]     the faults of the published variants

The checks (:func:`problems`, and the contract tests, which call each of them) read the files
as written, with no drawing library: the page PNG's size at its own resolution (its pHYs
chunk), the slide's pixels, the bare variant against the page, the smallest type of each SVG
in its own units (points), the font stack of each SVG, the text alternative (one sentence of
at most 30 words, every SVG's title), the source line, and the words a reader sees (the
headline, subtitle, text alternative, source line and every text drawn in the SVGs: no date
written as digits, no "release (20", no data file's name, no straight quote). Which files a
figure's variants have is :mod:`tipfigs.tools.variants`. The limits are the issue's numbers,
stated here apart from :mod:`tipfigs.publication`, which draws to them: a check that read
them from there would pass whatever they became.
"""

from __future__ import annotations

import argparse
import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tipfigs import paths
from tipfigs.tools.variants import PURPOSE, file_names, is_converted, named, read_about

CM_PER_INCH = 2.54
PAGE_MAX_CM = (17.0, 22.5)
PAGE_DPI = 300
SLIDE_PX = (1920, 1080)
#: The smallest type of each variant, in points.
MIN_TYPE_PT = {"page": 8.0, "slide": 14.0, "bare": 8.0}
MAX_ALT_WORDS = 30
#: CSS generic font families: the last of a font stack, so that any reader's software has one.
GENERIC_FAMILIES = ("serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
                    "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji")

ISO_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")
DATA_FILE = re.compile(r"[\w.-]+\.(?:xlsx|csv|gz)\b", re.I)
STRAIGHT_QUOTE = re.compile(r"[\"']")
#: A sentence that ends before another begins (the text alternative is one sentence): its last
#: word, its stop, and the capital that follows.
SENTENCE_BREAK = re.compile(r"(\S*)[.!?][\"\u2019\u201d)]?\s+[A-Z]")
#: Words a full stop ends without ending the sentence.
ABBREVIATIONS = {"e.g", "i.e", "vs", "cf", "St", "Dr", "Mr", "Mrs", "Ms", "No", "approx", "incl"}

# -- what the files measure -------------------------------------------------------------------
def png_info(data: bytes) -> tuple[int, int, float | None]:
    """Width and height in pixels, and the resolution in dots per inch its pHYs chunk gives
    (None without one)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    pos, dpi = 8, None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"pHYs":
            x, _, unit = struct.unpack(">IIB", data[pos + 8:pos + 17])
            dpi = x * CM_PER_INCH / 100 if unit == 1 else None  # unit 1: per metre
        if kind in (b"pHYs", b"IDAT", b"IEND"):
            break
        pos += 12 + length
    return width, height, dpi


def svg_root(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def svg_size_pt(root: ET.Element) -> tuple[float, float] | None:
    """The SVG's width and height in points, or None when they are not given in points."""
    dims = [re.fullmatch(r"([\d.]+)pt", root.get(a, "").strip()) for a in ("width", "height")]
    return (float(dims[0].group(1)), float(dims[1].group(1))) if all(dims) else None


def pt_per_unit(root: ET.Element) -> float:
    """Points per user unit: the width in points over the viewBox's width (1 without one)."""
    size, box = svg_size_pt(root), root.get("viewBox", "").split()
    if size is None or len(box) != 4 or float(box[2]) <= 0:
        return 1.0
    return size[0] / float(box[2])


def _styles(root: ET.Element):
    """Each element's declarations (property -> value), from its style and its attributes."""
    for el in root.iter():
        decl = {k: v for k, v in el.attrib.items() if k in ("font-size", "font-family", "font")}
        for part in el.get("style", "").split(";"):
            if ":" in part:
                k, v = part.split(":", 1)
                decl[k.strip()] = v.strip()
        if decl:
            yield decl


def font_sizes(root: ET.Element) -> list[float]:
    """Every font size the SVG sets, in its user units (px; a size in pt is 4/3 px)."""
    out = []
    for decl in _styles(root):
        sizes = [re.match(r"([\d.]+)(px|pt)?$", decl.get("font-size", "").strip()),
                 re.search(r"(?:^|\s)([\d.]+)(px|pt)\b", decl.get("font", ""))]
        out += [float(m.group(1)) * (4 / 3 if m.group(2) == "pt" else 1) for m in sizes if m]
    return out


def font_stacks(root: ET.Element) -> list[str]:
    """Every font family list the SVG names (a ``font`` shorthand without its size)."""
    out = []
    for decl in _styles(root):
        if "font-family" in decl:
            out.append(decl["font-family"])
        if "font" in decl:
            out.append(re.sub(r"^(?:(?:italic|oblique|normal|bold|\d+)\s+)*[\d.]+(?:px|pt)?"
                              r"(?:/[\d.]+\w*)?\s*", "", decl["font"]))
    return out


def ends_generic(stack: str) -> bool:
    """True when the last family of ``stack`` is a generic family (unquoted: a quoted name is a
    font called so)."""
    last = stack.split(",")[-1].strip()
    return last in GENERIC_FAMILIES


def drawn_text(root: ET.Element) -> list[str]:
    """The texts the SVG draws (its ``<text>`` elements; not its title and description)."""
    return [" ".join("".join(el.itertext()).split()) for el in root.iter()
            if _local(el.tag) == "text" and "".join(el.itertext()).strip()]


def sentences(text: str) -> int:
    """How many sentences ``text`` has: a stop followed by a capital ends one, unless it ends an
    abbreviation or an initial (e.g., U.S.)."""
    ends = [m for m in SENTENCE_BREAK.finditer(text)
            if m.group(1).rstrip(".") not in ABBREVIATIONS and not re.fullmatch(
                r"(?:[A-Z]\.)*[A-Z]", m.group(1))]
    return (len(ends) + 1) if text.strip() else 0


def text_faults(where: str, text: str) -> list[str]:
    """What the reader must not meet in ``text``: a date written as digits, "release (20", a
    data file's name, a straight quote."""
    out = []
    for pattern, what in ((ISO_DATE, "a date written as digits"),
                          (DATA_FILE, "a data file's name"), (STRAIGHT_QUOTE, "a straight quote")):
        m = pattern.search(text)
        if m:
            out.append(f"{where} has {what}: {m.group(0)!r} in {text[:60]!r}")
    if "release (20" in text:
        out.append(f"{where} says 'release (20': {text[:60]!r}")
    return out


# -- the checks of one published figure -------------------------------------------------------
def _path(folder: Path, stem: str, about: dict, variant: str, fmt: str) -> Path | None:
    base = named(stem, about).get(variant)
    return None if base is None else Path(folder) / f"{base}{fmt}"


def _read(folder: Path, stem: str, about: dict, variant: str, fmt: str) -> bytes | None:
    p = _path(folder, stem, about, variant, fmt)
    return p.read_bytes() if p is not None and p.is_file() else None


def file_faults(folder: Path, stem: str, about: dict) -> list[str]:
    """The page, slide and bare variants are named, and each has its PNG and SVG."""
    out = [f"{stem}: no {v} variant in its about record" for v in PURPOSE
           if v not in named(stem, about)]
    out += [f"{stem}: {name} is missing" for name in file_names(stem, about)
            if not (Path(folder) / name).is_file()]
    return out


def size_faults(folder: Path, stem: str, about: dict) -> list[str]:
    """The page at most 17 x 22.5 cm at its 300 dpi (PNG) and in points (SVG); the slide
    1920 x 1080 px and 16:9; the bare variant as wide as the page or narrower, and shorter."""
    out, png = [], {}
    for v in named(stem, about):
        data = _read(folder, stem, about, v, ".png")
        if data is not None:
            png[v] = png_info(data)
    if "page" in png:
        w, h, dpi = png["page"]
        if dpi is None or abs(dpi - PAGE_DPI) > 1:
            said = f"{dpi:.0f} dpi" if dpi else "no stated resolution"
            out.append(f"{stem}: the page PNG is at {said} (at {PAGE_DPI} dpi)")
        else:
            cm = (w / dpi * CM_PER_INCH, h / dpi * CM_PER_INCH)
            if cm[0] > PAGE_MAX_CM[0] + 0.01 or cm[1] > PAGE_MAX_CM[1] + 0.01:
                out.append(f"{stem}: the page PNG is {cm[0]:.1f} x {cm[1]:.1f} cm at {dpi:.0f} dpi "
                           f"(at most {PAGE_MAX_CM[0]:g} x {PAGE_MAX_CM[1]:g})")
    if "slide" in png and png["slide"][:2] != SLIDE_PX:
        out.append(f"{stem}: the slide PNG is {png['slide'][0]} x {png['slide'][1]} px "
                   f"({SLIDE_PX[0]} x {SLIDE_PX[1]})")
    if "bare" in png and "page" in png:
        (bw, bh, _), (pw, ph, _) = png["bare"], png["page"]
        if bw > pw or bh >= ph:
            out.append(f"{stem}: the bare PNG ({bw} x {bh} px) is not within the page's "
                       f"({pw} x {ph} px) without its title and source")
    for v, limit in (("page", PAGE_MAX_CM), ("bare", PAGE_MAX_CM), ("slide", None)):
        data = _read(folder, stem, about, v, ".svg")
        size = svg_size_pt(svg_root(data.decode("utf-8"))) if data is not None else None
        if data is None:
            continue
        if size is None:
            out.append(f"{stem}: the {v} SVG does not give its size in points")
        elif limit and (size[0] / 72 * CM_PER_INCH > limit[0] + 0.01
                        or size[1] / 72 * CM_PER_INCH > limit[1] + 0.01):
            out.append(f"{stem}: the {v} SVG is {size[0]:g} x {size[1]:g} pt (more than "
                       f"{limit[0]:g} x {limit[1]:g} cm)")
        elif limit is None and abs(size[0] / size[1] - 16 / 9) > 0.01:
            out.append(f"{stem}: the slide SVG is {size[0]:g} x {size[1]:g} pt (not 16:9)")
    return out


def type_faults(folder: Path, stem: str, about: dict) -> list[str]:
    """The smallest type of each SVG, in points: 8 or more (page, bare), 14 or more (slide)."""
    out = []
    for v in named(stem, about):
        data = _read(folder, stem, about, v, ".svg")
        if data is None:
            continue
        root = svg_root(data.decode("utf-8"))
        sizes = [s * pt_per_unit(root) for s in font_sizes(root)]
        least = MIN_TYPE_PT.get(v, MIN_TYPE_PT["page"])
        if not sizes:
            out.append(f"{stem}: the {v} SVG sets no type (is its text drawn as text?)")
        elif min(sizes) < least - 0.01:
            out.append(f"{stem}: the {v} SVG's smallest type is {min(sizes):.2f} pt "
                       f"(at least {least:g})")
    return out


def font_faults(folder: Path, stem: str, about: dict) -> list[str]:
    """Every font stack of every SVG ends with a generic family."""
    out = []
    for v in named(stem, about):
        data = _read(folder, stem, about, v, ".svg")
        if data is None:
            continue
        bad = sorted({s for s in font_stacks(svg_root(data.decode("utf-8"))) if not ends_generic(s)})
        out += [f"{stem}: the {v} SVG names fonts without a generic family: {s}" for s in bad[:3]]
    return out


def alt_faults(folder: Path, stem: str, about: dict) -> list[str]:
    """The text alternative: one sentence of at most 30 words, the title of every SVG (and
    the long description their description)."""
    out = []
    alt = str(about.get("alt", ""))
    n = len(alt.split())
    if not n or n > MAX_ALT_WORDS:
        out.append(f"{stem}: the text alternative has {n} words (1 to {MAX_ALT_WORDS})")
    if sentences(alt) > 1:
        out.append(f"{stem}: the text alternative is more than one sentence: {alt[:60]!r}")
    for v in named(stem, about):
        data = _read(folder, stem, about, v, ".svg")
        if data is None:
            continue
        root = svg_root(data.decode("utf-8"))
        said = {_local(el.tag): "".join(el.itertext()) for el in root if _local(el.tag)
                in ("title", "desc")}
        if said.get("title") != alt or said.get("desc") != about.get("description", ""):
            out.append(f"{stem}: the {v} SVG's title and description are not the text "
                       "alternative and the long description")
    return out


def source_faults(folder: Path, stem: str, about: dict) -> list[str]:
    """The source: one line that starts "Source:"."""
    source = str(about.get("source", ""))
    if source.startswith("Source:") and "\n" not in source.strip():
        return []
    return [f"{stem}: the source is not one line that starts 'Source:': {source[:60]!r}"]


def reader_text_faults(folder: Path, stem: str, about: dict) -> list[str]:
    """Every word the reader sees (headline, subtitle, text alternative, source line, the
    SVGs' drawn text) is free of digit dates, "release (20", data file names and straight
    quotes."""
    out = []
    for key in ("title", "subtitle", "alt", "source"):
        out += text_faults(f"{stem}: the {key}", str(about.get(key, "")))
    for v in named(stem, about):
        data = _read(folder, stem, about, v, ".svg")
        if data is not None:
            for text in drawn_text(svg_root(data.decode("utf-8"))):
                out += text_faults(f"{stem}: the {v} SVG's text", text)
    return list(dict.fromkeys(out))


CHECKS = (file_faults, size_faults, type_faults, font_faults, alt_faults, source_faults,
          reader_text_faults)


def problems(stem: str, folder: Path | None = None) -> list[str]:
    """Every fault of the published variants of ``stem`` (in figures/ unless ``folder``); a
    figure not converted yet has one: its about record names no variants."""
    folder = Path(folder) if folder is not None else paths.figures_dir()
    about = read_about(folder, stem)
    if not is_converted(about):
        return [f"{stem}: not a publication figure yet (its about record names no variants)"]
    return [fault for check in CHECKS for fault in check(folder, stem, about)]


def main(argv: list[str] | None = None) -> int:
    from tipfigs.tools import notebooks

    ap = argparse.ArgumentParser(prog="python -m tipfigs.tools.variant_checks",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("stems", nargs="*", help="figures (default: all)")
    ap.add_argument("--folder", help="where the outputs are (default: figures/)")
    args = ap.parse_args(argv)
    folder = paths.resolve(args.folder) if args.folder else None
    failed = 0
    for stem in args.stems or notebooks.stems():
        faults = problems(stem, folder)
        failed += bool(faults)
        print(f"  {'ok' if not faults else 'FAULTS':10}  {stem}")
        for fault in faults:
            print(f"      {fault}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
