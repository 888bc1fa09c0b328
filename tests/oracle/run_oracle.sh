#!/usr/bin/env bash
# Converts every sample to EDC and expands the results with jsonld.js in safe mode (an
# independent JSON-LD processor): nothing credgate writes may be dropped. EDC -> EDC keeps the
# source's own members, so those outputs are only required to pass where the source passes.
# Exit 77 (skipped) when the npm packages are not installed (`npm ci` in tests/oracle).
set -u
cg=$1; src=$2; here=$src/tests/oracle
command -v node >/dev/null && [ -d "$here/node_modules/jsonld" ] || { echo "oracle not installed: run npm ci in tests/oracle"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
for f in "$src"/tests/data/ob3/*.json; do
  [ "$(basename "$f")" = endorsement.json ] && continue
  "$cg" convert --to edc "$f" -o "$tmp/$(basename "$f" .json).jsonld" || fail=1
done
node "$here/safe-expand.mjs" "$tmp"/*.jsonld || fail=1
for f in $(find "$src/tests/data/edc" -name '*.json*' | sort); do
  out="$tmp/edc-$(basename "$f").jsonld"
  "$cg" convert --to edc "$f" -o "$out" 2>/dev/null || { fail=1; continue; }
  if node "$here/safe-expand.mjs" "$f" >/dev/null 2>&1; then
    node "$here/safe-expand.mjs" "$out" || fail=1
  else
    echo "source fails safe mode itself, not required of its EDC normalisation: $f"
  fi
done
exit $fail
