"""tipfigs.tools.variant_checks: the checks of what a figure's variants measure (size,
resolution, type, fonts, the text alternative, the source line, the reader's words), on files
built to order and on a publication figure drawn by tipfigs.publication."""

from __future__ import annotations

import json

import pytest
from builders.publication import PAGE_PT, about, png, svg, write_publication

from tipfigs.tools import variant_checks

STEM = "figzz-pub"


def test_a_publication_figure_as_the_issue_asks_has_no_fault(tmp_path):
    write_publication(tmp_path, STEM)
    assert variant_checks.problems(STEM, tmp_path) == []


def test_png_size_and_resolution_are_read_from_the_file():
    assert variant_checks.png_info(png(1996, 1417, 300)) == (1996, 1417, pytest.approx(300, abs=0.01))
    assert variant_checks.png_info(png(20, 10, None)) == (20, 10, None)
    with pytest.raises(ValueError, match="not a PNG"):
        variant_checks.png_info(b"GIF89a")


def test_type_is_measured_in_points_whatever_the_svg_s_user_units():
    root = variant_checks.svg_root(svg((960, 540), [(14, "a")]).replace('viewBox="0 0 960 540"',
                                                                  'viewBox="0 0 1920 1080"'))
    assert variant_checks.pt_per_unit(root) == 0.5
    assert [s * variant_checks.pt_per_unit(root) for s in variant_checks.font_sizes(root)] == [7.0]
    assert variant_checks.svg_size_pt(variant_checks.svg_root(svg((960, 540), [], unit="px"))) is None


@pytest.mark.parametrize("stack, generic", [
    (variant_checks.GENERIC_FAMILIES[1], True), ("'DejaVu Sans', 'Arial', sans-serif", True),
    ("'DejaVu Sans'", False), ("'DejaVu Sans', 'sans-serif'", False), ("Arial, serif", True)])
def test_a_font_stack_ends_with_an_unquoted_generic_family(stack, generic):
    assert variant_checks.ends_generic(stack) is generic


@pytest.mark.parametrize("text, n", [
    ("Africa has 3.8 million people in forced labour, the most.", 1),
    ("Africa has most. The Americas follow.", 2),
    ("Most victims were detected in Europe, e.g. Spain, and in the U.S. Department of State\u2019s "
     "reports.", 1),
    ("Women were 65%; Men 35%? Girls 20%.", 2), ("", 0)])
def test_sentences_are_counted_past_abbreviations_and_initials(text, n):
    assert variant_checks.sentences(text) == n


def test_the_font_shorthand_is_read_too():
    root = variant_checks.svg_root('<svg xmlns="http://www.w3.org/2000/svg"><text style="font: bold '
                             "9px 'DejaVu Sans', sans-serif\">a</text></svg>")
    assert variant_checks.font_sizes(root) == [9.0]
    pt = variant_checks.svg_root('<svg xmlns="http://www.w3.org/2000/svg"><text font-size="6pt">a</text>'
                           '<text style="font-weight: 700; font-size: 8px">b</text></svg>')
    assert variant_checks.font_sizes(pt) == [8.0, 8.0]  # 6 pt is 8 px; a weight is not a size
    assert variant_checks.font_stacks(root) == ["'DejaVu Sans', sans-serif"]


def _fault(tmp_path, **kw) -> list[str]:
    record = kw.pop("record", None) or about(STEM, **kw.pop("words", {}))
    write_publication(tmp_path, STEM, record, **kw)
    return variant_checks.problems(STEM, tmp_path)


