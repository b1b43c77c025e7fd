# Reproducible notebooks for the figures of "Despite Progress, More Needs to Be Done to
# Address the Crime of Trafficking in Persons" (UN Chronicle, IOM).
#
#   make        create the environment, verify the data, build every stale figure
#   make test   the full test suite (lint, unit and end-to-end tests, nbval)
#   make check  a quick check while editing
#   make help   every target, one line each
#
# Every recipe runs `python -m tipfigs.tools.tasks TASK` in the environment, the same command that
# `python run.py TASK` runs on machines without make; make adds only the up-to-date checks.
# Paths in here are relative to the project folder, so its path may contain spaces.

SHELL := /bin/bash
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

# The first of these that is Python 3.11 to 3.13 creates the environment (or: make PYTHON=...).
PYTHON      ?= $(shell for p in python3 python3.13 python3.12 python3.11 python; do \
                 "$$p" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' \
                 >/dev/null 2>&1 && { command -v "$$p"; break; }; done)
VENV        ?= .venv
ifeq ($(OS),Windows_NT)
PY          := $(VENV)/Scripts/python.exe
else
PY          := $(VENV)/bin/python
endif
TASK        := "$(PY)" -m tipfigs.tools.tasks
JOBS        ?= $(shell nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2)

NOTEBOOKS   := $(sort $(wildcard notebooks/fig*.ipynb))
STEMS       := $(notdir $(NOTEBOOKS:.ipynb=))
PKG_SRC     := $(sort $(wildcard src/tipfigs/*.py src/tipfigs/tools/*.py))
DATA_CSVS   := $(wildcard data/*.csv)
ENV_STAMP   := $(VENV)/.installed
DATA_STAMP  := build/data.verified
FIG_STAMP   := build/figures.stamp
CAT_STAMP   := build/catalogue.stamp
QUALITY_STAMP := build/quality.stamp

.PHONY: all help env data refresh-data figures quality catalogue html test check lint unit nbval lab \
        clean freeze bench sweep $(STEMS)

all: figures catalogue ## Build everything: environment, verified data, every stale figure, the report and catalogue

help: ## List the targets
	@echo "Usage: make [target] [PYTHON=python3.x] [JOBS=n]      (without make: python run.py [task])"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk -F':.*## ' '{printf "  %-34s %s\n", $$1, $$2}'
	@echo
	@echo "One target per figure (builds it if stale):"
	@for s in $(STEMS); do printf "  %-34s %s\n" "$$s" "notebooks/$$s.ipynb -> figures/$$s.{png,svg,csv,claims.json,about.json}"; done
	@echo
	@echo "A figure's parameters, with their help:  $(PY) -m papermill --help-notebook notebooks/STEM.ipynb"
	@echo "Where things are: the library the notebooks import in src/tipfigs/, the tooling (runner,"
	@echo "staleness, tasks, report, site, benchmark) in src/tipfigs/tools/, the article's statements"
	@echo "and the readings checked (values, units, tolerances) in data/article_statements.csv and"
	@echo "data/article_claims.csv, the data files and their manifest in data/raw/ and data/manifest.toml."

env: $(ENV_STAMP) ## Create .venv with the pinned packages and the notebook kernel (any Python 3.11-3.13)

$(ENV_STAMP): requirements.txt pyproject.toml run.py
	@test -n "$(PYTHON)" || { echo "error: no Python 3.11 to 3.13 found; install one, or name it: make PYTHON=/path/to/python3.12" >&2; exit 1; }
	"$(PYTHON)" run.py --venv "$(VENV)" env

data: $(DATA_STAMP) ## Verify every data file in data/raw/ against its sha256 in data/manifest.toml (no network)

$(DATA_STAMP): data/manifest.toml $(ENV_STAMP) $(wildcard data/raw/*/*)
	$(TASK) data

refresh-data: $(ENV_STAMP) ## Get the data again from their publishers where they still serve them (KEYS=..., MIRROR=dir)
	$(TASK) refresh-data $(KEYS) $(if $(MIRROR),--mirror "$(MIRROR)")

figures: $(FIG_STAMP) $(QUALITY_STAMP) ## Write the data-quality tables and run the stale notebooks (in parallel)

quality: $(QUALITY_STAMP) ## Write the data-quality tables of the UNODC releases (figures/data-quality-glotip-*.csv)

$(QUALITY_STAMP): $(PKG_SRC) data/manifest.toml $(DATA_STAMP) $(ENV_STAMP)
	$(TASK) quality
	@mkdir -p $(@D) && touch $@

$(FIG_STAMP): $(NOTEBOOKS) $(PKG_SRC) $(DATA_CSVS) data/manifest.toml requirements.txt $(DATA_STAMP) $(ENV_STAMP)
	$(TASK) figures --jobs $(JOBS)
	@mkdir -p $(@D) && touch $@

catalogue: $(CAT_STAMP) ## Regenerate CLAIMS.md, figures/README.md, figures/COLUMNS.md, CITATION.cff and the README's generated parts

$(CAT_STAMP): $(FIG_STAMP) $(NOTEBOOKS) $(wildcard figures/*.claims.json) VERSION data/article_statements.csv \
               data/manifest.toml $(PKG_SRC) $(DATA_CSVS) docs/limitations.md README.md
	$(TASK) catalogue
	@mkdir -p $(@D) && touch $@

html: $(CAT_STAMP) ## Build the HTML reading edition into build/site/ (from the committed notebooks)
	$(TASK) html

$(STEMS): $(DATA_STAMP) $(ENV_STAMP)
	$(TASK) figure $@

test: $(ENV_STAMP) $(DATA_STAMP) ## The full suite, as CI runs it: lint, every pytest test, nbval over all notebooks
	$(TASK) test

check: $(ENV_STAMP) $(DATA_STAMP) ## Quick check while editing: lint, the fast tests, one notebook end to end
	$(TASK) check

lint: $(ENV_STAMP) ## ruff over the package, the tests, run.py and the notebooks
	$(TASK) lint

unit: $(ENV_STAMP) $(DATA_STAMP) ## pytest unit and end-to-end tests
	$(TASK) unit

nbval: $(ENV_STAMP) $(DATA_STAMP) ## Re-execute the committed notebooks and compare their outputs
	$(TASK) nbval

bench: $(ENV_STAMP) $(DATA_STAMP) ## Benchmark: cold build vs papermill CLI, no-op make, slowest notebook, memory, sweep
	$(TASK) bench --jobs $(JOBS)

sweep: $(ENV_STAMP) $(DATA_STAMP) ## Parameter sweep: fig05 for the 20 countries with most CTDC records, into build/sweep/
	$(TASK) sweep --jobs $(JOBS)

lab: $(ENV_STAMP) $(DATA_STAMP) ## Open JupyterLab on the notebooks with the project's kernel
	$(TASK) lab

freeze: ## Re-pin requirements.txt for Python 3.11, 3.12 and 3.13 (each must be installed)
	"$(PYTHON)" run.py freeze

clean: ## Remove build state (keeps .venv, the data and the committed figures)
	rm -rf build
