"""Publication figures: one message, drawn once, published in three variants.

A notebook describes its publication figure as a :class:`Publication`: the headline (the
finding, in a few words), a subtitle (what is counted, and what the finding depends on), a
one-line source, a text alternative of at most :data:`MAX_ALT_WORDS` words, a long description,
and a drawing function ``draw(fig, v)`` that draws the panels into ``fig`` for the variant ``v``.
:func:`render` draws it as

- **page** (``<stem>.png``, ``.svg``): 16.9 cm wide, at most 22.5 cm tall as saved, type of
  8 pt or more, PNG at 300 dpi: it goes into an A4 report's text column at 100 %;
- **slide** (``<stem>.slide.png``, ``.svg``): 16:9, 33.9 x 19.1 cm, every size scaled by 1.75 so
  that type is 14 pt or more, PNG 1920 x 1080 px;
- **bare** (``<stem>.bare.png``, ``.svg``): the page figure without its title, subtitle and source
  line, for a report that sets its own caption.

The drawing code never types a size: it takes ``v.pt(8)`` for 8 pt on the page (14 pt on a
slide), and reads ``v.landscape`` to choose an arrangement. Lines, markers, ticks and the
default type follow the variant by themselves (:func:`rc`).

Every variant of every run is checked before anything is written (:func:`problems`): its size,
its smallest type, text that leaves the figure, two texts that overprint each other, and the
contrast of every text against what it sits on (4.5:1, WCAG AA). A run whose parameters make a
figure fail these checks stops with one line that says why, and writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib as mpl
from matplotlib.figure import Figure

from tipfigs import style
from tipfigs.style import contrast

CM = 1 / 2.54
#: The smallest type on the page (points); a slide scales it.
MIN_FONT_PT = 8.0
#: The page's largest size (inches): a 17 x 22.5 cm text area.
PAGE_MAX = (17 * CM, 22.5 * CM)
#: Contrast every text needs against what it sits on (WCAG 2 AA, normal text).
MIN_CONTRAST = 4.5
#: A text alternative: one sentence with the finding and its number.
MAX_ALT_WORDS = 30

#: The font stack the SVGs name: the collection's font, then fonts of similar width an office
#: suite has, then the generic family (text stays text, and reflows little where DejaVu Sans is
#: not installed).
FONTS = ["DejaVu Sans", "Verdana", "Arial", "Helvetica", "Liberation Sans"]
TITLE_PT, SUBTITLE_PT, SOURCE_PT = 11.0, 8.5, 8.0
PAD_PT = 4.0


@dataclass(frozen=True)
class Variant:
    """One way of publishing a figure: its name, the suffix its files take, its width and
    (for a slide) height in inches, the scale of every size, the PNG's resolution, and whether
    it carries the title, subtitle and source line."""

    name: str
    suffix: str
    width: float
    height: float | None
    scale: float
    dpi: int
    framed: bool

    def pt(self, size: float) -> float:
        """``size`` points on the page, in this variant."""
        return size * self.scale

    @property
    def landscape(self) -> bool:
        return self.height is not None and self.width > self.height

    @property
    def min_font(self) -> float:
        return MIN_FONT_PT * self.scale


PAGE = Variant("page", "", 16.9 * CM, None, 1.0, 300, True)
SLIDE = Variant("slide", ".slide", 1920 / 144, 1080 / 144, 1.75, 144, True)
BARE = Variant("bare", ".bare", 16.9 * CM, None, 1.0, 300, False)
VARIANTS = (PAGE, SLIDE, BARE)


@dataclass
class Publication:
    """A publication figure: its words and its drawing.

    ``height``: the height of the panels on the page (inches); the page grows by its title,
    subtitle and source line, the bare variant is the panels alone, the slide is 16:9 whatever
    the height. ``draw(fig, v)`` draws the panels into ``fig`` (a figure with constrained
    layout: take axes from ``fig.subplots`` or ``fig.subfigures``)."""

    title: str
    subtitle: str
    source: str
    alt: str
    description: str
    draw: Callable[[Figure, Variant], None]
    height: float = 3.6
    notes: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """What is wrong with the words, before anything is drawn."""
        out = []
        n = len(self.alt.split())
        if not self.alt.strip():
            out.append("the text alternative is empty")
        elif n > MAX_ALT_WORDS:
            out.append(f"the text alternative has {n} words (at most {MAX_ALT_WORDS})")
        if not self.title.strip():
            out.append("the headline is empty")
        if not self.source.startswith("Source: "):
            out.append(f"the source line does not start with 'Source: ': {self.source[:40]!r}")
        for name, text in (("headline", self.title), ("subtitle", self.subtitle),
                           ("source line", self.source), ("text alternative", self.alt)):
            if ISO_DATE.search(text):
                out.append(f"the {name} has a date written as digits: "
                           f"{ISO_DATE.search(text).group(0)!r} (write it out)")
        return out


ISO_DATE = re.compile(r"\b(19|20)\d\d-\d\d(-\d\d)?\b")

#: rcParams that are sizes, scaled for a variant.
_SIZES = ("font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize", "ytick.labelsize",
          "legend.fontsize", "legend.title_fontsize", "figure.titlesize", "lines.linewidth",
          "lines.markersize", "lines.markeredgewidth", "axes.linewidth", "grid.linewidth",
          "patch.linewidth", "xtick.major.size", "xtick.major.width", "ytick.major.size",
          "ytick.major.width", "xtick.minor.size", "ytick.minor.size", "xtick.major.pad",
          "ytick.major.pad", "axes.titlepad", "axes.labelpad")


def rc(v: Variant) -> dict:
    """The rcParams of variant ``v``: the font stack, and the current style's sizes times
    ``v.scale``."""
    out = {"font.family": "sans-serif", "font.sans-serif": FONTS}
    for key in _SIZES:
        value = mpl.rcParams[key]
        if isinstance(value, str):  # "medium", "large": relative to font.size, which scales
            continue
        out[key] = value * v.scale
    return out


def _lines(text: str, width: float, size: float, weight: str = "normal") -> str:
    # measured as the checks measure it (drawn by Agg at the figure's resolution, a few per cent
    # wider than printed), with 1 % to spare: a line the wrap keeps never runs off the figure
    return style.wrap(text, width * 0.99, size, weight, measure=_as_checked) if text else ""


def _as_checked(text: str, fontsize: float, weight: str = "normal") -> float:
    """Width in inches of one line of ``text`` at its widest: drawn by Agg at a screen's and at
    every variant's resolution (hinting makes the same line up to 4 % wider or narrower from
    one resolution to another), and as printed from the font's outlines (the SVG)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family=mpl.rcParams["font.family"], size=fontsize, weight=weight)
    widths = [TextToPath().get_text_width_height_descent(text, prop, ismath=False)[0] / 72]
    for dpi in sorted({72, 100, *(v.dpi for v in VARIANTS)}):
        width, _, _ = RendererAgg(10, 10, dpi).get_text_width_height_descent(text, prop,
                                                                          ismath=False)
        widths.append(width / dpi)
    return max(widths)


