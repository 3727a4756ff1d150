#!/usr/bin/env bash
# Patent navigation benchmark (docs/benchmarks.md): heap per activated patent grain, then 100,000 patents and
# 20,000 open listings loaded through the grains into a fresh PostgreSQL database, and GET /api/listings under a
# closed-loop load on loopback.
#   bash scripts/benchmark-navigation.sh [patents=100000] [listings=20000] [requests=20000] [concurrency=16]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
patents="${1:-100000}"; listings="${2:-20000}"; requests="${3:-20000}"; concurrency="${4:-16}"
export PGPORT=55434
base="$(PGPORT=$PGPORT bash deploy/start-postgres.sh 2>/dev/null)"
db="exchange_nav"
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER exchange"
PGHOST=127.0.0.1 PGUSER=exchange PGPASSWORD=exchange PGDATABASE=$db bash deploy/apply-schema.sh 2>/dev/null
cs="${base/Database=exchange/Database=$db};Maximum Pool Size=64"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

dotnet build Exchange.sln -c Release -nologo -v quiet >/dev/null
bench=(dotnet Exchange.Benchmarks/bin/Release/net10.0/Exchange.Benchmarks.dll)
"${bench[@]}" patent-heap 20000 2>&1 | grep -E "^patent grains"

port=5091; cluster="nav-$$"
(cd Exchange.Api/bin/Release/net10.0 && exec dotnet Exchange.Api.dll --Urls="http://127.0.0.1:$port" \
  --Exchange:Storage=PostgreSql --Exchange:PostgreSql="$cs" --Exchange:ClusterId="$cluster" --Exchange:ServiceId="$cluster" \
  --Exchange:SiloPort=21114 --Exchange:GatewayPort=31003 --Logging:LogLevel:Default=Warning) > /tmp/exchange-nav-api.log 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  grep -q "Exchange API listening" /tmp/exchange-nav-api.log && break
  sleep 1
done
"${bench[@]}" nav-seed "$cs" "$cluster" "$patents" "$listings" 2>&1 | grep -E "registered|listed"
psql -h 127.0.0.1 -p "$PGPORT" -U exchange -d $db -X -Atc "SELECT 'listing index rows: ' || count(*) || ' (' || count(*) FILTER (WHERE status = 0) || ' open)' FROM exchange_listing_index"
"${bench[@]}" nav-load "http://127.0.0.1:$port" "$requests" "$concurrency" 2>&1 | grep -E "^HTTP|listings per response"
