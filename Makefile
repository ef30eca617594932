# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format bench migrations-check clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# Development server on an embedded SQLite database with the demo data loaded.
run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	DJANGO_DEBUG=1 $(PY) manage.py ensure_demo_admin
	@echo ""
	@echo "  The portal:         http://$(HOST):$(PORT)/"
	@echo "  The admin:          http://$(HOST):$(PORT)/admin/  (sign-in printed above)"
	@echo "  The partner API:    http://$(HOST):$(PORT)/api/v1/"
	@echo ""
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Whole suite against a throwaway PostgreSQL 15, started and stopped by the script.
test: install
	bash scripts/test.sh

# Throughput and latency at scale: large data set, gunicorn, wrk on loopback (see bench/run.py).
bench: install
	NEEDS_APT="wrk:wrk" bash scripts/with-postgres.sh $(PY) bench/run.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: install
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
