"""The figure catalogue (figures/README.md) and the command that writes it with the report and
the citation, on a fake project whose figures publish their about and claims records."""

from __future__ import annotations

import json
import re

import pytest
from builders.project import TRANSCRIBED, generated, write_figure, write_notebook
from builders.publication import about, write_publication

from tipfigs.claims import DEFINITIONS
from tipfigs.errors import DataError
from tipfigs.tools import catalogue


def readme(root) -> str:
    assert catalogue.main([]) == 0
    return generated(root)["figures/README.md"]


def entry_of(text: str, stem: str) -> str:
    return text.split(f'<a id="{stem}"></a>', 1)[1].split('<a id="', 1)[0]


def test_catalogue_entry_has_everything_a_reader_needs(project):
    entry = entry_of(readme(project), "fig01-parts")
    assert "## fig01-parts: Figure 1 · Parts of the total" in entry
    assert ('<a href="fig01-parts.png"><img src="fig01-parts.png" alt="Half of the total is in '
            'part A. Part A holds 50.2% of 49.6 million. Two &quot;bars&quot;." width="480"></a>'
            in entry)
    assert "**What it shows.** Part A holds 50.2% of 49.6 million." in entry
    # the finding once: the text alternative lives in the image's alt attribute only
    assert entry.count("Part A holds 50.2% of 49.6 million.") == 2  # alt, then what it shows
    assert "Text alternative" not in entry
    assert ("**Statements it checks.**\n\n- [s01](../CLAIMS.md#s01): holds\n"
            "- [s02](../CLAIMS.md#s02): stated by the report, not checked here\n") in entry
    # not redrawn as a publication figure yet: its page variant only
    assert "**Variants.** page ([PNG](fig01-parts.png), [SVG](fig01-parts.svg))\n" in entry
    assert ("**Made by** `notebooks/fig01-parts.ipynb` · [notebook](../notebooks/fig01-parts.ipynb)"
            " · [table (CSV)](fig01-parts.csv) · [claims (JSON)](fig01-parts.claims.json)"
            " · [about (JSON)](fig01-parts.about.json)" in entry)
    data = entry.split("**Data it was built from.**", 1)[1].split("**Claims.**")[0]
    assert data.strip().splitlines() == [
        "- A Publisher (2020). A country table, release seven. A country table, release release "
        "seven; verified copy `data/raw/pub/table.csv` (sha256 `"
        + json.loads((project / "figures/fig01-parts.about.json").read_text())["data"][0]["sha256"][:12]
        + "…`). Terms: CC BY 4.0.",
        "- Transcribed values, [`data/values.csv`](../data/values.csv): Values transcribed from "
        "The Big Report (2022), Geneva."]
    assert ("| `labour-27.6` | \u2013 | 27.6 | 27.6 | stated by the report, not checked here |"
            in entry)


def test_only_the_data_a_figure_read_are_listed(project):
    entry = entry_of(readme(project), "fig02-trend")
    assert "The Big Report (2022)" in entry
    assert "A Publisher" not in entry and "Another Publisher" not in entry


def test_a_data_file_outside_the_manifest_is_listed_with_its_citation(project):
    record = json.loads((project / "figures" / "fig02-trend.about.json").read_text())
    record["data"] = [{"kind": "file", "path": "my/data.csv",
                       "citation": "Data file data.csv (sha256 0123456789ab...), not a release "
                                   "listed in the project's manifest."}]
    (project / "figures" / "fig02-trend.about.json").write_text(json.dumps(record))
    entry = entry_of(readme(project), "fig02-trend")
    assert "- `my/data.csv`: Data file data.csv (sha256 0123456789ab...), not a release" in entry
    assert "Transcribed values" not in entry


