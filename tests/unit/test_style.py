"""tipfigs.style: the colour system (colours a colour-blind reader can tell apart, one meaning per
colour), the print-size check, new figures and headlines, text wrapped to the printed width of a
figure (every word kept, the lines of a headline balanced), and the backend left alone (a kernel
shows plots inline: tests/notebooks/test_inline_plots.py)."""

from __future__ import annotations

import ast
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from colorspacious import cspace_convert

from tipfigs import style

CVD = ("deuteranomaly", "protanomaly", "tritanomaly")
REPO = Path(__file__).resolve().parents[2]


def rgb(color: str) -> np.ndarray:
    h = color.lstrip("#")
    return np.array([int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)])


def seen(color: str, cvd: str | None) -> np.ndarray:
    """The colour in CAM02-UCS, as a reader with ``cvd`` (full severity) sees it."""
    c = rgb(color)
    if cvd is not None:
        c = np.clip(cspace_convert(c, {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100},
                                   "sRGB1"), 0, 1)
    return cspace_convert(c, "sRGB1", "CAM02-UCS")


def closest_pair(palette: dict[str, str], cvd: str | None) -> tuple[float, str, str]:
    return min((float(np.linalg.norm(seen(a, cvd) - seen(b, cvd))), ka, kb)
               for (ka, a), (kb, b) in itertools.combinations(palette.items(), 2))


@pytest.mark.parametrize("cvd", (None, *CVD))
@pytest.mark.parametrize("name", sorted(style.CHECKED_PALETTES))
def test_each_palette_stays_apart_for_colour_blind_readers(name, cvd):
    distance, a, b = closest_pair(style.CHECKED_PALETTES[name], cvd)
    assert distance >= style.MIN_CVD_DISTANCE, (
        f"{name}: {a} and {b} are {distance:.1f} apart under {cvd or 'normal vision'}")


def test_the_floor_is_15_and_every_colour_palette_is_checked():
    assert style.MIN_CVD_DISTANCE >= 15
    checked = list(style.CHECKED_PALETTES.values())
    for palette in (style.REGION_COLORS, style.UNODC_REGION_COLORS, style.SEX_AGE_COLORS,
                    style.SOURCE_COLORS):
        assert any(palette is p for p in checked)


def test_the_check_would_catch_the_old_region_palette():
    dark2 = {"Asia and the Pacific": "#1b9e77", "Europe and Central Asia": "#7570b3",
             "Africa": "#d95f02", "Americas": "#e7298a", "Arab States": "#66a61e"}
    distance, a, b = closest_pair(dark2, "deuteranomaly")
    assert distance < style.MIN_CVD_DISTANCE
    assert {a, b} == {"Asia and the Pacific", "Americas"}


@pytest.mark.parametrize(("palette", "changed", "former", "cvd", "pair", "was"), [
    ("GEMS regions", "Americas", "#CC6677", "deuteranomaly",
     {"Americas", "Europe and Central Asia"}, 12.3),
    ("UNODC regions", "Americas", "#CC6677", "tritanomaly", {"Americas", "Oceania"}, 11.8),
    ("sex and age", "Transgender/NonConforming", "#CC79A7", "tritanomaly",
     {"Girls", "Transgender/NonConforming"}, 11.0),
])
def test_the_check_catches_the_colours_that_were_replaced(palette, changed, former, cvd, pair,
                                                          was):
    old = {**style.CHECKED_PALETTES[palette], changed: former}
    old.pop("Female", None), old.pop("Male", None)  # they had the adults' colours then
    distance, a, b = closest_pair(old, cvd)
    assert {a, b} == pair and round(distance, 1) == was < style.MIN_CVD_DISTANCE


def test_one_meaning_per_colour_across_palettes_and_greys():
    meaning: dict[str, str] = {}
    palettes = {**style.CHECKED_PALETTES, "greys": style.GREYS}
    for name, palette in palettes.items():
        for category, color in palette.items():
            canonical = style.SYNONYMS.get(category, category)
            key = color.upper()
            assert meaning.setdefault(key, canonical) == canonical, (
                f"{color} means both {meaning[key]!r} and {canonical!r} ({name})")


