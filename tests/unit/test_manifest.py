
"""Release dates in the manifest: which releases are the article's and which the latest."""

import re

import pytest

from tipfigs import manifest
from tipfigs.errors import DataError


def test_every_real_release_says_when_it_became_public():
    entries = manifest.load()
    assert all(e.published for e in entries.values())
    assert entries["glotip2023"].era == "article"
    assert entries["glotip2025"].era == "latest"
    assert entries["ctdc_vp2022"].era == "article"
    assert entries["ctdc2018"].era == "article"


@pytest.mark.parametrize(("published", "era"), [
    ("2023-07-24", "article"),  # public on the article's day
    ("2023-07-25", "latest"),
    ("2023-07", "article"),     # compared at its own precision
    ("2023-08", "latest"),
    ("2023", "article"),
    ("2024", "latest"),
])
def test_era_compares_at_the_dates_own_precision(published, era):
    assert manifest.era(published) == era


def test_a_bad_published_date_is_refused_with_the_entry_named(fake_root):
    root, _, _ = fake_root
    m = root / "data/manifest.toml"
    m.write_text(m.read_text() + 'published = "May 2023"\n')
    with pytest.raises(DataError, match="entry 'table' has published 'May 2023'"):
        manifest.load()
    with pytest.raises(ValueError, match="not YYYY"):
        manifest.era("23-05")


def test_every_release_has_a_plain_source_for_the_figures():
    entries = manifest.load()
    assert entries["glotip2023"].source == ("UNODC, Global Report on Trafficking in Persons data, "
                                            "May 2023 release")
    for entry in entries.values():  # a file without one is named by publisher and title
        assert entry.source and not re.search(r"\d{4}-\d\d-\d\d", entry.source), entry.key
    assert manifest.transcribed_source("gems2022.csv").startswith("ILO, Walk Free and IOM")
    assert manifest.transcribed_source("mine.csv") == "values transcribed in mine.csv"
