"""tipfigs.publication: one drawing, three variants (page, slide, bare) of the sizes a report and a
slide take, with the editor's checks run on every variant before anything is written."""

from __future__ import annotations

import json
import re
import struct

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tipfigs import publication, style  # noqa: E402
from tipfigs.outputs import FigureOutputs  # noqa: E402


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def bars(fig, v):
    ax = fig.subplots()
    ax.barh(["Africa", "Americas"], [3.8, 3.6], color=style.GREYS["faint"])
    for i, x in enumerate([3.8, 3.6]):
        ax.text(x + 0.1, i, f"{x:.1f}", va="center", fontsize=v.pt(8))
    ax.set_xlim(0, 5)


def make(draw=bars, **kw) -> publication.Publication:
    words = dict(title="Africa has the most people in forced labour",
                 subtitle="Million people, 2021.", source="Source: a report, September 2022.",
                 alt="Africa has 3.8 million people in forced labour, the Americas 3.6 million.",
                 description="Two bars.", draw=draw, height=2.5)
    words.update(kw)
    return publication.Publication(**words)


@pytest.fixture(autouse=True)
def _style():
    style.use()


def test_the_three_variants_have_their_sizes(fake_root):
    out = FigureOutputs("figzz-test")
    out.publication(make(), finding="Africa first.")
    page_w, page_h = png_size(out._files[".png"])
    assert page_w / 300 * 2.54 <= 17 and page_h / 300 * 2.54 <= 22.5
    assert png_size(out._files[".slide.png"]) == (1920, 1080)
    bare_w, bare_h = png_size(out._files[".bare.png"])
    assert bare_w == page_w and bare_h < page_h  # the panels alone
    slide_svg = out._files[".slide.svg"].decode()
    assert 'width="960pt" height="540pt"' in slide_svg  # 33.9 x 19.1 cm
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", slide_svg)]
    assert min(sizes) >= 14  # 8 pt on the page is 14 pt on the slide


def test_the_bare_variant_has_no_title_or_source(fake_root):
    out = FigureOutputs("figzz-test")
    out.publication(make())
    bare, page = out._files[".bare.svg"].decode(), out._files[".svg"].decode()
    assert "Source: a report" in page and "Source: a report" not in bare
    assert "Africa has the most" in page and ">Africa has the most" not in bare.split("</desc>")[1]


def test_the_svg_names_a_generic_font_family_and_carries_alt_and_description(fake_root):
    out = FigureOutputs("figzz-test")
    out.publication(make())
    svg = out._files[".svg"].decode()
    assert "sans-serif" in re.search(r"font-family: ([^;\"]+)", svg).group(1)
    assert "<title>Africa has 3.8 million" in svg and "<desc>Two bars.</desc>" in svg


def test_the_about_record_lists_the_variants_and_the_short_alt(fake_root):
    root, _, _ = fake_root
    out = FigureOutputs("figzz-test")
    out.publication(make(), finding="Africa first.")
    out.table(pd.DataFrame({"x": [1]}))
    out.claims.compare("c", 1.0, "src", evidence="direct", data="a table")
    out.publish()
    about = json.loads((root / "figures" / "figzz-test.about.json").read_text())
    assert about["variants"] == {"page": "figzz-test", "slide": "figzz-test.slide",
                                 "bare": "figzz-test.bare"}
    assert about["alt"].startswith("Africa has 3.8") and about["description"] == "Two bars."
    for suffix in (".slide.png", ".slide.svg", ".bare.png", ".bare.svg"):
        assert (root / "figures" / f"figzz-test{suffix}").exists()


def low_contrast(fig, v):
    ax = fig.subplots()
    ax.text(0.5, 0.5, "pale", color=style.GREYS["unknown"], fontsize=v.pt(8))


def small_type(fig, v):
    fig.subplots().text(0.5, 0.5, "small", fontsize=7)


def overprint(fig, v):
    ax = fig.subplots()
    ax.text(0.5, 0.5, "one label", fontsize=v.pt(8))
    ax.text(0.52, 0.5, "another", fontsize=v.pt(8))


