# RB Monitor. `make run`: install, create data/rb.sqlite with the catalogue and demo data, serve.
# `make test`: the whole test suite (SQLite and the local PostgreSQL server).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run install data test lint format bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

data: install
	$(BIN)/python -m etl init
	$(BIN)/python -m etl demo

run: data
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --server.headless true

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m bench
