#!/usr/bin/env bash
# The README's first command: sets up a fresh machine (pinned pnpm, the
# OpenAPI Generator jar via Maven, packages), then regenerates every package
# from specs/chime/openapi.yaml and builds them all.
# Run: bash scripts/build-everything.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
pnpm generate
pnpm build
echo "build-everything: generated and built every package."
