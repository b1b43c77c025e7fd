"""Builders of a publication figure's published files without drawing one: PNGs of a given
pixel size and resolution, SVGs with the texts, sizes and fonts asked for, and an about record
that names the variants (page, slide, bare), as :meth:`tipfigs.outputs.FigureOutputs.publication`
writes them."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

#: The font stack the publication figures' SVGs name.
STACK = "'DejaVu Sans', 'Verdana', 'Arial', 'Helvetica', 'Liberation Sans', sans-serif"

#: A page 16.9 cm wide at 300 dpi, 12 cm tall; the slide; the bare variant, 9 cm tall.
PAGE_PX, SLIDE_PX, BARE_PX = (1996, 1417), (1920, 1080), (1996, 1063)
PAGE_PT, SLIDE_PT, BARE_PT = (479.06, 340.16), (960.0, 540.0), (479.06, 255.12)


def png(width: int, height: int, dpi: float | None = 300) -> bytes:
    """A valid PNG of ``width`` x ``height`` pixels (one grey row repeated), with a pHYs chunk
    stating ``dpi`` (none when None)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = (b"\x00" + b"\x80" * width) * height
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    if dpi is not None:
        ppm = round(dpi / 0.0254)
        out += chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
    return out + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def svg(size_pt: tuple[float, float], texts: list[tuple[float, str]], stack: str = STACK,
        title: str = "", desc: str = "", unit: str = "pt") -> str:
    """An SVG of ``size_pt`` (in ``unit``) as matplotlib writes one with its text kept as text:
    each of ``texts`` (font size in user units, the text) in a ``<text>`` element; ``title``
    and ``desc`` (the text alternative and the long description) first."""
    w, h = size_pt
    body = "".join(
        f'  <g id="text_{i}">\n   <text style="font-size: {size}px; font-family: {stack}; '
        f'text-anchor: start; fill: #262626" x="10" y="{20 + 12 * i}">{_escape(text)}</text>\n  </g>\n'
        for i, (size, text) in enumerate(texts))
    head = f"<title>{_escape(title)}</title><desc>{_escape(desc)}</desc>" if title else ""
    return ('<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
            '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
            '  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
            f'<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="{w}{unit}" height="{h}{unit}" '
            f'viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg" version="1.1" role="img">\n'
            f" {head}\n <g id=\"figure_1\">\n{body} </g>\n</svg>\n")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def about(stem: str, **words) -> dict:
    """The about record of a publication figure: its words and its three variants."""
    record = {"stem": stem, "title": "Africa has the most people in forced labour",
              "subtitle": "Million people in forced labour, by region, 2021.",
              "finding": "Africa has 3.8 million people in forced labour, the most of any region.",
              "alt": "Africa has 3.8 million people in forced labour, more than any other region.",
              "description": "One bar per region, longest first, each labelled with its count.",
              "source": "Source: ILO, Walk Free and IOM, Global Estimates of Modern Slavery, "
                        "September 2022.",
              "data": [],
              "variants": {"page": stem, "slide": f"{stem}.slide", "bare": f"{stem}.bare"}}
    record.update(words)
    return record


def write_publication(folder: Path, stem: str, record: dict | None = None,
                      labels: tuple[str, ...] = ("Africa", "3.8 million"),
                      sizes: dict | None = None) -> dict:
    """A publication figure's images, as written, in ``folder``: page, slide and bare, each as
    PNG and SVG (the framed ones with the headline, subtitle and source line; type of 8 pt on
    the page, 14 on the slide), and its about record (``record``, else :func:`about`).
    ``sizes``: variant -> (PNG pixels, SVG points, smallest type) to write instead."""
    record = record if record is not None else about(stem)
    plan = {"page": (PAGE_PX, PAGE_PT, 8.0), "slide": (SLIDE_PX, SLIDE_PT, 14.0),
            "bare": (BARE_PX, BARE_PT, 8.0)}
    plan.update(sizes or {})
    folder.mkdir(parents=True, exist_ok=True)
    for variant, base in record.get("variants", {"page": stem}).items():
        px, pt, least = plan[variant]
        framed = variant != "bare"
        texts = [(least, label) for label in labels]
        if framed:
            texts = [(least * 11 / 8, record["title"]), (least * 8.5 / 8, record["subtitle"]),
                     *texts, (least, record["source"])]
        dpi = 300 if variant != "slide" else 144
        (folder / f"{base}.png").write_bytes(png(*px, dpi=dpi))
        (folder / f"{base}.svg").write_text(svg(pt, texts, title=record["alt"],
                                                      desc=record["description"]), encoding="utf-8")
    (folder / f"{stem}.about.json").write_text(json.dumps(record, indent=2, ensure_ascii=False))
    return record