def test_catalogue_lists_the_grades_and_the_data_quality_tables(project):
    (project / "figures" / "data-quality-glotip-2023-05-30.csv").write_text(
        "rule,country,year\nbreakdown over total,A,2020\n")
    text = readme(project)
    assert "- **consistent** (*consistent, not tested directly*): " + DEFINITIONS["consistent"] in text
    assert ("[`figures/data-quality-glotip-2023-05-30.csv`](data-quality-glotip-2023-05-30.csv): "
            "1 flagged cell(s)") in text.split("## Data quality", 1)[1]


def test_catalogue_grows_with_the_notebooks_and_marks_unbuilt_figures(project):
    write_notebook(project, "fig03-new", "Figure 3 · Not built")
    text = readme(project)
    assert text.startswith("# Figure catalogue (version 2.3.4)")
    assert "3 figure(s)" in text
    assert "- [fig03-new](#fig03-new): Figure 3 · Not built" in text
    entry = entry_of(text, "fig03-new")
    assert "*Not built yet: run `make` to produce the figure.*" in entry
    assert "**What it shows.** Figure 3 · Not built" in entry
    assert "- none recorded: the figure is not built yet" in entry
    assert "- none recorded yet" in entry.split("**Claims.**", 1)[1]
    assert "[PNG]" not in entry and "[notebook](../notebooks/fig03-new.ipynb)" in entry


def test_version_lives_in_one_place(project):
    readme(project)
    (project / "VERSION").write_text("2.4.0\n")
    with pytest.raises(DataError, match=r"CHANGELOG.md: its top entry is 2.3.4, but VERSION says "
                                        r"2.4.0: add an entry '## 2.4.0 \(YYYY-MM-DD\)' above it"):
        catalogue.main(["--check"])  # a new version needs its release date first
    changes = project / "CHANGELOG.md"
    changes.write_text(changes.read_text().replace("## 2.3.4", "## 2.4.0 (2027-01-02)\n\n## 2.3.4"))
    assert catalogue.main(["--check"]) == 1
    readme(project)
    out = generated(project)
    assert "\nversion: 2.4.0\n" in out["CITATION.cff"]
    assert "version 2.4.0" in out["figures/README.md"]
    assert "(version 2.4.0)" in out["CLAIMS.md"]
    assert catalogue.main(["--check"]) == 0


def test_check_names_the_file_out_of_date_and_writes_nothing(project, capsys):
    readme(project)
    claims_md = project / "CLAIMS.md"
    claims_md.write_text("edited by hand\n")
    capsys.readouterr()
    assert catalogue.main(["--check"]) == 1
    assert "out of date: CLAIMS.md" in capsys.readouterr().err
    assert claims_md.read_text() == "edited by hand\n"


def test_generation_is_deterministic_and_idempotent(project):
    readme(project)
    first = generated(project)
    mtimes = {rel: (project / rel).stat().st_mtime_ns for rel in first}
    assert catalogue.write_all() == []  # nothing to rewrite
    assert {rel: (project / rel).stat().st_mtime_ns for rel in first} == mtimes
    for rel in first:
        (project / rel).unlink()
    readme(project)
    assert generated(project) == first
    assert catalogue.main(["--check"]) == 0
    for text in first.values():  # no build dates or times: the article's and the release's only
        assert not re.search(r"\d\d:\d\d:\d\d", text)
        assert set(re.findall(r"20\d\d-\d\d-\d\d", text)) <= {"2023-07-24", "2026-12-07"}


def test_a_figure_s_claims_are_listed_under_it(project):
    entry = entry_of(readme(project), "fig02-trend")
    claims = entry.split("**Claims.**", 1)[1]
    assert "| `trend-rising` | \u2013 | rising | not steady | does not hold |" in claims
    assert "| `no-data` | \u2013 | 3 | \u2013 | cannot be checked here |" in claims
    assert "- [s03](../CLAIMS.md#s03): does not hold (trend rising); cannot be checked here " \
        "(no data)" in entry
    write_figure(project, "fig02-trend", [])
    assert "- none recorded yet" in entry_of(readme(project), "fig02-trend")


