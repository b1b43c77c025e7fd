"""tipfigs.tools.variants: which files a figure's variants have (page, slide and bare as its
about record names them; the page only for a figure not redrawn yet), and which are left from an
earlier build."""

from __future__ import annotations

from builders.publication import about, write_publication

from tipfigs.tools import variants

STEM = "figzz-pub"


def test_a_publication_figure_has_three_variants_and_an_old_one_its_page_only(tmp_path):
    record = about(STEM)
    assert variants.named(STEM, record) == {"page": STEM, "slide": f"{STEM}.slide",
                                            "bare": f"{STEM}.bare"}
    assert variants.file_names(STEM, record) == [
        f"{STEM}.png", f"{STEM}.svg", f"{STEM}.slide.png", f"{STEM}.slide.svg",
        f"{STEM}.bare.png", f"{STEM}.bare.svg"]
    old = {"stem": STEM, "title": "A headline", "alt": "A long text alternative."}
    assert variants.named(STEM, old) == {"page": STEM} and not variants.is_converted(old)
    assert variants.file_names(STEM, old) == [f"{STEM}.png", f"{STEM}.svg"]
    # listed page first, whatever the order of the record
    shuffled = about(STEM, variants={"bare": f"{STEM}.bare", "page": STEM, "slide": f"{STEM}.slide"})
    assert list(variants.named(STEM, shuffled)) == ["page", "slide", "bare"]


def test_the_variant_files_a_record_does_not_name_are_leftovers(tmp_path):
    write_publication(tmp_path, STEM)
    (tmp_path / "figzz-other.slide.png").write_bytes(b"x")  # another figure's
    assert variants.leftovers(tmp_path, STEM, about(STEM)) == []
    (tmp_path / f"{STEM}.draft.png").write_bytes(b"x")  # not a variant a build writes
    old = {"stem": STEM}
    assert [p.name for p in variants.leftovers(tmp_path, STEM, old)] == [
        f"{STEM}.bare.png", f"{STEM}.bare.svg", f"{STEM}.slide.png", f"{STEM}.slide.svg"]


def test_the_variant_suffixes_are_those_a_publish_writes_or_removes():
    from tipfigs.outputs import VARIANT_SUFFIXES

    assert set(variants.SUFFIXES) == set(VARIANT_SUFFIXES)