def off_the_figure(fig, v):
    fig.subplots().text(1.5, 0.5, "outside", fontsize=v.pt(8))


def white_on_light_bar(fig, v):
    ax = fig.subplots()
    ax.bar([0], [1], color="#E69F00")
    ax.text(0, 0.5, "inside", color="white", ha="center", fontsize=v.pt(8))


@pytest.mark.parametrize("draw, reason", [
    (low_contrast, "contrast of 1.9:1"), (small_type, "is 7.0 pt (at least 8)"),
    (overprint, "overprint each other"), (off_the_figure, "runs off the figure"),
    (white_on_light_bar, "contrast of 2.3:1"),
])
def test_a_figure_that_fails_a_check_stops_with_the_reason_and_writes_nothing(fake_root, draw,
                                                                              reason):
    root, _, _ = fake_root
    out = FigureOutputs("figzz-test")
    with pytest.raises(ValueError, match=re.escape(reason)) as e:
        out.publication(make(draw))
    assert str(e.value).startswith("figzz-test: the figure cannot be published as it is")
    assert not out._files and not list((root / "figures").glob("figzz-test*"))


def test_the_slide_scales_the_type_the_drawing_asks_for():
    assert publication.SLIDE.pt(8) == 14 and publication.PAGE.pt(8) == 8
    assert publication.SLIDE.landscape and not publication.PAGE.landscape


@pytest.mark.parametrize("words, reason", [
    (dict(alt=" ".join(["word"] * 31)), "31 words (at most 30)"),
    (dict(subtitle="The release of 2023-05-30."), "'2023-05-30' (write it out)"),
    (dict(source="Sources UNODC."), "does not start with 'Source: '"),
])
def test_words_for_the_reader_are_checked(words, reason):
    assert any(reason in p for p in make(**words).problems())


def test_contrast_is_the_wcag_ratio():
    assert publication.contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert publication.contrast("#777777") == pytest.approx(4.48, abs=0.01)


def test_source_line_names_each_source_once():
    assert publication.source_line(["A, 2023.", "B", "A, 2023"]) == "Source: A, 2023; B."
    assert publication.source_line([]) == ""


def test_ink_darkens_a_colour_until_it_can_be_read_on_white():
    orange = style.ink("#E69F00")
    assert publication.contrast(orange) >= 4.5 > publication.contrast("#E69F00")
    assert style.ink("#0072B2") == "#0072B2"  # already dark enough: unchanged


@pytest.mark.parametrize("n", [23, 37, 58])
def test_a_long_subtitle_and_source_are_wrapped_to_fit_every_variant(n):
    text = " ".join(("persons convicted per detected victim, summed over the countries "
                     "reporting every year 2015–2020, Europe and Central Asia").split()[:n] * 2)
    figures = publication.draw_all(make(subtitle=text, source="Source: " + text[:150]))
    assert set(figures) == {"page", "slide", "bare"}  # no line ran off the figure


def test_layout_and_checks_do_not_depend_on_the_global_resolution():
    with matplotlib.rc_context({"figure.dpi": 72}):
        figures = publication.draw_all(make(subtitle="What is counted, in plain words. " * 9))
    assert [f.dpi for f in figures.values()] == [v.dpi for v in publication.VARIANTS]


def test_a_headline_is_laid_out_and_checked_at_the_resolution_it_is_saved_at():
    # this line fits the page as drawn at 100 dpi (6.47 in) but not at 300 dpi (6.66 in), the
    # PNG's: laid out and checked at 100 dpi, it was cut off at the page's right edge
    title = ("Construction, domestic work, agriculture and services hold 68% of identified "
             "adult victims of forced labour")
    figures = publication.draw_all(make(title=title))
    head = next(t for t in figures["page"].texts if t.get_text().startswith("Construction"))
    assert head.get_text().split("\n")[0].endswith("of")  # "identified" went to the next line
