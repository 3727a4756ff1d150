#!/usr/bin/env bash
# Starts a private PostgreSQL for development and tests, creates the `exchange`
# database/role, applies the Orleans schema and prints the Npgsql connection
# string on its last line (the only line on stdout; progress goes to stderr):
#
#   CS="$(deploy/start-postgres.sh)"
#
# Usage: [PGPORT=55432] deploy/start-postgres.sh [BASE_DIR]
#   BASE_DIR (or env EXCHANGE_PG_DIR), default /tmp/exchange-pg-$PGPORT, is made
#   world-traversable and holds: data/ (the cluster, owned by postgres),
#   the unix socket, and postgres.log.
# Re-running while it is up just re-applies the schema and prints the string.
# Stop it with deploy/stop-postgres.sh (same PGPORT / BASE_DIR).
# Works as root (server runs as user postgres) or as an ordinary user.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PGPORT="${PGPORT:-55432}"
BASE_DIR="${1:-${EXCHANGE_PG_DIR:-/tmp/exchange-pg-$PGPORT}}"
DATA_DIR="$BASE_DIR/data"
LOG_FILE="$BASE_DIR/postgres.log"
DB_NAME=exchange
DB_USER=exchange
DB_PASSWORD=exchange

log() { echo "start-postgres.sh: $*" >&2; }

# Newest /usr/lib/postgresql/<major>/bin that has initdb; empty if none.
find_bin_dir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        if [[ -x "$d/initdb" ]]; then echo "$d"; fi
    done | sort -V | tail -n 1
}

PG_BIN="$(find_bin_dir)"
if [[ -z "$PG_BIN" ]]; then
    log "PostgreSQL server binaries not found; installing postgresql + postgresql-contrib"
    if [[ "$(id -u)" -ne 0 ]]; then
        log "must run as root to install packages"
        exit 1
    fi
    # Do not let the Debian package create and start its own cluster on 5432.
    if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
        mkdir -p /etc/postgresql-common
        echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql postgresql-contrib >&2
    PG_BIN="$(find_bin_dir)"
    [[ -n "$PG_BIN" ]] || { log "installation did not provide initdb"; exit 1; }
fi

# An existing cluster must be run by the major version that created it.
if [[ -f "$DATA_DIR/PG_VERSION" && -x "/usr/lib/postgresql/$(cat "$DATA_DIR/PG_VERSION")/bin/pg_ctl" ]]; then
    PG_BIN="/usr/lib/postgresql/$(cat "$DATA_DIR/PG_VERSION")/bin"
fi

# Run server-side tools as `postgres` when we are root (PostgreSQL refuses root).
if [[ "$(id -u)" -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    # cd /: the server user may not be able to read the caller's cwd (e.g. /root).
    as_pg() { (cd / && runuser -u postgres -- "$@"); }
    PG_OWNER=postgres
else
    as_pg() { "$@"; }
    PG_OWNER="$(id -un)"
fi

# Every parent of the data dir must be traversable by the server user.
mkdir -p "$BASE_DIR"
chmod 0777 "$BASE_DIR"
if [[ ! -d "$DATA_DIR" ]]; then
    mkdir -p "$DATA_DIR"
fi
if [[ "$(id -u)" -eq 0 ]]; then
    chown "$PG_OWNER" "$DATA_DIR"
fi
chmod 0700 "$DATA_DIR"

if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
    log "initialising cluster in $DATA_DIR"
    as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=trust >&2
fi

if as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
    log "already running (port $PGPORT, data $DATA_DIR)"
else
    log "starting on 127.0.0.1:$PGPORT"
    # fsync/synchronous_commit stay ON: durability in tests must be real.
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 120 start -o \
        "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$BASE_DIR -c max_connections=200 -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on -c full_page_writes=on" >&2 \
        || { log "failed to start; last log lines:"; tail -n 30 "$LOG_FILE" >&2 || true; exit 1; }
fi

for _ in $(seq 1 120); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -U postgres; then
        break
    fi
    sleep 0.5
done
"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -U postgres \
    || { log "server not ready on 127.0.0.1:$PGPORT"; exit 1; }

psql_admin() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres "$@"
}

# Role and database, idempotently (advisory lock guards concurrent starts).
psql_admin >&2 <<SQL
DO \$\$ BEGIN PERFORM pg_advisory_lock(7345120002); END \$\$;
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
        CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
    ELSE
        ALTER ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
    END IF;
END
\$\$;
SELECT format('CREATE DATABASE %I OWNER %I', '$DB_NAME', '$DB_USER')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \gexec
DO \$\$ BEGIN PERFORM pg_advisory_unlock(7345120002); END \$\$;
SQL

PGHOST=127.0.0.1 PGPORT="$PGPORT" PGUSER="$DB_USER" PGPASSWORD="$DB_PASSWORD" PGDATABASE="$DB_NAME" \
    "$SCRIPT_DIR/apply-schema.sh" >&2

echo "Host=127.0.0.1;Port=$PGPORT;Database=$DB_NAME;Username=$DB_USER;Password=$DB_PASSWORD"
