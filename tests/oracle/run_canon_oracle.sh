#!/usr/bin/env bash
# credgate's canonical N-Quads (expand, toRdf, RDFC-1.0) against jsonld.js (the reference
# processor) on every EDC sample: byte-identical where jsonld.js succeeds; where it fails (an
# unbundled context, a protected term redefined), credgate must fail too.
# Exit 77 (skipped) when the npm packages are not installed.
set -u
cg=$1; src=$2; here=$src/tests/oracle
command -v node >/dev/null && [ -d "$here/node_modules/jsonld" ] || { echo "oracle not installed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; same=0; both_failed=0
for f in $(find "$src/tests/data/edc" -name '*.json*' | sort); do
  if node "$here/canonize.mjs" "$f" > "$tmp/theirs.nq" 2>/dev/null; then
    if "$cg" jsonld canonize "$f" > "$tmp/ours.nq" 2>"$tmp/err" && cmp -s "$tmp/ours.nq" "$tmp/theirs.nq"; then
      same=$((same + 1))
    else
      echo "DIFFERS: $f"; head -3 "$tmp/err"; diff "$tmp/ours.nq" "$tmp/theirs.nq" | head -5; fail=1
    fi
  else
    if "$cg" jsonld canonize "$f" > /dev/null 2>&1; then
      echo "jsonld.js fails but credgate succeeds: $f"; fail=1
    else
      both_failed=$((both_failed + 1))
    fi
  fi
done
echo "byte-identical: $same; rejected by both: $both_failed"
[ "$same" -gt 0 ] || fail=1
exit $fail
