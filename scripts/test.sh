#!/usr/bin/env bash
# The whole suite against a throwaway PostgreSQL 15 (scripts/with-postgres.sh starts and stops it):
# lint, migration and deploy checks, then pytest (unit, API, fuzz and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEEDS_APT="chromium:chromium msgfmt:gettext xgettext:gettext"
exec bash scripts/with-postgres.sh bash scripts/test-inner.sh "$@"