def publication_figure(project, **words) -> dict:
    """fig02-trend redrawn as a publication figure: page, slide and bare, and its about record
    with the short text alternative and the long description."""
    record = about("fig02-trend", data=[TRANSCRIBED], **words)
    return write_publication(project / "figures", "fig02-trend", record)


def test_a_publication_figure_lists_its_three_variants_and_states_its_finding_once(project):
    record = publication_figure(project)
    entry = entry_of(readme(project), "fig02-trend")
    assert ('<a href="fig02-trend.png"><img src="fig02-trend.png" alt="Africa has 3.8 million '
            'people in forced labour, more than any other region." width="480"></a>') in entry
    assert (f"**What it shows.** {record['finding']} {record['description']}\n") in entry
    assert entry.count(record["finding"]) == 1 and entry.count(record["description"]) == 1
    assert entry.count(record["alt"]) == 1  # the image's alt only
    assert ("**Variants.** page ([PNG](fig02-trend.png), [SVG](fig02-trend.svg)) · slide "
            "([PNG](fig02-trend.slide.png), [SVG](fig02-trend.slide.svg)) · bare "
            "([PNG](fig02-trend.bare.png), [SVG](fig02-trend.bare.svg))\n") in entry


def test_a_description_that_states_the_finding_is_not_preceded_by_it_again(project):
    finding = "Africa has 3.8 million people in forced labour, the most of any region."
    publication_figure(project, description=f"One bar per region. {finding}")
    entry = entry_of(readme(project), "fig02-trend")
    assert entry.count(finding) == 1
    assert f"**What it shows.** One bar per region. {finding}\n" in entry


def test_a_variant_whose_files_are_missing_is_not_linked(project):
    publication_figure(project)
    (project / "figures" / "fig02-trend.slide.png").unlink()
    (project / "figures" / "fig02-trend.slide.svg").unlink()
    (project / "figures" / "fig02-trend.bare.png").unlink()
    entry = entry_of(readme(project), "fig02-trend")
    assert ("**Variants.** page ([PNG](fig02-trend.png), [SVG](fig02-trend.svg)) · bare "
            "([SVG](fig02-trend.bare.svg))\n") in entry


def test_the_intro_says_what_each_variant_is_for_and_the_licence(project):
    text = readme(project).split("## What the grades mean")[0]
    assert ("- *page*, `<stem>.png` and `.svg`: for an A4 report's text column at 100% (at most "
            "17 × 22.5 cm, type of 8 pt or more, PNG at 300 dpi);") in text
    assert "- *slide*, `<stem>.slide.png` and `.svg`: for a 16:9 slide (" in text
    assert ("- *bare*, `<stem>.bare.png` and `.svg`: the page figure without its title, subtitle "
            "and source line, for a report that sets its own caption.") in text
    assert "are under [CC BY 4.0](LICENSE): cite each figure as given under it." in text
    assert "with their page variant only: fig01-parts, fig02-trend." in text
    publication_figure(project)
    text = readme(project).split("## What the grades mean")[0]
    assert "with their page variant only: fig01-parts." in text
    write_notebook(project, "fig03-new", "Figure 3 · Not built")  # not built: not counted
    assert "with their page variant only: fig01-parts." in readme(project)


def test_an_alt_text_is_escaped_for_the_attribute(project):
    publication_figure(project, alt="Men\u2019s share <b>rose</b> & fell.")
    entry = entry_of(readme(project), "fig02-trend")
    assert 'alt="Men\u2019s share &lt;b&gt;rose&lt;/b&gt; &amp; fell."' in entry


def test_a_long_description_over_several_lines_stays_in_its_paragraph(project):
    publication_figure(project, description="Panel one: bars.\n\nPanel two:\n  a line.")
    entry = entry_of(readme(project), "fig02-trend")
    assert "the most of any region. Panel one: bars. Panel two: a line.\n\n**Variants.**" in entry
