# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links the site writes out in full (emails, calendars, feeds, share links) name the address `make run` serves.
PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
RUN_ENV = DJANGO_DEBUG=1 PORTAL_BASE_URL=$(PORTAL_BASE_URL)

.PHONY: install run test lint format bench migrations-check messages clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# Development server and background worker on an embedded SQLite database with the demo data loaded.
run: install
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py ensure_demo_admin
	@echo ""
	@echo "  The portal:         $(PORTAL_BASE_URL)/"
	@echo "  The admin:          $(PORTAL_BASE_URL)/admin/  (sign-in printed above)"
	@echo "  The partner API:    $(PORTAL_BASE_URL)/api/v1/"
	@echo "  Background worker:  runs beside the server (emails, schedules); Ctrl-C stops both"
	@echo ""
	$(RUN_ENV) $(PY) manage.py devserver $(HOST):$(PORT)

# Whole suite against a throwaway PostgreSQL 15, started and stopped by the script.
test: install
	bash scripts/test.sh

# Throughput and latency at scale for anonymous visitors, members and partners: large data set, gunicorn with
# a shared Redis cache, wrk on loopback (see bench/run.py). BENCH_SCALE=10 grows the data tenfold;
# BENCH_COMPARE=1 runs BENCH_SCALE and ten times it and checks that query counts stay flat;
# BENCH_ONLY="member search" measures only the rows whose audience or path contains one of the words.
BENCH_SCALE ?= 1
bench: install
	NEEDS_APT="wrk:wrk" bash scripts/with-postgres.sh bash scripts/with-redis.sh \
		$(PY) bench/run.py --scale $(BENCH_SCALE) $(if $(BENCH_COMPARE),--compare-scales) \
		$(foreach term,$(BENCH_ONLY),--only $(term))

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: install
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Interface strings: refresh the French and Spanish catalogues, then compile them (docs/translation.md).
messages: install
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l fr -l es --no-location --no-obsolete
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages -l fr -l es --ignore=$(VENV)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
