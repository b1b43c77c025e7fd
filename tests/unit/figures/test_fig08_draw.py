"""tipfigs.figures.fig08_draw: the publication figure's panels, and names placed beside points
without covering another point, line or name."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from tipfigs import publication, style  # noqa: E402
from tipfigs.figures import fig08_draw  # noqa: E402


@pytest.fixture(autouse=True)
def _style():
    style.use()


def _cloud(seed=3, n=120):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 100, n)
    y = 10 ** (0.3 + 0.01 * x + rng.normal(0, 0.25, n))
    df = pd.DataFrame({"country": [f"Country {i}" for i in range(n)], "x": x, "y": y})
    # a tight cluster of four outliers, the case where names collide
    extra = pd.DataFrame({"country": ["Alpha", "Beta Republic", "Gamma", "Delta"],
                          "x": [60, 61.5, 63, 62], "y": [90, 80, 95, 30]})
    return pd.concat([df, extra], ignore_index=True)


def _panel(df, scale=1.0, width=6.6, height=3.5):
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.subplots()
    points, line = fig08_draw.scatter(ax, df, "x", "y", scale)
    ax.set_xlim(0, 100)
    fig08_draw.log_axis(ax, df["y"])
    return fig, ax, points, line


def _names(ax):
    return [t for t in ax.texts if t.get_text()]


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_names_cover_no_point_and_no_other_name(scale):
    df = _cloud()
    fig, ax, points, line = _panel(df, scale)
    rows = df.tail(4)
    boxes = fig08_draw.name_points(ax, rows, "x", "y", np.vstack([points, line]), scale=scale,
                                   mark="dot")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = _names(ax)
    assert sorted(t.get_text().replace("\n", " ") for t in texts) == sorted(rows["country"])
    extents = [Text.get_window_extent(t, renderer) for t in texts]
    for i, a in enumerate(extents):  # no two names overprint
        for b in extents[i + 1:]:
            assert not a.overlaps(b)
    frame = ax.get_window_extent(renderer)
    shown = ax.transData.transform(points)
    for ext in extents:  # inside the panel, and no point under a name
        assert frame.x0 <= ext.x0 and ext.x1 <= frame.x1
        assert frame.y0 <= ext.y0 and ext.y1 <= frame.y1
        inside = ((shown[:, 0] > ext.x0) & (shown[:, 0] < ext.x1) & (shown[:, 1] > ext.y0)
                  & (shown[:, 1] < ext.y1))
        assert not inside.any()
    assert len(boxes) == 4


def test_a_name_with_room_sits_right_beside_its_point():
    df = pd.DataFrame({"country": ["Lone", "A", "B", "C"], "x": [50, 10, 20, 30],
                       "y": [50, 1, 2, 3]})
    fig, ax, points, _ = _panel(df)
    fig08_draw.name_points(ax, df.head(1), "x", "y", points)
    (name,) = _names(ax)
    assert name.get_ha() == "left" and name.xyann == (6.0, 0.0)  # first place: to the right


def test_the_places_go_from_near_to_far_straight_before_diagonal():
    places = fig08_draw.offsets(2.0)
    assert places[0] == (12.0, 0.0, "left", "center", False)
    assert [p[2:4] for p in places[:4]] == [("left", "center"), ("right", "center"),
                                            ("center", "bottom"), ("center", "top")]
    distances = [round(float(np.hypot(dx, dy)), 3) for dx, dy, *_ in places]
    assert distances == sorted(distances)
    assert all(p[4] for p in places if np.hypot(p[0], p[1]) > 12.5)  # far: a leader line


def test_the_note_goes_to_an_empty_corner():
    df = _cloud()
    fig, ax, points, line = _panel(df)
    fig08_draw.corner_note(ax, "dashed line: fitted trend", np.vstack([points, line]))
    (note,) = _names(ax)
    assert note.xy == (0, 1)  # top left: the cloud rises to the right
    # a name in the top left (its point at the top of the cloud): the note goes elsewhere
    df = pd.concat([df, pd.DataFrame({"country": ["Top"], "x": [2.0], "y": [df["y"].max()]})],
                   ignore_index=True)
    fig, ax, points, line = _panel(df)
    named = fig08_draw.name_points(ax, df.tail(1), "x", "y", np.vstack([points, line]))
    fig08_draw.corner_note(ax, "dashed line: fitted trend", np.vstack([points, line]),
                           taken=named)
    note = [t for t in _names(ax) if t.get_text().startswith("dashed")][0]
    assert note.xy == (1, 0)  # bottom right, the next corner tried


def test_the_scatter_returns_its_points_and_its_line():
    df = _cloud()
    fig, ax, points, line = _panel(df)
    assert points.shape == (len(df), 2) and len(line) == 200
    assert line[0, 0] == pytest.approx(df["x"].min()) and line[-1, 0] == pytest.approx(df["x"].max())
    slope, intercept = fig08_draw.fit(df, "x", "y")
    assert np.log10(line[-1, 1]) == pytest.approx(intercept + slope * df["x"].max())
    _, _, _, none = _panel(df.head(2))
    assert none.shape == (0, 2)


def test_the_log_axis_has_room_and_plain_ticks():
    fig = Figure()
    ax = fig.subplots()
    fig08_draw.log_axis(ax, pd.Series([0.5, 104.0]))
    lo, hi = ax.get_ylim()
    assert lo == pytest.approx(0.5 / 1.6) and hi == pytest.approx(104 * 1.6)
    assert list(ax.get_yticks()) == [0.5, 1, 2, 5, 10, 20, 50, 100]


def test_the_correlation_panel_puts_the_total_first_and_labels_each_value():
    corr = pd.DataFrame({"dimension": ["a", "b", "t"], "n_countries": 100,
                         "spearman_rho": [0.2, 0.55, 0.46], "ci_low": [0.04, 0.43, 0.32],
                         "ci_high": [0.35, 0.66, 0.57]})
    fig = Figure()
    ax = fig.subplots()
    fig08_draw.correlation_panel(ax, corr, {"a": "A", "b": "B", "t": "Total"}, "t")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Total", "B", "A"]
    assert [t.get_text() for t in ax.texts] == ["0.46", "0.55", "0.20"]
    assert ax.get_xlim() == (0.0, 1.0)


def test_a_figure_drawn_with_these_panels_passes_the_editors_checks():
    df = _cloud()
    corr = pd.DataFrame({"dimension": ["a", "t"], "n_countries": len(df),
                         "spearman_rho": [0.3, 0.5], "ci_low": [0.1, 0.35],
                         "ci_high": [0.45, 0.62]})

    def draw(fig, v):
        top, bottom = (fig.subfigures(1, 2) if v.landscape
                       else fig.subfigures(2, 1, height_ratios=[2, 1]))
        ax = top.subplots()
        points, line = fig08_draw.scatter(ax, df, "x", "y", v.scale)
        ax.set_xlim(0, 100)
        fig08_draw.log_axis(ax, df["y"])
        fig08_draw.panel_title(top, "Modern slavery and vulnerability", v.scale)
        fig08_draw.correlation_panel(bottom.subplots(), corr, {"a": "A", "t": "Total"}, "t",
                                     v.scale)
        named = fig08_draw.name_points(ax, df.tail(4), "x", "y", np.vstack([points, line]),
                                       scale=v.scale, mark="dot")
        fig08_draw.corner_note(ax, "dashed line: fitted trend", np.vstack([points, line]),
                               scale=v.scale, taken=named)

    pub = publication.Publication(title="A headline", subtitle="What.",
                                  source="Source: a test.", alt="A short sentence.",
                                  description="Two panels.", draw=draw, height=5.5)
    figures = publication.draw_all(pub)  # raises if any check fails
    assert set(figures) == {"page", "slide", "bare"}
