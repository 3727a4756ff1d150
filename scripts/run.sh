#!/usr/bin/env bash
# Starts the whole exchange on this machine: the REST API with its co-hosted silo, state in local SQLite files
# (Exchange.Api/data/). `--demo` also loads the demo participants. Any other argument is passed to the API as
# configuration, e.g. --Urls=http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
args=()
for arg in "$@"; do
  if [ "$arg" = "--demo" ]; then args+=("--Exchange:Demo=true"); else args+=("$arg"); fi
done
exec dotnet run --project Exchange.Api -c Release -- "${args[@]}"
