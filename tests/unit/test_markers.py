"""tipfigs.markers: marker areas that stand for counts, and the key of reference areas."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from tipfigs import markers, style  # noqa: E402


def test_size_key_values_are_round_and_span_the_data():
    assert markers.nice_floor(12_000) == 10_000 and markers.nice_floor(749) == 500
    assert markers.nice_floor(0.5) == 0
    assert markers.size_key_values(12_000) == [500, 2_000, 10_000]
    assert markers.size_key_values(9_123) == [500, 2_000, 5_000]
    assert markers.size_key_values(3) == [1, 2]


def test_marker_area_is_proportional_to_the_count_and_inks_alike_for_every_shape():
    assert markers.marker_area(2_000, 4_000) == pytest.approx(80.0)
    assert markers.marker_area(4_000, 4_000) == pytest.approx(2 * markers.marker_area(2_000, 4_000))
    # a square of size s inks s, a circle pi/4 s: a square for the same count is scaled down
    assert markers.marker_area(2_000, 4_000, marker="s") == pytest.approx(80.0 * math.pi / 4)


def test_size_key_draws_the_areas_the_markers_use():
    style.use()
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend()
    leg = markers.size_key(ax, 12_000, what="victims")
    labels = [t.get_text() for t in leg.get_texts()]
    assert labels == ["500", "2,000", "10,000"]
    for handle, value in zip(leg.legend_handles, [500, 2_000, 10_000], strict=True):
        assert handle.get_markersize() ** 2 == pytest.approx(markers.marker_area(value, 12_000))
    assert leg.get_title().get_text() == "Marker area: victims"
    assert len([a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]) == 2
    plt.close(fig)
