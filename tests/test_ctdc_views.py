"""Words and keys of the CTDC figures (tipfigs.ctdc_views), and the three CTDC figures built on
them (fig03, fig04, fig10) run end to end on small files whose answers are known: their headline,
finding and citations follow the data."""

from __future__ import annotations

import html
import json
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from figruns import run_figure, write_ctdc  # noqa: E402

from tipfigs import ctdc, style  # noqa: E402
from tipfigs import ctdc_views as views  # noqa: E402


# -- words -------------------------------------------------------------------------------------
def test_release_names_and_colours_come_from_the_colour_system():
    assert views.release_name("2021") == "2021 release"
    assert views.release_name("vp2022") == "2022 release"
    for r in ctdc.RELEASES:
        assert views.release_color(r) == style.SOURCE_COLORS[ctdc.MANIFEST_KEYS[r]]
        assert views.release_color(r) not in style.SEX_AGE_COLORS.values()  # never the "men" blue
    assert len(set(views.RELEASE_MARKERS.values())) == len(ctdc.RELEASES)


def test_percentages_and_ranges():
    assert views.percent(0.6775) == "68%"
    assert views.percent(float("nan")) == "n/a"
    assert views.share_range([0.678, float("nan"), 0.873]) == "68\u201387%"
    assert views.share_range([0.678, 0.681]) == "68%"  # both round to 68
    assert views.share_range([float("nan")]) == "n/a"
    assert views.join_words(["a", "b", "c"]) == "a, b and c"
    assert views.join_words(["a"]) == "a"


def test_per_release_names_one_value_once_and_different_values_each():
    assert views.per_release({"2021": "construction", "2018": "construction"}) == (
        "construction (in both releases)")
    assert views.per_release({"2021": "domestic work", "2018": "manufacturing"}) == (
        "domestic work (2021 release) and manufacturing (2018 release)")
    assert views.per_release({"2021": "construction"}) == "construction"
    # a release without a value is left out, and the one left is named
    assert views.per_release({"2021": "", "2018": "begging"}) == "begging (2018 release)"
    assert views.per_release({"2021": None}) == ""


def test_unknown_line_computes_the_share_without_the_variable():
    line = views.unknown_line({"2021": (200, 150), "2018": (40, 10)}, "sector")
    assert line.replace("\u00a0", " ").split("\n") == [
        "2021 release: n = 200; sector not recorded for 75%",
        "2018 release: n = 40; sector not recorded for 25%"]


# -- printed width -------------------------------------------------------------------------------
TEXT = ("Identified adults flagged as in forced labour in CTDC's records; shares are of those "
        "with a sector recorded (a victim can have several). * a sector the article names.\n"
        "2021 release: n = 14,495; sector not recorded for 69%")


def test_wrap_fits_the_width_and_keeps_every_word():
    style.setup()
    wrapped = style.wrap(TEXT, width=4.0)
    assert all(style.text_width(line, 8.5) <= 4.0 for line in wrapped.split("\n"))
    assert wrapped.split() == TEXT.split()
    assert len(wrapped.split("\n")) > 3
    assert "2021 release: n = 14,495; sector not recorded for 69%" in wrapped.split("\n")
    # a non-breaking space keeps its words on one line
    lines = style.wrap("x " * 40 + "(k\u00a0=\u00a010)", width=1.0).split("\n")
    assert lines[-1].endswith(" (k\u00a0=\u00a010)") and len(lines) > 2
    assert style.text_width("abc abc", 11, "bold") > style.text_width("abc abc", 8.5)


def test_balanced_wrap_leaves_no_orphan_and_no_extra_line():
    style.setup()
    title = "Men and boys: more excessive working hours; women and girls: more sexual abuse"
    width = style.text_width(title, 11, "bold") * 0.97  # just too narrow: one word would drop
    greedy = style.wrap(title, width, 11, "bold").split("\n")
    balanced = style.wrap(title, width, 11, "bold", balance=True).split("\n")
    assert greedy[-1] == "abuse" and len(greedy) == len(balanced) == 2
    lengths = [style.text_width(x, 11, "bold") for x in balanced]
    assert max(lengths) <= width and min(lengths) > 0.6 * max(lengths)


def test_spread_keeps_labels_apart_and_near_their_points():
    # two lines ending at the same value: labels a gap apart, centred on it
    assert views.spread({"2021": 50.0, "2018": 50.0}, gap=6) == {"2018": 47.0, "2021": 53.0}
    # labels with room stay at their points
    assert views.spread({"2021": 77.0, "2018": 18.0}, gap=6) == {"2018": 18.0, "2021": 77.0}
    # a crowded group moves as one, centred on its points; a label far away does not move
    at = views.spread({"a": 10.0, "b": 12.0, "c": 16.0, "d": 60.0}, gap=6)
    assert [at[k] for k in "abc"] == pytest.approx([20 / 3, 38 / 3, 56 / 3])
    assert at["d"] == 60.0
    ys = sorted(at.values())
    assert all(b - a >= 6 - 1e-9 for a, b in zip(ys, ys[1:], strict=False))