def _height(text: str, size: float, spacing: float = 1.2) -> float:
    """Height in inches of ``text`` (its lines) at ``size`` points."""
    return 0.0 if not text else (text.count("\n") + 1) * size * spacing / 72


def render(pub: Publication, v: Variant) -> Figure:
    """``pub`` drawn as variant ``v`` (call inside ``mpl.rc_context(rc(v))``)."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    pad = v.pt(PAD_PT) / 72
    text_width = v.width - 2 * pad
    title = subtitle = source = ""
    head = foot = pad
    if v.framed:
        title = _lines(pub.title, text_width, v.pt(TITLE_PT), "bold")
        subtitle = _lines(pub.subtitle, text_width, v.pt(SUBTITLE_PT))
        source = _lines(pub.source, text_width, v.pt(SOURCE_PT))
        head += _height(title, v.pt(TITLE_PT)) + _height(subtitle, v.pt(SUBTITLE_PT), 1.3) + 2 * pad
        foot += _height(source, v.pt(SOURCE_PT), 1.3) + pad
    height = v.height if v.height is not None else head + pub.height + foot
    # laid out at the resolution it is saved and checked at: hinting makes the same line of type
    # a few per cent wider or narrower from one resolution to another
    fig = Figure(figsize=(v.width, height), dpi=v.dpi,
                 layout=ConstrainedLayoutEngine(
                     rect=(0, foot / height, 1, 1 - (head + foot) / height),
                     h_pad=v.pt(3) / 72, w_pad=v.pt(3) / 72))
    if title:
        y = 1 - pad / height
        fig.text(pad / v.width, y, title, ha="left", va="top", fontsize=v.pt(TITLE_PT),
                 fontweight="bold", color=style.GREYS["ink"], linespacing=1.2)
        y -= (_height(title, v.pt(TITLE_PT)) + pad / 2) / height
        if subtitle:
            fig.text(pad / v.width, y, subtitle, ha="left", va="top", fontsize=v.pt(SUBTITLE_PT),
                     color=style.GREYS["dark"], linespacing=1.3)
    if source:
        fig.text(pad / v.width, pad / height, source, ha="left", va="bottom",
                 fontsize=v.pt(SOURCE_PT), color=style.GREYS["note"], linespacing=1.3)
    pub.draw(fig, v)
    settle(fig)
    return fig


def settle(fig) -> None:
    """Run the layout engine once, round where it put each sub-figure and panel (to 1e-9 of the
    figure), and keep them there: the solver's result differs in its last bits from run to run
    (with the hash seed), and the SVG names each clip path by its panel's exact corners."""
    import numpy as np

    if fig.get_layout_engine() is None:
        return
    fig.draw_without_rendering()

    def subfigures(f):
        for sub in getattr(f, "subfigs", []):
            yield sub
            yield from subfigures(sub)

    for sub in subfigures(fig):
        sub.bbox_relative.set_points(np.round(sub.bbox_relative.get_points(), 9))
    for ax in fig.get_axes():
        ax.set_position(np.round(ax.get_position().bounds, 9))
    fig.set_layout_engine("none")


