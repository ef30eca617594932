#!/usr/bin/env bash
# Run a command with a throwaway Redis: Debian's redis-server on a free loopback port, no persistence, its
# files in a temp dir, stopped and removed on exit whatever happens. REDIS_URL points at it for the command.
# Installs redis-server with apt-get where it is missing (like with-postgres.sh does for PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server not found; installing Debian's redis-server with apt-get."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
fi

tmp=$(mktemp -d /tmp/portal-redis.XXXXXX)
port=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# No snapshots, no append-only file: a cache that dies with the run.
redis-server --bind 127.0.0.1 --port "$port" --dir "$tmp" --save "" --appendonly no --daemonize no \
  --logfile "$tmp/redis.log" --protected-mode yes &
pid=$!
for _ in $(seq 1 100); do
  if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$tmp/redis.log" >&2; echo "redis-server did not start." >&2; exit 1; fi
  sleep 0.1
done
redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null
echo "Throwaway Redis on 127.0.0.1:$port"

export REDIS_URL="redis://127.0.0.1:$port/0"
"$@"
