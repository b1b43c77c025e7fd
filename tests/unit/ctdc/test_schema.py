"""tipfigs.ctdc.schema: what each release records, and the check of a release's name."""

from __future__ import annotations

import pytest

from tipfigs.ctdc import schema
from tipfigs.errors import SchemaError


def test_what_the_2022_release_records():
    assert schema.available("vp2022", "exploit") == ["forced_labour", "sexual"]
    assert schema.available("vp2022", "labour") == []
    assert schema.releases_with("labour") == ["2021", "2018"]
    assert schema.releases_with("country") == ["2021", "2018"]
    assert schema.releases_with("age_group") == ["2021", "2018", "vp2022"]
    # the perpetrator columns are not required
    assert not any(c.startswith("IP_") for c in schema.required_columns("vp2022"))


def test_unknown_releases_and_variables_are_named():
    assert schema.check_release("2018") == "2018"
    with pytest.raises(SchemaError, match="unknown CTDC release '2020'; known: 2021, 2018, vp2022"):
        schema.check_release("2020")
    with pytest.raises(SchemaError, match="no column or variable group 'sector'"):
        schema.releases_with("sector")
    assert schema.label("labour", "domestic_work") == "Domestic work"
