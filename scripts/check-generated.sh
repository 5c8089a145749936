#!/usr/bin/env bash
# Regenerates every generated file from specs/ and fails if anything differs
# from what is committed (drift). Run: pnpm check-generated
# Fix: pnpm generate && git add -A packages && git commit
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(packages/*/src)
before="$(git status --porcelain --untracked-files=all -- "${paths[@]}")"
if [ -n "$before" ]; then
  echo "check-generated: the working tree has uncommitted changes under packages/*/src; commit or stash them first:" >&2
  echo "$before" >&2
  exit 1
fi
pnpm exec turbo run generate --force --output-logs=errors-only
after="$(git status --porcelain --untracked-files=all -- "${paths[@]}")"
if [ -n "$after" ]; then
  echo "check-generated: generated files differ from the spec (drift):" >&2
  echo "$after" >&2
  git --no-pager diff --stat -- "${paths[@]}" >&2
  echo "Fix: run \`pnpm generate\` and commit the result." >&2
  exit 1
fi
echo "check-generated: generated files match specs/chime/openapi.yaml"
