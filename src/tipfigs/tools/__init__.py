"""The project's tooling, which no notebook imports: the tasks that make and run.py share (their
one table, task_list), the collection's notebooks (notebooks), the runner and its staleness
keys and stamps (runner, staleness), one figure by its name and custom runs (figure), a figure's
parameters and their values (values), the data verified and refreshed (verify, refresh), the
report and catalogue, the changelog, the HTML edition, a figure's variants and their checks
(variants, variant_checks), the benchmark and sweeps. Editing any of it rebuilds no figure.

A command of the tooling (``python -m tipfigs.tools.X``) that stops on an input problem the user
can fix (a :class:`~tipfigs.errors.TipfigsError`, such as a checkout whose environment is another
checkout's) says so in one line, without a traceback.
"""

import sys

from tipfigs.errors import TipfigsError


def _one_line(kind, value, tb, _default=sys.excepthook):
    if isinstance(value, TipfigsError):
        print(f"error: {value}", file=sys.stderr)
    else:
        _default(kind, value, tb)


sys.excepthook = _one_line
