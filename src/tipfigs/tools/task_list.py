"""The project's tasks, one line each: the one list that `python -m tipfigs.tools.tasks`, `make help`
and the stdlib-only `run.py` show. Standard library only, no imports: run.py reads this file
before (or without) the environment, so it must stay importable on its own."""

#: Task -> what it does.
TASKS = {
    "all": "Verify the data, build every stale figure, regenerate the report and catalogue",
    "data": "Verify every data file in data/raw/ against its sha256 in data/manifest.toml",
    "refresh-data": "Get data files again from their publishers ([KEY ...] [--mirror DIR])",
    "figures": "Write the data-quality tables, build every stale figure, in parallel ([--jobs N] [--force])",
    "quality": "Write the data-quality tables of the UNODC releases (figures/data-quality-glotip-*.csv)",
    "figure": "Build one figure (STEM; `make STEM` / `python run.py STEM` say the same)",
    "catalogue": "Regenerate CLAIMS.md, figures/README.md, figures/COLUMNS.md, CITATION.cff, README parts",
    "html": "Build the HTML reading edition into build/site/",
    "test": "The full test suite that CI runs: lint, every pytest test, nbval over all notebooks",
    "check": "Quick check while editing: lint, the fast tests and one notebook end to end",
    "lint": "ruff over the package, the tests, run.py and the notebooks",
    "unit": "pytest: unit and end-to-end tests",
    "nbval": "Re-execute the committed notebooks and compare their outputs",
    "bench": "Benchmark the build (a scratch copy; the published outputs are not touched)",
    "sweep": "Parameter sweep: fig05 for the 20 countries with most CTDC records, into build/sweep/",
    "lab": "Open JupyterLab on the notebooks with the project's kernel",
    "clean": "Remove build/ (keeps the environment, the data and the committed figures)",
}
