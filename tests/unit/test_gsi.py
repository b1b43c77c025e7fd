"""tipfigs.gsi, the Walk Free Global Slavery Index workbook: its parsing (the header found,
columns and regions checked, United Nations country names), regional and world totals, the
countries without a population (counted, not rated: a rule, never a name), the data-quality
checks, and the notebooks' set-up call (gsi.setup: parameters validated by name, the file
actually read recorded and cited, the data-quality lines printed)."""

from __future__ import annotations

import sys

import pandas as pd
import pytest
from builders.xlsx import write_xlsx

from tipfigs import datafiles, gsi, manifest, paths
from tipfigs.errors import ParameterError, SchemaError
from tipfigs.outputs import FigureOutputs

HEADER = list(gsi.COLUMNS)


def _rows(*records, header=HEADER):
    return [["Source: a title row"], header, *records]


def _record(country, region, pop, number):
    r = {c: "" for c in HEADER}
    r.update({"Country": country, "Region": region, "Population": pop,
              "Estimated number of people in modern slavery": number,
              "Estimated prevalence of modern slavery per 1,000 population":
                  "" if number == "" else number / pop * 1000})
    return [r[c] for c in HEADER]


@pytest.fixture
def fake_sheet(monkeypatch, tmp_path):
    path = tmp_path / "gsi.xlsx"
    path.write_bytes(b"placeholder")

    def use(rows):
        monkeypatch.setattr(datafiles, "xlsx_rows", lambda p, sheet=None: rows)
        return gsi._parse(path)
    return use


def test_regional_totals_sum_country_estimates(fake_sheet):
    df = fake_sheet(_rows(
        _record("A", "Africa", 1000.0, 5.0),
        _record("B", "Africa", 3000.0, 7.0),
        _record("C", "Africa", 500.0, ""),          # no estimate: out of the prevalence
        _record("D", "Arab States", 2000.0, 20.0),
    ))
    t = gsi.regional_totals(df).set_index("region")
    assert list(t.index) == ["Africa", "Arab States"]  # the article's order
    assert t.loc["Africa", "number_in_modern_slavery"] == 12.0
    assert t.loc["Africa", "countries_with_estimate"] == 2
    assert t.loc["Africa", "prevalence_per_1000"] == pytest.approx(12.0 / 4000 * 1000)
    assert t.loc["Arab States", "prevalence_per_1000"] == pytest.approx(10.0)


def test_doubling_a_region_doubles_its_total(fake_sheet):
    base = [_record("A", "Africa", 1000.0, 5.0), _record("D", "Arab States", 2000.0, 20.0)]
    doubled = [_record("A", "Africa", 1000.0, 10.0), base[1]]
    t0 = gsi.regional_totals(fake_sheet(_rows(*base))).set_index("region")
    t1 = gsi.regional_totals(fake_sheet(_rows(*doubled))).set_index("region")
    n = "number_in_modern_slavery"
    assert t1.loc["Africa", n] == 2 * t0.loc["Africa", n]
    assert t1.loc["Arab States", n] == t0.loc["Arab States", n]


def test_missing_column_is_named(fake_sheet):
    header = [c for c in HEADER if c != "Region"]
    with pytest.raises(SchemaError, match="missing required column.*'Region'"):
        fake_sheet(_rows(["X"] * len(header), header=header))


def test_unknown_region_and_text_in_numbers_are_named(fake_sheet):
    with pytest.raises(SchemaError, match="column 'Region' has unknown value.*'Atlantis'"):
        fake_sheet(_rows(_record("A", "Atlantis", 1000.0, 5.0)))
    bad = _record("A", "Africa", 1000.0, 5.0)
    bad[HEADER.index("Population")] = "about 1000"
    with pytest.raises(SchemaError, match="column 'population' must be numeric; found 'about 1000'"):
        fake_sheet(_rows(bad))


def test_no_header_row(fake_sheet):
    with pytest.raises(SchemaError, match="no header row starting with 'Country'"):
        fake_sheet([["a", "b"], ["c", "d"]])


