"""Builders of notebooks as dicts (nbformat 4), for the tests of the tooling that reads them."""

from __future__ import annotations


def tiny_notebook(code: str, params: str = "output_dir = None") -> dict:
    """A heading, a parameters cell and one code cell, never run."""
    return {
        "cells": [
            {"cell_type": "markdown", "id": "c1", "metadata": {}, "source": "# T"},
            {"cell_type": "code", "id": "c2", "metadata": {"tags": ["parameters"]},
             "source": params, "outputs": [], "execution_count": None},
            {"cell_type": "code", "id": "c3", "metadata": {}, "source": code, "outputs": [],
             "execution_count": None},
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }
