"""Words and label placement: the one home of the small pieces of text that figures, findings,
claims and tables are written with, and of the rule that keeps direct labels apart.

Every module and notebook formats with these, so that the same thing is always written the
same way: lists as "a, b and c", signed numbers with a true minus sign ("+7.8", "−5.2"), spans
of years with an en dash ("2005–2013"; a hyphen only where a table's label needs one),
percentages and their ranges ("49–76%"), counts with the bounds of censored values ("20–24"),
and changes ("down from 71%"). The functions format what the caller computed; none of them
types a number.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

EN_DASH = "\u2013"
MINUS = "\u2212"


# -- lists and sentences ----------------------------------------------------------------------
def join(items: Iterable[str]) -> str:
    """"a", "a and b", "a, b and c" ("" for none)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def capital(text: str) -> str:
    """``text`` with its first letter in capitals (a sentence that starts with a name)."""
    return text[:1].upper() + text[1:]


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth")
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def ordinal(n: int) -> str:
    """'first', 'second', ... ('11th' beyond the tenth)."""
    n = int(n)
    if n < 1:
        raise ValueError(f"no ordinal for {n}")
    return ORDINALS[n - 1] if n <= len(ORDINALS) else f"{n}th"


def number_word(n: int) -> str:
    """'one' to 'nine' as words, larger (or smaller) whole numbers as digits."""
    n = int(n)
    return NUMBER_WORDS[n - 1] if 1 <= n <= len(NUMBER_WORDS) else str(n)


def held_in(k: int, n: int, unit: str = "release") -> str:
    """Where a reading held, in words: "the one release", "all 3 releases", "2 of 3 releases",
    and, when it held in none, "any of the 3 releases" (for a negated verb)."""
    if n == 1:
        return f"the one {unit}"
    if k == 0:
        return f"any of the {n} {unit}s"
    return f"all {n} {unit}s" if k == n else f"{k} of {n} {unit}s"


# -- numbers ----------------------------------------------------------------------------------
def number(x: float, digits: int = 2) -> str:
    """A number for a sentence, with a true minus sign: '−0.10'."""
    return f"{x:.{digits}f}".replace("-", MINUS)


def signed(x: float, digits: int = 1) -> str:
    """A signed number with a true minus sign: "+7.8", "−5.2"."""
    return f"{x:+.{digits}f}".replace("-", MINUS)


def interval(low: float, high: float, digits: int = 2) -> str:
    """An interval in words: '0.36–0.60' (en dash), or '−0.10 to 0.20' when the low end is
    negative (a dash beside a minus sign would mislead)."""
    lo, hi = number(low, digits), number(high, digits)
    return f"{lo}{EN_DASH}{hi}" if low >= 0 else f"{lo} to {hi}"


def span(first, last, dash: str = EN_DASH) -> str:
    """A range as written: "2010–2020" (en dash; a table label may ask for a hyphen)."""
    return f"{first}{dash}{last}"


def years(start, end, dash: str = EN_DASH) -> str:
    """"2019" for one year, "2005–2013" for a span (``dash="-"`` for a table's label)."""
    start, end = int(start), int(end)
    return f"{start}" if start == end else span(start, end, dash)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def date(iso: str) -> str:
    """A date written out for a reader: "30 May 2023" for 2023-05-30, "May 2023" for 2023-05,
    "2023" for 2023."""
    parts = str(iso).split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def quoted(text: str) -> str:
    """``text`` in typographic double quotes, its straight apostrophes typographic too."""
    return "\u201c" + text.replace("'", "\u2019") + "\u201d"


def bounds(low: float, high: float, dash: str = "-") -> str:
    """A count as published ("1,282"), or its bounds ("20-24") when censored values enter it;
    text meant for readers passes ``dash=EN_DASH``."""
    return f"{low:,.0f}" if low == high else f"{low:,.0f}{dash}{high:,.0f}"


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def percent(share: float | None, digits: int = 0) -> str:
    """A share (0-1) as a percentage: "68%"; "n/a" when missing."""
    if _missing(share):
        return "n/a"
    return f"{100 * share:.{digits}f}%"


def share_range(shares: Iterable[float | None], digits: int = 0) -> str:
    """Shares (0-1) as percentages: "68%" for one value (or values alike at this precision),
    "68–87%" for a range, "n/a" when none is known."""
    known = sorted(100 * float(s) for s in shares if not _missing(s) and s == s)
    if not known:
        return "n/a"
    lo, hi = f"{known[0]:.{digits}f}", f"{known[-1]:.{digits}f}"
    return f"{lo}%" if lo == hi else span(lo, f"{hi}%")


def change(before: float, after: float, unit: str = "%", fmt: str = ".0f") -> str:
    """How ``after`` compares with ``before`` as a reader sees them (both formatted with
    ``fmt``): "down from 71%", "up from 50%", or "unchanged from 60%" when both read alike."""
    b, a = format(before, fmt), format(after, fmt)
    word = "unchanged from" if a == b else ("down from" if after < before else "up from")
    return f"{word} {b}{unit}"


# -- label placement --------------------------------------------------------------------------
def spread(values: Iterable[float], gap: float, low: float = -math.inf,
           high: float = math.inf) -> list[float]:
    """Positions for labels at ``values`` (in data units), at least ``gap`` apart and in the
    order of the values: a label with room stays at its value, each group of labels that would
    overlap is centred on the mean of its values, and kept within [``low``, ``high``] where it
    fits. Returned in the order of ``values``."""
    vals = [float(v) for v in values]
    order = sorted(range(len(vals)), key=lambda i: (vals[i], i))
    clusters: list[list] = []  # [first position, indices]
    for i in order:
        clusters.append([vals[i], [i]])
        while True:
            start, members = clusters[-1]
            start = min(max(start, low), max(low, high - (len(members) - 1) * gap))
            clusters[-1][0] = start
            if len(clusters) < 2:
                break
            prev_start, prev = clusters[-2]
            if prev_start + len(prev) * gap <= start + 1e-12:
                break
            merged = prev + members
            centre = sum(vals[j] for j in merged) / len(merged)
            clusters[-2:] = [[centre - (len(merged) - 1) * gap / 2, merged]]
    out = [0.0] * len(vals)
    for start, members in clusters:
        for k, j in enumerate(members):
            out[j] = float(start + k * gap)
    return out


def spread_labels(positions: Mapping[str, float], gap: float, low: float = -math.inf,
                  high: float = math.inf) -> dict[str, float]:
    """:func:`spread` for named labels: {label: position}, ties between equal values broken by
    the labels' names."""
    items = sorted(positions.items(), key=lambda kv: (kv[1], kv[0]))
    placed = spread([v for _, v in items], gap, low, high)
    return {k: p for (k, _), p in zip(items, placed, strict=True)}
