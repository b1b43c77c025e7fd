"""tipfigs.ctdc.names: what the figures call each release, its colour and marker from the
collection's colour system, and the line that says who lacks the variable shown."""

from __future__ import annotations

from tipfigs import style
from tipfigs.ctdc import names, schema


def test_release_names_and_colours_come_from_the_colour_system():
    assert names.release_name("2021") == "2021 release"
    assert names.release_name("vp2022") == "2022 release"
    for r in schema.RELEASES:
        assert names.release_color(r) == style.SOURCE_COLORS[schema.MANIFEST_KEYS[r]]
        assert names.release_color(r) not in style.SEX_AGE_COLORS.values()  # never the "men" blue
    assert len(set(names.RELEASE_MARKERS.values())) == len(schema.RELEASES)
    assert set(names.RELEASE_LABELS) == set(names.RELEASE_SHORT) == set(schema.RELEASES)


def test_unknown_line_computes_the_share_without_the_variable():
    line = names.unknown_line({"2021": (200, 150), "2018": (40, 10)}, "sector")
    assert line.replace("\u00a0", " ").split("\n") == [
        "2021 release: n = 200; sector not recorded for 75%",
        "2018 release: n = 40; sector not recorded for 25%"]
