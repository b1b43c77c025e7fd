"""nbval runs the notebooks in this folder; this hook tells each kernel which notebook it runs,
as the project's runner does, so a notebook names its outputs after its own file."""

import os

import pytest

from tipfigs.session import NOTEBOOK_ENV


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before the notebook's first cell is set up, which starts its kernel: the kernel
    # inherits the environment as it is then.
    os.environ[NOTEBOOK_ENV] = str(item.path)
