#!/usr/bin/env bash
# Production shape on one machine: a local PostgreSQL, two silo processes forming one cluster through PostgreSQL
# membership, and the REST API joining them as an Orleans client. Ctrl+C stops all three.
# On several hosts, run each piece with its JSON file and set Exchange:AdvertisedAddress to the host's address.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

PGPORT=55432 bash "$root/deploy/start-postgres.sh" >/dev/null
dotnet build "$root/Exchange.sln" -c Release -nologo -v quiet

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
for silo in silo-1 silo-2; do
  (cd "$root/Exchange.Silo/bin/Release/net10.0" && exec dotnet Exchange.Silo.dll --config "$here/$silo.json") &
  pids+=($!)
done
(cd "$root/Exchange.Api/bin/Release/net10.0" && exec dotnet Exchange.Api.dll --config "$here/api.json") &
pids+=($!)
wait
