# Two commands for a new user: `make ask Q="..."` and `make test`. Both create .venv and install
# everything on first use (torch is pinned to the 2.13.0 CPU build in pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: setup ask search serve test lint bench eval eval-ci

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

setup: $(INSTALLED)

ask: $(INSTALLED)
	@$(BIN)/rag ask "$(Q)"

search: $(INSTALLED)
	@$(BIN)/rag search "$(Q)"

# The chat web page at http://localhost:7860 (Ctrl-C stops it).
serve: $(INSTALLED)
	@$(BIN)/rag serve

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

# The full evaluation with the local model (~20 min on 2 cores); results and report in eval/results/.
eval: $(INSTALLED)
	$(BIN)/rag eval --llm local

# What CI gates on besides the tests: the retrieval-only runs on our two sets and, where the shared
# benchmarks are beside the project, on FinGLM's real annual reports; the local model on a subset.
FINGLM := ../shared/bench/finglm
eval-ci: $(INSTALLED)
	$(BIN)/rag eval --llm none -q
	$(BIN)/rag eval --set eval/annual --llm none -q
	if [ -d $(FINGLM) ]; then $(BIN)/rag eval --set $(FINGLM) --llm none -q; else echo "no $(FINGLM): skipped"; fi
	$(BIN)/rag eval --llm local --limit 30 -q

bench: $(INSTALLED)
	$(BIN)/python bench/retrieval.py
