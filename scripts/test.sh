#!/usr/bin/env bash
# Run the whole suite against a throwaway PostgreSQL 15: data and socket in a temp dir, on 127.0.0.1,
# started as the postgres user, stopped and removed on exit whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL 15 server not found; installing it with apt-get."
  apt_install postgresql-15
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium not found; installing Debian's chromium with apt-get."
  apt_install chromium
fi

tmp=$(mktemp -d /tmp/portal-pg.XXXXXX)
port=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$tmp"; fi

cleanup() {
  run_pg "$PG_BIN/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

run_pg "$PG_BIN/initdb" -D "$tmp/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
run_pg "$PG_BIN/pg_ctl" -D "$tmp/data" -l "$tmp/postgres.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
run_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres portal
echo "Throwaway PostgreSQL 15 on 127.0.0.1:$port"

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/portal"
export DJANGO_SECRET_KEY="test-only-secret-key-$(date +%s)-not-for-production"
export DJANGO_DEBUG=0
export DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,testserver"
export DJANGO_STATIC_ROOT="$tmp/static"
export DJANGO_MEDIA_ROOT="$tmp/media"

"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/python" manage.py makemigrations --check --dry-run
# The production settings as they are, before the test-only relaxations below.
"$VENV/bin/python" manage.py check --deploy --fail-level WARNING
"$VENV/bin/python" manage.py collectstatic --noinput -v 0

# The test client and the browser speak plain HTTP to a local server; the sync Playwright API runs an
# event loop in the test thread, which Django must be told is fine for these tests.
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_ALLOW_ASYNC_UNSAFE=true
"$VENV/bin/python" -m pytest "$@"
