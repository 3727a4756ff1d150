#!/usr/bin/env bash
# Reproduces the pledge portfolio figures of docs/benchmarks.md (issue 11): a bank's portfolio of N registered pledges,
# the daily due-date sweep (every reminder fired; half the loans default) and the portfolio read page by page, on an
# in-process silo with memory storage and then with PostgreSQL (a private server on port 55434, a fresh database).
#   bash scripts/benchmark-pledges.sh [pledges=10000] [concurrency=32]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pledges="${1:-10000}"
concurrency="${2:-32}"
export PGPORT=55434
base="$(PGPORT=$PGPORT bash deploy/start-postgres.sh 2>/dev/null)"
admin=(-h 127.0.0.1 -p "$PGPORT" -U postgres -X -q)
db="exchange_pledge_bench"
psql "${admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER exchange"
PGHOST=127.0.0.1 PGUSER=exchange PGPASSWORD=exchange PGDATABASE=$db bash deploy/apply-schema.sh 2>/dev/null
cs="${base/Database=exchange/Database=$db};Maximum Pool Size=64"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build Exchange.Benchmarks -c Release -v q -nologo >/dev/null
bench=Exchange.Benchmarks/bin/Release/net10.0/Exchange.Benchmarks.dll
dotnet "$bench" pledges memory "$pledges" "$concurrency" 2>&1 | grep -v -e "^warn" -e "Note:" -e "stopped in stage" -e "Timer should have fired"
dotnet "$bench" pledges postgres "$cs" "$pledges" "$concurrency" 2>&1 | grep -v -e "^warn" -e "Note:" -e "stopped in stage" -e "Timer should have fired"
