#!/usr/bin/env bash
# The executable's contract (../shared/design/cli.md): exit codes, output shapes, no files
# left behind on failure. Usage: cli_test.sh CREDGATE SOURCE_DIR
set -u
cg=$1; src=$2; data=$src/tests/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
. "$(dirname "$0")/check.sh"

"$cg" formats --json > "$tmp/formats.json"; check "formats --json exits 0" "[ $? -eq 0 ]"
check "formats lists seven ids" "[ \$(grep -c '\"id\"' $tmp/formats.json) -eq 7 ]"

"$cg" detect "$data/edc/edc-software/credential-signed.jades.jsonld" > "$tmp/d.jsonl"
check "detect jades" "grep -q '\"envelope\":\"jades\"' $tmp/d.jsonl && grep -q '\"format\":\"edc\"' $tmp/d.jsonl"

"$cg" convert --to ob3 "$data/edc/Sample-MC-Annex1-unsigned.jsonld" -o "$tmp/mc.json" --loss-report "$tmp/loss.json"
check "convert exits 0" "[ $? -eq 0 ]"
check "output written" "[ -s $tmp/mc.json ]"
check "loss report is a JSON array with entries" "python3 -c 'import json,sys; l=json.load(open(\"$tmp/loss.json\")); sys.exit(0 if isinstance(l,list) and l and all(\"pointer\" in e and \"reason\" in e and \"value\" in e for e in l) else 1)'"

echo '{"type": ["VerifiableCredential", "EuropeanDigitalCredential"], "credentialSubject": ' > "$tmp/bad.json"
"$cg" convert --to ob3 "$tmp/bad.json" -o "$tmp/bad-out.json" --loss-report "$tmp/bad-loss.json" 2> "$tmp/err.txt"
code=$?
check "malformed input exits 3" "[ $code -eq 3 ]"
check "no output file" "[ ! -e $tmp/bad-out.json ] && [ ! -e $tmp/bad-loss.json ]"
check "one-line error with code" "[ \$(wc -l < $tmp/err.txt) -eq 1 ] && grep -q '^credgate: json.syntax: ' $tmp/err.txt"

"$cg" convert --to ob3 --out-dir "$tmp/out" "$data/edc/Sample-MC-Annex1-unsigned.jsonld" "$tmp/bad.json" 2> /dev/null
check "batch with one bad input exits 1" "[ $? -eq 1 ]"
check "batch wrote the good one" "[ -s $tmp/out/Sample-MC-Annex1-unsigned.json ]"

cat "$data/ob3/basicOpenBadgeCredential.json" | "$cg" convert --to edc - > "$tmp/stdin.jsonld"
check "standard input to standard output" "grep -q EuropeanDigitalCredential $tmp/stdin.jsonld"

