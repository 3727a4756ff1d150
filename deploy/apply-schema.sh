#!/usr/bin/env bash
# Applies the PostgreSQL schema: Orleans 10.4.2 clustering, storage and reminders, then the exchange's own
# ledger, audit and idempotency tables (deploy/sql/postgresql/0*.sql, in order).
#
# Usage:
#   PGHOST=127.0.0.1 PGPORT=55432 PGUSER=exchange PGDATABASE=exchange deploy/apply-schema.sh
#   deploy/apply-schema.sh 'postgresql://exchange:exchange@127.0.0.1:55432/exchange'
#   deploy/apply-schema.sh 'Host=127.0.0.1;Port=55432;Database=exchange;Username=exchange;Password=exchange'
#   deploy/apply-schema.sh -h 127.0.0.1 -p 55432 -U exchange exchange
# With no argument the libpq environment (PGHOST, PGPORT, PGUSER, PGDATABASE,
# PGPASSWORD, ...) is used. A single Npgsql-style "Key=Value;..." string is
# converted to a libpq conninfo; anything else is passed to psql unchanged.
# Every script is idempotent, so re-running is safe.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SQL_DIR="$SCRIPT_DIR/sql/postgresql"

find_psql() {
    if command -v psql >/dev/null 2>&1 && psql --version >/dev/null 2>&1; then
        echo psql
        return
    fi
    local candidate
    candidate="$(ls -1d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$candidate" ]]; then
        echo "$candidate"
        return
    fi
    echo "apply-schema.sh: psql not found (install postgresql-client)" >&2
    exit 1
}

# Converts "Host=h;Port=p;Database=d;Username=u;Password=pw" to libpq conninfo.
npgsql_to_conninfo() {
    local input="$1" out="" pair key value
    local IFS=';'
    for pair in $input; do
        [[ -z "${pair// /}" ]] && continue
        key="${pair%%=*}"
        value="${pair#*=}"
        key="$(echo "$key" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
        case "$key" in
            host|server) key=host ;;
            port) key=port ;;
            database|db) key=dbname ;;
            username|user|userid|"user id") key=user ;;
            password|pwd) key=password ;;
            sslmode|"ssl mode") key=sslmode ;;
            *) continue ;;  # pooling/timeouts etc. have no psql meaning
        esac
        value="${value//\\/\\\\}"
        value="${value//\'/\\\'}"
        out+="$key='$value' "
    done
    echo "$out"
}

PSQL="$(find_psql)"
args=("$@")
if [[ $# -eq 1 && "$1" == *=* && "$1" != *://* && "$1" == *";"* ]]; then
    args=("$(npgsql_to_conninfo "$1")")
fi

files=(01-main.sql 02-clustering.sql 03-persistence.sql 04-reminders.sql 05-exchange.sql)
for f in "${files[@]}"; do
    echo "apply-schema.sh: applying $f" >&2
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' -f "$SQL_DIR/$f" "${args[@]}"
done
echo "apply-schema.sh: schema applied" >&2