def test_real_workbook_matches_the_published_world_total():
    """The verified GSI 2023 workbook: 160 country estimates summing to 49.63 million."""
    path = datafiles.require_file(gsi.DEFAULT_PATH)
    df = gsi.load(path)
    assert df["number_in_modern_slavery"].notna().sum() == 160
    assert df["number_in_modern_slavery"].sum() == pytest.approx(49.63e6)
    assert set(df["region"]) == set(gsi.REGIONS)


# -- countries without a population: a general rule, never a name ------------------------------

def _table(rows):
    return pd.DataFrame(rows, columns=["country", "region", "population", "prevalence_per_1000",
                                       "number_in_modern_slavery"])


SMALL = _table([
    ("A", "Africa", 1_000_000.0, 5.0, 5_000.0),
    ("B", "Africa", 3_000_000.0, 2.0, 6_000.0),
    ("Z", "Africa", 0.0, 8.0, 14_000.0),          # an estimate, population 0
    ("Y", "Africa", float("nan"), float("nan"), 2_000.0),  # an estimate, population missing
    ("S", "Africa", 500_000.0, float("nan"), float("nan")),  # no estimate, a population
    ("T", "Arab States", 0.0, float("nan"), float("nan")),   # no estimate, population 0
    ("D", "Arab States", 2_000_000.0, 10.0, 20_000.0),
])


def test_country_with_an_estimate_but_no_population_is_counted_not_rated():
    t = gsi.regional_totals(SMALL).set_index("region")
    af = t.loc["Africa"]
    assert af["number_in_modern_slavery"] == 27_000.0            # counts keep Z and Y
    assert (af["countries_with_estimate"], af["countries_in_rates"]) == (4, 2)
    assert af["number_in_rates"] == 11_000.0                      # rates leave them out ...
    assert af["population_in_rates"] == 4_000_000.0               # ... numerator and denominator
    assert af["prevalence_per_1000"] == pytest.approx(11_000 / 4_000_000 * 1000)
    assert af["population"] == 4_500_000.0                        # every known population
    assert af["countries_with_population"] == 3
    w = gsi.world_totals(SMALL).iloc[0]
    assert (w["region"], w["countries"], w["countries_in_rates"]) == ("World", 7, 3)
    assert w["number_in_modern_slavery"] == 47_000.0
    assert w["prevalence_per_1000"] == pytest.approx(31_000 / 6_000_000 * 1000)
    assert list(gsi.for_rates(SMALL)["country"]) == ["A", "B", "D"]


def test_the_rule_follows_the_data_not_a_name():
    """Give Z a population and it enters the rates; take A's away and it leaves them."""
    fixed = SMALL.copy()
    fixed.loc[fixed["country"] == "Z", "population"] = 1_750_000.0
    fixed.loc[fixed["country"] == "A", "population"] = 0.0
    af = gsi.regional_totals(fixed).set_index("region").loc["Africa"]
    assert af["number_in_rates"] == 20_000.0
    assert af["population_in_rates"] == 4_750_000.0
    assert list(gsi.for_rates(fixed)["country"]) == ["B", "Z", "D"]


def test_quality_reports_every_country_without_a_population_with_its_rule():
    q = gsi.checks(SMALL)
    nopop = q[q["check"] == "no population"].set_index("country")
    assert list(nopop.index) == ["Z", "Y", "T"]
    assert nopop.loc["Z", "rule"] == "kept in the counts, left out of every rate"
    assert "population 0, estimate 14,000 people" in nopop.loc["Z", "detail"]
    assert "population missing" in nopop.loc["Y", "detail"]
    assert nopop.loc["T", "rule"] == "adds nothing to any sum"
    lines = gsi.check_lines(q)
    assert len(lines) == 3 and lines[0].startswith("Data quality: Z (Africa): no population")


def test_quality_flags_a_count_that_disagrees_with_prevalence_times_population():
    t = _table([("A", "Africa", 1_000_000.0, 5.0, 5_400.0),   # 400 off: within the rounding
                ("B", "Africa", 1_000_000.0, 5.0, 7_000.0)])  # 2,000 off: reported
    q = gsi.checks(t)
    assert list(q["country"]) == ["B"] and list(q["check"]) == ["count vs prevalence"]
    assert "estimate 7,000 against prevalence x population 5,000" in q["detail"].iloc[0]
    clean = gsi.checks(t.iloc[:1])
    assert clean.empty
    assert gsi.check_lines(clean)[0].startswith("Data quality: every country has a population")


