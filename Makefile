# Two commands do everything on a fresh machine with Python >= 3.10 and make (npm is used
# for the pinned web assets if present, plain HTTPS otherwise):
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
# The book's own page scripts and styles (tools/site/): an incremental Sphinx build does not
# copy a changed static file when no page changed, so the build copies them itself.
SITE_FILES := $(wildcard tools/site/*)
# Scripts only the site tests use (axe-core), pinned the same way, never served by the book.
TEST_ASSETS := _build/test-assets
TEST_ASSETS_STAMP := $(TEST_ASSETS)/.complete

.PHONY: book test unit nbval portability build student pdf site execute data lint format bench lab set-repository jupyterhub timings clean help

help:
	@echo "make book     build the book (offline-complete HTML), print the path of index.html"
	@echo "make test     unit tests + doctests + stored-output checks, strict nbval on every"
	@echo "              notebook, book build -W, then the site tests (make site)"
	@echo "make student  the student edition (no solutions) in _build/student/html"
	@echo "make pdf      the whole book as one PDF, _build/pdf/book.pdf"
	@echo "make site     test the built site: offline assets, launch/download buttons, and every"
	@echo "              page in headless Chromium (skipped, with a message, if Chromium is missing)"
	@echo "make portability  strict nbval again under other floating-point settings (OpenBLAS"
	@echo "              kernels, one thread, NumPy SIMD off, numba generic CPU): outputs must not move"
	@echo "make execute  re-execute every notebook in place in a fresh kernel"
	@echo "make data     regenerate the data files the chapters read (scripts/; OUT=dir writes"
	@echo "              elsewhere, QUICK=1 checks the pipeline in seconds)"
	@echo "make lint     ruff lint and format check"
	@echo "make bench    run the benchmarks in benchmarks/"
	@echo "make lab      open the chapters (book/) in JupyterLab"
	@echo "make jupyterhub HUB=https://hub.example.edu"
	@echo "              nbgitpuller links for a course hub, and its launch button (tools/hub.py)"
	@echo "make timings  measure each chapter's run time; rewrite the teachers page's timing table"
	@echo "make set-repository URL=https://github.com/<owner>/<name>"
	@echo "              move the book: rewrite every mention of its repository (tools/repository.py)"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

$(ASSETS_STAMP): tools/web-assets.json tools/web_assets.py tools/widgets-setup.js
	$(PYTHON) tools/web_assets.py $(ASSETS)

$(TEST_ASSETS_STAMP): tools/test-assets.json tools/web_assets.py
	$(PYTHON) tools/web_assets.py $(TEST_ASSETS) --spec tools/test-assets.json

book: build

# In this order, stopping at the first failure.
test: unit nbval build student pdf site

unit: $(STAMP)
	$(BIN)/python -m pytest tests src

# Strict nbval with each chapter run the way a reader outside this repository runs it: the
# notebook alone in an empty folder, the package installed from a wheel, no Jupyter Book and
# no myst_nb importable (tools/standalone.py). A chapter that needs anything else fails here.
STANDALONE := _build/standalone
nbval: $(STAMP)
	$(BIN)/python tools/standalone.py --nbval $(STANDALONE)

# The same check under other floating-point settings (other OpenBLAS kernels, one thread,
# NumPy's SIMD paths off, numba for a generic CPU): stored outputs must not move.
portability: $(STAMP)
	$(BIN)/python tools/portability.py

build: $(STAMP) $(ASSETS_STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@cp $(SITE_FILES) _build/html/_static/
	@echo "The book: $(CURDIR)/_build/html/index.html"

# The student edition: every exercise, no solution (removed, not collapsed), in
# _build/student/html; the instructor edition (make book) is the default.
student: $(STAMP) $(ASSETS_STAMP)
	$(BIN)/python tools/student.py _build/student

# The whole book as one PDF (_build/pdf/book.pdf): a single-page build printed by headless
# Chromium (tools/pdf.py), with a table of contents, bookmarks and working links.
pdf: $(STAMP) $(ASSETS_STAMP)
	$(BIN)/python tools/pdf.py _build/pdf

# The built site: static checks, then every page in a real (headless) browser.
site: $(STAMP) build student pdf $(TEST_ASSETS_STAMP)
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	  || command -v google-chrome >/dev/null || test -n "$${CHROMIUM:-}" \
	  || echo "NOTE: Chromium not found - the real-browser test of the site will be SKIPPED (apt-get install -y chromium)"
	$(BIN)/python -m pytest site_tests

# Regenerate every data file of the book (scripts/*.py; each has --help, --out DIR, --quick).
# `make data` rewrites the package data the chapters read; `make data OUT=dir` writes elsewhere
# (the chapters read it with ISINGNEURON_DATA=dir); `make data QUICK=1` checks the pipeline in
# seconds (into _build/data-quick unless OUT says otherwise).
DATA_SCRIPTS := $(filter-out scripts/_%,$(wildcard scripts/*.py))
data: $(STAMP)
	@for s in $(DATA_SCRIPTS); do \
	  $(BIN)/python $$s $(if $(OUT),--out "$(OUT)") $(if $(QUICK),--quick) || exit 1; done

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

# Read and run the chapters locally, as on Binder.
lab: $(STAMP)
	$(BIN)/jupyter lab book/ $(if $(filter 0,$(shell id -u)),--allow-root)

# Move the book to another GitHub repository (URL reaches the shell through the environment,
# never pasted into the command line): _config.yml (repository.url), CITATION.cff,
# README.md, book/citing.md and every notebook's install cell. Commit the result.
set-repository: $(STAMP)
	@test -n "$$URL" || { echo "usage: make set-repository URL=https://github.com/<owner>/<name>" >&2; exit 2; }
	$(BIN)/python tools/repository.py set "$$URL"

# A course JupyterHub: nbgitpuller links for every chapter, and the hub's launch button.
jupyterhub: $(STAMP)
	@test -n "$$HUB" || { echo "usage: make jupyterhub HUB=https://hub.example.edu" >&2; exit 2; }
	$(BIN)/python tools/hub.py "$$HUB"

# Measure how long each chapter runs (fresh kernel, empty numba cache) and rewrite the timing
# table of the teachers page (tools/timings.py); the table's reading times follow the text.
timings: $(STAMP)
	$(BIN)/python tools/timings.py measure

clean:
	rm -rf _build .pytest_cache
