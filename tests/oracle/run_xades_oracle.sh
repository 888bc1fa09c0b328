#!/usr/bin/env bash
# Interop with npm xadesjs both ways: credgate seals (xades B-B with RSA and EC, B-T and B-LT
# with RSA, on an ELMO document; and the edci-xml writer's output, signed inside its proof) and
# xadesjs verifies; xadesjs signs XAdES-BES with the test PKI's keys and credgate
# verifies to TOTAL-PASSED; a changed byte fails in both. xadesjs checks the XMLDSig core
# (references, SignedProperties digest, SignatureValue) of the B-T/B-LT output: its unsigned
# properties (SignatureTimeStamp, CertificateValues, RevocationValues) are credgate's to check,
# which the same script does with `credgate verify`. Exit 77 (skipped) without `npm ci`.
# Usage: run_xades_oracle.sh CREDGATE SOURCE_DIR CREDGATE_TEST_PKI CREDGATE_TEST_TSA
set -u
cg=$1; src=$2; mkpki=$3; tsatool=$4; here=$src/tests/oracle
command -v node >/dev/null && [ -d "$here/node_modules/xadesjs" ] || { echo "oracle not installed: run npm ci in tests/oracle"; exit 77; }
tmp=$(mktemp -d); tsa_pid=""
trap '[ -n "$tsa_pid" ] && kill "$tsa_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
"$mkpki" "$tmp/pki" || exit 1
pki=$tmp/pki
doc=$src/tests/data/xml/elmo-real/elmo-tomcat-unsigned.xml
for key in eseal ec; do
  "$cg" seal --method xades --key "$pki/$key.key.pem" --cert "$pki/$key.chain.pem" -o "$tmp/cg-$key.xml" "$doc" || { echo "FAIL: credgate seal $key"; fail=1; }
done
# B-T and B-LT against the loopback test TSA; the TSA's certificate joins the anchors.
"$tsatool" "$tmp/tsa.pem" > "$tmp/tsa.url" & tsa_pid=$!
for _ in $(seq 50); do [ -s "$tmp/tsa.url" ] && break; sleep 0.1; done
url=$(head -1 "$tmp/tsa.url")
mkdir -p "$tmp/trust-tsa" && cp "$pki"/trust/* "$tmp/trust-tsa/" && cp "$tmp/tsa.pem" "$tmp/trust-tsa/"
"$cg" seal --method xades --level t --tsa "$url" --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" -o "$tmp/cg-bt.xml" "$doc" || { echo "FAIL: credgate seal B-T"; fail=1; }
"$cg" seal --method xades --level lt --tsa "$url" --crl "$pki/trust" --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" -o "$tmp/cg-lt.xml" "$doc" || { echo "FAIL: credgate seal B-LT"; fail=1; }
kill "$tsa_pid"; wait "$tsa_pid" 2>/dev/null; tsa_pid=""
grep -q "<xades:SignatureTimeStamp" "$tmp/cg-bt.xml" && grep -q "<xades:RevocationValues" "$tmp/cg-lt.xml" \
  || { echo "FAIL: B-T/B-LT output lacks its unsigned properties"; fail=1; }
for level in bt lt; do
  if "$cg" verify --trust "$tmp/trust-tsa" "$tmp/cg-$level.xml" > "$tmp/report-$level.json"; then
    echo "ok: credgate verifies its own $level seal (TOTAL-PASSED)"
  else
    echo "FAIL: credgate verify of its $level seal"; cat "$tmp/report-$level.json"; fail=1
  fi
done
node "$here/xades-interop.mjs" verify "$tmp/cg-eseal.xml" "$tmp/cg-ec.xml" "$tmp/cg-bt.xml" "$tmp/cg-lt.xml" || fail=1
for seal in eseal lt; do
  sed 's/>Jens</>Jans</' "$tmp/cg-$seal.xml" > "$tmp/cg-tampered.xml"
  if node "$here/xades-interop.mjs" verify "$tmp/cg-tampered.xml" > /dev/null; then
    echo "FAIL: xadesjs accepts a tampered credgate $seal seal"; fail=1
  else
    echo "ok: xadesjs rejects a tampered credgate $seal seal"
  fi
done

# The edci-xml writer's output, sealed into its proof (proof/ds:Signature, not the root's child).
"$cg" convert --to edci-xml -o "$tmp/edci.xml" "$src/tests/data/edc/Sample-CertOfPart-unsigned.jsonld" 2> /dev/null &&
  "$cg" seal --method xades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" -o "$tmp/cg-edci.xml" "$tmp/edci.xml" ||
  { echo "FAIL: credgate convert/seal edci-xml"; fail=1; }
node "$here/xades-interop.mjs" verify "$tmp/cg-edci.xml" || fail=1
sed 's/Ana Andromeda/Ann Andromeda/' "$tmp/cg-edci.xml" > "$tmp/cg-edci-tampered.xml"
if node "$here/xades-interop.mjs" verify "$tmp/cg-edci-tampered.xml" > /dev/null; then
  echo "FAIL: xadesjs accepts a tampered sealed EDCI"; fail=1
else
  echo "ok: xadesjs rejects a tampered sealed EDCI"
fi

node "$here/xades-interop.mjs" sign "$tmp/xjs" "$pki" "$doc" || fail=1
for f in "$tmp"/xjs/*.xml; do
  if "$cg" verify --trust "$pki/trust" "$f" > "$tmp/report.json"; then
    echo "ok: credgate verifies $(basename "$f") (TOTAL-PASSED)"
  else
    echo "FAIL: credgate verify $(basename "$f")"; cat "$tmp/report.json"; fail=1
  fi
  sed 's/>Jens</>Jans</' "$f" > "$tmp/tampered.xml"
  "$cg" verify --trust "$pki/trust" "$tmp/tampered.xml" > /dev/null 2>&1
  code=$?
  if [ $code -eq 1 ]; then echo "ok: credgate rejects tampered $(basename "$f")"; else echo "FAIL: tampered $(basename "$f") exit $code"; fail=1; fi
done
exit $fail
