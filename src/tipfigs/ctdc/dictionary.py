"""The 2022 release's data dictionary: the frequency tables of its TabStat sheet, which the
loaded release is checked against. (The country codes of the 2018 release's dictionary are read
with the data, in :mod:`tipfigs.ctdc.read`.)"""

from __future__ import annotations

import os

from tipfigs import datafiles, paths
from tipfigs.ctdc.schema import VP_DICTIONARY
from tipfigs.errors import SchemaError


def tabstat(dictionary: str | os.PathLike = VP_DICTIONARY) -> dict[str, dict[str, int]]:
    """The frequency tables of the 2022 dictionary's TabStat sheet: {variable: {value: count}},
    the missing count under "" and the number of records under "Total"."""
    p = datafiles.require_file(dictionary, "CTDC Victim-Perpetrator data dictionary")
    datafiles.verify_release(p)
    out: dict[str, dict[str, int]] = {}
    current = None

    def text(v) -> str:
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v).strip()

    for row in datafiles.xlsx_rows(p, "TabStat"):
        row = [text(v) for v in row] + ["", "", ""]
        head, value, freq = row[0], row[1], row[2]
        if head not in ("", "Valid", "Missing", "Total") and value and not freq:
            current = out.setdefault(head, {})
            continue
        if current is None or not freq or freq == "Freq.":
            continue
        if head == "Missing":
            current[""] = int(float(freq))
        elif head == "Total":
            current["Total"] = int(float(freq))
        elif value != "Total":
            current[value] = int(float(freq))
    if not out:
        raise SchemaError(f"{paths.show(p)}, sheet 'TabStat': no frequency table found")
    return out
