"""The shares UNODC published (data/glotip_published.csv): every value cites its source, and
every quantity is a known one."""

from __future__ import annotations

import pytest
from builders.glotip import PUBLISHED_HEADER

from tipfigs import paths
from tipfigs.errors import SchemaError
from tipfigs.glotip.published import load_published

GOOD = ("men_2018,share of men among detected victims,World,2018,20,per cent,GLOTIP 2020,,,"
        "A page,https://example.org/a,2021-02-02,stated there\n")


def test_published_shares_need_a_source(fake_root, tmp_path):
    path = tmp_path / "published.csv"
    path.write_text(PUBLISHED_HEADER + GOOD)
    df = load_published(path)
    assert df.loc["men_2018", "group"] == "Men"
    path.write_text(PUBLISHED_HEADER + GOOD.replace("https://example.org/a", ""))
    with pytest.raises(SchemaError, match="row 'men_2018' cites no source"):
        load_published(path)
    path.write_text(PUBLISHED_HEADER + GOOD.replace("share of men", "share of adults"))
    with pytest.raises(SchemaError, match="'quantity'"):
        load_published(path)


def test_the_published_shares_file_cites_every_value():
    df = load_published(paths.root() / "data" / "glotip_published.csv")
    assert len(df) >= 16 and df["url"].str.startswith("https://").all()
