"""The claims record: every statement of the article that a notebook checks.

Each claim has an id, the statement (paraphrased), the article's value, the value
computed here, the unit, the tolerance (the article's stated rounding), a status and
the source. The status is decided by code, never typed in:

- ``reproduced``: computed from data and within the tolerance of the article's value
  (for a qualitative statement: the computed test of the statement holds);
- ``differs``: computed from data and outside the tolerance (or the test fails);
- ``transcribed``: the value exists only in a published report and was transcribed;
- ``not-reproducible``: neither the data nor a transcribable value are available here.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field

STATUSES = ("reproduced", "transcribed", "differs", "not-reproducible")


def _clean(v):
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return float(round(v, 6))
    if hasattr(v, "item"):  # numpy scalars
        return _clean(v.item())
    return v


@dataclass
class Claim:
    id: str
    statement: str
    article_value: object
    computed_value: object
    unit: str
    tolerance: float | None
    status: str
    source: str
    figure: str = ""
    note: str = ""

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"claim {self.id}: status {self.status!r} not in {STATUSES}")
        self.article_value = _clean(self.article_value)
        self.computed_value = _clean(self.computed_value)


@dataclass
class Claims:
    figure: str
    items: list[Claim] = field(default_factory=list)

    def _add(self, claim: Claim) -> Claim:
        if any(c.id == claim.id for c in self.items):
            raise ValueError(f"claim id {claim.id!r} recorded twice in {self.figure}")
        claim.figure = self.figure
        self.items.append(claim)
        return claim

    def compare(self, id: str, statement: str, article_value: float, computed_value: float,
                unit: str, tolerance: float, source: str, note: str = "") -> Claim:
        """A numeric statement checked against a value computed from data."""
        if computed_value is None or (isinstance(computed_value, float)
                                      and math.isnan(computed_value)):
            raise ValueError(f"claim {id}: computed value is missing")
        ok = abs(float(computed_value) - float(article_value)) <= tolerance + 1e-9
        return self._add(Claim(id, statement, article_value, computed_value, unit, tolerance,
                               "reproduced" if ok else "differs", source, note=note))

    def test(self, id: str, statement: str, article_value: str, holds: bool, computed_value,
             source: str, unit: str = "", note: str = "") -> Claim:
        """A qualitative statement (a ranking, a trend, 'more than half') tested on data."""
        return self._add(Claim(id, statement, article_value, computed_value, unit, None,
                               "reproduced" if bool(holds) else "differs", source, note=note))

    def transcribed(self, id: str, statement: str, article_value, transcribed_value,
                    unit: str, source: str, note: str = "") -> Claim:
        """A value that exists only in a published report (transcribed under data/)."""
        return self._add(Claim(id, statement, article_value, transcribed_value, unit, None,
                               "transcribed", source, note=note))

    def not_reproducible(self, id: str, statement: str, article_value, unit: str,
                         source: str, note: str) -> Claim:
        """A statement for which neither data nor a published value are available here."""
        return self._add(Claim(id, statement, article_value, None, unit, None,
                               "not-reproducible", source, note=note))

    def records(self) -> list[dict]:
        return [asdict(c) for c in self.items]

    def to_json(self) -> str:
        return json.dumps(self.records(), indent=2, ensure_ascii=False) + "\n"

    def frame(self):
        import pandas as pd

        cols = ["id", "status", "article_value", "computed_value", "unit", "tolerance", "statement"]
        return pd.DataFrame(self.records(), columns=list(Claim.__dataclass_fields__))[cols]
