# Reproducible notebooks for the figures of "Despite Progress, More Needs to Be Done to
# Address the Crime of Trafficking in Persons" (UN Chronicle, IOM).
#
#   make        create the environment, verify the data, build every stale figure
#   make test   lint, unit tests, nbval over the committed notebooks
#   make help   every target, one line each

SHELL := /bin/bash
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

# make cannot handle a project folder whose path contains a space: say so instead of failing oddly.
ifneq ($(words $(CURDIR)),1)
$(error the project folder path contains a space ("$(CURDIR)"): move or clone it to a path without spaces)
endif

PYTHON      ?= $(shell command -v python3.11 || command -v python3)
VENV        ?= .venv
PY          := $(VENV)/bin/python
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)

NOTEBOOKS   := $(sort $(wildcard notebooks/fig*.ipynb))
STEMS       := $(notdir $(NOTEBOOKS:.ipynb=))
PKG_SRC     := $(sort $(wildcard src/tipfigs/*.py))
DATA_CSVS   := $(wildcard data/*.csv)
ENV_STAMP   := $(VENV)/.installed
DATA_STAMP  := build/data.verified
FIG_STAMP   := build/figures.stamp
CAT_STAMP   := build/catalogue.stamp

.PHONY: all help env data figures catalogue html test lint unit nbval lab clean freeze bench sweep $(STEMS)

all: figures catalogue ## Build everything: environment, verified data, every stale figure, the report and catalogue

help: ## List the targets
	@echo "Usage: make [target] [DATA_MIRROR=dir] [JOBS=n]"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk -F':.*## ' '{printf "  %-34s %s\n", $$1, $$2}'
	@echo
	@echo "One target per figure (builds it if stale):"
	@for s in $(STEMS); do printf "  %-34s %s\n" "$$s" "notebooks/$$s.ipynb -> figures/$$s.{png,svg,csv,claims.json}"; done

env: $(ENV_STAMP) ## Create .venv with the pinned packages and the notebook kernel

$(ENV_STAMP): requirements.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: Python 3.11 not found (set PYTHON=...)" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m ipykernel install --sys-prefix --name tipfigs --display-name "Python (tipfigs)" >/dev/null
	@touch $@

data: $(DATA_STAMP) ## Verify every data file in data/raw/ against its sha256 in data/manifest.toml

$(DATA_STAMP): data/manifest.toml $(ENV_STAMP) $(wildcard data/raw/*/*)
	$(PY) -m tipfigs.fetch

figures: $(FIG_STAMP) ## Run the stale notebooks (in parallel) and write figures/

$(FIG_STAMP): $(NOTEBOOKS) $(PKG_SRC) $(DATA_CSVS) data/manifest.toml requirements.txt $(DATA_STAMP) $(ENV_STAMP)
	$(PY) -m tipfigs.build --jobs $(JOBS)
	@mkdir -p $(@D) && touch $@

catalogue: $(CAT_STAMP) ## Regenerate CLAIMS.md, figures/README.md and CITATION.cff from the claims records

$(CAT_STAMP): $(FIG_STAMP) $(NOTEBOOKS) $(wildcard figures/*.claims.json) VERSION data/article_statements.csv \
               data/manifest.toml $(PKG_SRC)
	$(PY) -m tipfigs.catalogue
	@mkdir -p $(@D) && touch $@

html: $(CAT_STAMP) ## Build the HTML reading edition into build/site/ (from the committed notebooks)
	$(PY) -m tipfigs.site

$(STEMS): $(DATA_STAMP) $(ENV_STAMP)
	$(PY) -m tipfigs.build $@

test: lint unit nbval ## Lint, unit tests and nbval (the README's test command)

lint: $(ENV_STAMP) ## ruff over the package and the tests
	$(PY) -m ruff check src tests

unit: $(ENV_STAMP) $(DATA_STAMP) ## pytest unit and integration tests
	$(PY) -m pytest tests

nbval: $(ENV_STAMP) $(DATA_STAMP) ## Re-execute the committed notebooks and compare their outputs
	TIPFIGS_OUTPUT_DIR=build/nbval-figures $(PY) -m pytest --nbval notebooks \
	  --nbval-kernel-name tipfigs -p no:cacheprovider

bench: $(ENV_STAMP) $(DATA_STAMP) ## Benchmark: cold build vs papermill CLI, no-op make, slowest notebook, memory, sweep
	$(PY) -m tipfigs.bench --jobs $(JOBS)

sweep: $(ENV_STAMP) $(DATA_STAMP) ## Parameter sweep: fig05 for the 20 countries with most CTDC records, into build/sweep/
	$(PY) -m tipfigs.sweep --jobs $(JOBS)

lab: $(ENV_STAMP) $(DATA_STAMP) ## Open JupyterLab on the notebooks with the project's kernel
	$(VENV)/bin/jupyter lab --notebook-dir=. notebooks/

freeze: $(ENV_STAMP) ## Re-pin requirements.txt from the installed environment
	@{ grep '^#' requirements.txt; $(PY) -m pip freeze --all --exclude-editable | \
	  grep -v -E '^(pip|tipfigs)=='; } > requirements.txt.tmp && mv requirements.txt.tmp requirements.txt

clean: ## Remove build state (keeps .venv, the data and the committed figures)
	rm -rf build
