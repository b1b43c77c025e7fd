"""Figure 3 (fig03-forced-labour-sectors): the most common sector of a group, said once when
every release gives the same one, else release by release."""

from __future__ import annotations

from collections.abc import Mapping

from tipfigs import words
from tipfigs.ctdc.names import release_name


def per_release(values: Mapping[str, str], every: str = "in both releases") -> str:
    """One phrase for a value per release: "construction (in both releases)" when every release
    gives the same value, else "domestic work (2021 release) and manufacturing (2018 release)".
    Releases without a value (empty string or None) are left out."""
    given = {r: v for r, v in values.items() if v}
    if not given:
        return ""
    if len(given) > 1 and len(set(given.values())) == 1:
        return f"{next(iter(given.values()))} ({every if len(given) == 2 else 'in every release'})"
    if len(given) == 1 and len(values) == 1:
        return next(iter(given.values()))
    return words.join(f"{v} ({release_name(r)})" for r, v in given.items())

