"""The shares of the detected victims that UNODC published (data/glotip_published.csv)."""

from __future__ import annotations

import pandas as pd

from tipfigs import datafiles, paths, transcribed

#: quantity in data/glotip_published.csv -> the group it gives the share of
PUBLISHED_GROUPS = {
    "share of women among detected victims": "Women",
    "share of girls among detected victims": "Girls",
    "share of men among detected victims": "Men",
    "share of boys among detected victims": "Boys",
    "share of women and girls among detected victims": "Women and girls",
}


def load_published(path) -> pd.DataFrame:
    """The shares UNODC published (data/glotip_published.csv), validated by the transcribed-
    values reader (a source for every value: the report's table and page, or the page that
    states it, with its address and date) and here (a known quantity). Adds ``group``."""
    df = transcribed.load(path)
    datafiles.allowed_values(df["quantity"], PUBLISHED_GROUPS, "quantity", paths.show(paths.resolve(path)))
    return df.assign(group=df["quantity"].map(PUBLISHED_GROUPS))
