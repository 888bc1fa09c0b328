# Sourced by the CLI contract scripts: one way to state a check and read a report field.
# check NAME EXPRESSION: prints ok/FAIL and sets fail=1 on failure (the script exits with it).
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
# field FILE PYTHON_SUBSCRIPT: a member of the first JSON line of FILE, e.g. field r.jsonl "['verdict']".
field() { python3 -c "import json,sys; r=json.loads(open('$1').readline()); print(r$2)"; }
# check_sealed_edci LABEL IN OUT PROOF_NS SCHEMA: seals IN (an EDCI document) with XAdES into
# OUT with the test PKI's eSeal ($cg, $pki and $tmp from the caller), then checks that the one
# ds:Signature is the only child of the root's {PROOF_NS}proof, that OUT validates against
# schema set SCHEMA, verifies to TOTAL-PASSED (edci-xml, xades), and that one changed byte
# ("Ana Andromeda", the EC sample's holder) makes it TOTAL-FAILED with exit 1.
check_sealed_edci() {
  local label=$1 in=$2 out=$3 ns=$4 schema=$5
  "$cg" seal --method xades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" -o "$out" "$in"
  check "$label: seal exits 0" "[ $? -eq 0 ] && [ -s $out ]"
  check "$label: the ds:Signature is the proof's only child" "python3 -c 'import xml.etree.ElementTree as E; r=E.parse(\"$out\").getroot(); p=r.find(\"{$ns}proof\"); assert [c.tag for c in p]==[\"{http://www.w3.org/2000/09/xmldsig#}Signature\"]; assert len(r.findall(\".//{http://www.w3.org/2000/09/xmldsig#}Signature\"))==1'"
  "$cg" validate "$out" > "$out.val.jsonl"
  check "$label: sealed output valid against $schema" "[ $? -eq 0 ] && [ \"\$(field $out.val.jsonl \"['schema']\")\" = $schema ]"
  "$cg" verify --trust "$pki/trust" "$out" > "$out.v.jsonl"
  check "$label: verifies TOTAL-PASSED, edci-xml, xades" "[ $? -eq 0 ] && [ \"\$(field $out.v.jsonl \"['verdict']\")\" = TOTAL-PASSED ] && [ \"\$(field $out.v.jsonl \"['format']\")\" = edci-xml ] && [ \"\$(field $out.v.jsonl \"['method']\")\" = xades ]"
  sed 's/Ana Andromeda/Ann Andromeda/' "$out" > "$out.tampered.xml"
  "$cg" verify --trust "$pki/trust" "$out.tampered.xml" > "$out.v2.jsonl"
  check "$label: one changed byte: exit 1, TOTAL-FAILED" "[ $? -eq 1 ] && ! cmp -s $out $out.tampered.xml && [ \"\$(field $out.v2.jsonl \"['verdict']\")\" = TOTAL-FAILED ]"
}
