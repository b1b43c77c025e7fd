"""The collection's plot style, palettes and source notes.

Importing this module does not choose a matplotlib backend: in a Jupyter kernel the inline
backend stays (so a ``plt.plot(...)`` or ``df.plot()`` that an analyst adds shows its image),
and a script or test without a display gets matplotlib's own headless fallback (Agg). The
published PNG and SVG do not depend on the backend: they are rendered by ``savefig`` with
the format's own renderer (see :meth:`tipfigs.outputs.FigureOutputs.figure`).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns

#: One colour per GEMS region, used in every figure.
REGION_COLORS = {
    "Asia and the Pacific": "#1b9e77",
    "Europe and Central Asia": "#7570b3",
    "Africa": "#d95f02",
    "Americas": "#e7298a",
    "Arab States": "#66a61e",
}
#: Women, girls, men, boys (and totals by sex).
SEX_AGE_COLORS = {
    "Women": "#b2182b",
    "Girls": "#ef8a62",
    "Men": "#2166ac",
    "Boys": "#67a9cf",
    "Female": "#b2182b",
    "Male": "#2166ac",
    "Unknown": "#999999",
}
#: Palettes a notebook parameter may name.
PALETTES = ("default", "colorblind", "deep", "muted", "dark")


def setup(palette: str = "default") -> None:
    """Apply the style. Deterministic output: fixed SVG hash salt, no dates."""
    sns.set_theme(context="notebook", style="whitegrid",
                  palette=None if palette == "default" else palette)
    plt.rcParams.update({
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "font.family": "DejaVu Sans",
        "svg.fonttype": "none",       # text stays text in the SVG (searchable, accessible)
        "svg.hashsalt": "tipfigs",    # stable element ids
        "axes.titleweight": "bold",
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "legend.fontsize": 9,
        "legend.title_fontsize": 9,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
    })


def region_colors(palette: str = "default", regions=None) -> dict:
    regions = list(REGION_COLORS if regions is None else regions)
    if palette == "default":
        return {r: REGION_COLORS[r] for r in regions}
    colors = sns.color_palette(palette, len(REGION_COLORS))
    return {r: colors[list(REGION_COLORS).index(r)] for r in regions}


def source_note(fig, text: str) -> None:
    """A source line under the figure (the citation of the data it was built from)."""
    fig.text(0.01, -0.01, text, ha="left", va="top", fontsize=7, color="#444444", wrap=True)
