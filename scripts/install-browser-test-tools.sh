#!/usr/bin/env bash
# What the web console's browser tests need (Exchange.Tests/Console): Debian's Chromium at /usr/bin/chromium,
# installed with apt-get where missing (Playwright launches it by path and downloads no browser), and axe-core,
# pinned in tools/axe/package-lock.json and installed there with npm ci on first use (offline afterwards).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tools="tools/axe"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >&2 && apt-get install -y -qq chromium >&2; }
  fi
  [ -x /usr/bin/chromium ] || { echo "browser tests: Debian's chromium is needed (apt-get install chromium)" >&2; exit 1; }
fi

# Chinese is the console's default language: without a CJK font Chromium draws its characters (and screenshots) as boxes.
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 || { apt-get update -qq >&2 && apt-get install -y -qq fonts-noto-cjk >&2; }
  fi
fi

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq nodejs npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
  fi
  command -v npm >/dev/null 2>&1 || { echo "browser tests: Node.js and npm are needed for axe-core (apt-get install nodejs npm)" >&2; exit 1; }
fi
if [ ! -f "$tools/node_modules/axe-core/axe.min.js" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
  (cd "$tools" && npm ci --loglevel=error) || { echo "browser tests: npm ci in $tools failed" >&2; exit 1; }
fi