def test_female_and_male_of_all_ages_have_colours_of_their_own():
    colors = style.SEX_AGE_COLORS
    assert "Female" not in style.SYNONYMS and "Male" not in style.SYNONYMS
    others = {v.upper() for k, v in colors.items() if k not in ("Female", "Male")}
    assert colors["Female"].upper() not in others and colors["Male"].upper() not in others
    # checked with the colours they appear beside (fig06: women, girls, men, boys, not recorded)
    assert {"Women", "Girls", "Men", "Boys", "Unknown", "Female", "Male"} <= set(
        style.CHECKED_PALETTES["sex and age"])


def test_synonyms_name_the_same_thing_in_two_palettes_with_one_colour():
    homes = {"Asia": (style.UNODC_REGION_COLORS, style.REGION_COLORS),
             "Europe": (style.UNODC_REGION_COLORS, style.REGION_COLORS),
             "unknown": (style.GREYS, style.SEX_AGE_COLORS)}
    assert set(style.SYNONYMS) == set(homes)
    for name, canonical in style.SYNONYMS.items():
        own, other = homes[name]
        assert own[name].upper() == other[canonical].upper()


# -- text colours -------------------------------------------------------------------------------

def contrast(a: str, b: str = "#FFFFFF") -> float:
    from tipfigs.publication import contrast

    return contrast(a, b)


def test_text_greys_read_at_4_5_on_white():
    assert set(style.TEXT_GREYS) <= set(style.GREYS)
    for role in style.TEXT_GREYS:
        assert contrast(style.GREYS[role]) >= 4.5, (role, style.GREYS[role])
    assert {"ink", "dark", "note", "muted", "secondary"} <= set(style.TEXT_GREYS)
    # the roles for lines and fills only are too light to be text: that is why they are not listed
    for role in set(style.GREYS) - set(style.TEXT_GREYS):
        assert contrast(style.GREYS[role]) < 4.5


ALL_COLOURS = sorted({(f"{name}: {k}", v) for name, p in {**style.CHECKED_PALETTES,
                                                         "greys": style.GREYS}.items()
                      for k, v in p.items()})


@pytest.mark.parametrize(("what", "color"), ALL_COLOURS)
def test_ink_of_every_colour_reads_at_4_5_on_white_in_the_same_hue(what, color):
    text = style.ink(color)
    assert contrast(text) >= 4.5, what
    if contrast(color) >= 4.5:
        assert text == color.upper()  # a colour that reads already is kept as it is
    assert re.fullmatch(r"#[0-9A-F]{6}", text)


def test_which_fills_take_dark_text_which_white_and_which_neither():
    takes = {"ink": set(), "white": set(), "neither": set()}
    for name, palette in style.CHECKED_PALETTES.items():
        for category, fill in palette.items():
            if contrast(style.GREYS["ink"], fill) >= 4.5:
                takes["ink"].add(category)
            elif contrast("#FFFFFF", fill) >= 4.5:
                takes["white"].add(category)
            else:
                takes["neither"].add(f"{name}: {category}")
    # Okabe and Ito's vermillion (women) reads with neither: 4.1:1 with ink, 3.9:1 with white
    assert takes["neither"] == {"sex and age: Women"}
    assert {"Africa", "Americas", "Europe", "Girls", "Boys", "Unknown",
            "Transgender/NonConforming", "ctdc2018"} <= takes["ink"]
    assert {"Asia", "Oceania", "Arab States", "Men", "Female", "Male", "ctdc2021"} <= takes["white"]


def test_label_on_a_fill_picks_the_text_colour_that_reads():
    assert style.label_on(style.SEX_AGE_COLORS["Girls"]) == style.GREYS["ink"]
    assert style.label_on(style.SEX_AGE_COLORS["Men"]) == "#FFFFFF"
    assert style.label_on(style.GREYS["neutral"]) == "#FFFFFF"
    assert style.label_on("#FFFFFF") == style.GREYS["ink"]
    # neither reads on vermillion: the better of the two (ink, 4.1:1)
    assert style.label_on(style.SEX_AGE_COLORS["Women"]) == style.GREYS["ink"]


TEXT_CALLS = {"text", "annotate", "set_title", "suptitle", "set_xlabel", "set_ylabel",
              "source_note"}


