#!/usr/bin/env bash
# One-step setup for a fresh machine with Node 20 and npm: pnpm, Chromium (for the docs browser
# test), redis-server (for the shared-store tests), dependencies, then the main build (lint every spec, generate types, build every package).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 REDOCLY_TELEMETRY=off

PNPM_VERSION=10.34.9
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION (npm install -g)"
  npm install -g "pnpm@$PNPM_VERSION" --no-fund --no-audit
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's chromium for the docs browser test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; the docs browser test needs it (sudo apt-get install chromium)" >&2
  fi
fi

if ! command -v redis-server >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's redis-server for the @specyard/redis tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "setup: redis-server is missing; the @specyard/redis tests need it (sudo apt-get install redis-server)" >&2
  fi
fi

pnpm install --frozen-lockfile
pnpm build
