"""tipfigs.speccurve: the full curve of a reading marks, beneath its sorted values, the choice of
every computable specification in each dimension (holds dark, does not hold grey)."""

from __future__ import annotations

from tipfigs import speccurve, specs, style


def test_the_choice_matrix_marks_each_specification_once_per_dimension():
    style.use()
    grid = specs.Grid(("window", "largest_reporter"), {"window": "thirds",
                                                       "largest_reporter": "kept"})
    values = {"thirds": 1.0, "fixed-cut": -1.0, "five-years": 2.0}
    res = specs.run("x", grid, lambda s: values[s["window"]] + (0.5 if s["largest_reporter"] ==
                                                                 "kept" else 0), lambda v: v > 0)
    fig = speccurve.curve(res)
    top, bottom = fig.axes
    marks = [c for c in bottom.collections]
    counts = sorted(len(c.get_offsets()) for c in marks)
    assert sum(counts) == res.n * len(grid.dimensions)
    assert counts == [2 * (res.n - res.k), 2 * res.k]  # one colour each: fails, holds
    assert [t.get_text() for t in bottom.get_yticklabels()][:2] == ["long-run window: thirds",
                                                                    "long-run window: fixed-cut"]
    style.notebook_only(fig)  # renders
