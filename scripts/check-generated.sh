#!/usr/bin/env bash
# Fails when the generated files on disk differ from what `pnpm generate` would
# write from specs/ (drift). Works on a dirty tree: it records the tree it
# found (tracked and untracked files under packages/*/src, in a throwaway git
# index), generates, compares, and puts every file back as it found it, so a
# rerun gives the same answer and nothing regenerated is left behind.
# Run: pnpm check-generated      Fix: pnpm generate (then commit the result)
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(packages/*/src)
index="$(mktemp)"
trap 'rm -f "$index"' EXIT
snapshot() { rm -f "$index"; GIT_INDEX_FILE="$index" git add -A -- "${paths[@]}" && GIT_INDEX_FILE="$index" git write-tree; }
found="$(snapshot)"
restore() {
  git diff --name-only --no-renames --diff-filter=A "$found" "$1" -- "${paths[@]}" | xargs -r rm -f --
  git diff --name-only --no-renames --diff-filter=MDT "$found" "$1" -- "${paths[@]}" |
    xargs -r git restore --source="$found" --worktree --
  find "${paths[@]}" -type d -empty -delete
}
status=0
# CHIME_NO_CACHE: every generator runs for real (the SDK's Java too), so no cache entry can hide drift
CHIME_NO_CACHE=1 pnpm generate || status=$?
generated="$(snapshot)"
[ "$found" = "$generated" ] || restore "$generated"
if [ "$status" != 0 ]; then
  echo "check-generated: \`pnpm generate\` failed (see above); the tree is as it was." >&2
  exit "$status"
fi
if [ "$found" != "$generated" ]; then
  echo "check-generated: generated files differ from what \`pnpm generate\` writes from the spec (drift):" >&2
  git --no-pager diff --stat --no-renames "$found" "$generated" -- "${paths[@]}" >&2
  echo "check-generated: the tree is as it was. Fix: run \`pnpm generate\` and commit the result." >&2
  exit 1
fi
echo "check-generated: generated files match specs/chime/openapi.yaml"
