"""The collection's plot style, palettes and source notes.

Importing this module does not choose a matplotlib backend: in a Jupyter kernel the inline
backend stays (so a ``plt.plot(...)`` or ``df.plot()`` that an analyst adds shows its image),
and a script or test without a display gets matplotlib's own headless fallback (Agg). The
published PNG and SVG do not depend on the backend: they are rendered by ``savefig`` with
the format's own renderer (see :meth:`tipfigs.outputs.FigureOutputs.figure`).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from matplotlib.colors import to_rgb

# -- one colour system -------------------------------------------------------------------
# Every category the figures colour has one colour, and every colour one meaning, in all
# figures. The colours come from two palettes designed for colour-blind readers: Okabe and
# Ito's (sex and age) and Paul Tol's "muted" (regions), changed only where a pair came too
# close. tests/unit/test_style.py checks that the colours of each palette stay apart
# (CAM02-UCS distance of at least MIN_CVD_DISTANCE) with normal vision and under simulated
# deuteranomaly, protanomaly and tritanomaly at full severity, that no colour carries two
# meanings, and which fills take dark text (GREYS["ink"]) at 4.5:1 and which white.

#: One colour per GEMS region (ILO, Walk Free and IOM; Walk Free's GSI uses the same regions).
#: Tol's muted colours, with the Americas' rose made brighter (Tol's #CC6677 is 12.3 from the
#: teal under deuteranomaly, 11.8 from Oceania's purple under tritanomaly, and takes dark text
#: at only 4.3:1).
REGION_COLORS = {
    "Africa": "#DDCC77",
    "Americas": "#DE606F",
    "Arab States": "#117733",
    "Asia and the Pacific": "#332288",
    "Europe and Central Asia": "#44AA99",
}
#: UNODC's regions (the UN's continents), with their own names; a region that matches a GEMS
#: region in meaning (Africa, the Americas; Asia and Europe roughly, see SYNONYMS) has its colour.
UNODC_REGION_COLORS = {
    "Africa": REGION_COLORS["Africa"],
    "Americas": REGION_COLORS["Americas"],
    "Asia": REGION_COLORS["Asia and the Pacific"],
    "Europe": REGION_COLORS["Europe and Central Asia"],
    "Oceania": "#AA4499",
}
#: Women, girls, men and boys (Okabe and Ito's vermillion, orange, blue and sky blue), and
#: female and male victims of all ages (women and girls, men and boys: fig10, and the sex of a
#: victim whose age is not recorded in fig06) in colours of their own, a darker shade of the
#: adults' (one meaning per colour: vermillion is women, never women and girls). Okabe and
#: Ito's reddish purple (#CC79A7) is darkened for transgender or non-conforming victims: it was
#: 11.0 from the orange under tritanomaly. "Unknown" is the grey of "not recorded".
SEX_AGE_COLORS = {
    "Women": "#D55E00",
    "Girls": "#E69F00",
    "Men": "#0072B2",
    "Boys": "#56B4E9",
    "Female": "#A03800",
    "Male": "#00487F",
    "Transgender/NonConforming": "#B77593",
    "Unknown": "#BBBBBB",
}
#: Neutral greys, by role, for what is not a category: text and outlines, reference lines, a
#: bar or line that is a share rather than a group, "not recorded" (light), separators. Notebooks
#: take every colour from this module, never a typed hex code. The roles in TEXT_GREYS may be
#: text: each reads at 4.5:1 or more on white (WCAG AA); the others are for lines and fills
#: only (a label in their colour takes ``ink(GREYS[role])``).
GREYS = {
    "ink": "#222222",        # text and outlines on white
    "dark": "#333333",       # reference lines, outlines, the main neutral series
    "note": "#444444",       # source notes, keys that show a line style rather than a colour
    "neutral": "#555555",    # a bar or line that is not a category
    "thin": "#666666",       # too few records to show a share
    "muted": "#707070",      # a published value beside a computed one, thresholds
    "secondary": "#767676",  # a second neutral series (and its labels)
    "light": "#999999",      # ranges, a third neutral series: never text
    "unknown": "#BBBBBB",    # not recorded: never text
    "faint": "#DDDDDD",      # separators: never text
}
#: The grey roles that may be used as text colour (each at least 4.5:1 on white).
TEXT_GREYS = ("ink", "dark", "note", "neutral", "thin", "muted", "secondary")

#: The three CTDC victim-level sources, by manifest key.
SOURCE_COLORS = {
    "ctdc2018": "#999933",
    "ctdc2021": "#882255",
    "ctdc_vp2022": "#000000",
}
#: A release's role is drawn by line and marker, never by a colour another category uses:
#: the release public on the article's date solid and filled, the latest dashed and open.
ERA_STYLES = {
    "article": {"linestyle": "-", "marker": "o", "fillstyle": "full"},
    "latest": {"linestyle": "--", "marker": "o", "fillstyle": "none"},
}
#: The palettes the colour-blindness test checks: name -> {category: colour}. Female and male
#: are checked with the sex-and-age colours they appear beside (fig06 draws them together).
CHECKED_PALETTES = {
    "GEMS regions": REGION_COLORS,
    "UNODC regions": UNODC_REGION_COLORS,
    "sex and age": SEX_AGE_COLORS,
    "CTDC sources": SOURCE_COLORS,
}
#: Categories that share a colour because they mean the same thing: UNODC's continents and the
#: GEMS regions that cover about the same countries (GEMS counts Central Asia with Europe and
#: the Pacific with Asia; UNODC's Oceania has a colour of its own); "not recorded" in the greys.
SYNONYMS = {
    "Asia": "Asia and the Pacific", "Europe": "Europe and Central Asia", "unknown": "Unknown",
}
#: Smallest CAM02-UCS distance between two colours of one palette, with normal vision and for
#: every simulated colour-vision deficiency at full severity.
MIN_CVD_DISTANCE = 15.0
#: Print sizes (inches): a full page width of 17-18 cm, and a single column.
FULL_WIDTH = 7.0
COLUMN_WIDTH = 3.4
#: The smallest type a figure may carry at its print size (points).
MIN_FONT_PT = 8.0

#: Palettes a notebook parameter may name.
PALETTES = ("default", "colorblind", "deep", "muted", "dark")


def use(palette: str = "default") -> None:
    """Apply the style. Deterministic output: fixed SVG hash salt, no dates."""
    sns.set_theme(context="paper", style="whitegrid",
                  palette=None if palette == "default" else palette)
    plt.rcParams.update({
        "figure.dpi": 100,
        "savefig.bbox": "tight",
        "font.family": "DejaVu Sans",
        "svg.fonttype": "none",       # text stays text in the SVG (searchable, accessible)
        "svg.hashsalt": "tipfigs",    # stable element ids
        # Type for print: every figure is drawn at the size it is used (at most FULL_WIDTH
        # inches wide), so these sizes are the printed sizes (MIN_FONT_PT at least).
        "savefig.dpi": 200,
        "savefig.pad_inches": 0.02,
        "font.size": 8.5,
        "axes.titleweight": "bold",
        "axes.titlesize": 9,
        "axes.titlelocation": "left",
        "axes.labelsize": 8.5,
        "legend.fontsize": 8,
        "legend.title_fontsize": 8,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "figure.titlesize": 11,
        "figure.titleweight": "bold",
    })


setup = use  # the former name, until every caller says use


def notebook_only(fig):
    """Show a check figure in the notebook only (an image output): it is not published with
    the figure's outputs."""
    import io

    from IPython.display import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return Image(data=buf.getvalue(), format="png")


