#!/usr/bin/env bash
# credgate convert --to edci-xml --edci-presentation shared|mandated (docs/cli.md,
# docs/mappings/edci-xml.md "verifiablePresentation"): the presentation validates against the
# set its schemaLocation names, seals with XAdES into vp:proof and verifies; usage errors exit 2
# and write nothing.
# Usage: edci_presentation_cli_test.sh CREDGATE SOURCE_DIR CREDGATE_TEST_PKI
set -u
cg=$1; src=$2; mkpki=$3; data=$src/tests/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
. "$(dirname "$0")/check.sh"
"$mkpki" "$tmp/pki" || { echo "cannot make the test PKI"; exit 1; }
pki=$tmp/pki; k="--key $pki/eseal.key.pem --cert $pki/eseal.chain.pem"
edc=$data/edc/Sample-CertOfPart-unsigned.jsonld; edci=$data/xml/edci/edci_credential_basic.xml

for kind in shared mandated; do
  for input in "$edc" "$edci"; do
    name=$kind-$(basename "$input" | cut -d. -f1)
    "$cg" convert --to edci-xml --edci-presentation $kind -o "$tmp/$name.xml" "$input" 2> /dev/null
    check "$name: convert exits 0" "[ $? -eq 0 ] && [ -s $tmp/$name.xml ]"
    "$cg" validate "$tmp/$name.xml" > "$tmp/$name-val.jsonl"
    check "$name: valid against edci-vp-$kind-1.0" "[ $? -eq 0 ] && [ \"\$(field $tmp/$name-val.jsonl \"['schema']\")\" = edci-vp-$kind-1.0 ]"
  done
done

"$cg" seal --method xades $k -o "$tmp/s.xml" "$tmp/shared-Sample-CertOfPart-unsigned.xml"
check "seal the presentation: exit 0" "[ $? -eq 0 ] && [ -s $tmp/s.xml ]"
check "the ds:Signature is vp:proof's only child" "python3 -c 'import xml.etree.ElementTree as E; r=E.parse(\"$tmp/s.xml\").getroot(); p=r.find(\"{http://data.europa.eu/snb/vp}proof\"); assert [c.tag for c in p]==[\"{http://www.w3.org/2000/09/xmldsig#}Signature\"]; assert len(r.findall(\".//{http://www.w3.org/2000/09/xmldsig#}Signature\"))==1'"
"$cg" validate "$tmp/s.xml" > "$tmp/s-val.jsonl"
check "sealed presentation is schema-valid" "[ $? -eq 0 ] && [ \"\$(field $tmp/s-val.jsonl \"['schema']\")\" = edci-vp-shared-1.0 ]"
"$cg" verify --trust "$pki/trust" "$tmp/s.xml" > "$tmp/v.jsonl"
check "sealed presentation verifies: TOTAL-PASSED, edci-xml, xades" "[ $? -eq 0 ] && [ \"\$(field $tmp/v.jsonl \"['verdict']\")\" = TOTAL-PASSED ] && [ \"\$(field $tmp/v.jsonl \"['format']\")\" = edci-xml ] && [ \"\$(field $tmp/v.jsonl \"['method']\")\" = xades ]"
sed 's/Ana Andromeda/Ann Andromeda/' "$tmp/s.xml" > "$tmp/t.xml"
"$cg" verify --trust "$pki/trust" "$tmp/t.xml" > "$tmp/v2.jsonl"
check "tampered presentation: exit 1, TOTAL-FAILED" "[ $? -eq 1 ] && ! cmp -s $tmp/s.xml $tmp/t.xml && [ \"\$(field $tmp/v2.jsonl \"['verdict']\")\" = TOTAL-FAILED ]"

# A presentation read without --edci-presentation is written as a plain credential; the
# presentation's members are losses.
"$cg" convert --to edci-xml --loss-report "$tmp/l.json" -o "$tmp/plain.xml" "$tmp/s.xml" 2> /dev/null
check "presentation -> plain europassCredential, its members lost" "[ $? -eq 0 ] && python3 -c 'import xml.etree.ElementTree as E, json; assert E.parse(\"$tmp/plain.xml\").getroot().tag==\"{http://data.europa.eu/snb}europassCredential\"; l=[e[\"pointer\"] for e in json.load(open(\"$tmp/l.json\"))]; assert \"/vp:verifiablePresentation/vp:proof\" in l and \"/vp:verifiablePresentation/vp:type\" in l'"

"$cg" convert --to edci-xml --edci-presentation notarised -o "$tmp/bad1.xml" "$edc" 2> "$tmp/e1.txt"
check "unknown --edci-presentation: exit 2, no file" "[ $? -eq 2 ] && [ ! -e $tmp/bad1.xml ] && grep -q notarised $tmp/e1.txt"
"$cg" convert --to ob3 --edci-presentation shared -o "$tmp/bad2.json" "$edc" 2> "$tmp/e2.txt"
check "--edci-presentation with --to ob3: exit 2, no file" "[ $? -eq 2 ] && [ ! -e $tmp/bad2.json ] && grep -q '^credgate: usage.option: ' $tmp/e2.txt"
exit $fail
