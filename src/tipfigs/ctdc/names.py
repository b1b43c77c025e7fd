"""What the CTDC figures call each release and how they show it: its label and short name, what
its records are (for source notes), its name in a figure, its colour (from the collection's
colour system) and marker shape, and the line that says how many of its records lack the
variable shown. These only format; none of them types a number."""

from __future__ import annotations

from collections.abc import Mapping

from tipfigs import style, words
from tipfigs.ctdc.schema import MANIFEST_KEYS, check_release

RELEASE_LABELS = {
    "2021": "CTDC synthetic data, 2021 release",
    "2018": "CTDC k-anonymised data, 2018 release",
    "vp2022": "CTDC Victim-Perpetrator synthetic data, 2022 release",
}
#: Short names for a figure's panels and sentences.
RELEASE_SHORT = {
    "2021": "2021 release",
    "2018": "2018 release",
    "vp2022": "2022 Victim-Perpetrator release",
}
#: What each release's records are, for source notes (CTDC's own descriptions, paraphrased).
#: k-anonymity is not rounding: counts in these files are counts of records.
RELEASE_DATA = {
    "2018": "k-anonymised case records (rare values suppressed)",
    "2021": "synthetic records generated from the case records and k-anonymised (k = 10)",
    "vp2022": "synthetic records, years of registration published in bins",
}

#: Marker shapes of the releases (with their colours from :data:`style.SOURCE_COLORS`), so that
#: colour never carries a release alone.
RELEASE_MARKERS = {"2021": "o", "2018": "s", "vp2022": "D"}


def release_name(release: str) -> str:
    """The short name of a release in a figure: "2021 release"."""
    check_release(release)
    return f"{'2022' if release == 'vp2022' else release} release"


def release_color(release: str) -> str:
    """The release's colour in the collection's colour system."""
    return style.SOURCE_COLORS[MANIFEST_KEYS[check_release(release)]]


def unknown_line(counts: Mapping[str, tuple[int, int]], variable: str) -> str:
    """Who lacks the variable, one line per release: ``counts`` maps a release to (records,
    records without ``variable``). "2021 release: n = 14,495; sector not recorded for 69%"."""
    parts = []
    for r, (n, unknown) in counts.items():
        share = unknown / n if n else float("nan")
        parts.append(f"{release_name(r)}: n\u00a0=\u00a0{n:,}; {variable} not recorded for "
                     f"{words.percent(share)}")
    return "\n".join(parts)
