"""tipfigs.figures.fig03: the most common sector of a group, said once or release by release,
with its share among adults and among all ages; the share in the named sectors under the
population and the largest reporter."""

from __future__ import annotations

import pytest
from builders import ctdc_records

from tipfigs.figures import fig03


def test_per_release_names_one_value_once_and_different_values_each():
    assert fig03.per_release({"2021": "construction", "2018": "construction"}) == (
        "construction (in both releases)")
    assert fig03.per_release({"2021": "domestic work", "2018": "manufacturing"}) == (
        "domestic work (2021 release) and manufacturing (2018 release)")
    assert fig03.per_release({"2021": "construction"}) == "construction"
    # a release without a value is left out, and the one left is named
    assert fig03.per_release({"2021": "", "2018": "begging"}) == "begging (2018 release)"
    assert fig03.per_release({"2021": None}) == ""


def test_the_top_sector_says_whom_each_share_counts():
    assert fig03.top_sector_phrase({"2021": "construction", "2018": "construction"},
                                   {"2021": 0.654, "2018": 0.704}, {"2021": 0.327, "2018": 0.503},
                                   "men") == (
        "construction (in both releases; 65\u201370% of adult men and 33\u201350% of men of all "
        "ages with a sector recorded)")
    assert fig03.top_sector_phrase({"2021": "domestic work", "2018": "manufacturing"},
                                   {"2021": 0.49, "2018": 0.36}, {"2021": 0.48, "2018": 0.10},
                                   "women") == (
        "domestic work (2021 release: 49% of adult women and 48% of women of all ages with a "
        "sector recorded) and manufacturing (2018 release: 36% of adult women and 10% of women "
        "of all ages with a sector recorded)")
    assert fig03.top_sector_phrase({"2021": "construction"}, {"2021": 0.5}, {"2021": 0.25},
                                   "men") == (
        "construction (50% of adult men and 25% of men of all ages with a sector recorded)")
    assert fig03.top_sector_phrase({"2021": ""}, {}, {}, "men") == ""


def _sectors_frame():
    """Forced-labour victims with a sector: 40 adult men in construction and 10 in agriculture
    (no country), 70 boys in agriculture (country "BIG"), 20 adult women in domestic
    work; and 30 adult victims with no sector (left out)."""
    def v(n, sex, age, sector, country=None):
        return [{"sex": sex, "age_group": age, "country": country, "year_start": 2019.0,
                 "year_end": 2019.0, "exploit_forced_labour": True, f"labour_{sector}": True}] * n
    rows = (v(40, "Male", "Adult", "construction", "SML") + v(10, "Male", "Adult", "agriculture")
            + v(70, "Male", "Minor", "agriculture", "BIG")
            + v(20, "Female", "Adult", "domestic_work", "SML")
            + [{"sex": "Male", "age_group": "Adult", "exploit_forced_labour": True}] * 30)
    return ctdc_records.frame(rows, "2021")


def test_sector_shares_and_the_five_sector_grid_by_population_and_reporter():
    df = _sectors_frame()
    assert fig03.sector_share(df, "2021", "construction", "Male", "adults") == pytest.approx(0.8)
    assert fig03.sector_share(df, "2021", "construction", "Male") == pytest.approx(40 / 120)
    rules = {"share-over-half": lambda v: v > 50}
    g = fig03.five_sector_grids(df, "2021", ["construction", "domestic_work"], rules, 10)[
        "share-over-half"]
    values = {(o.spec["population"], o.spec["largest_reporter"]): o.value for o in g.outcomes}
    assert values[("adults", "kept")] == pytest.approx(100 * 60 / 70)  # the default first
    assert g.outcomes[0].spec == {"population": "adults", "largest_reporter": "kept"}
    assert values[("all-ages", "kept")] == pytest.approx(100 * 60 / 140)
    assert values[("all-ages", "left-out")] == pytest.approx(100 * 60 / 70)  # the boys' reporter
    assert g.deciding == ["population"] and (g.k, g.n) == (3, 4)
    few = fig03.five_sector_grids(df, "2021", ["construction"], rules, 200)["share-over-half"]
    assert few.n == 0 and all("fewer than 200" in o.why for o in few.not_computable)


def test_the_figure_draws_the_first_release_with_a_share():
    assert fig03.shown_release(["2021", "2018"], ["2021", "2018"]) == "2021"
    assert fig03.shown_release(["2021", "2018"], ["2018"]) == "2018"
    assert fig03.shown_release(["2018"], []) == "2018"


def test_the_headline_names_the_sectors_and_their_share():
    assert fig03.headline(["Construction", "Domestic work", "Services"], 0.678) == (
        "Construction, domestic work and services hold 68% of identified adult victims of "
        "forced labour")
    assert fig03.headline(["Construction"], 0.5).startswith("Construction holds 50%")
    assert fig03.headline(["Construction"], float("nan")) == (
        "Sectors of identified adult victims of forced labour")


def test_the_subtitle_says_whom_it_counts_and_what_the_other_release_gives():
    text = fig03.subtitle("2021", 4542, 14495, ["Hospitality"], ["manufacturing"],
                          {"2018": (0.873, [])}, ", exploited in USA")
    assert text.startswith("Identified adult victims of forced labour (18 or over when "
                           "registered), exploited in USA, CTDC 2021 release: the 4,542 of 14,495")
    assert "services are hospitality here, and the release has no category for manufacturing." in text
    assert text.endswith("The 2018 release gives 87% (all five recorded).")
    assert "2018" not in fig03.subtitle("2021", 1, 2, [], [], {"2018": (float("nan"), [])})


def test_the_text_alternative_and_description_name_the_population_of_each_number():
    alt = fig03.alt_text("2021", ["Construction", "Services"], 0.68, 4542)
    assert alt == ("In the CTDC 2021 release, construction and services hold 68% of the 4,542 "
                   "identified adult victims of forced labour with a sector recorded.")
    assert len(alt.split()) <= 30
    text = fig03.description("2021", 4, {"All": 0.68, "Women": 0.65, "Men": 0.71},
                             {"men": ("construction", 0.654, 0.327)})
    assert "all adults 68%, women 65% and men 71%" in text
    assert ("construction (65% of them; 33% of male victims of all ages with a sector recorded)"
            in text)


def test_the_publication_figure_passes_the_checks_in_every_variant():
    import matplotlib as mpl
    import pandas as pd

    from tipfigs import publication, style

    style.use()
    rows = ["Construction", "Other sector", "Domestic work"]
    t = pd.DataFrame(
        [{"sector": fig03.ANY, "sex": sx, "share": s, "n_known": n}
         for sx, s, n in (("All", 0.68, 4542), ("Women", 0.65, 1787), ("Men", 0.71, 2507))]
        + [{"sector": r, "sex": sx, "share": s, "n_known": 0}
           for r, (w, m) in zip(rows, [(0.02, 0.65), (0.35, 0.29), (0.49, 0.007)], strict=True)
           for sx, s in (("Women", w), ("Men", m))])
    pub = publication.Publication(
        "A title", "A subtitle.", "Source: a release.", "An alt text.", "A description.",
        lambda fig, v: fig03.draw(fig, v, t, rows, {"Construction", "Domestic work"}, 4),
        height=0.5 * (1.7 + len(rows)) + 1.0)
    for v in publication.VARIANTS:
        with mpl.rc_context(publication.rc(v)):
            fig = publication.render(pub, v)
            assert publication.problems(fig, v) == []
            labels = [t.get_text() for ax in fig.axes for t in ax.texts]
            assert "Men: 71% of 2,507" in labels and "65% men" in labels