@pytest.mark.parametrize("kw, fault", [
    (dict(sizes={"page": ((1996, 1417), PAGE_PT, 8.0)}), None),
    (dict(sizes={"page": ((2100, 1417), PAGE_PT, 8.0)}), "the page PNG is 17.8 x 12.0 cm at 300 dpi"),
    (dict(sizes={"page": ((1996, 2700), PAGE_PT, 8.0)}), "x 22.9 cm at 300 dpi (at most 17 x 22.5)"),
    (dict(sizes={"page": ((1996, 1417), (500, 340), 8.0)}), "the page SVG is 500 x 340 pt"),
    (dict(sizes={"slide": ((1900, 1080), (960, 540), 14.0)}), "the slide PNG is 1900 x 1080 px"),
    (dict(sizes={"slide": ((1920, 1080), (960, 600), 14.0)}), "(not 16:9)"),
    (dict(sizes={"bare": ((1996, 1417), (479, 340), 8.0)}), "the bare PNG (1996 x 1417 px) is not"),
    (dict(sizes={"page": ((1996, 1417), PAGE_PT, 7.5)}), "the page SVG's smallest type is 7.50 pt"),
    (dict(sizes={"bare": ((1996, 1063), (479, 255), 7.9)}), "the bare SVG's smallest type is 7.90"),
    (dict(sizes={"slide": ((1920, 1080), (960, 540), 12.0)}), "slide SVG's smallest type is 12.00"),
    (dict(words={"alt": " ".join(["word"] * 31)}), "the text alternative has 31 words (1 to 30)"),
    (dict(words={"alt": "Africa has most. The Americas follow."}), "is more than one sentence"),
    (dict(words={"source": "UNODC data."}), "the source is not one line that starts 'Source:'"),
    (dict(words={"source": "Source: one.\nSource: two."}), "is not one line"),
    (dict(words={"subtitle": "Detected victims, release of 2023-05-30."}),
     "the subtitle has a date written as digits: '2023-05-30'"),
    (dict(words={"title": "The article\u2019s release (2023) holds"}), "the title says 'release (20'"),
    (dict(words={"alt": "Africa has 3.8 million in glotip.xlsx."}),
     "the alt has a data file's name: 'glotip.xlsx'"),
    (dict(labels=("Men's share",)), "the page SVG's text has a straight quote"),
    (dict(labels=("From ctdc.csv.gz",)), "the bare SVG's text has a data file's name: 'ctdc.csv.gz'"),
])
def test_each_fault_the_issue_names_is_caught(tmp_path, kw, fault):
    found = _fault(tmp_path, **kw)
    if fault is None:
        assert found == []
    else:
        assert any(fault in f for f in found), found


def test_a_font_stack_without_a_generic_family_is_a_fault(tmp_path):
    write_publication(tmp_path, STEM)
    page = tmp_path / f"{STEM}.svg"
    page.write_text(page.read_text().replace(", sans-serif", "", 1))
    assert variant_checks.problems(STEM, tmp_path) == [
        f"{STEM}: the page SVG names fonts without a generic family: 'DejaVu Sans', 'Verdana', "
        "'Arial', 'Helvetica', 'Liberation Sans'"]


def test_the_svgs_carry_the_text_alternative_and_the_long_description(tmp_path):
    record = write_publication(tmp_path, STEM)
    record["alt"] = "Another text alternative, which the SVGs do not carry."
    (tmp_path / f"{STEM}.about.json").write_text(json.dumps(record))
    assert variant_checks.problems(STEM, tmp_path) == [
        f"{STEM}: the {v} SVG's title and description are not the text alternative and the long "
        "description" for v in ("page", "slide", "bare")]


def test_a_missing_variant_or_file_is_a_fault(tmp_path):
    record = about(STEM)
    del record["variants"]["slide"]
    write_publication(tmp_path, STEM, record)
    (tmp_path / f"{STEM}.bare.svg").unlink()
    assert variant_checks.problems(STEM, tmp_path) == [f"{STEM}: no slide variant in its about record",
                                                 f"{STEM}: {STEM}.bare.svg is missing"]


def test_a_figure_not_converted_yet_says_so(tmp_path):
    (tmp_path / f"{STEM}.about.json").write_text(json.dumps({"stem": STEM}))
    assert variant_checks.problems(STEM, tmp_path) == [
        f"{STEM}: not a publication figure yet (its about record names no variants)"]


def test_the_command_lists_the_faults_of_each_figure(fake_root, capsys):
    root, _, _ = fake_root
    for stem in ("fig01-good", "fig02-bad"):
        (root / "notebooks" / f"{stem}.ipynb").write_text("{}")
    write_publication(root / "figures", "fig01-good")
    write_publication(root / "figures", "fig02-bad", labels=("Men's share",))
    assert variant_checks.main(["fig01-good"]) == 0
    assert variant_checks.main([]) == 1
    out = capsys.readouterr().out
    assert "  ok          fig01-good" in out and "  FAULTS      fig02-bad" in out
    assert "fig02-bad: the page SVG's text has a straight quote" in out


def test_a_figure_drawn_by_the_publication_module_passes_every_check(fake_root):
    """The checks read what tipfigs.publication writes (matplotlib's PNG and SVG) as it means
    them: a figure it accepts has no fault here."""
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    from tipfigs import publication, style
    from tipfigs.outputs import FigureOutputs

    style.use()
    root, _, _ = fake_root

    def draw(fig, v):
        ax = fig.subplots()
        ax.barh(["Africa", "Americas"], [3.8, 3.6], color=style.GREYS["faint"])
        ax.set_xlim(0, 5)

    out = FigureOutputs("figzz-drawn")
    words = about("figzz-drawn")
    out.publication(publication.Publication(
        words["title"], words["subtitle"], words["source"], words["alt"], words["description"],
        draw, height=2.0), finding=words["finding"])
    out.table(pd.DataFrame({"x": [1]}))
    out.claims.compare("c", 1.0, "src", evidence="direct", data="a table")
    out.publish()
    assert variant_checks.problems("figzz-drawn", root / "figures") == []
