#!/usr/bin/env bash
# Lints the OpenAPI document that the running API serves (/swagger/v1/swagger.json), as the tests fetched it into
# TestResults/openapi.json (OpenApiConventionsTests writes it there when scripts/test.sh names it), with Spectral and
# the OWASP API Security ruleset: tools/spectral/.spectral.yaml, which names every rule it turns off and why.
# The two npm packages are pinned in tools/spectral/package-lock.json and installed there on first use (npm ci);
# later runs need no network. Prints "OpenAPI lint: N errors, N warnings" and fails on any error.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
document="TestResults/openapi.json" # the path .spectral.yaml's per-operation overrides name
tools="tools/spectral"

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq nodejs npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
  fi
  command -v npm >/dev/null 2>&1 || { echo "OpenAPI lint: Node.js and npm are needed (apt-get install nodejs npm)" >&2; exit 1; }
fi
if [ ! -x "$tools/node_modules/.bin/spectral" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
  (cd "$tools" && npm ci --loglevel=error) || { echo "OpenAPI lint: npm ci in $tools failed" >&2; exit 1; }
fi
if [ ! -s "$document" ]; then
  echo "OpenAPI lint: $document is missing: the test that fetches the document did not run or failed" >&2
  exit 1
fi

"$tools/node_modules/.bin/spectral" lint "$document" --ruleset "$tools/.spectral.yaml" --quiet \
  --format stylish --format json --output.json TestResults/spectral.json >&2
node -e '
  const results = require(process.argv[1]);
  const errors = results.filter(r => r.severity === 0).length, warnings = results.filter(r => r.severity === 1).length;
  console.log(`OpenAPI lint: ${errors} errors, ${warnings} warnings`);
  process.exit(errors === 0 ? 0 : 1);' "$PWD/TestResults/spectral.json"
