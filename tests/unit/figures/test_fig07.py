"""Figure 7's own analysis: the coverage of the shares by sex and age, the check of the shares
UNODC published against the article's readings, every reading under the specifications of its
grid (deterministic; a dominant reporter that decides a verdict is named), the headline that
states only what every specification agrees on, and the lines the publication figure draws (the
default and the specification that flips its verdict, with the table behind them, each named at
its end, never on the threshold or over another name), and the check figure's bars by form (a
form whose counts are all censored is never drawn as equal shares)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from builders.glotip import FORM, SE, A, K, V, published_file, row, workbook
from matplotlib.figure import Figure

from tipfigs import publication, style
from tipfigs.claims import Claims, Reading
from tipfigs.errors import SchemaError
from tipfigs.figures import fig07, fig07_draw
from tipfigs.glotip import read, sums, variants
from tipfigs.glotip.published import load_published


def _claims(**values) -> Claims:
    readings = {cid: Reading(cid, ("s1",), f"reading {cid}", v, "per cent", 0.5)
                for cid, v in values.items()}
    return Claims("figzz-unodc", readings=readings)


def test_unknown_sex_age_counts_what_the_shares_leave_out():
    def rows(country, year, low, high=None, group=None):
        return {"country": country, "year": year, "value_low": low,
                "value_high": low if high is None else high, "group": group}

    totals = pd.DataFrame([rows("Alpha", 2020, 100), rows("Beta", 2020, 50),
                           rows("Gamma", 2020, 30), rows("Delta", 2020, 9)])
    kept = pd.DataFrame([
        # Alpha: 80 of its 100 victims are of known sex and age (20 unknown)
        rows("Alpha", 2020, 60, group="Women"), rows("Alpha", 2020, 20, group="Men"),
        # Beta: its parts add up to a little more than its total: no negative unknown
        rows("Beta", 2020, 52, group="Women"),
        # Epsilon: parts, no total (its parts are its victims), censored: at the middle, 2
        rows("Epsilon", 2020, 0, 4, group="Boys"),
    ])
    got = fig07.unknown_sex_age(totals, kept).iloc[0]
    assert got["countries"] == 3 and got["known"] == 80 + 52 + 2
    assert got["victims"] == 100 + 52 + 2
    assert got["unknown_share"] == pytest.approx(100 * 20 / 154)
    # Gamma and Delta report a total and no breakdown
    assert (got["reporting"], got["not_in_shares"]) == (4, 2)


def test_published_claims_map_each_share_to_its_reading(fake_root, tmp_path):
    root, _, _ = fake_root
    published = load_published(published_file(root))
    claims = _claims(**{"published-men-2018": 20})
    assert fig07.published_claim_id("Women and girls", 2022) == "published-women-and-girls-2022"
    # boys 2018 has no reading: drawn, not checked
    assert fig07.published_claims(published, claims) == {"men_2018": "published-men-2018",
                                                          "boys_2018": None}
    # the same number transcribed twice must agree
    published = load_published(published_file(root, value="21"))
    with pytest.raises(SchemaError, match=r"'men_2018' is 21 in the published shares file but 20 "
                                          r"in data/article_claims.csv \(claim published-men-2018\)"):
        fig07.published_claims(published, claims)


def test_a_published_share_is_cited_by_its_source(fake_root):
    root, _, _ = fake_root
    df = load_published(published_file(root))
    assert fig07.cite_published(df, "men_2018") == (
        "GLOTIP 2020; stated by A page (https://example.org/a, 2021-02-02)")


# -- Every reading under every specification, the headline, the lines drawn ----------------

CELLS = (("Female", A), ("Female", K), ("Male", A), ("Male", K))


def _tables(tmp_path, body, revised=None):
    """The "year" and "form" sums of a synthetic workbook (figure 7's grid tables)."""
    df = sums.countries(read.load(workbook(tmp_path, body, name="grid.xlsx")))
    rows = sums.sex_age(df[df["indicator"] == V])
    year = rows[rows["dimension"] == "Total"]
    form = rows[(rows["dimension"] == FORM) & (rows["year"] == 2020)]
    return {"year": variants.variants(year, "year", revised),
            "form": variants.variants(form, "category", revised)}


def _country(country, year, values, **kw):
    return [row(country, V, str(v), year=year, sex=s, age=a, **kw)
            for (s, a), v in zip(CELLS, values, strict=True)]


def one_reporter_decides():
    """Sexual exploitation in 2020: Alpha (many victims, almost all women) and three small
    countries with more men; women and girls' share holds at 75% with Alpha, not without it.
    Totals by year: women and girls most of the victims in both years, fewer in 2020."""
    body = _country("Alpha", 2020, (900, 50, 20, 10), dimension=FORM, category=SE)
    for c in ("Beta", "Gamma", "Delta"):
        body += _country(c, 2020, (30, 10, 40, 20), dimension=FORM, category=SE)
    for year, women in ((2019, 1000), (2020, 950)):
        body += _country("Alpha", year, (women, 100, 200, 100))
        body += _country("Beta", year, (90, 30, 40, 20))
    return body


def test_the_grid_of_every_reading_is_the_same_and_deterministic(fake_root, tmp_path):
    tables = _tables(tmp_path, one_reporter_decides())
    reading = fig07.majority([2019, 2020])
    first = fig07.evaluate(reading, tables, "confirm-by-total")
    again = fig07.evaluate(reading, tables, "confirm-by-total")
    pd.testing.assert_frame_equal(first.frame(), again.frame())
    assert len(first.outcomes) == 3 * 3 * 2 * 2
    assert first.grid.dimensions == ("exclusion", "censored", "largest_reporter", "revised")
    assert first.default.spec == {"exclusion": "confirm-by-total", "censored": "least-favourable",
                                  "largest_reporter": "kept", "revised": "kept"}
    assert set(first.grid.choices("censored")) == {"least-favourable", "low", "high"}
    # no earlier release: the revised country-years cannot be left out, and are listed apart
    assert {o.why for o in first.not_computable} == {variants.NO_EARLIER}
    assert (first.k, first.n) == (18, 18)
    # a run's own rule comes first
    assert fig07.evaluate(reading, tables, "strict").default.spec["exclusion"] == "strict"


def test_a_dominant_reporter_decides_and_is_named_in_the_headline(fake_root, tmp_path):
    tables = _tables(tmp_path, one_reporter_decides())
    res = fig07.evaluate(fig07.sexual_exploitation("three-quarters", 75), tables,
                         "confirm-by-total")
    assert res.default.holds and not res.unanimous
    assert res.deciding == ["largest_reporter"]
    base = tables["form"]["confirm-by-total", "kept"]
    assert base.dominant(["Sexual exploitation"])[0] == "Alpha"
    turns = fig07.turns(base, None, ["Sexual exploitation"], "category")
    assert fig07.depends_on(res, turns) == "one country, Alpha"
    major = fig07.evaluate(fig07.majority([2019, 2020]), tables, "confirm-by-total")
    assert fig07.headline(major, res, 2019, "", "one country, Alpha") == (
        "Women and girls are most of the detected victims; whether their share rose since 2019 "
        "depends on one country, Alpha")
    assert fig07.held(res, "at least three quarters").startswith(
        "at least three quarters in 9 of 18 specifications (deciding choice: the largest reporter")


def test_the_headline_states_only_what_every_specification_agrees_on(fake_root, tmp_path):
    tables = _tables(tmp_path, one_reporter_decides())
    major = fig07.evaluate(fig07.majority([2019, 2020]), tables, "confirm-by-total")
    rose = fig07.evaluate(fig07.change(2019, 2020), tables, "confirm-by-total")
    assert rose.k == 0 and rose.n == 18  # fewer women in 2020: never higher
    assert fig07.headline(major, rose, 2019) == ("Women and girls are most of the detected "
                                                 "victims, less so than in 2019")
    assert fig07.headline(major, rose, 2019, area="Europe").startswith(
        "Women and girls are most of the detected victims in Europe")
    none = fig07.evaluate(fig07.sexual_exploitation("nine-in-ten", 99), tables, "none")
    assert fig07.held(none, "at least 99%", "under 99%") == (
        "under 99% under every one of the 18 specifications (18 more cannot be computed)")
    assert fig07.across(major).startswith(" (") and "across the 18 specifications" in \
        fig07.across(major)


def test_a_verdict_that_depends_and_a_share_that_fell_make_one_headline(fake_root, tmp_path):
    tables = _tables(tmp_path, one_reporter_decides())
    major = fig07.evaluate(fig07.sexual_exploitation("three-quarters", 75), tables,
                           "confirm-by-total")  # depends on Alpha
    rose = fig07.evaluate(fig07.change(2019, 2020), tables, "confirm-by-total")
    assert fig07.headline(major, rose, 2019, "one country, Alpha", y1=2020) == (
        "Whether women and girls are most of the detected victims depends on one country, "
        "Alpha; their share fell from 2019 to 2020")


def test_the_figure_draws_the_specification_that_flips_the_verdict_beside_the_default(
        fake_root, tmp_path):
    tables = _tables(tmp_path, one_reporter_decides())
    reading = fig07.sexual_exploitation("three-quarters", 75)
    res = fig07.evaluate(reading, tables, "confirm-by-total")
    spec = fig07_draw.beside(res)
    assert spec == {**res.default.spec, "largest_reporter": "left-out"}
    values, dropped = fig07_draw.series(reading, tables, spec)
    flipped = next(o for o in res.outcomes if o.spec == spec)
    assert dropped == "Alpha" and values.iloc[0] == pytest.approx(flipped.value)
    assert not flipped.holds and res.default.holds
    assert fig07_draw.spec_label(spec, res.default.spec, dropped) == "Without Alpha"
    assert fig07_draw.spec_label({**res.default.spec, "exclusion": "strict"}, res.default.spec,
                            None) == "Every country-year with a flagged cell left out"
    # a verdict every specification agrees on: the largest reporter left out, to show it
    major = fig07.evaluate(fig07.majority([2019, 2020]), tables, "confirm-by-total")
    assert major.unanimous
    assert fig07_draw.beside(major) == {**major.default.spec, "largest_reporter": "left-out"}


def test_the_table_behind_a_line_gives_its_bounds_victims_and_countries(fake_root, tmp_path):
    tables = _tables(tmp_path, one_reporter_decides())
    reading = fig07.majority([2019, 2020])
    default = fig07.grid(reading, "confirm-by-total").default
    t = fig07_draw.line_table(reading, tables, dict(default))
    assert list(t["year"]) == [2019, 2020] and list(t["countries"]) == [2, 2]
    assert (t["share_low"] <= t["share_mid"]).all() and (t["share_mid"] <= t["share_high"]).all()
    pd.testing.assert_series_equal(
        t.set_index("year")["share_low"],
        fig07_draw.series(reading, tables, dict(default))[0].rename("share_low"))
    without = fig07_draw.line_table(reading, tables, {**default, "largest_reporter": "left-out"})
    # Alpha left out: Beta alone, 90 + 30 + 40 + 20 victims a year, 120 of them women and girls
    assert list(without["countries"]) == [1, 1] and list(without["victims_low"]) == [180, 180]
    assert without["share_mid"].tolist() == pytest.approx([100 * 120 / 180] * 2)


def test_countries_are_named_as_a_reader_says_them():
    assert fig07.the("United States of America") == "the United States of America"
    assert fig07.the("Pakistan") == "Pakistan"
    assert fig07.the("Nigeria") == "Nigeria" and fig07.the("Niger") == "the Niger"


# -- The drawings: the publication figure's lines, the check figure's bars by form -------------

def test_the_lines_are_named_at_their_ends_clear_of_the_threshold_and_of_each_other():
    years = range(2016, 2021)
    lines = [("All reporting countries", pd.Series([70, 68, 65, 58, 57.4], index=years),
              style.GREYS["ink"], "-"),
             ("Without Alpha", pd.Series([71, 66, 59, 52, 49.8], index=years),
              style.GREYS["secondary"], "--")]
    fig = Figure(figsize=(6.6, 3))
    ax = fig.subplots()
    fig07_draw.draw_lines(ax, lines, 50, publication.PAGE)
    texts = {t.get_text(): t for t in ax.texts}
    assert {"All reporting countries", "Without Alpha", "Half of the victims", "57.4%",
            "49.8%"} <= set(texts)
    low, high = ax.get_ylim()
    assert 0 <= low < 49.8 and 57.4 < high <= 100
    name = texts["Without Alpha"].xy[1]
    assert name < 50 and abs(name - 50) > 0.5  # moved off the dotted line, to its own side
    problems = publication.problems(fig, publication.PAGE)
    assert not [p for p in problems if "overprint" in p], problems


def test_a_share_near_zero_keeps_the_axis_at_zero():
    fig = Figure(figsize=(6.6, 3))
    ax = fig.subplots()
    fig07_draw.draw_lines(ax, [("A", pd.Series([3.2, 20.0], index=[2018, 2019]), "black", "-")],
                          50, publication.PAGE)
    assert ax.get_ylim()[0] == 0


def test_a_form_whose_counts_are_all_censored_is_not_drawn_as_equal_shares():
    ax = Figure().add_subplot()
    shares = pd.DataFrame({"Women": [60.0, np.nan], "Girls": [20.0, np.nan],
                           "Men": [10.0, np.nan], "Boys": [10.0, np.nan]},
                          index=pd.MultiIndex.from_tuples([("r", SE), ("r", "Forced labour")]))
    colors = dict.fromkeys(("Women", "Girls", "Men", "Boys"), "red")
    fig07_draw.draw_forms(ax, [(0, (SE, "r")), (1, ("Forced labour", "r"))], shares,
                          {("r", SE): "SE: 3 countries", ("r", "Forced labour"): "FL: 2 countries"},
                          {("r", "Forced labour")}, colors, {"r": "-"}, "black")
    at = {y: [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - y) < 1e-9]
          for y in (0, 1)}
    # the known form: four shares stacked, and its outline
    assert sorted(round(p.get_width()) for p in at[0] if p.get_fill()) == [10, 10, 20, 60]
    # the censored form: one empty hatched bar, no shares, and the words
    assert [(p.get_fill(), p.get_hatch(), p.get_width()) for p in at[1]] == [(False, "////", 100)]
    assert fig07_draw.CENSORED_WORDS in [t.get_text() for t in ax.texts]
    assert "25" not in [t.get_text() for t in ax.texts]
