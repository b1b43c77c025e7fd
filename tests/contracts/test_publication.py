"""The committed publication figures keep the contract of issue 22: each of the collection's
figures (data/figures.toml) publishes a page, a slide and a bare variant, as PNG and SVG, that a
report or a slide takes as they are: the page at most 17 x 22.5 cm at its 300 dpi, the slide
1920 x 1080 px, the bare variant the page without its title and source; type of 8 pt or more
(14 on the slide) in each SVG's own points; a font stack that ends with a generic family; a text
alternative of one sentence and at most 30 words; a one-line source; and words for the report's
reader in what the default run shows (no date written as digits, no "release (20", no data
file's name, no straight quote).

The checks read the files as written (:mod:`tipfigs.tools.variant_checks`, whose unit tests show
that each catches its fault); ``python -m tipfigs.tools.variant_checks`` lists the same faults.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tipfigs.tools import variant_checks, variants

REPO = Path(__file__).resolve().parents[2]
FIGURES = REPO / "figures"
STEMS = tomllib.loads((REPO / "data" / "figures.toml").read_text(encoding="utf-8"))["figures"]


def about(stem: str) -> dict:
    return variants.read_about(FIGURES, stem)


def faultless(check, stem: str) -> None:
    faults = check(FIGURES, stem, about(stem))
    assert not faults, "\n".join(faults)


#: The figures checked here: every figure of the collection is a publication figure.
PUBLISHED = STEMS


def test_the_collection_lists_its_figures():
    assert len(STEMS) >= 10 and "fig01-modern-slavery-overview" in STEMS


@pytest.mark.parametrize("stem", PUBLISHED)
def test_page_slide_and_bare_are_published_as_png_and_svg(stem):
    faultless(variant_checks.file_faults, stem)


@pytest.mark.parametrize("stem", PUBLISHED)
def test_each_variant_has_its_size(stem):
    """Page at most 17 x 22.5 cm at its 300 dpi, slide 1920 x 1080 px (16:9), bare as wide as
    the page and shorter."""
    faultless(variant_checks.size_faults, stem)


@pytest.mark.parametrize("stem", PUBLISHED)
def test_smallest_type_is_8_points_on_the_page_and_14_on_the_slide(stem):
    faultless(variant_checks.type_faults, stem)


@pytest.mark.parametrize("stem", PUBLISHED)
def test_every_font_stack_ends_with_a_generic_family(stem):
    faultless(variant_checks.font_faults, stem)


@pytest.mark.parametrize("stem", PUBLISHED)
def test_the_text_alternative_is_one_sentence_of_at_most_30_words_in_every_svg(stem):
    faultless(variant_checks.alt_faults, stem)


@pytest.mark.parametrize("stem", PUBLISHED)
def test_the_source_is_one_line(stem):
    faultless(variant_checks.source_faults, stem)


@pytest.mark.parametrize("stem", PUBLISHED)
def test_the_reader_meets_no_digit_date_release_date_file_name_or_straight_quote(stem):
    faultless(variant_checks.reader_text_faults, stem)


@pytest.mark.parametrize("stem", STEMS)
def test_no_variant_file_is_left_from_an_earlier_build(stem):
    """figures/ holds the variants the about record names, and no other (a publish removes
    those a figure no longer has)."""
    left = [p.name for p in variants.leftovers(FIGURES, stem, about(stem))]
    assert not left, f"{stem}: left from an earlier build (run make): {', '.join(left)}"
