# One task runner. Every target sets itself up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The sample book is generated for today, so the site looks alive on any day it is built.
SAMPLE := .build/bijou_client_book.xlsx
BOOK ?= $(SAMPLE)
OUT ?= site
SIZES ?= 1000,10000

.PHONY: setup build test lint watch serve bench sample clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

build: $(STAMP)
ifeq ($(BOOK),$(SAMPLE))
	$(BIN)/python sample_books/make_sample_book.py --out $(SAMPLE)
endif
	$(BIN)/ledgersite build "$(BOOK)" --out "$(OUT)"
	@echo "Open $$(cd "$(OUT)" && pwd)/index.html in a browser, or run: make serve"

test: $(STAMP) lint
	$(BIN)/pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts sample_books
	$(BIN)/mypy

watch: $(STAMP)
	$(BIN)/ledgersite watch "$(BOOK)" --out "$(OUT)" --serve

serve: $(STAMP)
	$(BIN)/ledgersite serve "$(OUT)"

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --sizes $(SIZES)

sample: $(STAMP)
	$(BIN)/python sample_books/make_sample_book.py --out sample_books/bijou_client_book.xlsx

clean:
	rm -rf $(VENV) $(OUT) .build .pytest_cache .mypy_cache .ruff_cache
