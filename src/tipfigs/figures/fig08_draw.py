"""Figure 8's drawing: the publication figure's panels (the scatter of a score against the
estimated prevalence on a log scale, the rank correlations with their intervals), and names placed
beside points so that they cover no other point, line or name (:func:`name_points`,
:func:`corner_note`).

Every size is given for the page and multiplied by ``scale`` (a publication variant's
``v.scale``: 1 on the page, 1.75 on a slide).
"""

from __future__ import annotations

import math
import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter
from matplotlib.transforms import Bbox

from tipfigs import style
from tipfigs.figures.fig08 import typographic
from tipfigs.words import number

POINT, LINE, INK, LEADER = (style.GREYS["secondary"], style.GREYS["dark"], style.GREYS["ink"],
                            style.GREYS["neutral"])
LOG_TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]


def panel_title(sub, text: str, scale: float = 1.0) -> None:
    """A panel's title at the top left of its subfigure ``sub`` (4 pt in from its edge), in the
    style of an axes title: constrained layout keeps room for it."""
    width = sub.bbox.width / sub.get_figure(root=True).dpi
    sub.suptitle(text, x=4 * scale / 72 / width, ha="left", va="top",
                 fontsize=mpl.rcParams["axes.titlesize"], fontweight="bold",
                 color=style.GREYS["ink"])


def two_lines(name: str) -> str:
    """A long name over two lines: before its bracket if it has one, else at 20 characters
    (with typographic apostrophes)."""
    name = typographic(name)
    return name.replace(" (", "\n(", 1) if " (" in name else textwrap.fill(name, 20)


def fit(df: pd.DataFrame, x: str, y: str) -> tuple[float, float]:
    """Slope and intercept of the least-squares line of log10 ``y`` on ``x`` (positive ``y``)."""
    d = df[[x, y]].dropna()
    d = d[d[y] > 0]
    slope, intercept = np.polyfit(d[x].to_numpy(), np.log10(d[y].to_numpy()), 1)
    return float(slope), float(intercept)