"$cg" convert --to clr2 "$data/edc/Sample-MC-Annex1-unsigned.jsonld" 2> /dev/null
check "format without writer is a usage error (2)" "[ $? -eq 2 ]"
"$cg" convert 2> /dev/null
check "missing arguments exit 2" "[ $? -eq 2 ]"
"$cg" convert --to ob3 --max-input-size 100 "$data/edc/Sample-MC-Annex1-unsigned.jsonld" 2> "$tmp/big.txt"
check "size limit exits 3" "[ $? -eq 3 ] && grep -q input.too-large $tmp/big.txt"
# validate (XML via the bundled XSDs): one JSON object per file, exit codes per the contract
x=$data/xml
"$cg" validate "$x/edci/edci_credential_basic.xml" > "$tmp/v.jsonl" 2> "$tmp/v.err"
check "validate valid EDCI exits 0" "[ $? -eq 0 ]"
check "validate prints file/format/valid/diagnostics" "python3 -c 'import json,sys; o=json.loads(open(\"$tmp/v.jsonl\").read()); sys.exit(0 if o[\"valid\"] is True and o[\"format\"]==\"edci-xml\" and o[\"diagnostics\"]==[] and o[\"file\"].endswith(\"edci_credential_basic.xml\") else 1)'"
"$cg" validate "$x/edci/Ildiko_Mazar_Certificate_of_Excellence.xml" > "$tmp/v.jsonl" 2> "$tmp/v.err"
check "schema-invalid exits 1" "[ $? -eq 1 ]"
check "invalid: valid false with XPath and line" "python3 -c 'import json,sys; o=json.loads(open(\"$tmp/v.jsonl\").read()); d=o[\"diagnostics\"][0]; sys.exit(0 if o[\"valid\"] is False and d[\"code\"]==\"check.xsd.invalid\" and d[\"severity\"]==\"error\" and d[\"location\"].endswith(\"/hasPart/learningAchievement[2]\") and d[\"line\"]==157 and d[\"message\"] else 1)'"
check "invalid: one error line on stderr with location" "[ \$(wc -l < $tmp/v.err) -eq 1 ] && grep -q '^credgate: check.xsd.invalid: .*(/europassCredential/.*learningAchievement\[2\] at line 157, column 16)' $tmp/v.err"
"$cg" validate "$x/edci/EDC_DiplomaSupplement_AA.xml" > "$tmp/v.jsonl" 2> "$tmp/v.err"
check "presentation: valid against the 1.2 schema its xsi:schemaLocation names" "[ $? -eq 0 ] && grep -q '\"schema\":\"edci-vp-dp-1.2\"' $tmp/v.jsonl && grep -q '\"valid\":true' $tmp/v.jsonl"
sed 's/mandatedschema_dp_1.2.xsd/otherschema_dp_1.2.xsd/' "$x/edci/EDC_DiplomaSupplement_AA.xml" > "$tmp/vp-unknown.xml"
"$cg" validate "$tmp/vp-unknown.xml" > "$tmp/v.jsonl" 2> "$tmp/v.err"
check "presentation naming no bundled schema exits 1 and says so" "[ $? -eq 1 ] && grep -q 'check.xsd.no-schema: .*no bundled schema for root element {http://data.europa.eu/snb/vp}verifiablePresentation' $tmp/v.err"
"$cg" validate "$x/elmo/example.xml" > "$tmp/v.jsonl" 2> /dev/null
check "ELMO example validates" "[ $? -eq 0 ] && grep -q '\"valid\":true' $tmp/v.jsonl && grep -q '\"format\":\"elmo\"' $tmp/v.jsonl"
"$cg" validate "$x/bad/malformed.xml" > "$tmp/v.jsonl" 2> "$tmp/v.err"
check "malformed XML exits 3 with line and column" "[ $? -eq 3 ] && grep -q '^credgate: xml.syntax: .*line 5, column' $tmp/v.err"
"$cg" validate "$x/bad/xxe.xml" > "$tmp/v.jsonl" 2> "$tmp/v.err"
check "XXE refused (exit 3), /etc/passwd not read" "[ $? -eq 3 ] && grep -q 'xml.doctype' $tmp/v.err && ! grep -q 'root:' $tmp/v.jsonl $tmp/v.err"
start=$(date +%s%N)
timeout 10 "$cg" validate "$x/bad/billion-laughs.xml" > /dev/null 2> "$tmp/v.err"; code=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "billion laughs rejected fast (exit 3, ${ms} ms)" "[ $code -eq 3 ] && [ $ms -lt 5000 ] && grep -q xml.doctype $tmp/v.err"
"$cg" validate "$x/bad/wrong-namespace.xml" > /dev/null 2> "$tmp/v.err"
check "wrong namespace exits 1 naming the expected one" "[ $? -eq 1 ] && grep -q '{http://data.europa.eu/snb}europassCredential' $tmp/v.err"
"$cg" validate "$x/edci/edci_credential_basic.xml" "$x/bad/malformed.xml" > "$tmp/v.jsonl" 2> /dev/null
check "validate batch with a bad file exits 1, one line per file" "[ $? -eq 1 ] && [ \$(wc -l < $tmp/v.jsonl) -eq 2 ]"
"$cg" validate --profile nope "$x/elmo/example.xml" 2> /dev/null
check "unknown profile exits 2" "[ $? -eq 2 ]"
"$cg" validate "$data/edc/Sample-MC-Annex1-unsigned.jsonld" > "$tmp/v.jsonl" 2> /dev/null
check "JSON format validated by its reader" "[ $? -eq 0 ] && grep -q '\"schema\":\"reader\"' $tmp/v.jsonl && grep -q validate.structural-only $tmp/v.jsonl"
"$cg" convert --to elmo "$x/elmo/example.xml" -o "$tmp/rt.xml" 2> /dev/null
check "ELMO -> ELMO writes schema-valid ELMO" "[ $? -eq 0 ] && \"$cg\" validate $tmp/rt.xml > /dev/null 2>&1"
"$cg" convert --to elmo "$data/ob3/basicOpenBadgeCredential.json" -o "$tmp/ob.xml" 2> /dev/null
check "OB 3.0 -> ELMO: the issuer's IRI identifies it, schema-valid" "[ $? -eq 0 ] && \"$cg\" validate $tmp/ob.xml > /dev/null 2>&1"
# An issuer known by a DID only, with no homepage: ELMO's required url has nothing to take.
sed 's#https://example.com/issuers/876543#did:example:876543#' "$data/ob3/basicOpenBadgeCredential.json" > "$tmp/did-issuer.json"
"$cg" convert --to elmo "$tmp/did-issuer.json" -o "$tmp/ob-did.xml" 2> "$tmp/v.err"
check "no valid ELMO possible: error, no file" "[ $? -ne 0 ] && [ ! -e $tmp/ob-did.xml ] && grep -q model.elmo-invalid-output $tmp/v.err"
"$cg" convert --to edci-xml "$x/edci/edci_credential_basic.xml" -o "$tmp/rt-edci.xml" --loss-report "$tmp/rt-edci.loss.json" 2> /dev/null
check "EDCI -> EDCI writes schema-valid EDCI and reports the seal" "[ $? -eq 0 ] && \"$cg\" validate $tmp/rt-edci.xml > /dev/null 2>&1 && grep -q '/europassCredential/proof' $tmp/rt-edci.loss.json"
"$cg" convert --to edci-xml "$data/ob3/basicOpenBadgeCredential.json" -o "$tmp/ob-edci.xml" --loss-report "$tmp/ob-edci.loss.json" 2> "$tmp/v.err"
check "no valid EDCI possible: exit 3, no file, no loss report, located errors" "[ $? -eq 3 ] && [ ! -e $tmp/ob-edci.xml ] && [ ! -e $tmp/ob-edci.loss.json ] && grep -q '^credgate: map.missing-member: .*date of birth.* (/credentialSubject)$' $tmp/v.err"
sed 's|<cred:issuer idref="urn:epass:org:1"/>|<cred:issuer idref="urn:epass:org:nobody"/>|' "$x/edci/edci_credential_basic.xml" > "$tmp/no-issuer.xml"
"$cg" convert --to edci-xml "$tmp/no-issuer.xml" -o "$tmp/no-issuer-out.xml" 2> "$tmp/v.err"
check "EDCI without a resolvable issuer: exit 3, no file, the issuer's place named" "[ $? -eq 3 ] && [ ! -e $tmp/no-issuer-out.xml ] && grep -q '^credgate: map.missing-member: .*an issuer.* (/europassCredential/cred:issuer)$' $tmp/v.err"
exit $fail
