"""What the collection cannot check, stated once (docs/limitations.md), its generated parts
filled in from the records, and included in the report and the README."""

from __future__ import annotations

import json

from builders.project import generated

from tipfigs.tools import catalogue, limitations

PAGES = """# Values transcribed from The Big Report (2022).
id,value,unit,report,stated_by,url,url_date
a,1,million,BIG 2022,A news page,https://www.news.example/a,2022-09
b,2,million,BIG 2022,A news page,https://www.news.example/b,2022-09
c,3,million,BIG 2022,A blog,https://blog.example.org/c,2023-01
d,4,million,BIG 2022,,,
"""


def part(text: str) -> str:
    return text.split("## Limitations", 1)[1].split("\n## ", 1)[0]


def test_the_limitations_name_the_pages_values_were_transcribed_through(project):
    (project / "data" / "big2022.csv").write_text(PAGES, encoding="utf-8")
    assert catalogue.main([]) == 0
    text = part(generated(project)["CLAIMS.md"])
    assert ("- BIG 2022, [`data/big2022.csv`](data/big2022.csv): 4 values, read from news.example "
            "(2) and blog.example.org (1); 1 cite only the report's table and page, as a "
            "third-party transcription gives them.") in text
    assert "**Identified victims are not prevalence.**" in text  # the fixed prose


def test_data_sets_no_longer_served_are_cited_as_the_manifest_says(project):
    m = project / "data" / "manifest.toml"
    m.write_text(m.read_text().replace('citation = "A Publisher (2020). A country table, release '
                                       'seven."', 'citation = "A Publisher (2020). A country '
                                       'table, release seven."\nupstream = "gone"\nnote = '
                                       '"Recovered from a public copy."'))
    assert catalogue.main([]) == 0
    assert ("- A country table, release release seven: Recovered from a public copy."
            in part(generated(project)["CLAIMS.md"]))


def test_what_the_rule_removes_comes_from_the_figures_records(project):
    about = project / "figures" / "fig01-parts.about.json"
    record = json.loads(about.read_text())
    assert catalogue.main([]) == 0
    assert "do not yet state what the rule removes" in part(generated(project)["CLAIMS.md"])
    record["left_out"] = [
        {"data": "release 2023", "what": "victims by form", "rule": "flagged left out",
         "groups": 36, "persons_low": 18326.0, "persons_high": 19270.0, "percent": 61.9},
        {"data": "release 2023", "what": "victims by sex and age", "rule": "flagged left out",
         "groups": 40, "persons_low": 4000.0, "persons_high": 4100.0, "percent": 2.1}]
    about.write_text(json.dumps(record))
    assert catalogue.main([]) == 0
    text = part(generated(project)["CLAIMS.md"])
    assert ("- victims by form on release 2023 ([fig01-parts](figures/README.md#fig01-parts)): "
            "61.9% of the persons, 36 country-years.\n- victims by sex and age on release 2023 "
            "([fig01-parts](figures/README.md#fig01-parts)): 2.1% of the persons, "
            "40 country-years.") in text


def test_no_result_that_depends_is_said_so(project):
    assert catalogue.main([]) == 0
    assert ("- None: no reading's data sets disagree, and no check is recorded with a "
            "specification grid yet.") in part(generated(project)["CLAIMS.md"])


def test_one_text_in_the_report_and_the_readme(project):
    readme = project / "README.md"
    readme.write_text("# A collection\n\nIntro.\n\n<!-- opening:start -->\nSTALE\n<!-- opening:end -->"
                      "\n\n<!-- limitations:start -->\nSTALE\n<!-- limitations:end -->\n\n## Set-up\n")
    assert catalogue.main([]) == 0
    out = readme.read_text()
    assert out.startswith("# A collection\n\nIntro.\n\n<!-- opening:start -->\nThe article makes "
                          "4 statements")
    assert "STALE" not in out and out.endswith("<!-- limitations:end -->\n\n## Set-up\n")
    fixed = limitations.text().split("<!-- generated:", 1)[0].strip()
    assert fixed in out and fixed in generated(project)["CLAIMS.md"]
    assert ("the statement *holds* on 2, *does not hold* on 1 (readings of "
            "[s03](CLAIMS.md#s03), the number is rising), *depends on the data set* on 0") in out
    assert "[findings at a glance](CLAIMS.md#findings-at-a-glance)" in out
    assert catalogue.main(["--check"]) == 0
    readme.write_text(out.replace("The article makes", "The article made"))
    assert catalogue.main(["--check"]) == 1


def test_an_unknown_generated_part_is_a_problem(project, capsys):
    text = project / "docs" / "limitations.md"
    text.write_text(text.read_text() + "\n<!-- generated: nonsense -->\n")
    assert catalogue.main(["--check"]) == 1
    assert "no generated part is called 'nonsense'" in capsys.readouterr().err
