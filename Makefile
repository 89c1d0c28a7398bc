# One entry point for people and CI: `make demo`, `make test`, `make bench`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	@echo "== tracker show: the outline of the newest seed letter"
	$(BIN)/tracker show letters/oekraine-steun/2026-02-27-leveringen-militaire-goederen.txt

lint: venv
	$(BIN)/ruff check tracker tests
	$(BIN)/ruff format --check tracker tests
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
