# Two commands matter: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SERVICES := $(BIN)/python scripts/services.py
# Every recipe line that talks to PostgreSQL or Redis starts the embedded ones first
# (only where DATABASE_URL / REDIS_URL are not set) and takes their URLs and PORTAL_PORT.
# Captured before the eval, so that a services error stops the recipe with its one line.
WITH_SERVICES = out=$$($(SERVICES) up) && eval "$$out" &&

.PHONY: help run test lint typecheck bench services services-down migrate seed messages clean
.PHONY: chromium

# manage.py and Celery no longer pick settings themselves; honcho's processes inherit these.
run migrate seed messages: export DJANGO_SETTINGS_MODULE := config.settings.local
test: export DJANGO_SETTINGS_MODULE := config.settings.test

help:
	@echo "make run    - install, start PostgreSQL/Redis if needed, migrate, seed, serve"
	@echo "make test   - lint, type-check, migration check and the whole test suite"
	@echo "make bench  - run every benchmark in bench/ and write bench/results/*.json"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (set PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

services: $(VENV)/.installed
	@$(SERVICES) up >/dev/null

services-down: $(VENV)/.installed
	@$(SERVICES) down

migrate: $(VENV)/.installed
	$(WITH_SERVICES) $(BIN)/python manage.py migrate_portal

seed: migrate
	$(WITH_SERVICES) $(BIN)/python manage.py seed_demo

run: seed
	@trap '$(SERVICES) down' EXIT; \
		$(WITH_SERVICES) $(BIN)/python scripts/banner.py && \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(WITH_SERVICES) $(BIN)/mypy .

# Installs Debian's chromium where it can (root or passwordless sudo), else says what to do.
chromium: $(BIN)/python
	@$(BIN)/python scripts/find_chromium.py --install >/dev/null

# pytest runs on every core (pytest-xdist, `-n auto` in pyproject.toml); PYTEST_ARGS="-n 0" runs
# it in one process, PYTEST_ARGS="tests/pledges" runs one folder.
PYTEST_ARGS ?=

test: $(VENV)/.installed-dev chromium lint typecheck
	$(WITH_SERVICES) $(BIN)/python manage.py makemigrations --check --dry-run
	$(WITH_SERVICES) CHROMIUM_PATH="$$($(BIN)/python scripts/find_chromium.py)" $(BIN)/pytest $(PYTEST_ARGS)

BENCHES := $(filter-out common __init__,$(basename $(notdir $(wildcard bench/*.py))))

bench: $(VENV)/.installed-dev
	@$(if $(BENCHES),$(MAKE) --no-print-directory $(addprefix bench-,$(BENCHES)),echo "no benchmarks yet")

bench-%: $(VENV)/.installed-dev migrate
	$(WITH_SERVICES) DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python bench/$*.py

messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages -l fr -l es --ignore=".venv/*" --ignore=".data/*"
	$(BIN)/python manage.py compilemessages --ignore=".venv/*"

clean: services-down
	rm -rf .data

# --- Dependency audit and fuzzing (see docs/audit-exceptions.md) ------------------------------
# The advisory ids accepted in docs/audit-exceptions.md: the first column of its table.
AUDIT_IGNORES := $(shell awk -F'|' '$$2 ~ /^ *(PYSEC|GHSA|CVE|OSV)-/ { gsub(/ /, "", $$2); print "--ignore-vuln", $$2 }' docs/audit-exceptions.md)

.PHONY: audit fuzz

# Needs the advisory service (PyPI's JSON API; AUDIT_FLAGS="-s osv" asks OSV instead), so it
# is not part of `make test`.
AUDIT_FLAGS ?=
audit: $(VENV)/.installed-dev
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off $(AUDIT_FLAGS) $(AUDIT_IGNORES)

# The form fuzzer with many more examples than `make test` gives it (HYPOTHESIS_PROFILE=fuzz).
fuzz: $(VENV)/.installed-dev
	$(WITH_SERVICES) HYPOTHESIS_PROFILE=fuzz DJANGO_SETTINGS_MODULE=config.settings.test \
		$(BIN)/pytest tests/security/test_fuzz_forms.py -x -n 0
