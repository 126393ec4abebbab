# SECURE task runner. `make demo` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/secure
CHROMIUM := /usr/bin/chromium
STAMP_PY := $(VENV)/.installed
STAMP_NODE := node_modules/.installed
CSS := src/secure/static_build/secure/css/secure.css
PO := $(wildcard src/secure/locale/*/LC_MESSAGES/django.po src/secure/*/locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
PY_PATHS := src tests $(wildcard bench)

.PHONY: help install demo serve test test-sqlite test-postgres lint format bench chromium messages clean

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

install: $(STAMP_PY) $(CSS) $(MO) ## Install Python and front-end dependencies into .venv/ and node_modules/, build assets

$(STAMP_PY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(STAMP_NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): $(STAMP_NODE) assets/styles.scss $(wildcard assets/*.js) scripts/build-assets.sh
	bash scripts/build-assets.sh

%.mo: %.po
	msgfmt --check -o $@ $<

messages: $(STAMP_PY) ## Refresh the translation catalogues from the code and templates
	bash scripts/messages.sh

demo: install ## Serve the app with demo data at http://127.0.0.1:8000 (SQLite under var/)
	$(BIN)/secure demo

serve: install ## Serve the app (no demo data)
	$(BIN)/secure migrate --noinput && $(BIN)/secure serve

chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: test-sqlite test-postgres ## Run the whole suite on SQLite, then on PostgreSQL

test-sqlite: install chromium
	$(BIN)/pytest -q -n 2

test-postgres: install chromium
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n 2

lint: install ## ruff, djLint, mypy, and a check that no migration is missing
	$(BIN)/ruff check $(PY_PATHS)
	$(BIN)/ruff format --check $(PY_PATHS)
	$(BIN)/djlint src/secure --lint
	$(BIN)/mypy
	$(BIN)/secure makemigrations --check --dry-run

format: $(STAMP_PY) ## Format Python code
	$(BIN)/ruff format $(PY_PATHS)
	$(BIN)/ruff check --fix $(PY_PATHS)

bench: install ## Benchmarks, each printing its ratio against a baseline measured in the same run
	@set -e; shopt -s nullglob; for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script; done

clean: ## Remove the virtual environment, node_modules, built assets and local data
	rm -rf $(VENV) node_modules src/secure/static_build var
