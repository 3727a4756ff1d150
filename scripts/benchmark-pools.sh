#!/usr/bin/env bash
# Reproduces the securitization pool figures of docs/benchmarks.md (issue 12): the waterfall engine and the holder split
# of one period with 10,000 holders (BenchmarkDotNet, short run), then on an in-process silo with memory storage and then
# with PostgreSQL (a private server on port 55434, a fresh database): one ledger posting to 10,000 investors, a pool's
# distribution date with 200 holders through the pool grain, and unit-trade settlements on one pool and on several.
#   bash scripts/benchmark-pools.sh [investors=10000] [repetitions=5] [concurrency=16] [pools=4] [rounds=3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
investors="${1:-10000}"
repetitions="${2:-5}"
concurrency="${3:-16}"
pools="${4:-4}"
rounds="${5:-3}"
export PGPORT=55434
base="$(PGPORT=$PGPORT bash deploy/start-postgres.sh 2>/dev/null)"
admin=(-h 127.0.0.1 -p "$PGPORT" -U postgres -X -q)
db="exchange_pool_bench"
psql "${admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER exchange"
PGHOST=127.0.0.1 PGUSER=exchange PGPASSWORD=exchange PGDATABASE=$db bash deploy/apply-schema.sh 2>/dev/null
cs="${base/Database=exchange/Database=$db};Maximum Pool Size=64"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build Exchange.Benchmarks -c Release -v q -nologo >/dev/null
bench=Exchange.Benchmarks/bin/Release/net10.0/Exchange.Benchmarks.dll
dotnet "$bench" pool-engine --filter '*PoolEngine*' 2>&1 | sed -n '/^| Method/,/^$/p'
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$bench" pools memory "$investors" "$repetitions" "$concurrency" "$pools" "$rounds" 2>&1 | grep -v -e "^warn" -e "Note:" -e "stopped in stage" -e "Timer should have fired"
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$bench" pools postgres "$cs" "$investors" "$repetitions" "$concurrency" "$pools" "$rounds" 2>&1 | grep -v -e "^warn" -e "Note:" -e "stopped in stage" -e "Timer should have fired"
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
