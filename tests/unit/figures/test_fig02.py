"""tipfigs.figures.fig02: the sentence that compares the regions by number and by rate."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib as mpl  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tipfigs import publication, rankings, style  # noqa: E402
from tipfigs.figures import fig02  # noqa: E402


@pytest.fixture(autouse=True)
def _style():
    style.use()

COUNTS = pd.Series({"Asia and the Pacific": 15.1, "Europe and Central Asia": 4.1, "Africa": 3.8,
                    "Americas": 3.6, "Arab States": 0.9})


RATES = pd.Series({"Asia and the Pacific": 3.5, "Europe and Central Asia": 4.4, "Africa": 2.9,
                   "Americas": 3.5, "Arab States": 5.3})


def test_verb_agrees_with_the_region_name():
    assert fig02.verb("Americas", "has", "have") == "have"
    assert fig02.verb("Africa", "has", "have") == "has"


def test_ranking_finding_states_the_ranks_with_ties():
    s = fig02.ranking_finding(COUNTS, RATES, 27.6, "people in forced labour", all_regions=5)
    assert s == ("Asia and the Pacific has the most people in forced labour (15.1 million, 55% of "
                 "the world's 27.6 million) but ranks joint third per 1,000 people (3.5, with the "
                 "Americas); the Arab States, fifth by number (0.9 million), have the highest rate "
                 "(5.3 per 1,000 people).")
    assert "fourth" not in s


def test_ranking_finding_follows_the_data():
    rates = RATES.copy()
    rates["Asia and the Pacific"] = 6.0  # now first on both
    s = fig02.ranking_finding(COUNTS, rates, 27.6, "people in forced labour", all_regions=5)
    assert s.endswith("and the highest rate too (6.0 per 1,000 people).")
    two = fig02.ranking_finding(COUNTS[["Africa", "Americas"]], RATES[["Africa", "Americas"]],
                                  27.6, "people in forced labour", all_regions=5)
    assert "of the 2 regions shown" in two and "the Americas, second by number" in two
    one = fig02.ranking_finding(COUNTS[["Africa"]], RATES[["Africa"]], 27.6, "people", 5)
    assert one == "Africa has 3.8 million people (14% of the world's 27.6 million), 2.9 per 1,000 people."
    assert rankings.ranks_differ(COUNTS, RATES) and not rankings.ranks_differ(COUNTS, COUNTS / 2)


# -- the publication figure ----------------------------------------------------------------------
def test_positions_put_equal_values_on_consecutive_rows_by_name():
    assert fig02.positions(RATES) == {"Arab States": 1, "Europe and Central Asia": 2, "Americas": 3,
                                      "Asia and the Pacific": 4, "Africa": 5}


def test_alt_states_the_finding_in_at_most_30_words():
    text = fig02.alt(COUNTS, RATES)
    assert text == ("Asia and the Pacific has the most people in forced labour (15.1 million) but "
                    "ranks joint third by rate; the Arab States rank first, 5.3 per 1,000 people.")
    assert len(text.split()) <= 30
    same = fig02.alt(COUNTS[["Asia and the Pacific", "Africa"]], RATES[["Asia and the Pacific", "Africa"]])
    assert same.endswith("(15.1 million) and the highest rate (3.5 per 1,000).")
    assert fig02.alt(COUNTS[["Africa"]], RATES[["Africa"]]) == (
        "Africa has 3.8 million people in forced labour, 2.9 per 1,000 people.")


def test_subtitle_and_description_name_the_units_and_the_regions():
    sub = fig02.subtitle(COUNTS[["Africa", "Arab States"]], 27.6, all_regions=5)
    assert "the two regions shown hold 4.7 of the world’s 27.6 million" in sub.replace("\n", " ")
    assert "per 1,000 people" in sub and "'" not in sub
    assert "the region shown holds 3.8 of" in fig02.subtitle(COUNTS[["Africa"]], 27.6, 5)
    text = fig02.description(COUNTS, RATES)
    assert "the Arab States (5.3), Europe and Central Asia (4.4)" in text
    assert "Asia and the Pacific (15.1 million)" in text


def _labels(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.mark.parametrize("regions", [list(COUNTS.index), ["Africa", "Arab States"], ["Africa"]])
def test_every_variant_passes_the_editor_checks_and_names_region_and_unit(regions):
    counts, rates = COUNTS[regions], RATES[regions]
    pub = publication.Publication(
        title="Counts and rates of forced labour rank the regions differently",
        subtitle=fig02.subtitle(counts, 27.6, 5), source="Source: a report, 2022.",
        alt=fig02.alt(counts, rates), description=fig02.description(counts, rates),
        draw=lambda fig, v: fig02.draw(fig, v, counts, rates, style.region_colors("default", regions)),
        height=0.45 * len(regions) + 0.3)
    for v in publication.VARIANTS:
        with mpl.rc_context(publication.rc(v)):
            fig = publication.render(pub, v)
            assert publication.problems(fig, v) == []
            labels = _labels(fig)
            for r in regions:
                assert f"{r}  {counts[r]:.1f} million" in labels
                assert f"{r}  {rates[r]:.1f} per 1,000" in labels
    if len(regions) == 5:
        assert labels.count("3=") == 2