# -- marker areas ---------------------------------------------------------------------------------
def test_size_key_values_are_round_and_span_the_data():
    assert views.nice_floor(12_000) == 10_000 and views.nice_floor(749) == 500
    assert views.nice_floor(0.5) == 0
    assert views.size_key_values(12_000) == [500, 2_000, 10_000]
    assert views.size_key_values(9_123) == [500, 2_000, 5_000]
    assert views.size_key_values(3) == [1, 2]


def test_marker_area_is_proportional_to_the_count_and_inks_alike_for_every_shape():
    assert views.marker_area(2_000, 4_000) == pytest.approx(80.0)
    assert views.marker_area(4_000, 4_000) == pytest.approx(2 * views.marker_area(2_000, 4_000))
    # a square of size s inks s, a circle pi/4 s: a square for the same count is scaled down
    assert views.marker_area(2_000, 4_000, marker="s") == pytest.approx(80.0 * math.pi / 4)


def test_size_key_draws_the_areas_the_markers_use():
    style.setup()
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend()
    leg = views.size_key(ax, 12_000, what="victims")
    labels = [t.get_text() for t in leg.get_texts()]
    assert labels == ["500", "2,000", "10,000"]
    for handle, value in zip(leg.legend_handles, [500, 2_000, 10_000], strict=True):
        assert handle.get_markersize() ** 2 == pytest.approx(views.marker_area(value, 12_000))
    assert leg.get_title().get_text() == "Marker area: victims"
    assert len([a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]) == 2
    plt.close(fig)


# -- the figures, end to end -------------------------------------------------------------------------
def _ctdc_file(path, records):
    return str(write_ctdc(path, ctdc.required_columns("2021"), records))


def _run(tmp_path, stem, **params):
    out = run_figure(tmp_path, stem, **params)
    about = json.loads((out / f"{stem}.about.json").read_text())
    claims = {c["id"]: c for c in json.loads((out / f"{stem}.claims.json").read_text())}
    return about, claims, (out / f"{stem}.svg").read_text()


BASE = {"yearOfRegistration": "2019", "ageBroad": "30--38"}


@pytest.mark.slow
def test_fig03_headline_and_finding_follow_the_data(tmp_path):
    fl = dict(BASE, isForcedLabour="1")
    records = ([dict(fl, gender="Male", typeOfLabourConstruction="1")] * 30
               + [dict(fl, gender="Male", typeOfLabourOther="1")] * 10
               + [dict(fl, gender="Female", typeOfLabourDomesticWork="1")] * 21
               + [dict(fl, gender="Female", typeOfLabourOther="1")] * 19
               + [dict(fl, gender="Male")] * 20 + [dict(fl, gender="Female")] * 20)  # no sector
    path = _ctdc_file(tmp_path / "sectors.csv.gz", records)
    about, claims, svg = _run(tmp_path, "fig03-forced-labour-sectors", ctdc_2021_file=path,
                              releases=["2021"], min_records=10)
    # 51 of the 80 adults with a sector are in a named sector: 63.75%
    assert about["title"] == "The article's sectors hold 64% of identified adults in forced labour"
    assert about["finding"] == (
        "Of the identified adult victims of forced labour with a sector recorded, the sectors the "
        "article names hold 64% of the 80 in the 2021 release (which has no category for "
        "manufacturing); the most common sector for men is construction; for women, domestic "
        "work.")
    assert claims["five-sectors-about-90-percent"]["computed_value"] == pytest.approx(63.75, abs=0.06)
    # the figure read one file, which is not a manifest release: only it is listed
    assert [d["kind"] for d in about["data"]] == ["file"]
    assert "sectors.csv.gz" in about["data"][0]["citation"]
    assert f"<title>{html.escape(about['title'])}</title>" in svg


