#!/usr/bin/env bash
# Called by scripts/test.sh with DATABASE_URL set to the throwaway database.
set -euo pipefail
VENV=${VENV:-.venv}
export DJANGO_SECRET_KEY="test-only-secret-key-$(date +%s)-not-for-production"
export DJANGO_DEBUG=0
export DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,testserver"
export DJANGO_STATIC_ROOT="$PORTAL_TMP/static"
export DJANGO_MEDIA_ROOT="$PORTAL_TMP/media"
export DJANGO_PRIVATE_MEDIA_ROOT="$PORTAL_TMP/private-media"
export DJANGO_LOG_FORMAT=plain

"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
# Imports go downward only (the contracts in pyproject.toml; docs/architecture.md draws them).
"$VENV/bin/lint-imports"
"$VENV/bin/python" manage.py makemigrations --check --dry-run
# The production settings as they are, before the test-only relaxations below.
"$VENV/bin/python" manage.py check --deploy --fail-level WARNING
"$VENV/bin/python" manage.py collectstatic --noinput -v 0

# The test client and the browser speak plain HTTP to a local server; the sync Playwright API runs an
# event loop in the test thread, which Django must be told is fine for these tests.
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_ALLOW_ASYNC_UNSAFE=true
# With no arguments, the whole suite with branch coverage, which must stay at or above the floor; a run of
# some tests only (`bash scripts/test.sh -k ...`) skips the measure.
if [ "$#" -eq 0 ]; then
  # Two workers: the machines have two cores.
  "$VENV/bin/python" -m pytest -n 2 --dist loadfile --durations=15 --cov --cov-branch --cov-report=term:skip-covered --cov-fail-under=90
else
  "$VENV/bin/python" -m pytest "$@"
fi
