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

check_sealed_edci "presentation" "$tmp/shared-Sample-CertOfPart-unsigned.xml" "$tmp/s.xml" http://data.europa.eu/snb/vp edci-vp-shared-1.0

# A presentation read without --edci-presentation is written as a plain credential; the
# presentation's members are losses.
"$cg" convert --to edci-xml --loss-report "$tmp/l.json" -o "$tmp/plain.xml" "$tmp/s.xml" 2> /dev/null
check "presentation -> plain europassCredential, its members lost" "[ $? -eq 0 ] && python3 -c 'import xml.etree.ElementTree as E, json; assert E.parse(\"$tmp/plain.xml\").getroot().tag==\"{http://data.europa.eu/snb}europassCredential\"; l=[e[\"pointer\"] for e in json.load(open(\"$tmp/l.json\"))]; assert \"/vp:verifiablePresentation/vp:proof\" in l and \"/vp:verifiablePresentation/vp:type\" in l'"

"$cg" convert --to edci-xml --edci-presentation notarised -o "$tmp/bad1.xml" "$edc" 2> "$tmp/e1.txt"
check "unknown --edci-presentation: exit 2, no file" "[ $? -eq 2 ] && [ ! -e $tmp/bad1.xml ] && grep -q notarised $tmp/e1.txt"
"$cg" convert --to ob3 --edci-presentation shared -o "$tmp/bad2.json" "$edc" 2> "$tmp/e2.txt"
check "--edci-presentation with --to ob3: exit 2, no file" "[ $? -eq 2 ] && [ ! -e $tmp/bad2.json ] && grep -q '^credgate: usage.option: ' $tmp/e2.txt"
exit $fail