def test_real_workbook_data_quality_is_found_by_the_checks():
    """The verified GSI 2023 workbook: exactly one country has an estimate and no population;
    the checks find it from the data (no list of names), and it leaves the rates only."""
    df = gsi.load(datafiles.require_file(gsi.DEFAULT_PATH))
    q = gsi.checks(df)
    counted_not_rated = q[q["rule"] == "kept in the counts, left out of every rate"]
    assert len(counted_not_rated) == 1
    w = gsi.world_totals(df).iloc[0]
    assert (w["countries_with_estimate"], w["countries_in_rates"]) == (160, 159)
    assert w["number_in_modern_slavery"] == pytest.approx(49.63e6)
    assert w["number_in_modern_slavery"] - w["number_in_rates"] == pytest.approx(
        df.loc[df["country"] == counted_not_rated["country"].iloc[0],
               "number_in_modern_slavery"].iloc[0])


# -- United Nations country names ------------------------------------------------------------

def test_un_names_replace_the_workbook_short_names_and_keep_the_workbook_name(fake_sheet):
    df = fake_sheet(_rows(_record("North Korea", "Asia and the Pacific", 1000.0, 100.0),
                          _record("Viet Nam", "Asia and the Pacific", 1000.0, 4.0),
                          _record(" Russia ", "Europe and Central Asia", 1000.0, 13.0)))
    assert list(df["country"]) == ["Democratic People's Republic of Korea", "Viet Nam",
                                   "Russian Federation"]
    assert list(df["name_in_workbook"]) == ["North Korea", "Viet Nam", "Russia"]
    assert gsi.un_name("Kosovo") == "Kosovo"  # no M49 name: kept as in the workbook


def test_un_names_agree_with_the_names_unodc_gives_by_iso3_code():
    """Every UN name the mapping gives is a country name of UNODC's workbook (UN names by ISO3
    code), and every name of the GSI workbook that UNODC spells otherwise is mapped, except
    the areas UNODC's workbook has no row for (checked one by one below)."""
    from tipfigs.glotip import read

    unodc = set(read.load(datafiles.require_file(read.DEFAULT_PATH))["country"])
    assert set(gsi.UN_NAMES.values()) <= unodc
    df = gsi.load(datafiles.require_file(gsi.DEFAULT_PATH))
    assert set(gsi.UN_NAMES) <= set(df["name_in_workbook"])  # no stale entry
    not_in_unodc = sorted(set(df["country"]) - unodc)
    # Eritrea and Somalia are UN names with no UNODC rows; Kosovo and Taiwan have no M49 entry.
    assert not_in_unodc == ["Eritrea", "Kosovo", "Somalia", "Taiwan"]


def test_coverage_counts_countries_and_the_population_without_an_estimate():
    c = gsi.coverage(SMALL)
    assert (c["countries"], c["with_estimate"], c["in_rates"], c["without_estimate"]) == (7, 5, 3, 2)
    # known populations: A 1.0, B 3.0, S 0.5, D 2.0 million; S (0.5) has no estimate
    assert c["population_share_without_estimate"] == pytest.approx(0.5 / 6.5)


# -- names of regions in sentences -------------------------------------------------------------

def test_phrase():
    assert gsi.region_phrase("Americas") == "the Americas"
    assert gsi.region_phrase("Africa") == "Africa"


# -- the notebooks' set-up call -----------------------------------------------------------------

@pytest.fixture
def out(tmp_path):
    return FigureOutputs(stem="figzz-test", output_dir=tmp_path / "out")


def _sheet(*records):
    """The rows of a small GSI summary sheet: a title row, the header, the records."""
    header = list(gsi.COLUMNS)
    rows = [["Source: a title row"], header]
    for country, region, pop, number in records:
        r = dict.fromkeys(header)
        r.update({"Country": country, "Region": region, "Population": pop,
                  "Estimated number of people in modern slavery": number,
                  "Estimated prevalence of modern slavery per 1,000 population":
                      None if number is None or not pop else number / pop * 1000})
        rows.append([r[c] for c in header])
    return rows


