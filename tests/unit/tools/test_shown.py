"""Values at the article's precision, and data sets by short labels (tipfigs.tools.shown)."""

from __future__ import annotations

import pytest

from tipfigs.manifest import DataFile
from tipfigs.tools.shown import (
    allowed,
    data_sets,
    decimals_of,
    key_lines,
    publisher_short,
    record_value,
    value_text,
)


@pytest.mark.parametrize("article,decimals", [
    (74, 0), (49.6, 1), (0.9, 1), (0.5, 1), ("at least 75%", 0), ("more than 50%", 0),
    ("nearly 50 million (49 to under 50 million)", 0), ("much more likely", None),
    (None, None), (3.0, 0)])
def test_the_article_s_precision_is_that_of_its_number_or_of_its_phrase(article, decimals):
    assert decimals_of(article) == decimals


@pytest.mark.parametrize("value,article,shown", [
    (47.408668, 46, "47.4"),          # whole per cents: one digit more at most
    (7.556174, 16, "7.6"),
    (74.142282, 61, "74.1"),
    (49.63, 49.6, "49.63"),
    (80.4, "at least 90%", "80.4"),
    (10.43, "much more likely (read: at least twice)", "10"),   # no number: two digits
    (5.22, "much more likely (read: at least twice)", "5.2"),
    (0.221, "convictions fewer than detected victims", "0.22"),
    (-5.16, "rising in recent years", "\u22125.2"),
    (12345.6, 12000, "12,345.6"),
    ("rho = 0.20 (95% CI 0.04 to 0.35)", "positive association", "rho = 0.20 (95% CI 0.04 to 0.35)"),
    (None, 46, "\u2013"),
])
def test_values_are_shown_at_the_reading_s_precision(value, article, shown):
    assert value_text(value, article) == shown
    assert allowed(article, shown)


def test_a_transcription_shows_its_published_value_at_the_article_s_own_precision():
    assert record_value({"status": "transcribed", "published_value": 27.6, "article_value": 27.6,
                         "computed_value": None}) == "27.6"
    assert record_value({"status": "transcribed", "published_value": 3.0,
                         "article_value": "more than three times"}) == "3"
    assert record_value({"status": "differs", "computed_value": 46.6517,
                         "article_value": 46}) == "46.7"


def test_more_digits_than_the_reading_allows_are_caught():
    assert not allowed(46, "47.41")
    assert allowed(46, "47.4")
    assert not allowed("much more likely", "10.43")


def _entry(key, title, publisher, published, release="r"):
    return DataFile(key, f"{key}.csv", title, publisher, release, "https://example.org", "0" * 64,
                    "terms", "citation", published)


def test_data_sets_get_a_short_label_from_the_publisher_and_the_year(monkeypatch):
    monkeypatch.setattr("tipfigs.collection.article_date", lambda: "2023-07-24")
    entries = [
        _entry("a", "Country data (data.xlsx)", "United Nations Office on Drugs and Crime (UNODC)",
               "2023-05-30"),
        _entry("b", "Country data (data.xlsx)", "United Nations Office on Drugs and Crime (UNODC)",
               "2025-04-14"),
        _entry("c", "Synthetic Dataset", "Counter-Trafficking Data Collaborative (CTDC), IOM",
               "2021-08-25"),
        _entry("d", "Index dataset", "Walk Free (Minderoo Foundation)", "2023-05"),
    ]
    names = ["Country data (data.xlsx), 2023-05-30", "Country data (data.xlsx), 2025-04-14",
             "Synthetic Dataset, 2021-08-25", "Index dataset, 2023-05", "A file of my own"]
    sets = data_sets(names, entries)
    assert [sets[n].short for n in names] == ["UNODC 2023", "UNODC 2025", "CTDC 2021",
                                              "Walk Free 2023", "A file of my own"]
    assert publisher_short("A Publisher") == "A Publisher"
    key = key_lines(sets, "2023-07-24")
    assert key[0] == ("- **CTDC 2021**: Synthetic Dataset, release r; public on the article's date "
                      "(2023-07-24).")
    assert "- **UNODC 2025**: Country data (data.xlsx), release r; published after the article." \
        in key
    assert not any("A file of my own" in line for line in key)  # its own label says it all


def test_two_data_sets_never_share_a_label():
    entries = [_entry("a", "Survey A", "Agency (AG)", "2021"), _entry("b", "Survey B", "Agency (AG)",
                                                                      "2021")]
    sets = data_sets(["Survey A, 2021", "Survey B, 2021"], entries)
    assert {d.short for d in sets.values()} == {"AG 2021 (Survey A)", "AG 2021 (Survey B)"}
