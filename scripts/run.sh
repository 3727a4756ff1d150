#!/usr/bin/env bash
# Starts the whole exchange on this machine: the REST API with its co-hosted silo, all state in one SQLite file
# (Exchange.Api/data/exchange.db). `--demo` also loads the demo data. Any other argument is passed to the API as
# configuration, e.g. --Urls=http://127.0.0.1:8080.
# The script builds, then becomes the server process itself (exec of the built DLL, not `dotnet run`, which would
# start a child): the PID it started with is the server's, so a signal sent to it reaches the server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
args=()
for arg in "$@"; do
  if [ "$arg" = "--demo" ]; then args+=("--Exchange:Demo=true"); else args+=("$arg"); fi
done
dotnet build Exchange.Api -c Release -nologo -v quiet >&2
cd Exchange.Api
exec dotnet bin/Release/net10.0/Exchange.Api.dll "${args[@]}"
