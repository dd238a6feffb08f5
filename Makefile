# Two commands do everything on a fresh machine with Python >= 3.10 and make:
#   make book   build the HTML book   (creates .venv from requirements.txt if missing)
#   make test   run the whole test suite (pytest + strict nbval + book build -W)
SHELL   := /bin/bash
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))

.PHONY: book test unit nbval build execute lint format bench clean help

help:
	@echo "make book     build the book, print the path of index.html"
	@echo "make test     unit tests + doctests, strict nbval on every notebook, book build -W"
	@echo "make execute  re-execute every notebook in place in a fresh kernel"
	@echo "make lint     ruff lint and format check"
	@echo "make bench    run the benchmarks in benchmarks/"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book: $(CURDIR)/_build/html/index.html"

# In this order, stopping at the first failure.
test: unit nbval build

unit: $(STAMP)
	$(BIN)/python -m pytest tests src

nbval: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg $(NOTEBOOKS)

build: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book: $(CURDIR)/_build/html/index.html"

# Refresh the stored outputs after a change: fresh kernel, top to bottom, widget
# state saved, no timing metadata. Commit the result.
execute: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.kernel_name=python3 \
	  --ExecutePreprocessor.record_timing=False \
	  --ExecutePreprocessor.timeout=600 $(NOTEBOOKS)

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
