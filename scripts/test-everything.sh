#!/usr/bin/env bash
# The README's second command: sets up a fresh machine (as build-everything
# does, plus Debian's Chromium for the browser test when run as root), then
# runs every gate and every test: the drift check, the build, lint (Biome,
# Redocly, OpenAPI Generator validate, publint, README examples), the spec's
# conformance to the official model (pnpm spec:conformance), typecheck
# and the tests of every package. Ends with `N passed, N failed`.
# Run: bash scripts/test-everything.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test-everything: installing Debian's chromium for the browser test"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test-everything: no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}; install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi
pnpm check-generated
pnpm build
pnpm lint
pnpm spec:conformance
pnpm typecheck
pnpm test