# -- the editor's checks -------------------------------------------------------------------------
def _flat(color, under=(1.0, 1.0, 1.0)) -> tuple:
    """``color`` with its alpha laid over ``under``."""
    r, g, b, a = mpl.colors.to_rgba(color)
    return tuple(a * c + (1 - a) * u for c, u in zip((r, g, b), under, strict=True))


def _drawn_texts(fig, dpi: float) -> tuple[list, object]:
    """The texts a draw of ``fig`` actually draws (tick labels outside the view, hidden
    legends and empty strings are not), drawn once with the Agg renderer at ``dpi`` (the PNG's:
    hinting makes type wider or narrower from one resolution to another)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    fig.set_dpi(dpi)
    renderer = FigureCanvasAgg(fig).get_renderer()
    drawn, original = [], Text.draw

    def recording(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return original(self, renderer)

    Text.draw = recording
    try:
        fig.draw(renderer)
    finally:
        Text.draw = original
    return list(dict.fromkeys(drawn)), renderer


def _background(text, renderer, fig) -> tuple:
    """What ``text`` sits on: its own box, else the topmost filled patch under its centre
    (a bar), else the axes' or the figure's face."""
    box = text.get_bbox_patch()
    if box is not None and box.get_fill():
        return _flat(box.get_facecolor())
    ext = text.get_window_extent(renderer)
    cx, cy = (ext.x0 + ext.x1) / 2, (ext.y0 + ext.y1) / 2
    ax = text.axes
    if ax is not None:
        patches = [p for p in ax.patches if p.get_visible() and p.get_fill()
                   and p.get_window_extent(renderer).contains(cx, cy)]
        if patches:
            top = max(patches, key=lambda p: p.get_zorder())
            return _flat(top.get_facecolor())
        return _flat(ax.get_facecolor())
    return _flat(fig.get_facecolor())


def problems(fig, v: Variant) -> list[str]:
    """What keeps ``fig``, drawn as variant ``v``, from being published as it is."""
    out = []
    width, height = fig.get_size_inches()
    if v.height is None and (width > PAGE_MAX[0] + 1e-6 or height > PAGE_MAX[1] + 1e-6):
        out.append(f"{v.name}: {width / CM:.1f} x {height / CM:.1f} cm (at most 17 x 22.5 cm)")
    texts, renderer = _drawn_texts(fig, v.dpi)
    bounds = fig.bbox
    extents = {}
    for t in texts:
        label = repr(t.get_text()[:30])
        if t.get_fontsize() < v.min_font - 0.01:
            out.append(f"{v.name}: text {label} is {t.get_fontsize():.1f} pt "
                       f"(at least {v.min_font:g})")
        ext = t.get_window_extent(renderer)
        extents[id(t)] = ext
        if (ext.x0 < bounds.x0 - 0.5 or ext.x1 > bounds.x1 + 0.5 or ext.y0 < bounds.y0 - 0.5
                or ext.y1 > bounds.y1 + 0.5):
            out.append(f"{v.name}: text {label} runs off the figure")
        ratio = contrast(_flat(t.get_color()), _background(t, renderer, fig))
        if ratio < MIN_CONTRAST:
            out.append(f"{v.name}: text {label} has a contrast of {ratio:.1f}:1 against what it "
                       f"sits on (at least {MIN_CONTRAST:g}:1)")
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            ea, eb = extents[id(a)], extents[id(b)]
            overlap_w = min(ea.x1, eb.x1) - max(ea.x0, eb.x0)
            overlap_h = min(ea.y1, eb.y1) - max(ea.y0, eb.y0)
            if overlap_w > 1 and overlap_h > 1:
                out.append(f"{v.name}: texts {a.get_text()[:30]!r} and {b.get_text()[:30]!r} "
                           "overprint each other")
    return out


def draw_all(pub: Publication) -> dict[str, Figure]:
    """Every variant of ``pub``, checked: raises ValueError naming what fails."""
    import matplotlib.pyplot as plt

    errors = pub.problems()
    figures: dict[str, Figure] = {}
    for v in VARIANTS:
        with mpl.rc_context(rc(v)):
            fig = render(pub, v)
            errors += problems(fig, v)
        figures[v.name] = fig
    if errors:
        for fig in figures.values():
            plt.close(fig)
        raise ValueError("the figure cannot be published as it is: " + "; ".join(errors[:6])
                         + (f"; and {len(errors) - 6} more" if len(errors) > 6 else ""))
    return figures


def save(fig, v: Variant, fmt: str, metadata: dict) -> bytes:
    """The bytes of ``fig`` as ``fmt`` (png or svg), at the variant's exact size."""
    import io

    buf = io.BytesIO()
    with mpl.rc_context({**rc(v), "savefig.bbox": "standard"}):
        fig.savefig(buf, format=fmt, dpi=v.dpi, pad_inches=0, metadata=metadata)
    return buf.getvalue()


def source_line(sources) -> str:
    """"Source: A; B." from the plain names of the data a figure draws (duplicates once)."""
    names = list(dict.fromkeys(s.strip().rstrip(".") for s in sources if s and s.strip()))
    return "Source: " + "; ".join(names) + "." if names else ""


__all__ = ["BARE", "PAGE", "SLIDE", "VARIANTS", "Publication", "Variant", "contrast", "draw_all",
           "problems", "render", "source_line"]
