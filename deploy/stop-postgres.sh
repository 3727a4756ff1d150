#!/usr/bin/env bash
# Stops the private PostgreSQL started by deploy/start-postgres.sh.
# Usage: [PGPORT=55432] deploy/stop-postgres.sh [BASE_DIR]   (same defaults as start)
# The data is kept; start-postgres.sh brings it back. Remove BASE_DIR to wipe it.
set -euo pipefail

PGPORT="${PGPORT:-55432}"
BASE_DIR="${1:-${EXCHANGE_PG_DIR:-/tmp/exchange-pg-$PGPORT}}"
DATA_DIR="$BASE_DIR/data"

log() { echo "stop-postgres.sh: $*" >&2; }

if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
    log "no cluster at $DATA_DIR; nothing to stop"
    exit 0
fi
PG_BIN="/usr/lib/postgresql/$(cat "$DATA_DIR/PG_VERSION")/bin"
if [[ ! -x "$PG_BIN/pg_ctl" ]]; then
    log "$PG_BIN/pg_ctl not found; cannot stop"
    exit 1
fi

if [[ "$(id -u)" -eq 0 ]]; then
    as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
    as_pg() { "$@"; }
fi

if as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w -t 60 stop >&2
    log "stopped (port $PGPORT)"
else
    log "not running (port $PGPORT)"
fi
