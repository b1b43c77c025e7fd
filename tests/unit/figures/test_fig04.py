"""tipfigs.figures.fig04: the publication figure of the share of identified victims exploited
outside their country of citizenship, by type of exploitation and release, drawn in its three
variants and checked by the editor's rules; its words and its one-line source."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib as mpl  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tipfigs import publication, style  # noqa: E402
from tipfigs.figures import fig04  # noqa: E402

GROUPS = ["All victims", "Forced labour", "Sexual exploitation", "Forced marriage"]
# (release, group, n_known, share); a share of None: too few victims to show
ROWS = [("2021", "All victims", 60846, 0.66), ("2018", "All victims", 27863, 0.34),
        ("2021", "Forced labour", 17000, 0.82), ("2018", "Forced labour", 7277, 0.74),
        ("2021", "Sexual exploitation", 14344, 0.35), ("2018", "Sexual exploitation", 5508, 0.37),
        ("2018", "Forced marriage", 52, None)]


def table(rows=ROWS) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["release", "group", "n_known", "share"])
    return df.assign(share=df["share"].astype(float), suppressed=df["share"].isna())


@pytest.fixture(autouse=True)
def _style():
    style.use()


def test_labels_name_the_release_the_share_and_the_victims():
    t = table()
    assert fig04.label("2021", t.iloc[2]) == "2021 release: 82% of 17,000"
    assert fig04.label("2018", t.iloc[6]) == "2018 release: 52 victims, too few to show"
    none = pd.Series({"n_known": 0, "share": float("nan")})
    assert fig04.label("2021", none) == "2021 release: no victim with both countries recorded"


def test_alt_gives_the_share_of_each_release_in_one_short_sentence():
    t = table().set_index(["group", "release"])
    fl = {r: t.loc[("Forced labour", r)] for r in ("2021", "2018")}
    text = fig04.alt(fl)
    assert text == ("Of identified victims of forced labour in CTDC’s records, 82% in the 2021 "
                    "release and 74% in the 2018 release were exploited outside their country of "
                    "citizenship.")
    assert len(text.split()) <= publication.MAX_ALT_WORDS
    assert fig04.alt({}).startswith("Too few identified victims of forced labour")


def test_subtitle_states_the_rule_only_when_it_leaves_a_bar_out():
    everyone = {"2021": {"n_known": 60846, "n_total": 193025}}
    with_rule = fig04.subtitle(everyone, None, None, 100, suppressed=True).replace("\n", " ")
    assert "32% of the 193,025 victims in the 2021 release" in with_rule
    assert "fewer than 100 such victims gets no bar" in with_rule
    without = fig04.subtitle(everyone, "USA", (2015, 2019), 100, suppressed=False).replace("\n", " ")
    assert "fewer than" not in without and "registered 2015–2019" in without and "USA" in without


def test_description_lists_every_group_and_release():
    text = fig04.description(table(), GROUPS, ["2021", "2018"])
    assert "Forced labour: 2021 release: 82% of 17,000; 2018 release: 74% of 7,277." in text
    assert "Forced marriage: 2018 release: 52 victims, too few to show." in text


def test_source_says_a_shared_publisher_once_only_when_the_line_would_not_fit():
    ctdc = ["IOM, Counter-Trafficking Data Collaborative global synthetic data, August 2021 release",
            "IOM, Counter-Trafficking Data Collaborative global data, 2018 release"]
    assert fig04.source(ctdc) == ("Source: IOM, Counter-Trafficking Data Collaborative global "
                                  "synthetic data (August 2021) and global data (2018).")
    assert fig04.source(ctdc[:1]) == f"Source: {ctdc[0]}."
    assert fig04.source(["data file mine.csv", ctdc[1]]) == f"Source: data file mine.csv; {ctdc[1]}."


@pytest.mark.parametrize("releases", [["2021", "2018"], ["2018"]])
def test_every_variant_passes_the_editor_checks_with_the_axis_ending_at_100(releases):
    t = table()
    t = t[t["release"].isin(releases)]
    pub = publication.Publication(
        title="Most identified victims of forced labour were exploited abroad",
        subtitle=fig04.subtitle({}, None, None, 100, True), source="Source: CTDC.",
        alt="An alt.", description="Bars.",
        draw=lambda fig, v: fig04.draw(fig, v, t, GROUPS, releases),
        height=0.2 * len(GROUPS) * len(releases) + 0.8)
    for v in publication.VARIANTS:
        with mpl.rc_context(publication.rc(v)):
            fig = publication.render(pub, v)
            assert publication.problems(fig, v) == []
            assert fig.axes[0].get_xlim() == (0, 100)
