"""How the report shows values and data sets: each value at the precision the article uses for
its reading (one digit more at most), and each data set by a short label named once in a key.

The precision comes from the article's value in ``data/article_claims.csv``: the decimals of its
number (49.6: one; 74: none), or of the first number in its phrase ("at least 75%": none). A
reading whose phrase has no number ("much more likely") takes its precision from the size of the
value (two significant digits). The claims JSON and the CSV tables keep every digit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tipfigs.manifest import DataFile

NUMBER = re.compile(r"-?\d[\d,]*(?:\.(\d+))?")
EN_DASH = "\u2013"
MINUS = "\u2212"


def decimals_of(article_value) -> int | None:
    """The decimals the article gives: of its number, or of the first number in its phrase
    (None when it has none)."""
    if isinstance(article_value, bool) or article_value is None:
        return None
    if isinstance(article_value, int):
        return 0
    if isinstance(article_value, float):
        text = repr(article_value)
        return 0 if article_value.is_integer() else len(text.split(".")[1])
    m = NUMBER.search(str(article_value))
    if m is None:
        return None
    return len(m.group(1) or "")


def by_size(value: float) -> int:
    """Decimals that give a value two significant digits (none from 10 up)."""
    if value == 0 or not math.isfinite(value):
        return 0
    return max(0, 1 - math.floor(math.log10(abs(value))))


def digits(article_value, value: float, extra: int = 1) -> int:
    """The decimals a value of this reading is shown with: the article's, plus ``extra`` (one
    at most), or by the value's size when the article gives no number (none for a whole
    number)."""
    d = decimals_of(article_value)
    if d is None:
        return 0 if float(value).is_integer() else by_size(value)
    return d + min(extra, 1)


def number(value: float, d: int) -> str:
    """A number with ``d`` decimals, thousands separated, a true minus sign."""
    text = f"{abs(value):,.{d}f}"
    return (MINUS + text) if value < 0 and float(text.replace(",", "")) != 0 else text


def value_text(value, article_value, extra: int = 1) -> str:
    """A value of a reading as the report shows it: a number at the reading's precision, a
    phrase as it is, a dash for nothing."""
    if value is None or value == "":
        return EN_DASH
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return number(float(value), digits(article_value, float(value), extra))
    return " ".join(str(value).split())


def record_value(r: dict) -> str:
    """What a claim record shows: a transcription its published value at the article's own
    precision, a check its computed value with one digit more at most."""
    if r.get("status") == "transcribed":
        return value_text(r.get("published_value"), r.get("article_value"), extra=0)
    return value_text(r.get("computed_value"), r.get("article_value"))


def allowed(article_value, shown: str) -> bool:
    """Whether a number as shown carries no more decimals than its reading allows (a phrase,
    shown as the notebook or the report wrote it, is not a number of the report's)."""
    d = decimals_of(article_value)
    m = NUMBER.fullmatch(shown.strip().replace(MINUS, "-"))
    if m is None:
        return True
    given = len(m.group(1) or "")
    if d is None:
        return given <= by_size(float(m.group(0).replace(",", "")))
    return given <= d + 1


# -- data sets -----------------------------------------------------------------------------

@dataclass(frozen=True)
class DataSet:
    """A data set that claims were checked on: its short label, as claims name it (``data``),
    and what the key says of it."""

    short: str
    data: str
    title: str
    release: str
    era: str


def publisher_short(publisher: str) -> str:
    """A publisher's short name: the acronym it gives in brackets ("UNODC"), else its name
    before any bracket ("Walk Free")."""
    m = re.search(r"\(([A-Z][A-Za-z]*[A-Z])\)", publisher)
    if m:
        return m.group(1)
    return publisher.split("(")[0].split(",")[0].strip()


def data_sets(names: list[str], entries: list[DataFile]) -> dict[str, DataSet]:
    """The data sets that claims name (their ``data``, e.g. "<title>, <published>"), each with
    a short label: the publisher's short name and the year it was published ("UNODC 2023"),
    from the manifest entry whose title and date the name gives; a name outside the manifest
    is its own label. Two data sets never share a label (the title tells them apart)."""
    by_name = {f"{e.title}, {e.published}": e for e in entries if e.published}
    out: dict[str, DataSet] = {}
    for name in names:
        e = by_name.get(name)
        if e is None:
            out[name] = DataSet(name, name, name, "", "")
        else:
            short = f"{publisher_short(e.publisher)} {e.published[:4]}"
            out[name] = DataSet(short, name, e.title, e.release, e.era)
    seen: dict[str, list[str]] = {}
    for name, d in out.items():
        seen.setdefault(d.short, []).append(name)
    for short, same in seen.items():
        if len(same) > 1:
            for name in same:
                d = out[name]
                out[name] = DataSet(f"{short} ({d.title})", name, d.title, d.release, d.era)
    return out


def key_lines(sets: dict[str, DataSet], article_date: str) -> list[str]:
    """The key of the data sets, one line each: label, title, release and whether it was
    public on the article's date."""
    out = []
    for d in sorted(sets.values(), key=lambda d: d.short):
        if d.data == d.title:
            continue
        when = {"article": f"public on the article's date ({article_date})",
                "latest": "published after the article"}.get(d.era, "")
        out.append(f"- **{d.short}**: {d.title}, release {d.release}"
                   + (f"; {when}." if when else "."))
    return out
