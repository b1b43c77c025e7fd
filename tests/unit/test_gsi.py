"""tipfigs.gsi: names of regions in sentences."""

from tipfigs import gsi


def test_phrase():
    assert gsi.region_phrase("Americas") == "the Americas"
    assert gsi.region_phrase("Africa") == "Africa"
