# Two commands do everything on a fresh machine with Python >= 3.10, make and Node.js/npm:
#   make book   build the HTML book   (creates .venv from requirements.txt if missing)
#   make test   run the whole test suite (pytest + strict nbval + book build -W + site tests)
SHELL   := /bin/bash
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))
# MathJax and the Jupyter-widgets scripts, served by the site itself (offline HTML): fetched
# once from the npm registry at the versions pinned in tools/web-assets.json.
ASSETS  := _build/web-assets
ASSETS_STAMP := $(ASSETS)/.complete

.PHONY: book test unit nbval build site execute lint format bench clean help

help:
	@echo "make book     build the book (offline-complete HTML), print the path of index.html"
	@echo "make test     unit tests + doctests + stored-output checks, strict nbval on every"
	@echo "              notebook, book build -W, then the site tests (make site)"
	@echo "make site     test the built site: offline assets, launch/download buttons, and every"
	@echo "              page in headless Chromium (skipped, with a message, if Chromium is missing)"
	@echo "make execute  re-execute every notebook in place in a fresh kernel"
	@echo "make lint     ruff lint and format check"
	@echo "make bench    run the benchmarks in benchmarks/"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

$(ASSETS_STAMP): tools/web-assets.json tools/web_assets.py tools/widgets-setup.js
	$(PYTHON) tools/web_assets.py $(ASSETS)

book: $(STAMP) $(ASSETS_STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book: $(CURDIR)/_build/html/index.html"

# In this order, stopping at the first failure.
test: unit nbval build site

unit: $(STAMP)
	$(BIN)/python -m pytest tests src

nbval: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg $(NOTEBOOKS)

build: $(STAMP) $(ASSETS_STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book: $(CURDIR)/_build/html/index.html"

# The built site: static checks, then every page in a real (headless) browser.
site: $(STAMP) build
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	  || command -v google-chrome >/dev/null || test -n "$${CHROMIUM:-}" \
	  || echo "NOTE: Chromium not found - the real-browser test of the site will be SKIPPED (apt-get install -y chromium)"
	$(BIN)/python -m pytest site_tests

# Refresh the stored outputs after a change: fresh kernel, top to bottom, widget
# state saved, no timing metadata. Commit the result.
execute: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.kernel_name=python3 \
	  --ExecutePreprocessor.record_timing=False \
	  --ExecutePreprocessor.timeout=600 $(NOTEBOOKS)
	$(BIN)/python tools/figure_alt_text.py $(NOTEBOOKS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf _build .pytest_cache