def greys_used_as_text(source: str) -> set[str]:
    """The GREYS roles a piece of code passes as ``color=`` to a call that draws text, directly
    (``color=style.GREYS["muted"]``, either branch of a conditional) or through a name assigned
    from GREYS in the same code (``INK = style.GREYS["ink"]``)."""
    tree = ast.parse(source)

    def role(node):
        if (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
                and (getattr(node.value, "id", None) == "GREYS"
                     or getattr(node.value, "attr", None) == "GREYS")):
            return node.slice.value
        return None

    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                pairs = (zip(target.elts, node.value.elts, strict=False)
                         if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                         else [(target, node.value)])
                for t, v in pairs:
                    if isinstance(t, ast.Name) and role(v):
                        names[t.id] = role(v)

    def roles(node):
        if isinstance(node, ast.IfExp):
            return roles(node.body) | roles(node.orelse)
        if isinstance(node, ast.Name) and node.id in names:
            return {names[node.id]}
        return {role(node)} - {None}

    used = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
                and getattr(node.func, "attr", getattr(node.func, "id", None)) in TEXT_CALLS):
            for kw in node.keywords:
                if kw.arg in ("color", "c"):
                    used |= roles(kw.value)
    return used


def test_the_scan_finds_greys_passed_as_text_colour():
    code = ("INK, LINE = style.GREYS['ink'], style.GREYS['light']\n"
            "ax.text(0, 0, 'a', color=INK)\nax.plot([1], color=LINE)\n"
            "ax.annotate('b', (0, 0), color=style.GREYS['thin'] if x else GREYS['muted'])\n")
    assert greys_used_as_text(code) == {"ink", "thin", "muted"}


def test_every_grey_the_code_uses_as_text_is_a_text_grey():
    sources = {str(p.relative_to(REPO)): p.read_text(encoding="utf-8")
               for p in (REPO / "src" / "tipfigs").rglob("*.py")}
    for nb in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "code":
                lines = "".join(cell["source"]).split("\n")
                sources[f"{nb.name} cell {i}"] = "\n".join(
                    "" if line.lstrip().startswith(("%", "!")) else line for line in lines)
    used = {where: greys_used_as_text(code) for where, code in sources.items()}
    assert any(used.values())  # the scan sees the package's own text (headline, source note)
    wrong = {where: roles - set(style.TEXT_GREYS) for where, roles in used.items()
             if roles - set(style.TEXT_GREYS)}
    assert not wrong, f"greys too light for text used as text colour: {wrong}"


def test_release_roles_are_drawn_by_line_and_marker_not_colour():
    article, latest = style.ERA_STYLES["article"], style.ERA_STYLES["latest"]
    assert "color" not in article and "color" not in latest
    assert article["linestyle"] != latest["linestyle"]
    assert article["fillstyle"] != latest["fillstyle"]


def test_print_size_problems_name_width_and_small_type():
    style.use()
    fig, ax = plt.subplots(figsize=(15, 4))
    ax.set_title("A title", fontsize=10)
    ax.text(0.5, 0.5, "tiny note", fontsize=6)
    problems = style.print_size_problems(fig)
    plt.close(fig)
    assert any(re.search(r"1\d\.\d\d in wide as saved", p) for p in problems), problems
    assert any("'tiny note' is 6 pt" in p for p in problems)
    assert not any("A title" in p for p in problems)

    fig, ax = plt.subplots(figsize=(style.FULL_WIDTH, 4))
    ax.set_title("Readable", fontsize=9)
    ax.tick_params(labelsize=8)
    invisible = ax.text(0, 0, "hidden", fontsize=5)
    invisible.set_visible(False)
    assert style.print_size_problems(fig) == []
    # text that sticks out of a 7-inch figure widens the saved image: refused
    fig.text(0.9, 0.5, "a long label drawn past the right edge of the figure")
    assert any("wide as saved" in p for p in style.print_size_problems(fig))
    plt.close(fig)


def test_print_size_check_works_on_a_figure_without_an_agg_canvas():
    # in a Jupyter kernel the inline backend gives figures a plain canvas with no renderer
    from matplotlib.figure import Figure

    style.use()
    fig = Figure(figsize=(10, 3))
    fig.add_subplot().set_title("no renderer of its own")
    assert type(fig.canvas).__name__ == "FigureCanvasBase"
    assert any("wide as saved" in p for p in style.print_size_problems(fig))