def log_axis(ax, values, pad: float = 1.6) -> None:
    """A log-scaled y axis from the smallest of ``values`` divided by ``pad`` to the largest
    times ``pad`` (room for a name of two lines beside the highest or lowest point), its ticks
    at 1, 2 and 5 times a power of ten, written as plain numbers."""
    lo, hi = float(np.nanmin(values)) / pad, float(np.nanmax(values)) * pad
    ax.set_yscale("log")
    ax.set_ylim(lo, hi)
    ax.yaxis.set_major_locator(FixedLocator([t for t in LOG_TICKS if lo <= t <= hi]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())


def scatter(ax, df: pd.DataFrame, x: str, y: str, scale: float = 1.0, color=POINT,
            marker: str = "o", line: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """One point per row of ``df`` (``x`` across, ``y`` up); with ``line`` (and 3 points or
    more), the least-squares line of log10 ``y`` on ``x`` dashed from the lowest ``x`` to the
    highest. Returns the points and samples along the line (empty without it), in data
    coordinates: what names must not cover."""
    ax.scatter(df[x], df[y], s=(4.4 * scale) ** 2, color=color, marker=marker, alpha=0.85,
               edgecolor="white", linewidth=0.3 * scale, zorder=2, clip_on=False)
    points = df[[x, y]].dropna().to_numpy(dtype=float)
    if not line or len(points) < 3:
        return points, np.empty((0, 2))
    slope, intercept = fit(df, x, y)
    xs = np.linspace(df[x].min(), df[x].max(), 200)
    ys = 10 ** (intercept + slope * xs)
    ax.plot(xs, ys, color=LINE, lw=1.0 * scale, ls=(0, (4, 3)), zorder=1)
    return points, np.column_stack([xs, ys])


def corner_note(ax, text: str, avoid: np.ndarray, size: float = 8.0, scale: float = 1.0,
                taken: tuple = ()) -> Bbox:
    """A note (what a line is) in the first corner of the panel where it covers no point or
    line (``avoid``, data coordinates) and no name in ``taken``: top left, bottom right, top
    right, bottom left; else where it covers least. Returns its box (display coordinates)."""
    renderer, px, frame = _laid_out(ax)
    pts = ax.transData.transform(avoid) if len(avoid) else np.empty((0, 2))
    kw = dict(fontsize=size * scale, color=INK, annotation_clip=False,
              xycoords="axes fraction", textcoords="offset points")
    probe = ax.annotate(text, (0, 0), xytext=(0, 0), **kw)
    ext = Text.get_window_extent(probe, renderer)
    probe.remove()
    inset = 5 * scale
    best = None
    for fx, fy in ((0, 1), (1, 0), (1, 1), (0, 0)):
        offset = ((inset if fx == 0 else -inset), (inset if fy == 0 else -inset),
                  "left" if fx == 0 else "right", "bottom" if fy == 0 else "top")
        at = ax.transAxes.transform((fx, fy))
        box = _box(at, offset, (ext.width, ext.height), px, 1.5 * scale * px)
        cost = _cost(box, frame, pts, 2.2 * scale * px, list(taken))
        if best is None or cost < best[0]:
            best = (cost, (fx, fy), offset, box)
        if cost == 0:
            break
    _, at, (dx, dy, ha, va), box = best
    note = ax.annotate(text, at, xytext=(dx, dy), ha=ha, va=va, **kw)
    note.set_in_layout(False)
    return box


def _laid_out(ax) -> tuple:
    """Lay the figure of ``ax`` out (an Agg canvas if it has none): the renderer, pixels per
    point and the panel's box."""
    fig = ax.get_figure(root=True)
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return renderer, fig.dpi / 72, ax.get_window_extent(renderer)


#: Directions a name may take from its point (degrees, counter-clockwise from the right), in
#: the order they are tried: straight beside, above and below before the diagonals, then the
#: directions between (a name straight beside its point cannot be read as another's).
ANGLES = (0, 180, 90, 270, 45, 135, 315, 225, 22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5,
          247.5)
#: Distances a name may take from its point (points on the page), nearest first.
DISTANCES = (6, 14, 24, 36, 50, 66, 84, 104)


def offsets(scale: float = 1.0) -> list[tuple]:
    """Places a name may take, nearest first: (dx, dy) in points from its point, its alignment
    (the side that faces the point), and whether it needs a leader line (beyond the nearest
    distance)."""
    out = []
    for d in DISTANCES:
        for a in ANGLES:
            ux, uy = math.cos(math.radians(a)), math.sin(math.radians(a))
            ha = "left" if ux > 0.3 else "right" if ux < -0.3 else "center"
            va = "bottom" if uy > 0.3 else "top" if uy < -0.3 else "center"
            out.append((round(ux * d * scale, 6), round(uy * d * scale, 6), ha, va,
                        d > DISTANCES[0]))
    return out


def _cost(box: Bbox, frame: Bbox, points: np.ndarray, reach: float, taken: list) -> int:
    """How bad a place is for a name in ``box``: out of the panel (1000), over another name (100
    each), within ``reach`` of a point or of the line (1 each)."""
    cost = 0 if (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
                 and box.y1 <= frame.y1) else 1000
    cost += 100 * sum(box.overlaps(b) for b in taken)
    grown = box.padded(reach)
    inside = ((points[:, 0] > grown.x0) & (points[:, 0] < grown.x1) & (points[:, 1] > grown.y0)
              & (points[:, 1] < grown.y1))
    return cost + int(inside.sum())


def _crossed(start, end, points: np.ndarray, reach: float) -> int:
    """How many ``points`` lie within ``reach`` of the segment from ``start`` to ``end``."""
    if not len(points):
        return 0
    a, b = np.asarray(start, float), np.asarray(end, float)
    d = b - a
    t = np.clip(((points - a) @ d) / max(float(d @ d), 1e-9), 0, 1)
    return int((np.hypot(*(points - (a + t[:, None] * d)).T) < reach).sum())


def _through(box: Bbox, start, end, steps: int = 24) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through ``box``."""
    t = np.linspace(0, 1, steps)[:, None]
    pts = np.asarray(start, float) + t * (np.asarray(end, float) - np.asarray(start, float))
    return bool(((pts[:, 0] > box.x0) & (pts[:, 0] < box.x1) & (pts[:, 1] > box.y0)
                 & (pts[:, 1] < box.y1)).any())


def _box(at, offset: tuple, size: tuple, px: float, pad: float) -> Bbox:
    """The box (display coordinates, grown by ``pad``) of a name of ``size`` (width, height)
    placed at ``offset`` (dx, dy in points, ha, va) from the point ``at``."""
    dx, dy, ha, va = offset[:4]
    x = at[0] + dx * px - {"left": 0, "center": 0.5, "right": 1}[ha] * size[0]
    y = at[1] + dy * px - {"bottom": 0, "center": 0.5, "top": 1}[va] * size[1]
    return Bbox.from_extents(x - pad, y - pad, x + size[0] + pad, y + size[1] + pad)


def _arrange(order, anchors, sizes, marks, pts, frame, taken, scale, px) -> tuple[int, dict]:
    """Names placed one after the other in ``order``, each at its best place given those
    before: the total cost and, by name, its offset and box."""
    boxes, lines, placed, total = list(taken), np.empty((0, 2)), {}, 0
    dot = 2.2 * scale
    for i in order:
        at = anchors[i]
        others = boxes + [m for j, m in enumerate(marks) if j != i]
        near = pts[np.hypot(pts[:, 0] - at[0], pts[:, 1] - at[1]) > 0.5] if len(pts) else pts
        best = None
        for offset in offsets(scale):
            box = _box(at, offset, sizes[i], px, 1.5 * scale * px)
            cost = _cost(box, frame, np.vstack([near, lines]), dot * px, others)
            if offset[4]:
                end = (at[0] + offset[0] * px, at[1] + offset[1] * px)
                cost += _crossed(at, end, near, (dot + 1.5 * scale) * px)
                cost += sum(100 if k < len(boxes) else 5 for k, b in enumerate(others)
                            if _through(b, at, end))
            if best is None or cost < best[0]:
                best = (cost, offset, box)
            if cost == 0:
                break
        cost, offset, box = best
        total += cost
        placed[i] = (offset, box)
        boxes.append(box)
        if offset[4]:
            t = np.linspace(0, 1, 24)[:, None]
            lines = np.vstack([lines, np.asarray(at) + t * (np.array(offset[:2]) * px)])
    return total, placed


def name_points(ax, rows: pd.DataFrame, x: str, y: str, avoid: np.ndarray, label: str = "country",
                size: float = 8.0, scale: float = 1.0, mark: str | None = "ring",
                taken: tuple = ()) -> list[Bbox]:
    """Name each row's point at the first place of :func:`offsets` where the name stays in the
    panel and covers no other name (those placed here, and ``taken``), no point and no stretch
    of line (``avoid``, data coordinates; each grown by a marker's radius), and its leader line
    passes by every point and name; else where it covers least. The names are placed in the
    given order, then, if one of them could not be placed clear of the others, in other
    orders (from the left, the right, the top, the bottom), keeping the best. ``mark``: "ring"
    rings the named point, "dot" draws it in ink, None leaves it. Call once the figure is laid
    out. Returns the boxes of the names (display coordinates)."""
    if rows.empty:
        return []
    renderer, px, frame = _laid_out(ax)
    pts = ax.transData.transform(avoid) if len(avoid) else np.empty((0, 2))
    dot = 2.2 * scale  # a point's radius (points)
    radius = {"ring": 4.6 * scale, "dot": dot + 0.5 * scale}.get(mark, 1.0 * scale)
    anchors = ax.transData.transform(rows[[x, y]].to_numpy(dtype=float))
    names = [two_lines(n) for n in rows[label]]
    style_ = dict(fontsize=size * scale, color=INK, linespacing=1.0, annotation_clip=False,
                  textcoords="offset points")
    sizes = []
    for name in names:
        probe = ax.annotate(name, (0, 0), xytext=(0, 0), **style_)
        ext = Text.get_window_extent(probe, renderer)
        sizes.append((ext.width, ext.height))
        probe.remove()
    marks = [Bbox.from_extents(cx - radius * px, cy - radius * px, cx + radius * px,
                               cy + radius * px) for cx, cy in anchors]
    n = len(names)
    orders = [list(range(n)), sorted(range(n), key=lambda i: anchors[i][0]),
              sorted(range(n), key=lambda i: -anchors[i][0]),
              sorted(range(n), key=lambda i: -anchors[i][1]),
              sorted(range(n), key=lambda i: anchors[i][1])]
    best = None
    for order in orders:
        total, placed = _arrange(order, anchors, sizes, marks, pts, frame, taken, scale, px)
        if best is None or total < best[0]:
            best = (total, placed)
        if total < 100:
            break
    placed = best[1]
    boxes = []
    for i, (_, r) in enumerate(rows.iterrows()):
        if mark == "ring":
            ax.scatter([r[x]], [r[y]], s=(2 * radius) ** 2, facecolor="none", edgecolor=INK,
                       linewidth=0.9 * scale, zorder=3, clip_on=False)
        elif mark == "dot":
            ax.scatter([r[x]], [r[y]], s=(2 * dot) ** 2, color=INK, edgecolor="white",
                       linewidth=0.3 * scale, zorder=3, clip_on=False)
        (dx, dy, ha, va, lead), box = placed[i]
        text = ax.annotate(names[i], (r[x], r[y]), xytext=(dx, dy), ha=ha, va=va, **style_)
        text.set_in_layout(False)
        if lead:  # a leader line from the point to the name's near edge
            leader = ax.annotate("", (r[x], r[y]), xytext=(dx, dy), textcoords="offset points",
                                 annotation_clip=False,
                                 arrowprops=dict(arrowstyle="-", lw=0.6 * scale, color=LEADER,
                                                 shrinkA=0.5 * scale, shrinkB=radius + 0.5))
            leader.set_in_layout(False)
        boxes.append(box)
    return boxes


def correlation_panel(ax, corr: pd.DataFrame, labels: dict, total: str, scale: float = 1.0,
                      size: float = 8.0) -> None:
    """Each score's rank correlation with prevalence as a dot on its 95% interval: the total
    score first, then the dimensions from the highest correlation down; a line at zero, the
    value beside each interval."""
    parts = corr[corr["dimension"] != total].sort_values(["spearman_rho", "dimension"],
                                                         ascending=[False, True])
    rows = pd.concat([corr[corr["dimension"] == total], parts]).reset_index(drop=True)
    ys = np.array([0.0] + [1.4 + i for i in range(len(parts))])[:len(rows)]
    left = min(0.0, math.floor(rows["ci_low"].min() * 5) / 5)
    ax.axvline(0, color=style.GREYS["muted"], lw=0.8 * scale, zorder=1)
    ax.hlines(ys, rows["ci_low"], rows["ci_high"], color=style.GREYS["light"], lw=2.4 * scale,
              zorder=2)
    for y, r in zip(ys, rows.itertuples(), strict=True):
        main = r.dimension == total
        ax.scatter([r.spearman_rho], [y], s=((6 if main else 5) * scale) ** 2, zorder=3,
                   color=INK if main else LINE, edgecolor="white", linewidth=0.5 * scale)
        at_right = r.ci_high < 0.85
        ax.annotate(number(r.spearman_rho), (r.ci_high if at_right else r.ci_low, y),
                    xytext=((4 if at_right else -4) * scale, 0), textcoords="offset points",
                    ha="left" if at_right else "right", va="center", fontsize=size * scale,
                    color=INK, fontweight="bold" if main else "normal")
    ax.set_yticks(ys, [labels[d] for d in rows["dimension"]])
    for tick, d in zip(ax.get_yticklabels(), rows["dimension"], strict=True):
        tick.set_fontweight("bold" if d == total else "normal")
    ax.set_ylim(ys.max() + 0.7, -0.7)
    ax.set_xlim(left, 1)
    ax.xaxis.set_major_locator(FixedLocator(np.arange(left, 1.001, 0.2).round(1)))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda value, _: "0" if abs(value) < 1e-9 else number(value, 1)))
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