def new_figure(width: float = FULL_WIDTH, height: float = 4.0, **kwargs):
    """A figure of ``width`` x ``height`` inches (constrained layout), not registered with
    pyplot: a notebook draws its panels in separate cells, one cell per panel, and the figure
    is shown once, complete, by ``out.figure`` (pyplot would show it half-drawn after the
    first cell). Its panels come from ``fig.subplots``, ``fig.add_subplot`` or
    ``fig.subfigures``."""
    from matplotlib.figure import Figure

    if width > FULL_WIDTH:
        raise ValueError(f"a figure is at most {FULL_WIDTH} inches wide; asked for {width}")
    return Figure(figsize=(width, height), layout=kwargs.pop("layout", "constrained"), **kwargs)


def region_colors(palette: str = "default", regions=None) -> dict:
    regions = list(REGION_COLORS if regions is None else regions)
    if palette == "default":
        return {r: REGION_COLORS[r] for r in regions}
    colors = sns.color_palette(palette, len(REGION_COLORS))
    return {r: colors[list(REGION_COLORS).index(r)] for r in regions}


# -- colour as text ------------------------------------------------------------------------------
def luminance(color) -> float:
    """Relative luminance (WCAG 2) of a matplotlib colour."""
    rgb = np.array(to_rgb(color))
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(lin @ [0.2126, 0.7152, 0.0722])


