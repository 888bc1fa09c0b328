#!/usr/bin/env bash
# Data Integrity interop with Digital Bazaar's implementation, both ways, for eddsa-rdfc-2022
# (Ed25519) and ecdsa-rdfc-2019 (P-256, P-384), through the CLI: `credgate seal --method di-*`
# -> @digitalbazaar/vc verifies; @digitalbazaar/vc seals -> `credgate verify --trust-did
# ISSUER` must answer TOTAL-PASSED (exit 0). A tampered copy must fail on both sides, so the
# test cannot pass by accepting everything. Offline (di-oracle.mjs serves bundled contexts and
# resolves did:key). Exit 77 (skipped) without `npm ci` in tests/oracle.
set -u
cli=$1; src=$2; here=$src/tests/oracle
command -v node >/dev/null && [ -d "$here/node_modules/@digitalbazaar/vc" ] || { echo "oracle not installed: run npm ci in tests/oracle"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
tamper() { node -e 'const fs=require("fs");const d=JSON.parse(fs.readFileSync(process.argv[1]));d.id=(d.id||"urn:x:")+"-tampered";fs.writeFileSync(process.argv[2],JSON.stringify(d))' "$1" "$2"; }
# The issuer's id of a credential.
issuer_of() { node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1]));const i=d.issuer;console.log(typeof i==="string"?i:i.id)' "$1"; }
# A copy of IN whose issuer is the DID of the verificationMethod of SEALED's proof.
reissue() { node -e 'const fs=require("fs");const s=JSON.parse(fs.readFileSync(process.argv[2]));const did=s.proof.verificationMethod.split("#")[0];const d=JSON.parse(fs.readFileSync(process.argv[1]));if(d.issuer&&typeof d.issuer==="object")d.issuer.id=did;else d.issuer=did;fs.writeFileSync(process.argv[3],JSON.stringify(d))' "$1" "$2" "$3"; }
keygen() { # CURVE OUT.pem
  case "$1" in
    Ed25519) openssl genpkey -algorithm ED25519 -out "$2" ;;
    *) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$1" -out "$2" ;;
  esac 2>/dev/null
}
# credgate seals IN with a fresh key whose did:key it makes the issuer (seal, read the did:key
# off the proof, put it in the issuer, seal again).
cg_seal() { # SUITE CURVE IN OUT
  keygen "$2" "$tmp/key.pem" &&
    "$cli" seal --method "di-$1" --key "$tmp/key.pem" "$3" -o "$tmp/first.json" &&
    reissue "$3" "$tmp/first.json" "$tmp/issued.json" &&
    "$cli" seal --method "di-$1" --key "$tmp/key.pem" "$tmp/issued.json" -o "$4"
}
# OB 3.0 credentials through @digitalbazaar/vc (VC model checks included); the EC's EDC sample
# through jsonld-signatures (--proof-only: @digitalbazaar/vc wants VC 1.1's issuanceDate).
inputs="$src/tests/data/ob3-vectors/credential.json $src/tests/data/ob3/fullOpenBadge.json $src/tests/data/edc/Sample-CertOfPart-unsigned.jsonld"
for input in $inputs; do
  base=$(basename "$input"); base=${base%.*}
  mode=""; case "$input" in *.jsonld) mode=--proof-only ;; esac
  for c in "eddsa-rdfc-2022 Ed25519" "ecdsa-rdfc-2019 P-256" "ecdsa-rdfc-2019 P-384"; do
    set -- $c
    cg="$tmp/cg-$base-$1-$2.json"; db="$tmp/db-$base-$1-$2.json"
    if cg_seal "$1" "$2" "$input" "$cg"; then
      node "$here/di-oracle.mjs" $mode verify "$cg" || { echo "FAIL: @digitalbazaar rejects credgate's $1 $2 proof"; fail=1; }
      tamper "$cg" "$cg.bad"
      node "$here/di-oracle.mjs" $mode verify "$cg.bad" 2>/dev/null && { echo "FAIL: @digitalbazaar accepts a tampered credgate $1 $2 credential"; fail=1; }
    else
      echo "FAIL: credgate could not seal $input with $1 $2"; fail=1
    fi
    if node "$here/di-oracle.mjs" $mode sign "$1" "$2" "$input" "$db"; then
      issuer=$(issuer_of "$db")
      "$cli" verify --trust-did "$issuer" "$db" >/dev/null || { echo "FAIL: credgate rejects @digitalbazaar's $1 $2 proof:"; "$cli" verify --trust-did "$issuer" "$db"; fail=1; }
      tamper "$db" "$db.bad"
      "$cli" verify --trust-did "$issuer" "$db.bad" >/dev/null 2>&1 && { echo "FAIL: credgate accepts a tampered @digitalbazaar $1 $2 credential"; fail=1; }
    else
      echo "FAIL: @digitalbazaar could not seal $input with $1 $2"; fail=1
    fi
    [ $fail = 0 ] && echo "ok: $base $1 $2 both ways"
  done
done
exit $fail
