#!/usr/bin/env bash
# credgate seal --method xades / verify on XML (docs/xades.md, ../shared/design/cli.md): exit
# codes, reports, the EC's sealed EDCI samples, ELMO XMLDSig, no output file left on failure.
# Usage: xades_cli_test.sh CREDGATE SOURCE_DIR CREDGATE_TEST_PKI
set -u
cg=$1; src=$2; mkpki=$3; data=$src/tests/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
. "$(dirname "$0")/check.sh"
"$mkpki" "$tmp/pki" || { echo "cannot make the test PKI"; exit 1; }
pki=$tmp/pki; doc=$data/xml/elmo-real/elmo-tomcat-unsigned.xml

"$cg" seal --method xades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" -o "$tmp/s.xml" "$doc"
check "seal xades exits 0" "[ $? -eq 0 ] && [ -s $tmp/s.xml ]"
"$cg" detect "$tmp/s.xml" > "$tmp/d.jsonl"
check "detect says xades/elmo" "grep -q '\"envelope\":\"xades\"' $tmp/d.jsonl && grep -q '\"format\":\"elmo\"' $tmp/d.jsonl"
"$cg" verify --trust "$pki/trust" "$tmp/s.xml" > "$tmp/v.jsonl"
check "verify trusted exits 0, TOTAL-PASSED, method xades" "[ $? -eq 0 ] && [ \"\$(field $tmp/v.jsonl \"['verdict']\")\" = TOTAL-PASSED ] && [ \"\$(field $tmp/v.jsonl \"['method']\")\" = xades ]"
check "report has the contract's members" "python3 -c 'import json; r=json.loads(open(\"$tmp/v.jsonl\").readline()); assert set([\"file\",\"format\",\"method\",\"integrity\",\"verdict\",\"subIndication\",\"signer\",\"signingTime\",\"timestamps\",\"checks\"]) <= set(r)'"
"$cg" verify "$tmp/s.xml" > "$tmp/v2.jsonl"
check "verify without anchors exits 1 (INDETERMINATE)" "[ $? -eq 1 ] && [ \"\$(field $tmp/v2.jsonl \"['verdict']\")\" = INDETERMINATE ]"
sed 's/>Jens</>Jans</' "$tmp/s.xml" > "$tmp/t.xml"
check "tamper changed the file" "! cmp -s $tmp/s.xml $tmp/t.xml"
"$cg" verify --trust "$pki/trust" "$tmp/t.xml" > "$tmp/v3.jsonl"
check "tampered exits 1, TOTAL-FAILED" "[ $? -eq 1 ] && [ \"\$(field $tmp/v3.jsonl \"['verdict']\")\" = TOTAL-FAILED ] && [ \"\$(field $tmp/v3.jsonl \"['integrity']\")\" = False ]"

"$cg" seal --method xades --key "$pki/ec.key.pem" --cert "$pki/ec.chain.pem" -o "$tmp/ec.xml" "$doc"
"$cg" verify --trust "$pki/trust" "$tmp/ec.xml" > /dev/null
check "EC key: seal and verify exit 0" "[ $? -eq 0 ] && grep -q ecdsa-sha256 $tmp/ec.xml"
"$cg" seal --method xades --key "$pki/eseal.p12" --key-password secret -o "$tmp/p12.xml" "$doc"
"$cg" verify --trust "$pki/trust" "$tmp/p12.xml" > /dev/null
check "PKCS#12 key with its chain: exit 0" "[ $? -eq 0 ]"

"$cg" seal --method xades --key "$pki/eseal.key.pem" --cert "$pki/ec.chain.pem" -o "$tmp/bad1.xml" "$doc" 2> "$tmp/e1.txt"
check "certificate of another key: exit 3, no file, error line" "[ $? -eq 3 ] && [ ! -e $tmp/bad1.xml ] && grep -q '^credgate: xades.certificate: ' $tmp/e1.txt"
printf '<a><b></a>' > "$tmp/malformed.xml"
"$cg" seal --method xades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" -o "$tmp/bad2.xml" "$tmp/malformed.xml" 2> "$tmp/e2.txt"
check "malformed XML: exit 3, no file" "[ $? -eq 3 ] && [ ! -e $tmp/bad2.xml ] && grep -q '^credgate: ' $tmp/e2.txt"
"$cg" seal --method xades --key "$pki/ed.key.pem" --cert "$pki/ed.chain.pem" -o "$tmp/bad3.xml" "$doc" 2> "$tmp/e3.txt"
check "Ed25519 key refused: exit 3, no file" "[ $? -eq 3 ] && [ ! -e $tmp/bad3.xml ] && grep -q 'xades.key-type' $tmp/e3.txt"
"$cg" seal --method xades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" -o "$tmp/bad4.xml" "$tmp/s.xml" 2> "$tmp/e4.txt"
check "already signed: exit 3, no file" "[ $? -eq 3 ] && [ ! -e $tmp/bad4.xml ] && grep -q 'xades.already-signed' $tmp/e4.txt"
"$cg" seal --method xades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" --tsa http://127.0.0.1:9/tsa -o "$tmp/bad5.xml" "$doc" 2> "$tmp/e5.txt"
check "unreachable TSA: non-zero, no file" "[ $? -ne 0 ] && [ ! -e $tmp/bad5.xml ] && grep -q 'timestamp' $tmp/e5.txt"