def contrast(foreground, background="#FFFFFF") -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def ink(color, background="#FFFFFF", ratio: float = 4.5) -> str:
    """``color`` as text: the same hue, darkened (lightness lowered in steps of 1 %) until it
    has a contrast of at least ``ratio`` against ``background`` (WCAG 2 AA for normal text is
    4.5:1). A colour that already has it is returned as it is (as #RRGGBB)."""
    import colorsys

    from matplotlib.colors import to_hex, to_rgb

    h, lightness, sat = colorsys.rgb_to_hls(*to_rgb(color))
    while contrast(colorsys.hls_to_rgb(h, lightness, sat), background) < ratio and lightness > 0:
        lightness = max(0.0, lightness - 0.01)
    return to_hex(colorsys.hls_to_rgb(h, lightness, sat)).upper()


def label_on(fill, ratio: float = 4.5) -> str:
    """The colour of a label drawn on ``fill`` (a bar): ``GREYS["ink"]`` where it reads at
    ``ratio`` (4.5:1), else white where white does, else whichever of the two reads better
    (Women's vermillion takes neither at 4.5:1: ink 4.1:1, white 3.9:1; put its labels beside
    the bar, or on a white box)."""
    ink_ratio, white_ratio = contrast(GREYS["ink"], fill), contrast("#FFFFFF", fill)
    if ink_ratio >= ratio or ink_ratio >= white_ratio:
        return GREYS["ink"]
    return "#FFFFFF"


def source_note(fig, text: str) -> None:
    """A source line under the figure (the citation of the data it was built from)."""
    fig.text(0.01, -0.01, text, ha="left", va="top", fontsize=MIN_FONT_PT, color=GREYS["note"],
             wrap=True)


# -- printed width ---------------------------------------------------------------------------
def text_width(text: str, fontsize: float, weight: str = "normal") -> float:
    """Width in inches of one line of ``text`` in the collection's font at ``fontsize`` points,
    as drawn hinted at 72 dpi: a few per cent wider than printed, so text wrapped with it has
    room to spare."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=plt.rcParams["font.family"], size=fontsize, weight=weight)
    width, _, _ = RendererAgg(10, 10, 72).get_text_width_height_descent(text, prop, ismath=False)
    return width / 72


def printed_width(text: str, fontsize: float, weight: str = "normal") -> float:
    """Width in inches of one line of ``text`` as printed: from the font's outlines, unhinted
    (what the saved figure's extent is made of)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family=plt.rcParams["font.family"], size=fontsize, weight=weight)
    return TextToPath().get_text_width_height_descent(text, prop, ismath=False)[0] / 72


def _greedy(paragraph: str, width: float, fontsize: float, weight: str,
            measure=text_width) -> list[str]:
    lines, line = [], ""
    for word in paragraph.split(" "):
        trial = f"{line} {word}" if line else word
        if line and measure(trial, fontsize, weight) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line]


def wrap(text: str, width: float = FULL_WIDTH - 0.3, fontsize: float = 8.5,
         weight: str = "normal", balance: bool = False, measure=text_width) -> str:
    """``text`` broken into lines (at spaces) that fit ``width`` inches at ``fontsize`` points;
    line breaks already in the text are kept. A word longer than the width stays whole. With
    ``balance``, a paragraph that needs several lines gets lines of about equal length (no
    orphaned last word): the narrowest width that needs no more lines. ``measure`` gives a
    line's width (default :func:`text_width`, which leaves room to spare)."""
    out = []
    for paragraph in text.split("\n"):
        lines = _greedy(paragraph, width, fontsize, weight, measure)
        if balance and len(lines) > 1:
            lo, hi = width / len(lines), width
            for _ in range(20):  # bisection on the width: deterministic
                mid = (lo + hi) / 2
                if len(_greedy(paragraph, mid, fontsize, weight, measure)) > len(lines):
                    lo = mid
                else:
                    hi = mid
            lines = _greedy(paragraph, hi, fontsize, weight, measure)
        out.extend(lines)
    return "\n".join(out)


