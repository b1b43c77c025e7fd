"""Bad input: each real notebook stops at its set-up with one line that names the parameter,
file or column, and publishes nothing.

Every case runs the notebook's own code in this process (builders.notebooks.run_code): the
error its set-up raises is checked, which shows that the notebook hands the bad value to the
check that names it. One case of each kind (a bad parameter, a bad data file, a filter that
selects nothing) also runs end to end in the runner's kernel, for what the analyst sees there:
one line and no traceback, nothing half-written, the failed notebook kept beside its target."""

import gzip
import json
import re

import pytest
from builders.notebooks import run_code

from tipfigs import paths
from tipfigs.errors import TipfigsError
from tipfigs.tools import runner

GSI = "data/raw/walkfree/2023-Global-Slavery-Index-Data.xlsx"


def _ctdc_without_gender(tmp_path):
    src = paths.root() / "data/raw/ctdc/ctdc_synthetic_2021-08-25.csv.gz"
    with gzip.open(src, "rt") as f:
        lines = [next(f) for _ in range(200)]
    header = lines[0].rstrip("\n").split(",")
    i = header.index("gender")
    out = tmp_path / "ctdc no gender.csv"
    out.write_text("".join(",".join(c for j, c in enumerate(ln.rstrip("\n").split(",")) if j != i)
                           + "\n" for ln in lines))
    return str(out)


def _gems_with_text_value(tmp_path):
    text = (paths.root() / "data/gems2022.csv").read_text()
    out = tmp_path / "gems.csv"
    out.write_text(text.replace("fl_world_2021,people in forced labour,World,2021,27.6,",
                                "fl_world_2021,people in forced labour,World,2021,about 27.6,"))
    return str(out)


def _truncated_xlsx(tmp_path):
    out = tmp_path / "truncated 'GSI' $x.xlsx"
    out.write_bytes((paths.root() / GSI).read_bytes()[:5000])
    return str(out)


REGIONS = ("fig02-forced-labour-by-region", {"regions": ["Atlantis"]},
           r"ParameterError: parameter regions has unknown value\(s\) 'Atlantis'")
TRUNCATED = ("fig01-modern-slavery-overview", {"gsi_workbook": _truncated_xlsx},
             r"DataError: .*truncated 'GSI' \$x.xlsx: not an xlsx workbook")
NOTHING_SELECTED = (
    "fig05-male-victims-trend", {"country": "AFG", "years": [2002, 2003]},
    r"DataError: CTDC data: the filters select no records \(country='AFG', years 2002-2003\)")

CASES = [
    REGIONS,
    ("fig01-modern-slavery-overview", {"palette": "neon"},
     r"ParameterError: parameter palette='neon' is not allowed"),
    ("fig05-male-victims-trend", {"country": "ZZZ"},
     r"ParameterError: parameter country='ZZZ'"),
    ("fig05-male-victims-trend", {"years": [2019, 2010]},
     r"ParameterError: parameter years=\[2019, 2010\]: first year after last year"),
    NOTHING_SELECTED,
    ("fig07-detected-victims-by-sex-age", {"glotip_workbooks": ["data/raw/unodc/nope.xlsx"]},
     r"ParameterError: parameter glotip_workbooks='data/raw/unodc/nope.xlsx': no such file"),
    ("fig10-means-of-control", {"releases": ["2021", "2018"]},
     r"ParameterError: parameter releases=\['2021', '2018'\] must name exactly one release"),
    TRUNCATED,
    ("fig05-male-victims-trend", {"ctdc_2021_file": _ctdc_without_gender, "releases": ["2021"]},
     r"SchemaError: .*ctdc no gender.csv: missing required column\(s\) 'gender'"),
    ("fig01-modern-slavery-overview", {"gems_values": _gems_with_text_value},
     r"SchemaError: .*gems.csv: column 'value' must be numeric; found 'about 27.6'"),
]


def _ids(cases):
    return [f"{c[0][:5]}-{'+'.join(c[1])}" for c in cases]


def _parameters(tmp_path, parameters):
    return {k: (v(tmp_path) if callable(v) else v) for k, v in parameters.items()}


@pytest.mark.parametrize("stem,parameters,message", CASES, ids=_ids(CASES))
def test_bad_input_stops_the_notebook_at_its_set_up_naming_what_to_fix(tmp_path, stem, parameters,
                                                                       message):
    out_dir = tmp_path / "out"
    with pytest.raises(TipfigsError) as stopped:  # the kernel shows these as one line
        run_code(stem, out_dir, **_parameters(tmp_path, parameters))
    line = f"{type(stopped.value).__name__}: {stopped.value}"
    assert re.search(message, line), line
    assert "\n" not in line
    assert not out_dir.exists() or not any(out_dir.iterdir())  # nothing half-written


END_TO_END = [REGIONS, TRUNCATED, NOTHING_SELECTED]


@pytest.mark.slow
@pytest.mark.parametrize("stem,parameters,message", END_TO_END, ids=_ids(END_TO_END))
def test_in_the_kernel_a_bad_input_is_one_line_and_publishes_nothing(tmp_path, stem, parameters,
                                                                     message):
    params = _parameters(tmp_path, parameters)
    out_dir = tmp_path / "out"
    params["output_dir"] = str(out_dir)
    r = runner.run_one(stem, parameters=params, output_notebook=str(tmp_path / "nb.ipynb"),
                       record=False)
    assert not r.ok
    assert re.search(message, r.message), r.message
    assert "Traceback" not in r.message
    assert not out_dir.exists() or not any(out_dir.iterdir())  # nothing half-written
    assert not (tmp_path / "nb.ipynb").exists()
    assert "failed notebook kept at" in r.message
    failed = json.loads((tmp_path / "nb.failed.ipynb").read_text())  # kept beside its target
    errors = [o for c in failed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert len(errors) == 1 and len(errors[0]["traceback"]) == 1  # one line, no pandas traceback
