#!/usr/bin/env bash
# Reproduces the embedded default's figures in docs/benchmarks.md: SQLite's own single-row commit rate on this disk
# (WAL, synchronous=FULL, one writer: the file the exchange uses), the ledger store alone, transfers in process and
# through the HTTP API (JWT + Idempotency-Key, the API co-hosting its silo on one SQLite file), the trial balance's
# read latency after those transfers, and an account's activation with a long statement. Loopback only.
#   bash scripts/benchmark-sqlite.sh [concurrency=64] [transfers=30000] [statement-lines=100000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
concurrency="${1:-64}"
transfers="${2:-30000}"
lines="${3:-100000}"
work="$(mktemp -d /tmp/exchange-bench-sqlite.XXXXXX)"
api_pid=""
cleanup() {
  if [[ -n "$api_pid" ]]; then kill "$api_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "disk: $(df -h "$work" | awk 'NR==2{print $1" ("$2", "$5" used)"}'), $(findmnt -no FSTYPE,OPTIONS -T "$work" 2>/dev/null || echo unknown)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build Exchange.sln -c Release -nologo -v quiet >/dev/null
bench=(dotnet Exchange.Benchmarks/bin/Release/net10.0/Exchange.Benchmarks.dll)
quiet() { grep -vE "Watchdog|Participant check thread"; }

# SQLite's ceiling runs before and after the exchange: on a shared machine it moves from one run to the next.
"${bench[@]}" sqlite-commit "$work/commit" 15
"${bench[@]}" store-sqlite "$work/store" "$transfers" "$concurrency" 2>&1 | quiet | grep -E "^ledger|^  CPU"
"${bench[@]}" inproc sqlite "$work/inproc" "$transfers" "$concurrency" 400 2>&1 | quiet | grep -E "^in-process|^  CPU|^  warm-up"

# The API co-hosting its silo on one SQLite file, loaded over loopback, as a new user runs it.
port=5091
(cd Exchange.Api/bin/Release/net10.0 && exec dotnet Exchange.Api.dll --Urls="http://127.0.0.1:$port" \
  --Exchange:Storage=Sqlite --Exchange:DataDirectory="$work/api" --Exchange:ClusterId="bench-$$" \
  --Exchange:SiloPort=21114 --Exchange:GatewayPort=31003 --Logging:LogLevel:Default=Warning) > "$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 60); do
  grep -q "Exchange API listening" "$work/api.log" && break
  sleep 1
done
api_process="$(pgrep -f "^dotnet Exchange.Api.dll --Urls=http://127.0.0.1:$port" || echo "$api_pid")"
EXCHANGE_BENCH_API_PID=$api_process "${bench[@]}" http "http://127.0.0.1:$port" "$transfers" "$concurrency" 400 2>&1 | grep -E "^HTTP|^  CPU|^  warm-up"
echo "SQLite file after the HTTP run: $(du -h "$work/api/exchange.db" | cut -f1) (+ WAL $(du -h "$work/api/exchange.db-wal" 2>/dev/null | cut -f1 || echo 0))"
"${bench[@]}" trial-balance "http://127.0.0.1:$port" 2000 16 2>&1 | grep -E "^trial|^GET"
kill "$api_pid" 2>/dev/null || true
wait "$api_pid" 2>/dev/null || true
api_pid=""

"${bench[@]}" activation sqlite "$work/activation" "$lines" 2>&1 | quiet | grep -E "^account|lines:"
"${bench[@]}" sqlite-commit "$work/commit" 15
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
