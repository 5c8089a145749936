#!/usr/bin/env bash
# Sets up a fresh machine that has only Node 20.19+, npm, Java 17 and Maven:
#   - a pinned pnpm, installed locally under .tools/ (nothing global, no corepack);
#   - the pinned OpenAPI Generator jar, fetched from Maven Central with
#     `mvn dependency:copy` into the npm wrapper's storage (openapitools.json),
#     so the wrapper runs it and downloads nothing;
#   - the workspace's packages (pnpm install --frozen-lockfile);
#   - the official Chime model (botocore, from Debian) in .cache/botocore/
#     (scripts/fetch-model.sh).
# Usage: source scripts/setup.sh   (exports PATH with pnpm on it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

pnpm_version="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if [ ! -x ".tools/node_modules/.bin/pnpm" ] || [ "$(.tools/node_modules/.bin/pnpm --version)" != "$pnpm_version" ]; then
  echo "setup: installing pnpm@$pnpm_version into .tools/"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix .tools "pnpm@$pnpm_version" >/dev/null
fi
export PATH="$root/.tools/node_modules/.bin:$PATH"

gen_version="$(node -p "require('./openapitools.json')['generator-cli'].version")"
storage="$(node -p "require('path').resolve(require('./openapitools.json')['generator-cli'].storageDir)")"
if [ ! -s "$storage/$gen_version.jar" ]; then
  echo "setup: fetching org.openapitools:openapi-generator-cli:$gen_version with Maven"
  tmp="$(mktemp -d)"
  if ! mvn -q -B dependency:copy \
      -Dartifact="org.openapitools:openapi-generator-cli:$gen_version:jar" \
      -DoutputDirectory="$tmp" >/dev/null; then
    echo "setup: Maven could not fetch openapi-generator-cli $gen_version. Check that Maven reaches Maven Central (mvn -v), then rerun: bash scripts/setup.sh" >&2
    exit 1
  fi
  mkdir -p "$storage"
  mv "$tmp/openapi-generator-cli-$gen_version.jar" "$storage/$gen_version.jar"
  rm -rf "$tmp"
fi

pnpm install --frozen-lockfile --reporter=silent

# The official Chime model for spec:import and spec:conformance (git-ignored cache).
bash scripts/fetch-model.sh