# --level: usage errors (exit 2, nothing written); LT itself is sealed in the unit tests with
# the loopback TSA.
k="--key $pki/eseal.key.pem --cert $pki/eseal.chain.pem"
"$cg" seal --method xades $k --level x -o "$tmp/l1.xml" "$doc" 2> /dev/null
check "--level x: exit 2" "[ $? -eq 2 ] && [ ! -e $tmp/l1.xml ]"
"$cg" seal --method xades $k --level lt --crl "$pki/crl.pem" -o "$tmp/l2.xml" "$doc" 2> "$tmp/el2.txt"
check "--level lt without --tsa: exit 2" "[ $? -eq 2 ] && [ ! -e $tmp/l2.xml ] && grep -q usage.level $tmp/el2.txt"
"$cg" seal --method xades $k --level lt --tsa http://127.0.0.1:9/tsa -o "$tmp/l3.xml" "$doc" 2> /dev/null
check "--level lt without --crl: exit 2" "[ $? -eq 2 ] && [ ! -e $tmp/l3.xml ]"
"$cg" seal --method jades $k --level lt -o "$tmp/l4.json" "$data/edc/Sample-CertOfPart-unsigned.jsonld" 2> /dev/null
check "--level on a JSON method: exit 2" "[ $? -eq 2 ] && [ ! -e $tmp/l4.json ]"

# The EDCI writer's output sealed: convert -> seal -> validate -> verify. The signature goes into
# the document's proof (where the EC's samples have it), so the sealed file is still valid EDCI.
"$cg" convert --to edci-xml -o "$tmp/edci.xml" "$data/edc/Sample-CertOfPart-unsigned.jsonld" 2> /dev/null
check "edc -> edci-xml exits 0" "[ $? -eq 0 ] && grep -q '<proof/>' $tmp/edci.xml"
check_sealed_edci "EDCI output" "$tmp/edci.xml" "$tmp/edci-s.xml" http://data.europa.eu/snb edci-0.10.0
"$cg" convert --to edci-xml --loss-report "$tmp/edci-l.json" -o "$tmp/edci-rt.xml" "$tmp/edci-s.xml" 2> /dev/null
check "sealed EDCI -> edci-xml: the seal is the one loss, the output unsigned again" "[ $? -eq 0 ] && grep -q '<proof/>' $tmp/edci-rt.xml && python3 -c 'import json; l=json.load(open(\"$tmp/edci-l.json\")); assert [e[\"pointer\"] for e in l]==[\"/europassCredential/proof\"]'"

"$cg" verify "$data/xml/edci/edci_credential_basic.xml" > "$tmp/v4.jsonl"
# Without anchors the timestamp's token verifies (tst.imprint) but its TSA is not trusted, so
# it is not valid and proves no time.
check "EC sample: exit 1 without anchors, integrity true, timestamp verified but TSA untrusted" "[ $? -eq 1 ] && [ \"\$(field $tmp/v4.jsonl \"['integrity']\")\" = True ] && [ \"\$(field $tmp/v4.jsonl \"['timestamps'][0]['valid']\")\" = False ] && grep -q '\"id\":\"tst.imprint\",\"passed\":true' $tmp/v4.jsonl && [ \"\$(field $tmp/v4.jsonl \"['format']\")\" = edci-xml ]"
"$cg" verify "$data/xml/elmo/example.xml" > "$tmp/v5.jsonl"
# The published ELMO example was re-indented after signing (docs/xades.md): read as XMLDSig,
# its digest fails.
check "ELMO XMLDSig example: exit 1, method xmldsig, HASH_FAILURE" "[ $? -eq 1 ] && [ \"\$(field $tmp/v5.jsonl \"['method']\")\" = xmldsig ] && [ \"\$(field $tmp/v5.jsonl \"['subIndication']\")\" = HASH_FAILURE ]"
"$cg" verify "$data/xml/elmo-real/stads-elmo2.xml" > "$tmp/v6.jsonl"
check "unsigned XML: exit 1, no seal found" "[ $? -eq 1 ] && [ \"\$(field $tmp/v6.jsonl \"['verdict']\")\" = TOTAL-FAILED ]"

"$cg" seal --method xades --key "$pki/expired.key.pem" --cert "$pki/expired.chain.pem" -o "$tmp/exp.xml" "$doc"
"$cg" verify --trust "$pki/trust" "$tmp/exp.xml" > "$tmp/v7.jsonl"
check "expired signer: exit 1, OUT_OF_BOUNDS_NO_POE" "[ $? -eq 1 ] && [ \"\$(field $tmp/v7.jsonl \"['subIndication']\")\" = OUT_OF_BOUNDS_NO_POE ]"
exit $fail
