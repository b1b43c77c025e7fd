"""tipfigs.figures.fig01: the publication figure of modern slavery in 2021 (by form and by
region), drawn in its three variants and checked by the editor's rules; its words (text
alternative, description, subtitle) and its one-line source."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib as mpl  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tipfigs import publication, style  # noqa: E402
from tipfigs.figures import fig01  # noqa: E402

VALUES = {"fl_world_2021": 27.6, "fl_private_world_2021": 17.3, "fl_cse_world_2021": 6.3,
          "fl_state_world_2021": 3.9, "fm_world_2021": 22.0}
REGIONS = pd.Series({"Africa": 7.0, "Americas": 5.1, "Arab States": 1.7,
                     "Asia and the Pacific": 29.4, "Europe and Central Asia": 6.4})
TOTAL = float(REGIONS.sum())
COVER = {"with_estimate": 160, "without_estimate": 20, "population_share_without_estimate": 0.0012}


@pytest.fixture(autouse=True)
def _style():
    style.use()


def test_forms_lists_forced_labour_its_parts_and_forced_marriage():
    rows = fig01.forms(VALUES.get)
    assert [r[1] for r in rows] == [27.6, 17.3, 6.3, 3.9, 22.0]
    assert [r[2] for r in rows] == [False, True, True, True, False]
    assert rows[0][0] == "Forced labour, of which:" and rows[-1][0] == "Forced marriage"


def test_alt_is_one_sentence_with_the_numbers_and_at_most_30_words():
    text = fig01.alt(TOTAL, fig01.forms(VALUES.get), "Asia and the Pacific", 29.4 / TOTAL)
    assert text == ("49.6 million people were in modern slavery in 2021, 27.6 million in forced "
                    "labour and 22.0 million in forced marriage; 59% were in Asia and the Pacific.")
    assert len(text.split()) <= publication.MAX_ALT_WORDS
    other = fig01.alt(TOTAL, fig01.forms(VALUES.get), "Americas", 0.1)
    assert other.endswith("10% were in the Americas.")


def test_description_gives_every_value_largest_region_first():
    text = fig01.description(fig01.forms(VALUES.get), REGIONS, TOTAL)
    assert "forced labour 27.6 million (17.3 in the private economy" in text
    assert text.index("Asia and the Pacific 29.4") < text.index("Africa 7.0") < text.index(
        "the Arab States 1.7 million (3%)")


def test_subtitle_is_plain_words_with_the_coverage():
    text = fig01.subtitle(COVER)
    assert "160 countries" in text and "the 20 countries and territories" in text
    assert "0.1%" in text and "’" in text and "'" not in text


def test_source_fits_one_line_leaving_out_a_month_only_when_needed():
    short = fig01.source(["A report, September 2022"])
    assert short == "Source: A report, September 2022."
    long_names = ["ILO, Walk Free and IOM, Global Estimates of Modern Slavery, September 2022",
                  "Walk Free, Global Slavery Index 2023", "Another publisher, Another index, May 2024"]
    line = fig01.source(long_names)
    assert "September" not in line and "Modern Slavery, 2022;" in line and "index, 2024." in line


@pytest.mark.parametrize("regions", [list(REGIONS.index), ["Africa", "Arab States"]])
def test_every_variant_passes_the_editor_checks(regions):
    by_form, by_region = fig01.forms(VALUES.get), REGIONS[regions]
    pub = publication.Publication(
        title="49.6 million people in modern slavery in 2021", subtitle=fig01.subtitle(COVER),
        source="Source: a report, 2022.", alt="An alt.", description="Two panels.",
        draw=lambda fig, v: fig01.draw(fig, v, by_form, by_region, TOTAL,
                                       style.region_colors("default", regions)), height=3.9)
    for v in publication.VARIANTS:
        with mpl.rc_context(publication.rc(v)):
            fig = publication.render(pub, v)
            assert publication.problems(fig, v) == []
            axes = fig.axes
            assert len(axes) == 2
            assert axes[0].get_position().y0 > axes[1].get_position().y1 or v.landscape