def test_gsi_setup_reads_the_release_cites_it_and_prints_its_quality_lines(out, capsys):
    got = gsi.setup(out, gsi_workbook=gsi.DEFAULT_PATH)
    release = manifest.entry_for(paths.resolve(gsi.DEFAULT_PATH))
    assert got.data == release and got.citation == release.citation
    assert [d["path"] for d in out.about["data"]] == [gsi.DEFAULT_PATH]
    assert len(got.countries) == 180 and got.countries["number_in_modern_slavery"].notna().sum() == 160
    assert got.regions == list(gsi.REGIONS) and got.filters == {"regions": list(gsi.REGIONS)}
    printed = capsys.readouterr().out.splitlines()
    assert printed == gsi.check_lines(got.checks) and len(printed) == len(got.checks) > 0
    assert any(line.startswith("Data quality: Kosovo (Europe and Central Asia): no population")
               for line in printed)
    with pytest.raises(AttributeError):
        got.citation = "another"  # frozen: a notebook cannot change what was read


def test_gsi_setup_validates_each_parameter_by_name(out):
    with pytest.raises(ParameterError, match=r"^parameter gsi_workbook='data/raw/nope.xlsx': no such"):
        gsi.setup(out, gsi_workbook="data/raw/nope.xlsx")
    with pytest.raises(ParameterError, match=r"parameter regions has unknown value\(s\) 'Atlantis'"):
        gsi.setup(out, regions=["Atlantis"])
    with pytest.raises(ParameterError, match=r"parameter regions='Africa' must be a list"):
        gsi.setup(out, regions="Africa")
    assert out.about["data"] == []  # nothing recorded for a run that stopped
    got = gsi.setup(out, regions=["Arab States", "Africa"])
    assert got.regions == ["Africa", "Arab States"]  # the article's order
    assert len(got.countries) == 180  # the filter is for display: the table stays whole


def test_gsi_setup_cites_the_workbook_it_was_given_not_the_release(fake_root, tmp_path, out, capsys):
    path = write_xlsx(tmp_path / "another GSI.xlsx",
                      _sheet(("A", "Africa", 1000.0, 5.0), ("B", "Arab States", 2000.0, 20.0)),
                      sheet_name=gsi.SHEET)
    got = gsi.setup(out, gsi_workbook=str(path))
    assert "Walk Free" not in got.citation and "Global Slavery Index" not in got.citation
    assert got.citation.startswith("Data file another GSI.xlsx (sha256 ")
    assert got.citation == out.about["data"][0]["citation"]
    assert got.data == "another GSI.xlsx (a GSI workbook that is not a manifest release)"
    assert list(got.countries["country"]) == ["A", "B"]
    assert capsys.readouterr().out.splitlines() == [gsi.check_lines(got.checks)[0]]
    assert got.checks.empty  # both populations known, both counts = prevalence x population


def test_gsi_setup_prints_a_line_per_country_without_a_population(fake_root, tmp_path, out, capsys):
    path = write_xlsx(tmp_path / "gsi.xlsx",
                      _sheet(("A", "Africa", 1000.0, 5.0), ("Z", "Africa", 0, 7.0)),
                      sheet_name=gsi.SHEET)
    got = gsi.setup(out, gsi_workbook=str(path))
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "Data quality: Z (Africa): no population: population 0, estimate 7 people. "
        "Rule: kept in the counts, left out of every rate."]
    assert list(got.checks["country"]) == ["Z"]


def test_gsi_setup_writes_its_quality_lines_in_one_write(out, monkeypatch):
    """One write: a kernel's output timer can split output only between writes, so the lines
    reach the notebook as one output in every run."""
    writes = []

    class Stdout:
        def write(self, text):
            writes.append(text)

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Stdout())
    got = gsi.setup(out)
    assert len(gsi.check_lines(got.checks)) > 1
    assert writes == ["".join(line + "\n" for line in gsi.check_lines(got.checks))]
