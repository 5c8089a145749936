#!/usr/bin/env bash
# Fetches the official Amazon Chime service model (botocore chime/2018-05-01:
# service-2.json and paginators-1.json) into the git-ignored cache
# .cache/botocore/chime/2018-05-01/, from Debian's python3-botocore package:
# `apt-get download` + `dpkg-deb -x` into a temporary directory (nothing is
# installed). Both files are checked against the sha256 pinned below, on every
# run, so a cached copy that changed is caught too. `pnpm spec:import` and
# `pnpm spec:conformance` read the cache. The model is never committed.
# Run: bash scripts/fetch-model.sh   (scripts/setup.sh calls it; fast when cached)
# CHIME_MODEL_CACHE=DIR caches elsewhere (tests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

package="python3-botocore"
version="1.29.27+repack-1"
deb_sha256="72802baa29e20716e3a591b39b03dea0ab24ad9d938f7498a04c365d3803c1b7"
inside="usr/lib/python3/dist-packages/botocore/data/chime/2018-05-01"
cache="${CHIME_MODEL_CACHE:-$root/.cache/botocore/chime/2018-05-01}"
# sha256 of each file, as Debian ships it in $package $version.
pinned=(
  "service-2.json 9becd071be90b5490c9d054a1421ce6f627b9c5eeb0dc149ef9d622192b9bf68"
  "paginators-1.json 794d3bbdc4678cb77ef5198dfda1863df7cdd195e4a4c445603fd76dcc83cb70"
)

cached_ok() {
  for entry in "${pinned[@]}"; do
    set -- $entry
    [ -s "$cache/$1" ] || return 1
    [ "$(sha256sum "$cache/$1" | cut -d' ' -f1)" = "$2" ] || return 1
  done
}

if cached_ok; then exit 0; fi

if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "fetch-model: apt-get and dpkg-deb are needed to fetch the Chime model ($package $version from Debian)." >&2
  echo "  On Debian or Ubuntu: sudo apt-get install -y apt dpkg, then rerun: bash scripts/fetch-model.sh" >&2
  echo "  Elsewhere: download ${package}_${version}_all.deb from https://packages.debian.org/bookworm/$package, extract" >&2
  echo "  $inside/{service-2,paginators-1}.json into $cache/ and rerun (the sha256 is checked)." >&2
  exit 1
fi

echo "fetch-model: fetching $package=$version (Debian) for the Chime model"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
download() { (cd "$work" && apt-get download -q "$package=$version" >/dev/null 2>"$work/apt.log"); }
if ! download; then
  # A fresh container has no package lists yet; root can fetch them.
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null 2>&1 || true; fi
  if ! download; then
    cat "$work/apt.log" >&2
    echo "fetch-model: apt-get could not download $package=$version. Run \`sudo apt-get update\` (the package is in Debian bookworm), then rerun: bash scripts/fetch-model.sh" >&2
    exit 1
  fi
fi
deb="$(ls "$work"/*.deb)"
actual="$(sha256sum "$deb" | cut -d' ' -f1)"
if [ "$actual" != "$deb_sha256" ]; then
  echo "fetch-model: $(basename "$deb") has sha256 $actual, expected $deb_sha256; nothing was cached. Check the apt sources (Debian bookworm) and rerun." >&2
  exit 1
fi
dpkg-deb -x "$deb" "$work/x"
mkdir -p "$cache"
for entry in "${pinned[@]}"; do
  set -- $entry
  cp "$work/x/$inside/$1" "$cache/$1.tmp"
  mv "$cache/$1.tmp" "$cache/$1"
done
if ! cached_ok; then
  echo "fetch-model: the extracted model does not match the pinned sha256 in scripts/fetch-model.sh; nothing usable was cached." >&2
  exit 1
fi
echo "fetch-model: cached the Chime model in .cache/botocore/chime/2018-05-01/"
