"""The project's tooling, which no notebook imports: the tasks that make and run.py share (their
one table, task_list), the collection's notebooks (collection), the runner and its staleness
keys and stamps (runner, staleness), the data verified and refreshed (verify, refresh), the
report and catalogue, the HTML edition, the benchmark and sweeps. Editing any of it rebuilds no
figure."""
