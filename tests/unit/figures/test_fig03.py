"""tipfigs.figures.fig03: the most common sector of a group, said once or release by release."""

from __future__ import annotations

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
