#!/usr/bin/env bash
# The executable's contract (../shared/design/cli.md): exit codes, output shapes, no files
# left behind on failure. Usage: cli_test.sh CREDGATE SOURCE_DIR
set -u
cg=$1; src=$2; data=$src/tests/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

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

"$cg" convert --to elmo "$data/edc/Sample-MC-Annex1-unsigned.jsonld" 2> /dev/null
check "format without writer is a usage error (2)" "[ $? -eq 2 ]"
"$cg" convert 2> /dev/null
check "missing arguments exit 2" "[ $? -eq 2 ]"
"$cg" convert --to ob3 --max-input-size 100 "$data/edc/Sample-MC-Annex1-unsigned.jsonld" 2> "$tmp/big.txt"
check "size limit exits 3" "[ $? -eq 3 ] && grep -q input.too-large $tmp/big.txt"
exit $fail
