#!/usr/bin/env bash
# Interop with npm xadesjs both ways: credgate seals (xades, RSA and EC; an ELMO document and
# the edci-xml writer's output, signed inside its proof) and xadesjs verifies;
# xadesjs signs XAdES-BES with the test PKI's keys and credgate verifies to TOTAL-PASSED; a
# changed byte fails in both. Exit 77 (skipped) without `npm ci` in tests/oracle.
# Usage: run_xades_oracle.sh CREDGATE SOURCE_DIR CREDGATE_TEST_PKI
set -u
cg=$1; src=$2; mkpki=$3; here=$src/tests/oracle
command -v node >/dev/null && [ -d "$here/node_modules/xadesjs" ] || { echo "oracle not installed: run npm ci in tests/oracle"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
"$mkpki" "$tmp/pki" || exit 1
pki=$tmp/pki
doc=$src/tests/data/xml/elmo-real/elmo-tomcat-unsigned.xml
for key in eseal ec; do
  "$cg" seal --method xades --key "$pki/$key.key.pem" --cert "$pki/$key.chain.pem" -o "$tmp/cg-$key.xml" "$doc" || { echo "FAIL: credgate seal $key"; fail=1; }
done
node "$here/xades-interop.mjs" verify "$tmp/cg-eseal.xml" "$tmp/cg-ec.xml" || fail=1
sed 's/>Jens</>Jans</' "$tmp/cg-eseal.xml" > "$tmp/cg-tampered.xml"
if node "$here/xades-interop.mjs" verify "$tmp/cg-tampered.xml" > /dev/null; then
  echo "FAIL: xadesjs accepts a tampered credgate seal"; fail=1
else
  echo "ok: xadesjs rejects a tampered credgate seal"
fi

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
