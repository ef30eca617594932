#!/usr/bin/env bash
# The whole suite against a throwaway PostgreSQL 15 and a throwaway Redis (scripts/with-postgres.sh and
# scripts/with-redis.sh start and stop them): lint, migration and deploy checks, then pytest (unit, API, fuzz,
# browser and multi-server tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEEDS_APT="chromium:chromium msgfmt:gettext xgettext:gettext"
exec bash scripts/with-postgres.sh bash scripts/with-redis.sh bash scripts/test-inner.sh "$@"
