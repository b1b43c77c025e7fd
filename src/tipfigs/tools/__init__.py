"""The project's tooling, which no notebook imports: the runner and its staleness keys, the
tasks that make and run.py share, the report and catalogue, the HTML edition, data refresh,
the benchmark and sweeps. Editing any of it rebuilds no figure."""
