import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tipfigs import style  # noqa: E402
from tipfigs.errors import DataError  # noqa: E402
from tipfigs.outputs import SUFFIXES, FigureOutputs  # noqa: E402


def _render(out: FigureOutputs):
    style.use()
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("t")
    out.figure(fig, title="B is twice A", finding="B is 2 and A is 1 <of 3>.", alt="Two bars.")
    out.table(pd.DataFrame({"x": ["a", "b"], "y": [1.0, 2.0]}))
    out.claims.compare("c", 1.0, "src", evidence="direct", data="a table")


def test_publish_writes_all_four_outputs(fake_root):
    root, _, _ = fake_root
    out = FigureOutputs("figzz-test")
    _render(out)
    listing = out.publish()
    assert list(listing["file"]) == [f"figzz-test{s}" for s in SUFFIXES]
    files = {s: root / "figures" / f"figzz-test{s}" for s in SUFFIXES}
    assert files[".png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert files[".csv"].read_text() == "x,y\na,1\nb,2\n"
    assert json.loads(files[".claims.json"].read_text())[0]["status"] == "reproduced"
    assert not list((root / "figures").glob(".*"))  # no temporary files left


def test_outputs_are_byte_identical_across_runs_and_carry_no_versions(fake_root):
    root, _, _ = fake_root
    runs = []
    for _ in range(2):
        out = FigureOutputs("figzz-test")
        _render(out)
        out.publish()
        runs.append({s: (root / "figures" / f"figzz-test{s}").read_bytes() for s in SUFFIXES})
    assert runs[0] == runs[1]
    svg, png = runs[0][".svg"], runs[0][".png"]
    assert matplotlib.__version__.encode() not in svg and b"<dc:date>" not in svg
    assert matplotlib.__version__.encode() not in png and b"Software" not in png


def test_nothing_is_written_before_publish_and_incomplete_outputs_refuse(fake_root):
    root, _, _ = fake_root
    previous = root / "figures" / "figzz-test.png"
    previous.write_bytes(b"previous good figure")
    out = FigureOutputs("figzz-test")
    out.claims.compare("c", 1.0, "src", evidence="direct", data="a table")
    out.table(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="nothing rendered for .png, .svg"):
        out.publish()
    assert previous.read_bytes() == b"previous good figure"
    assert sorted(p.name for p in (root / "figures").iterdir()) == ["figzz-test.png"]


def test_empty_table_and_no_claims_are_errors(fake_root):
    out = FigureOutputs("figzz-test")
    with pytest.raises(DataError, match="table is empty"):
        out.table(pd.DataFrame())
    with pytest.raises(ValueError, match="no claims"):
        out.publish()


def test_the_finding_is_the_text_alternative_and_the_svg_title_and_description(fake_root):
    root, _, _ = fake_root
    out = FigureOutputs("figzz-test")
    _render(out)
    out.publish()
    about = json.loads((root / "figures" / "figzz-test.about.json").read_text())
    assert about["title"] == "B is twice A"
    assert about["finding"] == "B is 2 and A is 1 <of 3>."
    assert about["alt"] == "B is twice A. B is 2 and A is 1 <of 3>. Two bars."
    svg = (root / "figures" / "figzz-test.svg").read_text()
    assert "<title>B is twice A</title><desc>B is 2 and A is 1 &lt;of 3&gt;. Two bars.</desc>" in svg
    assert svg.index("<title>") < svg.index("<g ")
    import xml.dom.minidom

    xml.dom.minidom.parseString(svg)  # still well-formed
    png = (root / "figures" / "figzz-test.png").read_bytes()
    assert b"B is twice A" in png


def test_uses_records_the_files_a_figure_read_with_their_citations(fake_root):
    root, mirror, payload = fake_root
    from tipfigs import manifest

    entry = manifest.load()["table"]
    entry.local.parent.mkdir(parents=True, exist_ok=True)
    entry.local.write_bytes(payload)
    (root / "data" / "values.csv").write_text("# Values from The Big Report (2022).\nid,value\n")
    other = root / "mine.csv"
    other.write_text("a\n1\n")
    out = FigureOutputs("figzz-test")
    release = out.uses("data/raw/pub/table.csv")
    transcribed = out.uses("data/values.csv")
    mine = out.uses(other)
    out.uses("data/raw/pub/table.csv")  # twice: recorded once
    assert [d["kind"] for d in out.about["data"]] == ["release", "transcribed", "file"]
    assert release["citation"] == "A publisher (2020). A table."
    assert transcribed["citation"] == "Values from The Big Report (2022)."
    assert "mine.csv" in mine["citation"] and "not a release" in mine["citation"]


def test_a_figure_too_wide_or_with_tiny_type_is_refused_and_nothing_rendered(fake_root):
    style.use()
    out = FigureOutputs("figzz-test")
    fig, ax = plt.subplots(figsize=(11, 4))
    ax.text(0.5, 0.5, "small print", fontsize=6)
    with pytest.raises(ValueError, match=r"\d+\.\d\d in wide as saved.*'small print' is 6 pt"):
        out.figure(fig, title="Too wide")
    assert ".png" not in out._files and not plt.get_fignums()


def test_a_figure_no_longer_drawn_in_variants_leaves_none_behind(fake_root):
    """A run that publishes the figure without its slide and bare variants (a notebook taken
    back to a plain figure) removes those of an earlier run: figures/ holds what the about
    record names, and the staleness check and the catalogue agree with it."""
    from tipfigs.outputs import VARIANT_SUFFIXES

    root, _, _ = fake_root
    for suffix in VARIANT_SUFFIXES:  # an earlier run's
        (root / "figures" / f"figzz-test{suffix}").write_bytes(b"old")
    out = FigureOutputs("figzz-test")
    _render(out)
    listing = out.publish()
    assert list(listing["file"]) == [f"figzz-test{s}" for s in SUFFIXES]
    assert sorted(p.name for p in (root / "figures").iterdir()) == sorted(
        f"figzz-test{s}" for s in SUFFIXES)
    assert "variants" not in json.loads((root / "figures" / "figzz-test.about.json").read_text())
