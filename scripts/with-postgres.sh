#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL 15: data and socket in a temp dir, on 127.0.0.1, started as the
# postgres user, stopped and removed on exit whatever happens. DATABASE_URL points at it for the command.
# Also installs the PostgreSQL server and Debian's chromium with apt-get where they are missing.
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
for tool in ${NEEDS_APT:-}; do
  package=${tool#*:}; binary=${tool%%:*}
  if ! command -v "$binary" >/dev/null 2>&1; then
    echo "$binary not found; installing Debian's $package with apt-get."
    apt_install "$package"
  fi
done

tmp=$(mktemp -d /tmp/portal-pg.XXXXXX)
port=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
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
export PORTAL_TMP="$tmp"
"$@"
