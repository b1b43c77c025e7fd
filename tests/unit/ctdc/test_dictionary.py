"""tipfigs.ctdc.dictionary: the frequency tables of the 2022 release's dictionary, and the
loaded release checked against them."""

from __future__ import annotations

import pandas as pd
import pytest
from builders.xlsx import write_xlsx

from tipfigs import paths, words
from tipfigs.ctdc import dictionary, read, schema


def test_vp2022_counts_match_the_dictionary_tabstat():
    data = paths.resolve(schema.DEFAULT_FILES["vp2022"])
    dict_path = paths.resolve(schema.VP_DICTIONARY)
    if not (data.is_file() and dict_path.is_file()):
        pytest.skip("CTDC Victim-Perpetrator data not fetched (run `make data`)")
    tab = dictionary.tabstat(dict_path)
    df = read.load(data, "vp2022")
    assert len(df) == tab["yearRegister"]["Total"] == 21195

    def counts(s):
        return {("" if v is None else v): int(n)
                for v, n in s.astype(object).where(s.notna(), None).value_counts(dropna=False).items()}

    def expected(var):
        return {k: v for k, v in tab[var].items() if k != "Total"}

    periods = [None if pd.isna(a) else words.years(a, b, dash="-")
               for a, b in zip(df["year_start"], df["year_end"], strict=True)]
    assert counts(pd.Series(periods, dtype=object)) == expected("yearRegister")
    assert counts(df["sex"]) == expected("gender")
    assert counts(df["age_group"]) == expected("majorityStatus")
    assert counts(df["citizenship_region"]) == expected("UN_COO_Region")
    assert counts(df["exploitation_region"]) == expected("UN_COE_Region")
    for flag, var in (("exploit_forced_labour", "isForcedLabour"),
                      ("exploit_sexual", "isSexualExploit")):
        assert {"1": int(df[flag].sum()), "": int((~df[flag]).sum())} == expected(var)


def test_tabstat_reads_the_frequency_tables(tmp_path):
    rows = [["gender", "Gender, victim", None, None], [None] * 4,
            [None, None, "Freq.", "Percent"],
            ["Valid", "Female", 3.0, 60.0], [None, "Male", 2.0, 40.0], [None, "Total", 5.0, 100.0],
            ["Missing", None, 1.0, None], ["Total", None, 6.0, 100.0], [None] * 4,
            ["yearRegister", "Year of Registration", None, None],
            [None, None, "Freq.", "Percent"],
            ["Valid", "2005-2013", 4.0, 1.0], [None, 2019.0, 2.0, 1.0],
            ["Missing", None, 0.0, None], ["Total", None, 6.0, 100.0]]
    p = write_xlsx(tmp_path / "dict.xlsx", rows, sheet_name="TabStat")
    assert dictionary.tabstat(p) == {"gender": {"Female": 3, "Male": 2, "": 1, "Total": 6},
                                     "yearRegister": {"2005-2013": 4, "2019": 2, "": 0, "Total": 6}}
