"""tipfigs.figures.fig10: the largest difference between the sexes over the means of control,
under the population and the largest reporter, on small frames with known answers."""

from __future__ import annotations

import pytest
from builders import ctdc_records

from tipfigs.figures import fig10


def _victims(n, sex, country=None, age="Adult", **flags):
    return [{"sex": sex, "country": country, "age_group": age, "year_start": 2019.0,
             "year_end": 2019.0, **flags}] * n


def _frame():
    """40 women (10 with threats, 30 with sexual abuse) and 40 men (all with excessive working
    hours) with a means recorded; a reporter "BIG" whose 200 women and 200 men (minors) all have
    threats; 50 victims with no means (left out)."""
    rows = (_victims(10, "Female", "SML", control_threats=True)
            + _victims(30, "Female", None, control_sexual_abuse=True)
            + _victims(40, "Male", "SML", control_excessive_working_hours=True)
            + _victims(200, "Female", "BIG", "Minor", control_threats=True)
            + _victims(200, "Male", "BIG", "Minor", control_threats=True)
            + _victims(50, "Male"))
    return ctdc_records.frame(rows, "2021")


def test_largest_gap_names_the_means_and_its_signed_difference():
    top, diff, n_f, n_m = fig10.largest_gap(_frame(), "2021")
    assert (n_f, n_m) == (240, 240)
    # women 30/240 sexual abuse against men 0; men 40/240 excessive hours against women 0
    assert top == "excessive_working_hours" and diff == pytest.approx(-100 * 40 / 240)


def test_the_grid_shows_how_far_the_reporter_and_the_adults_move_it():
    g = fig10.control_grid(_frame(), "2021", 10, 20, "toy")
    values = {(o.spec["population"], o.spec["largest_reporter"]): o.value for o in g.outcomes}
    assert values[("all-ages", "kept")] == pytest.approx(-100 * 40 / 240)  # the default
    assert values[("all-ages", "left-out")] == pytest.approx(-100.0)  # BIG's threats gone
    assert values[("adults", "kept")] == pytest.approx(-100.0)
    assert g.unanimous and (g.k, g.n) == (4, 4)
    strict = fig10.control_grid(_frame(), "2021", 50, 20)
    assert strict.deciding == ["population", "largest_reporter"]
    few = fig10.control_grid(_frame(), "2021", 10, 100)
    assert [o.computable for o in few.outcomes] == [True, False, False, False]
    assert "fewer than 100 women or men" in few.outcomes[1].why
