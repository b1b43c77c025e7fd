# Reproducible notebooks for the figures of "Despite Progress, More Needs to Be Done to
# Address the Crime of Trafficking in Persons" (UN Chronicle, IOM).
#
#   make        create the environment, verify the data, build every stale figure
#   make figure STEM=fig05 ARGS="country=PHL"   one figure with other parameters (a custom run:
#               its outputs go to build/custom/, never to figures/)
#   make values STEM=fig05                      a figure's parameters and the values they take
#   make lab [LAB_ARGS="--port 8899"]           JupyterLab at the project folder
#   make test   the full test suite (lint, unit and end-to-end tests, nbval)
#   make check  a quick check while editing
#   make help   every task, one line each
#
# The tasks, their help and their steps are one table, src/tipfigs/tools/task_list.py, which
# run.py reads too. Every recipe runs `python -m tipfigs.tools.tasks TASK` in the environment,
# the command that `python run.py TASK` runs on machines without make; make adds the up-to-date
# checks, and verifies the data once, as a prerequisite: its recipes pass --no-data.
#
# A second `make` runs nothing. Where a step may run and change nothing, two stamps in build/
# keep it from rebuilding what follows: the step's rule makes the first (build/data.digests,
# build/figures.checked: when the step last ran), and the step rewrites the second only when
# its content changes (build/data.verified: the checksums of the manifest and the verified files;
# build/figures.keys: the key of each figure built), which is what the next rules depend on. The second has an empty
# recipe, so make looks at its time again after the step. The environment is an order-only
# prerequisite: setting it up again rebuilds nothing (requirements.txt is a prerequisite).
#
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
PKG_SRC     := $(sort $(wildcard src/tipfigs/*.py src/tipfigs/*/*.py))
DATA_CSVS   := $(wildcard data/*.csv)
RAW_FILES   := $(wildcard data/raw/*/*)
# The collection's figures (without the list, every notebook), and what its citation is made of.
FIGURE_LIST := $(wildcard data/figures.toml)
CITE_FROM   := $(wildcard data/collection.toml CHANGELOG.md data/verdicts-*.json) $(FIGURE_LIST)
ENV_STAMP   := $(VENV)/.installed
DATA_CHECKED := build/data.digests
DATA_STAMP  := build/data.verified
FIG_CHECKED := build/figures.checked
FIG_STAMP   := build/figures.keys
QUALITY_STAMP := build/quality.stamp
CAT_STAMP   := build/catalogue.stamp
# A content stamp removed by hand sends make back to the step that writes it.
DATA_AGAIN  := $(if $(wildcard $(DATA_STAMP)),,FORCE)
FIG_AGAIN   := $(if $(wildcard $(FIG_STAMP)),,FORCE)

.PHONY: all help env data refresh-data figures figure values quality catalogue html test check lint \
        unit nbval lab bench sweep pythons freeze clean $(STEMS)

all: figures catalogue

help:
	@"$(or $(PYTHON),python3)" run.py help

FORCE:

# -- the environment ------------------------------------------------------------------------------
# `make env` always asks run.py, which checks in a moment that the environment is up to date and
# that its package is this checkout's (an environment copied or shared from another checkout is
# pointed at this one).
env:
	@test -n "$(PYTHON)" || { echo "error: no Python 3.11 to 3.13 found; install one, or name it: make PYTHON=/path/to/python3.12" >&2; exit 1; }
	"$(PYTHON)" run.py --venv "$(VENV)" env

$(ENV_STAMP): requirements.txt pyproject.toml run.py
	@test -n "$(PYTHON)" || { echo "error: no Python 3.11 to 3.13 found; install one, or name it: make PYTHON=/path/to/python3.12" >&2; exit 1; }
	"$(PYTHON)" run.py --venv "$(VENV)" env

pythons:
	"$(PYTHON)" run.py pythons

freeze:
	"$(PYTHON)" run.py freeze

# -- the data -------------------------------------------------------------------------------------
data: $(DATA_STAMP)

$(DATA_CHECKED): data/manifest.toml $(RAW_FILES) $(DATA_AGAIN) | $(ENV_STAMP)
	$(TASK) data

$(DATA_STAMP): $(DATA_CHECKED) ;

refresh-data: $(ENV_STAMP)
	$(TASK) refresh-data $(KEYS) $(if $(MIRROR),--mirror "$(MIRROR)")

# -- the figures, the quality tables, the catalogue -----------------------------------------------
figures: $(FIG_STAMP) $(QUALITY_STAMP)

quality: $(QUALITY_STAMP)

$(QUALITY_STAMP): $(PKG_SRC) requirements.txt $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) quality --no-data
	@mkdir -p $(@D) && touch $@

$(FIG_CHECKED): $(NOTEBOOKS) $(PKG_SRC) $(DATA_CSVS) $(FIGURE_LIST) requirements.txt $(DATA_STAMP) \
                $(FIG_AGAIN) | $(ENV_STAMP)
	$(TASK) figure --no-data --jobs $(JOBS)
	@mkdir -p $(@D) && touch $@

$(FIG_STAMP): $(FIG_CHECKED) ;

$(STEMS): $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) figure --no-data $@

# One figure by its stem (or the start of it), with parameters: ARGS="NAME=VALUE ...", each value
# a Python literal or else a string. The shell hands ARGS over as it was typed.
figure: $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) figure --no-data $(STEM) --args "$$ARGS"

values: | $(ENV_STAMP)
	$(TASK) values $(STEM)

catalogue: $(CAT_STAMP)

$(CAT_STAMP): $(FIG_STAMP) $(QUALITY_STAMP) $(NOTEBOOKS) $(wildcard figures/*.json) $(DATA_CSVS) \
              $(CITE_FROM) VERSION $(DATA_STAMP) $(PKG_SRC) $(wildcard docs/limitations.md README.md) \
              | $(ENV_STAMP)
	$(TASK) catalogue
	@mkdir -p $(@D) && touch $@

html: $(CAT_STAMP)
	$(TASK) html

# -- tests and tools ------------------------------------------------------------------------------
test: $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) test --no-data

check: $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) check --no-data

lint: | $(ENV_STAMP)
	$(TASK) lint

unit: $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) unit --no-data

nbval: $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) nbval --no-data

bench: $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) bench --no-data --jobs $(JOBS)

sweep: $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) sweep --no-data --jobs $(JOBS)

lab: $(DATA_STAMP) | $(ENV_STAMP)
	$(TASK) lab --no-data $(LAB_ARGS)

clean:
	rm -rf build