def test_a_new_figure_is_not_shown_half_drawn_and_keeps_to_the_width():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = style.new_figure(style.FULL_WIDTH, 3)
    fig.subplots(1, 2)
    assert plt.get_fignums() == before  # not registered with pyplot: no inline display
    assert tuple(fig.get_size_inches()) == (style.FULL_WIDTH, 3)
    with pytest.raises(ValueError, match="at most 7.0 inches wide"):
        style.new_figure(8, 3)


def test_a_headline_too_long_for_the_figure_is_broken_between_words_and_a_short_one_is_kept():
    style.use()
    fig = style.new_figure(style.COLUMN_WIDTH, 2)
    fig.subplots().plot([1, 2], [1, 2])
    long = ("Women and girls are most of the detected victims in Europe and Central Asia, but less "
            "so than in 2008")
    style.headline(fig, long, "n = 1,234 victims with a recorded sex and age")
    texts = [t.get_text() for t in fig.texts]
    assert texts[1].replace("\n", " ") == long and texts[1].count("\n") >= 2
    assert style.print_size_problems(fig, max_width=style.COLUMN_WIDTH) == []
    assert style.wrap("Short title", 7, 11, "bold") == "Short title"
    assert style.wrap("one\ntwo", 7, 11) == "one\ntwo"


# -- text wrapped to the printed width ----------------------------------------------------------

TEXT = ("Identified adults flagged as in forced labour in CTDC's records; shares are of those "
        "with a sector recorded (a victim can have several). * a sector the article names.\n"
        "2021 release: n = 14,495; sector not recorded for 69%")


def test_wrap_fits_the_width_and_keeps_every_word():
    style.use()
    wrapped = style.wrap(TEXT, width=4.0)
    assert all(style.text_width(line, 8.5) <= 4.0 for line in wrapped.split("\n"))
    assert wrapped.split() == TEXT.split()
    assert len(wrapped.split("\n")) > 3
    assert "2021 release: n = 14,495; sector not recorded for 69%" in wrapped.split("\n")
    # a non-breaking space keeps its words on one line
    lines = style.wrap("x " * 40 + "(k\u00a0=\u00a010)", width=1.0).split("\n")
    assert lines[-1].endswith(" (k\u00a0=\u00a010)") and len(lines) > 2
    assert style.text_width("abc abc", 11, "bold") > style.text_width("abc abc", 8.5)


def test_balanced_wrap_leaves_no_orphan_and_no_extra_line():
    style.use()
    title = "Men and boys: more excessive working hours; women and girls: more sexual abuse"
    width = style.text_width(title, 11, "bold") * 0.97  # just too narrow: one word would drop
    greedy = style.wrap(title, width, 11, "bold").split("\n")
    balanced = style.wrap(title, width, 11, "bold", balance=True).split("\n")
    assert greedy[-1] == "abuse" and len(greedy) == len(balanced) == 2
    lengths = [style.text_width(x, 11, "bold") for x in balanced]
    assert max(lengths) <= width and min(lengths) > 0.6 * max(lengths)


# -- the backend ----------------------------------------------------------------------------------

def test_importing_the_style_leaves_the_backend_alone():
    """The style module chooses no backend: whatever the environment (here SVG) says stays."""
    code = ("import matplotlib\nfrom tipfigs import style\nstyle.use()\n"
            "print(matplotlib.get_backend())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "MPLBACKEND": "svg"}).stdout
    assert out.strip() == "svg"


def test_without_a_display_matplotlib_falls_back_to_agg():
    """A build or test outside a kernel, on a machine without a display, still renders."""
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "DISPLAY",
                                                             "WAYLAND_DISPLAY")}
    code = ("from tipfigs import style\nimport matplotlib.pyplot as plt\nstyle.use()\n"
            "fig, ax = plt.subplots()\nax.plot([1, 2])\nimport io\nb = io.BytesIO()\n"
            "fig.savefig(b, format='png')\nimport matplotlib\n"
            "print(matplotlib.get_backend(), b.getvalue()[:4] == b'\\x89PNG')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env).stdout.split()
    if sys.platform.startswith("linux"):
        assert out[0].lower() == "agg"
    assert out[1] == "True"
