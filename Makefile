# RB Monitor. `make run`: install, create data/rb.sqlite with the catalogue and demo data, serve.
# `make test`: the whole test suite (SQLite and the local PostgreSQL server), with the
# development requirements (requirements-dev.txt: the runtime plus the test tools).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run install install-dev data test lint format bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The runtime only (what the app and the command line need); the test tools come with dev.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# axe-core, the accessibility checker the browser tests inject into every page
# (tests/e2e/test_accessibility.py): npm installs exactly what package-lock.json names.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install-dev: install $(VENV)/.installed-dev node_modules/.installed

data: install
	$(BIN)/python -m etl init
	$(BIN)/python -m etl demo

# browser.serverAddress: the one address to open is printed, and Streamlit does not look up
# an external IP (offline it printed "Did not auto detect external IP", which read as an error).
run: data
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --server.headless true \
		--browser.serverAddress localhost

test: install-dev
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev
	$(BIN)/python -m bench