def headline(fig, title: str, subtitle: str = "") -> None:
    """The figure's headline (its finding in a few words) and a subtitle (what is counted: the
    population, n, the share with the variable unknown), left-aligned above the panels. Both
    sit above the figure's top edge (the saved figure grows to hold them); break a long
    subtitle into lines with newline characters. A line wider than the figure is broken
    between words (:func:`wrap`), so no parameter can push the headline off the page."""
    from matplotlib.transforms import offset_copy

    sub_pt, title_pt = 8.5, 11
    width = fig.get_figwidth() * 0.99  # the text starts at 1% of the width
    # only a line wider than the page as printed is broken: the lines a notebook chose stay
    title = wrap(title, width, title_pt, "bold", measure=printed_width)
    subtitle = wrap(subtitle, width, sub_pt, measure=printed_width) if subtitle else ""
    lines = subtitle.count("\n") + 1 if subtitle else 0
    if subtitle:
        fig.text(0.01, 1.0, subtitle, ha="left", va="bottom", fontsize=sub_pt, color=GREYS["dark"],
                 linespacing=1.25,
                 transform=offset_copy(fig.transFigure, fig=fig, y=4, units="points"))
    rise = 4 + lines * sub_pt * 1.25 * 1.2 + (3 if subtitle else 0)
    fig.text(0.01, 1.0, title, ha="left", va="bottom", fontsize=title_pt, fontweight="bold",
             transform=offset_copy(fig.transFigure, fig=fig, y=rise, units="points"))


def panel_label(ax, letter: str) -> None:
    """A panel letter, bold, at the top left of ``ax`` (outside the plotting area)."""
    ax.text(-0.02, 1.02, letter, transform=ax.transAxes, ha="right", va="bottom",
            fontsize=10, fontweight="bold")


def span(first, last) -> str:
    """A range with an en dash: 2010\u20132020."""
    return f"{first}\u2013{last}"


def print_size_problems(fig, max_width: float = FULL_WIDTH, min_font: float = MIN_FONT_PT) -> list[str]:
    """What keeps ``fig`` from being pasted into a report at its drawn size: a width over
    ``max_width`` inches as saved (with ``savefig.bbox = "tight"`` the saved image grows to
    hold any text that sticks out, plus the padding), or visible text smaller than
    ``min_font`` points."""
    problems = []
    width = fig.get_size_inches()[0]
    if plt.rcParams["savefig.bbox"] == "tight":
        fig.draw_without_rendering()  # run the layout engine first, as savefig does
        width = fig.get_tightbbox(fig._get_renderer()).width  # any backend (inline too)
        width += 2 * plt.rcParams["savefig.pad_inches"]
    if width > max_width + 1e-6:
        problems.append(f"figure is {width:.2f} in wide as saved (at most {max_width:g} in)")
    small = sorted({(round(t.get_fontsize(), 2), t.get_text()[:40])
                    for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))
                    if t.get_visible() and t.get_text().strip() and t.get_fontsize() < min_font})
    for size, text in small:
        problems.append(f"text {text!r} is {size:g} pt (at least {min_font:g} pt)")
    return problems


def end_labels(ax, x, items, gap: float, low: float = 0.0) -> None:
    """Direct labels right of lines' last points at ``x``: ``items`` are (text, value, colour),
    moved apart to at least ``gap`` (data units) by :func:`tipfigs.words.spread`, not below
    ``low``."""
    from tipfigs import words

    for (text, _, color), yy in zip(items, words.spread([v for _, v, _ in items], gap, low=low),
                                    strict=True):
        ax.annotate(text, (x, yy), xytext=(6, 0), textcoords="offset points", va="center",
                    fontsize=8, color=color, annotation_clip=False)
