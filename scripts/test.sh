#!/usr/bin/env bash
# Runs every test, the PostgreSQL ones included, against a private PostgreSQL this script starts
# (installing the server with apt-get where missing), and the web console's browser tests in Debian's Chromium with
# axe-core (scripts/install-browser-test-tools.sh installs both where missing), then lints the OpenAPI document the tests fetched from the
# API (scripts/lint-openapi.sh; a lint error counts as one failure). Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PGPORT="${EXCHANGE_TEST_PGPORT:-55433}"
if ! EXCHANGE_TEST_PG="$(bash deploy/start-postgres.sh)"; then
  echo "could not start the test PostgreSQL" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
export EXCHANGE_TEST_PG

if ! bash scripts/install-browser-test-tools.sh; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

rm -rf TestResults
mkdir -p TestResults
export EXCHANGE_OPENAPI_DOCUMENT="$PWD/TestResults/openapi.json"
if ! dotnet build Exchange.sln -c Release -nologo -v quiet; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
dotnet test Exchange.Tests -c Release --no-build --nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" \
  --results-directory TestResults
status=$?

lint_failed=0
bash scripts/lint-openapi.sh || lint_failed=1

trx="TestResults/results.trx"
if [ ! -f "$trx" ]; then
  echo "0 passed, 1 failed, 0 skipped"
  exit $(( status == 0 ? 1 : status ))
fi
counters="$(grep -o '<Counters [^>]*>' "$trx")"
count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
passed="$(count passed)"
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) + lint_failed ))
skipped=$(( $(count total) - $(count executed) ))
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$lint_failed" -ne 0 ]; then
  exit 1
fi
exit $status