@pytest.mark.slow
def test_fig04_finding_follows_the_data_and_lists_what_it_read(tmp_path):
    fl, se = dict(BASE, isForcedLabour="1"), dict(BASE, isSexualExploit="1")
    records = ([dict(fl, citizenship="NPL", CountryOfExploitation="IND")] * 30
               + [dict(fl, citizenship="IND", CountryOfExploitation="IND")] * 10
               + [dict(se, citizenship="NPL", CountryOfExploitation="IND")] * 10
               + [dict(se, citizenship="IND", CountryOfExploitation="IND")] * 30
               + [dict(fl, CountryOfExploitation="IND")] * 40)  # citizenship not recorded
    path = _ctdc_file(tmp_path / "abroad.csv.gz", records)
    about, claims, _ = _run(tmp_path, "fig04-migrant-workers", ctdc_2021_file=path,
                            releases=["2021"], min_records=10)
    assert about["title"] == "Most identified victims of forced labour were exploited abroad"
    assert about["finding"].startswith(
        "Of the identified victims of forced labour whose citizenship and country of exploitation "
        "are both recorded, 75% of 40 in the 2021 release were exploited outside their country of "
        "citizenship, against 25% (2021 release) of victims of sexual exploitation;")
    assert [(d["kind"], d["path"]) for d in about["data"]][0] == ("transcribed", "data/gems2022.csv")
    assert [d["kind"] for d in about["data"]] == ["transcribed", "file"]
    assert claims["migrants-three-times-forced-labour"]["status"] == "transcribed"


@pytest.mark.slow
def test_fig10_headline_names_the_largest_differences_between_the_sexes(tmp_path):
    men, women = dict(BASE, gender="Male", isForcedLabour="1"), dict(BASE, gender="Female",
                                                                        isSexualExploit="1")
    records = ([dict(men, meansOfControlExcessiveWorkingHours="1")] * 30
               + [dict(men, meansOfControlThreats="1")] * 10
               + [dict(women, meansOfControlSexualAbuse="1")] * 24
               + [dict(women, meansOfControlThreats="1")] * 16
               + [men] * 20 + [women] * 20)  # no means of control recorded
    path = _ctdc_file(tmp_path / "control.csv.gz", records)
    about, claims, _ = _run(tmp_path, "fig10-means-of-control", ctdc_2021_file=path,
                            min_records=10)
    assert about["title"] == ("Men and boys: more excessive working hours; women and girls: more "
                              "sexual abuse")
    assert about["finding"] == (
        "Among the 80 identified victims with a means of control recorded (67% of 120), excessive "
        "working hours was recorded for 75% of men and boys against 0% of women and girls; sexual "
        "abuse was recorded for 60% of women and girls against 0% of men and boys.")
    assert claims["gendered-means-of-control"]["computed_value"] == pytest.approx(-75.0)
    assert claims["gendered-means-of-control"]["status"] == "context"


@pytest.mark.slow
def test_fig10_draws_one_release_and_refuses_two_naming_the_parameter(tmp_path):
    from tipfigs.tools import runner

    out = tmp_path / "out"
    r = runner.run_one("fig10-means-of-control",
                       parameters={"releases": ["2021", "2018"], "output_dir": str(out)},
                       output_notebook=str(tmp_path / "nb.ipynb"), record=False)
    assert not r.ok
    assert ("ParameterError: parameter releases=['2021', '2018'] must name exactly one release"
            in r.message), r.message
    assert not out.exists() or not any(out.iterdir())  # nothing published


@pytest.mark.slow
def test_fig10_on_the_2018_release_reads_and_cites_the_dictionary(tmp_path):
    if not (ctdc.paths.root() / ctdc.DEFAULT_DICTIONARY).is_file():
        pytest.skip("CTDC data dictionary not present (run `make data`)")
    base = {"yearOfRegistration": "2016", "ageBroad": "30--38", "CountryOfExploitation": "US"}
    men = dict(base, gender="Male", isForcedLabour="1")
    women = dict(base, gender="Female", isSexualExploit="1")
    records = ([dict(men, meansOfControlDebtBondage="1")] * 20
               + [dict(women, meansOfControlDebtBondage="1")] * 5
               + [dict(women, meansOfControlThreats="1")] * 15)
    path = str(write_ctdc(tmp_path / "k2018.csv.gz", ctdc.required_columns("2018"), records))
    about, claims, svg = _run(tmp_path, "fig10-means-of-control", releases=["2018"],
                              ctdc_2018_file=path, country="USA", min_records=10)
    # debt bondage: 100% of 20 men and boys against 25% of 20 women and girls
    assert claims["gendered-means-of-control"]["computed_value"] == pytest.approx(-75.0)
    assert claims["gendered-means-of-control"]["data"] == (
        "CTDC k-anonymised data, 2018 release, file k2018.csv.gz")
    assert [d["kind"] for d in about["data"]] == ["file", "release"]  # the file, the dictionary
    assert about["data"][1]["path"] == ctdc.DEFAULT_DICTIONARY
    assert "k2018.csv.gz" in svg  # the source note names the file read, not the 2018 release
