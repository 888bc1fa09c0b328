#!/usr/bin/env bash
# Data Integrity interop with Digital Bazaar's implementation, both ways, for eddsa-rdfc-2022
# (Ed25519) and ecdsa-rdfc-2019 (P-256, P-384): credgate seals -> @digitalbazaar/vc verifies;
# @digitalbazaar/vc seals -> credgate verifies. A tampered copy must fail on both sides, so the
# test cannot pass by accepting everything. Offline (di-oracle.mjs serves bundled contexts and
# resolves did:key). Exit 77 (skipped) without `npm ci` in tests/oracle.
set -u
tool=$1; src=$2; here=$src/tests/oracle
command -v node >/dev/null && [ -d "$here/node_modules/@digitalbazaar/vc" ] || { echo "oracle not installed: run npm ci in tests/oracle"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
tamper() { node -e 'const fs=require("fs");const d=JSON.parse(fs.readFileSync(process.argv[1]));d.id=(d.id||"urn:x:")+"-tampered";fs.writeFileSync(process.argv[2],JSON.stringify(d))' "$1" "$2"; }
# OB 3.0 credentials through @digitalbazaar/vc (VC model checks included); the EC's EDC sample
# through jsonld-signatures (--proof-only: @digitalbazaar/vc wants VC 1.1's issuanceDate).
inputs="$src/tests/data/ob3-vectors/credential.json $src/tests/data/ob3/fullOpenBadge.json $src/tests/data/edc/Sample-CertOfPart-unsigned.jsonld"
for input in $inputs; do
  base=$(basename "$input"); base=${base%.*}
  mode=""; case "$input" in *.jsonld) mode=--proof-only ;; esac
  for c in "eddsa-rdfc-2022 Ed25519" "ecdsa-rdfc-2019 P-256" "ecdsa-rdfc-2019 P-384"; do
    set -- $c
    cg="$tmp/cg-$base-$1-$2.json"; db="$tmp/db-$base-$1-$2.json"
    if "$tool" sign "$1" "$2" "$input" "$cg"; then
      node "$here/di-oracle.mjs" $mode verify "$cg" || { echo "FAIL: @digitalbazaar rejects credgate's $1 $2 proof"; fail=1; }
      tamper "$cg" "$cg.bad"
      node "$here/di-oracle.mjs" $mode verify "$cg.bad" 2>/dev/null && { echo "FAIL: @digitalbazaar accepts a tampered credgate $1 $2 credential"; fail=1; }
    else
      echo "FAIL: credgate could not seal $input with $1 $2"; fail=1
    fi
    if node "$here/di-oracle.mjs" $mode sign "$1" "$2" "$input" "$db"; then
      "$tool" verify "$db" >/dev/null || { echo "FAIL: credgate rejects @digitalbazaar's $1 $2 proof:"; "$tool" verify "$db"; fail=1; }
      tamper "$db" "$db.bad"
      "$tool" verify "$db.bad" >/dev/null && { echo "FAIL: credgate accepts a tampered @digitalbazaar $1 $2 credential"; fail=1; }
    else
      echo "FAIL: @digitalbazaar could not seal $input with $1 $2"; fail=1
    fi
    [ $fail = 0 ] && echo "ok: $base $1 $2 both ways"
  done
done
exit $fail
