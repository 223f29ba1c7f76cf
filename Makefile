# Apex Zone. `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Local development defaults (production sets its own env: see README "Production").
export DEBUG ?= true

.PHONY: run test lint typecheck bench install migrate demo static clean docs prod-check

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py loaddemo

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	@mkdir -p var
	$(PY) -m pytest

# The production path end to end (DEBUG off, collectstatic, gunicorn, Celery with REDIS_URL):
# see .ci/prod-check. Uses DATABASE_URL (a scratch database) or a temporary SQLite.
prod-check: install
	bash .ci/prod-check

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy scheduling/engine

# docs/rules.md is generated from the engine's rulebook (a test fails when it is stale).
docs: install
	$(PY) -m scheduling.engine.rulebook > docs/rules.md

# The benchmarks use their own database (the synthetic population stays for the next run).
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench.sqlite3
BENCH_ATHLETES ?= 2000
API_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/apexzone_bench_api

bench: install
	@mkdir -p var
	$(PY) -m scheduling.bench.engine
	$(PY) -m training.imports.bench
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_import
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_nightly --athletes $(BENCH_ATHLETES)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_load
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='apexzone_bench_api'" | grep -q 1 \
	    || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE apexzone_bench_api"; \
	  DATABASE_URL=$(API_BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0 && \
	  DATABASE_URL=$(API_BENCH_DATABASE_URL) $(PY) manage.py bench_api; \
	else echo "api: skipped (needs PostgreSQL on 127.0.0.1:5432)"; fi

clean:
	rm -rf $(VENV) var staticfiles
