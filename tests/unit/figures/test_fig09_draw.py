"""Figure 9's publication figure: the words a report's reader gets (the release's plain name,
what the finding depends on, a short text alternative) and the drawing, checked by the editor's
rules in its three variants."""

from __future__ import annotations

from itertools import pairwise

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tipfigs import publication, specs, style  # noqa: E402
from tipfigs.figures import fig09_draw  # noqa: E402


@pytest.fixture(autouse=True)
def _style():
    style.use()


def _result(reading: str, value, holds) -> specs.Result:
    """A reading over the panel of countries and the largest reporter (``value(spec)``)."""
    grid = specs.Grid(("panel", "largest_reporter"),
                      {"panel": "balanced-recent", "largest_reporter": "kept"},
                      options={"panel": ("balanced-recent", "each-year")})
    return specs.run(reading, grid, value, holds)


def test_the_subtitle_says_what_holds_everywhere_and_what_the_direction_depends_on():
    fewer = _result("convictions-fewer-than-detected-victims", lambda s: 0.2, lambda v: v < 1)
    # the direction flips when the largest reporter is left out
    fell = _result("convictions per detected victim fell",
                   lambda s: -0.1 if s["largest_reporter"] == "kept" else 0.1, lambda v: v <= 0)
    text = fig09_draw.robustness(fewer, fell, (2015, 2020))
    assert text.startswith("Convictions stay below detected victims under each of the 4 "
                           "combinations of choices tried (the countries summed and the largest "
                           "reporter)")
    assert ("whether the ratio fell over 2015\u20132020 depends on the largest reporter "
            "(it fell in 2 of 4)") in text
    steady = _result("convictions per detected victim fell", lambda s: -0.1, lambda v: v <= 0)
    assert "the ratio fell over 2015\u20132020 under each of them." in fig09_draw.robustness(
        fewer, steady, (2015, 2020))


def test_a_level_that_depends_on_a_choice_is_said_with_its_count():
    fewer = _result("convictions-fewer-than-detected-victims",
                    lambda s: 0.5 if s["panel"] == "balanced-recent" else 1.5, lambda v: v < 1)
    steady = _result("convictions per detected victim fell", lambda s: -0.1, lambda v: v <= 0)
    text = fig09_draw.robustness(fewer, steady, (2015, 2020))
    assert "in 2 of the 4 combinations" in text and "depending on the countries summed" in text


def test_the_text_alternative_states_the_number_in_at_most_30_words():
    title = "Summed over countries, at most one person is convicted for every two victims detected"
    alt = fig09_draw.alt(title, "the 21 countries reporting all three every year",
                         "21 countries", (2015, 2020), 0.2213)
    assert "0.22" in alt and len(alt.split()) <= publication.MAX_ALT_WORDS
    assert "21 countries," in alt  # the long phrase did not fit: the short one


def _sums(years, convicted, victims):
    rows = []
    for y, c, v in zip(years, convicted, victims, strict=True):
        rows.append({"year": y, "prosecuted": 2 * c, "prosecuted_low": 2 * c - 2,
                     "prosecuted_high": 2 * c + 2, "convicted": c, "convicted_low": c - 2,
                     "convicted_high": c + 2, "victims": v, "victims_low": v - 2,
                     "victims_high": v + 2, "convictions_per_victim": c / v,
                     "convictions_per_victim_low": (c - 2) / (v + 2),
                     "convictions_per_victim_high": (c + 2) / (v - 2)})
    return pd.DataFrame(rows).set_index("year")


def _groups(values: dict[str, list[float]], years) -> pd.DataFrame:
    return pd.DataFrame([{"group": g, "year": y, "convictions_per_victim": x, "countries": 4}
                         for g, xs in values.items() for y, x in zip(years, xs, strict=True)])


def _publication(sums, groups) -> publication.Publication:
    looks = {g: fig09_draw.look(g, "region", pd.Series(dtype=str)) for g in groups["group"]}
    return publication.Publication(
        title="Fewer persons are convicted than victims are detected",
        subtitle="Persons convicted and detected victims. " * 8,
        source="Source: UNODC, Global Report on Trafficking in Persons data, May 2023 release.",
        alt="Fewer persons are convicted than victims are detected.", description="Two panels.",
        draw=fig09_draw.Drawing(sums, groups, 12, "the 12 countries", looks), height=4.6)


def test_the_figure_passes_the_editors_checks_with_crowded_end_labels():
    years = range(2015, 2021)
    # convicted and prosecuted end close together, and three regions end at about the same value
    sums = _sums(years, [400, 420, 410, 430, 400, 410], [900, 1000, 1200, 1500, 1800, 2000])
    groups = _groups({"Africa": [0.3, 0.2, 0.25, 0.2, 0.21, 0.2],
                      "Asia": [0.5, 0.4, 0.3, 0.2, 0.2, 0.21],
                      "Europe": [0.1, 0.2, 0.2, 0.2, 0.19, 0.2]}, years)
    figures = publication.draw_all(_publication(sums, groups))  # raises on any fault
    page = figures["page"]
    counts, ratio = page.axes
    assert ratio.get_ylim() == (0, 1.0)  # every value below 1: the axis ends at the line at 1
    assert any(list(line.get_ydata()) == [1, 1] for line in ratio.get_lines())
    ends = sorted(t.xy[1] for t in ratio.texts if t.get_text().endswith(")"))
    assert len(ends) == 4 and min(b - a for a, b in pairwise(ends)) > 0.05
    assert {t.get_text() for t in counts.texts} == {
        "2,000 detected victims", "820 prosecuted", "410 convicted"}
    assert figures["slide"].axes[0].get_position().y0 == pytest.approx(
        figures["slide"].axes[1].get_position().y0)  # side by side on the slide
    assert page.axes[0].get_position().y0 > page.axes[1].get_position().y0  # stacked on the page


def test_a_region_above_one_widens_the_ratio_axis():
    years = range(2019, 2022)
    sums = _sums(years, [100, 120, 110], [500, 600, 700])
    groups = _groups({"Americas": [0.5, 2.5, 0.8]}, years)
    figures = publication.draw_all(_publication(sums, groups))
    assert figures["page"].axes[1].get_ylim()[1] == pytest.approx(2.5 * 1.05)
