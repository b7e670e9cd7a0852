# Two commands for a new user: `make ask Q="..."` and `make test`. Both create .venv and install
# everything on first use (torch is pinned to the 2.13.0 CPU build in pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: setup ask search test lint bench

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

setup: $(INSTALLED)

ask: $(INSTALLED)
	@$(BIN)/rag ask "$(Q)"

search: $(INSTALLED)
	@$(BIN)/rag search "$(Q)"

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

bench: $(INSTALLED)
	$(BIN)/python bench/retrieval.py
