"""The columns of a GLOTIP workbook and the values they may hold.

The workbook (``data_glotip.xlsx``; releases 2023-05-30 and 2025-04-14 have the same layout)
has one sheet: title rows, then a header row starting with ``Iso3_code``, then one row per
country (or, in the 2023 release, per regional aggregate), indicator, dimension, category, sex,
age and year. This module names those columns, the values the reader accepts in them, and the
groups the figures are drawn by (women, girls, men, boys; the forms of exploitation).
"""

from __future__ import annotations

#: workbook column -> tidy column
COLUMNS = {
    "Iso3_code": "iso3",
    "Country": "country",
    "Region": "region",
    "Subregion": "subregion",
    "Indicator": "indicator",
    "Dimension": "dimension",
    "Category": "category",
    "Sex": "sex",
    "Age": "age",
    "Year": "year",
    "Unit of measurement": "unit",
    "txtVALUE": "value_text",
    "Source": "source",
}

VICTIMS = "Detected trafficking victims"
PROSECUTED = "Persons prosecuted"
CONVICTED = "Persons convicted"
INDICATORS = (
    VICTIMS,
    PROSECUTED,
    CONVICTED,
    "Persons brought into formal contact",
    "Offences of trafficking in persons",
)
DIMENSIONS = ("Total", "by form of exploitation", "by citizenship", "by country of repatriation")
SEXES = ("Total", "Female", "Male", "Other", "Unknown")
AGES = ("Total", "18 years or over", "0 to 17 years", "Unknown")
UNITS = ("Counts",)

ADULT, CHILD = "18 years or over", "0 to 17 years"
#: (sex, age) -> the group the reports name; the four add up to the victims of known sex and age.
SEX_AGE = {
    ("Female", ADULT): "Women",
    ("Female", CHILD): "Girls",
    ("Male", ADULT): "Men",
    ("Male", CHILD): "Boys",
}
GROUPS = ("Women", "Girls", "Men", "Boys")
#: The three forms of exploitation of the "by form of exploitation" dimension.
FORMS = ("Sexual exploitation", "Forced labour", "Other forms of exploitation")
