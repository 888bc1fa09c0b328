#!/usr/bin/env bash
# credgate seal / verify on the command line (../shared/design/cli.md, docs/cli.md): exit
# codes 0/1/2/3, one JSON report per file, error lines, no output file left on failure.
# Usage: seal_verify_test.sh CREDGATE SOURCE_DIR CREDGATE_TEST_PKI CREDGATE_TEST_TSA
set -u
cg=$1; src=$2; mkpki=$3; tsatool=$4; data=$src/tests/data
tmp=$(mktemp -d); tsa_pid=""
trap '[ -n "$tsa_pid" ] && kill "$tsa_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
. "$(dirname "$0")/check.sh"
"$mkpki" "$tmp/pki" || { echo "cannot make the test PKI"; exit 1; }
pki=$tmp/pki; cred=$data/edc/Sample-CertOfPart-unsigned.jsonld

"$cg" seal --method jades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" -o "$tmp/sealed.json" "$cred"
check "seal jades exits 0" "[ $? -eq 0 ] && [ -s $tmp/sealed.json ]"
"$cg" detect "$tmp/sealed.json" > "$tmp/detect.jsonl"
check "detect says jades/edc" "grep -q '\"envelope\":\"jades\"' $tmp/detect.jsonl && grep -q '\"format\":\"edc\"' $tmp/detect.jsonl"
"$cg" verify --trust "$pki/trust" "$tmp/sealed.json" > "$tmp/v.jsonl"
check "verify trusted exits 0" "[ $? -eq 0 ]"
check "report TOTAL-PASSED, qualified eSeal" "[ \"\$(field $tmp/v.jsonl \"['verdict']\")\" = TOTAL-PASSED ] && [ \"\$(field $tmp/v.jsonl \"['signer']['qualifiedESeal']\")\" = True ]"
check "report has the contract's members" "python3 -c 'import json; r=json.loads(open(\"$tmp/v.jsonl\").readline()); assert set([\"file\",\"format\",\"method\",\"integrity\",\"verdict\",\"subIndication\",\"signer\",\"signingTime\",\"timestamps\",\"checks\"]) <= set(r)'"

"$cg" verify "$tmp/sealed.json" > "$tmp/v2.jsonl"
check "verify without anchors exits 1 (INDETERMINATE)" "[ $? -eq 1 ] && [ \"\$(field $tmp/v2.jsonl \"['verdict']\")\" = INDETERMINATE ]"

python3 - "$tmp/sealed.json" "$tmp/tampered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); p = d["payload"]; i = p.index("Participation")
d["payload"] = p[:i] + "p" + p[i+1:]; json.dump(d, open(sys.argv[2], "w"))
PY
"$cg" verify --trust "$pki/trust" "$tmp/tampered.json" > "$tmp/v3.jsonl"
check "tampered payload exits 1, TOTAL-FAILED" "[ $? -eq 1 ] && [ \"\$(field $tmp/v3.jsonl \"['integrity']\")\" = False ] && [ \"\$(field $tmp/v3.jsonl \"['verdict']\")\" = TOTAL-FAILED ]"

"$cg" verify --trust "$pki/trust" "$tmp/sealed.json" "$tmp/tampered.json" > "$tmp/v4.jsonl"
check "two files, one bad: exit 1, two reports" "[ $? -eq 1 ] && [ \$(wc -l < $tmp/v4.jsonl) -eq 2 ]"

echo '{"payload": "x", "signatures": [{"protected": "e30=", "signature": "AA"}]}' > "$tmp/malformed.json"
"$cg" verify "$tmp/malformed.json" > "$tmp/v5.jsonl" 2> "$tmp/err5.txt"
check "malformed JWS exits 3 with an error line" "[ $? -eq 3 ] && grep -q '^credgate: jws.malformed: ' $tmp/err5.txt"

"$cg" verify "$tmp/sealed.json" "$tmp/malformed.json" > /dev/null 2>&1
check "several files with a malformed one: exit 1 (batch rule)" "[ $? -eq 1 ]"

"$cg" verify "$data/jose/rfc7515-a1-hs256.jws" > "$tmp/v6.jsonl"
check "HS256 refused (exit 1, CRYPTO_CONSTRAINTS_FAILURE)" "[ $? -eq 1 ] && [ \"\$(field $tmp/v6.jsonl \"['subIndication']\")\" = CRYPTO_CONSTRAINTS_FAILURE ]"

"$cg" verify "$data/edc/edc-software/credential-signed.jades.jsonld" > "$tmp/v7.jsonl"
check "EC sample: integrity true, timestamps reported" "[ \"\$(field $tmp/v7.jsonl \"['integrity']\")\" = True ] && [ \"\$(field $tmp/v7.jsonl \"['timestamps'].__len__()\")\" = 3 ]"

"$cg" seal --method jades --key "$pki/expired.key.pem" --cert "$pki/expired.chain.pem" "$cred" > "$tmp/expired.json"
"$cg" verify --trust "$pki/trust" "$tmp/expired.json" > "$tmp/v8.jsonl"
check "expired signer: INDETERMINATE/OUT_OF_BOUNDS_NO_POE" "[ $? -eq 1 ] && [ \"\$(field $tmp/v8.jsonl \"['subIndication']\")\" = OUT_OF_BOUNDS_NO_POE ]"
at=$(python3 -c "import datetime as d; print((d.datetime.utcnow()-d.timedelta(days=200)).strftime('%Y-%m-%dT%H:%M:%SZ'))")
"$cg" verify --trust "$pki/trust" --at "$at" "$tmp/expired.json" > /dev/null
check "expired signer --at inside validity exits 0" "[ $? -eq 0 ]"
"$cg" seal --method jades --key "$pki/revoked.key.pem" --cert "$pki/revoked.chain.pem" "$cred" > "$tmp/revoked.json"
"$cg" verify --trust "$pki/trust" "$tmp/revoked.json" > "$tmp/v9.jsonl"
check "revoked signer: REVOKED_NO_POE" "[ $? -eq 1 ] && [ \"\$(field $tmp/v9.jsonl \"['subIndication']\")\" = REVOKED_NO_POE ]"

"$cg" seal --method jades --key "$pki/eseal.p12" --key-password secret -o "$tmp/p12.json" "$cred"
check "PKCS#12 with --key-password" "[ $? -eq 0 ] && $cg verify --trust $pki/trust $tmp/p12.json > /dev/null"
CREDGATE_KEY_PASSWORD=secret "$cg" seal --method jws --key "$pki/eseal.enc.key.pem" --cert "$pki/eseal.chain.pem" -o "$tmp/enc.jws" "$cred"
check "encrypted PEM with CREDGATE_KEY_PASSWORD" "[ $? -eq 0 ] && [ -s $tmp/enc.jws ]"
"$cg" seal --method jades --key "$pki/eseal.p12" --key-password wrong -o "$tmp/nope.json" "$cred" 2> "$tmp/err10.txt"
check "wrong password exits 3, no output" "[ $? -eq 3 ] && [ ! -e $tmp/nope.json ] && grep -q '^credgate: input.key: ' $tmp/err10.txt"

"$cg" seal --method jades --key "$pki/eseal.key.pem" --cert "$pki/ec.chain.pem" -o "$tmp/mismatch.json" "$cred" 2> "$tmp/err11.txt"
check "certificate of another key exits 3, no output" "[ $? -eq 3 ] && [ ! -e $tmp/mismatch.json ]"
"$cg" seal --method jws --alg RS256 --key "$pki/ec.key.pem" -o "$tmp/alg.jws" "$cred" 2> /dev/null
check "RS256 on an EC key is a usage error" "[ $? -eq 2 ] && [ ! -e $tmp/alg.jws ]"
"$cg" seal --method jws --alg HS256 --key "$pki/ec.key.pem" "$cred" > /dev/null 2>&1
check "HS256 seal refused" "[ $? -eq 2 ]"
"$cg" seal --method jades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" --tsa http://tsa.example.org/ -o "$tmp/plain.json" "$cred" 2> "$tmp/err12.txt"
check "--tsa over plain http to a remote host: exit 2, no output" "[ $? -eq 2 ] && [ ! -e $tmp/plain.json ] && grep -q usage.tsa $tmp/err12.txt"
"$cg" seal --method jades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" --tsa http://127.0.0.1:1/ -o "$tmp/down.json" "$cred" 2> "$tmp/err13.txt"
check "--tsa unreachable: non-zero, timestamp.http, no output" "[ $? -ne 0 ] && [ ! -e $tmp/down.json ] && grep -q timestamp.http $tmp/err13.txt"
"$cg" seal --method jws --key "$pki/ec.key.pem" --tsa https://tsa.example.org/ "$cred" > /dev/null 2> "$tmp/err14.txt"
check "--tsa with jws: exit 2" "[ $? -eq 2 ] && grep -q usage.tsa $tmp/err14.txt"
"$cg" seal --method nonsense --key "$pki/eseal.key.pem" "$cred" > /dev/null 2>&1
check "unknown method exits 2" "[ $? -eq 2 ]"
echo '{"broken": ' > "$tmp/bad.json"
"$cg" seal --method jws --key "$pki/ec.key.pem" -o "$tmp/bad.jws" "$tmp/bad.json" 2> /dev/null
check "malformed credential exits 3, no output" "[ $? -eq 3 ] && [ ! -e $tmp/bad.jws ]"

for key in ec ed; do
  "$cg" seal --method vc-jwt --key "$pki/$key.key.pem" --cert "$pki/$key.chain.pem" "$data/ob3/basicOpenBadgeCredential.json" > "$tmp/$key.jwt"
  "$cg" verify --trust "$pki/trust" "$tmp/$key.jwt" > "$tmp/vj.jsonl"
  check "vc-jwt with $key: TOTAL-PASSED, method vc-jwt" "[ $? -eq 0 ] && [ \"\$(field $tmp/vj.jsonl \"['method']\")\" = vc-jwt ]"
done
"$cg" seal --method jws --key "$data/jose/rfc7515-a3-ec.jwk" "$cred" > "$tmp/jwk.jws"
"$cg" verify "$tmp/jwk.jws" > "$tmp/vk.jsonl"
check "JWK key: jwk header, integrity true, no identity" "[ \"\$(field $tmp/vk.jsonl \"['integrity']\")\" = True ] && [ \"\$(field $tmp/vk.jsonl \"['verdict']\")\" = INDETERMINATE ]"
"$cg" verify --key "$data/jose/rfc7515-a2-rsa.jwk" "$data/jose/rfc7515-a2-rs256.jws" > "$tmp/vr.jsonl"
check "verify --key with the RFC 7515 A.2 vector" "[ \"\$(field $tmp/vr.jsonl \"['integrity']\")\" = True ]"
cat > "$tmp/ob2.json" <<'J'
{"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b",
 "recipient": {"type": "email", "hashed": false, "identity": "a@example.org"}, "issuedOn": "2016-12-31T23:59:59Z",
 "badge": "https://example.org/robotics-badge.json", "verification": {"type": "SignedBadge", "creator": "https://example.org/publicKey.json"}}
J
"$cg" seal --method ob2-jws --key "$pki/eseal.key.pem" -o "$tmp/ob2.jws" "$tmp/ob2.json"
check "seal ob2-jws exits 0" "[ $? -eq 0 ] && [ -s $tmp/ob2.jws ]"
"$cg" verify --trust "$pki/trust" --key "$pki/eseal.chain.pem" "$tmp/ob2.jws" > "$tmp/vo.jsonl"
check "verify ob2-jws with the signer's certificate: TOTAL-PASSED" "[ $? -eq 0 ] && [ \"\$(field $tmp/vo.jsonl \"['method']\")\" = ob2-jws ]"
"$cg" verify "$tmp/ob2.jws" > "$tmp/vo2.jsonl"
check "ob2-jws without the creator key: exit 1, creator named" "[ $? -eq 1 ] && grep -q 'example.org/publicKey.json' $tmp/vo2.jsonl"

cat "$tmp/sealed.json" | "$cg" verify --trust "$pki/trust" - > "$tmp/vs.jsonl"
check "verify reads standard input" "[ $? -eq 0 ] && grep -q TOTAL-PASSED $tmp/vs.jsonl"
"$cg" verify --max-input-size 1000 "$tmp/sealed.json" > /dev/null 2> "$tmp/errbig.txt"
check "verify size limit exits 3" "[ $? -eq 3 ] && grep -q input.too-large $tmp/errbig.txt"

"$cg" verify "$cred" > "$tmp/vu.jsonl"
check "unsigned credential: exit 1, no seal" "[ $? -eq 1 ] && grep -q 'no seal found' $tmp/vu.jsonl"
# ---- JAdES baseline B-T with the loopback test TSA ----
"$tsatool" "$tmp/tsa.pem" > "$tmp/tsa.url" & tsa_pid=$!
for _ in $(seq 50); do [ -s "$tmp/tsa.url" ] && break; sleep 0.1; done
url=$(head -1 "$tmp/tsa.url")
mkdir -p "$tmp/trust-tsa" && cp "$pki"/trust/* "$tmp/trust-tsa/" && cp "$tmp/tsa.pem" "$tmp/trust-tsa/"
"$cg" seal --method jades --key "$pki/eseal.key.pem" --cert "$pki/eseal.chain.pem" --tsa "$url" -o "$tmp/bt.json" "$cred"
check "seal jades --tsa (B-T) exits 0" "[ $? -eq 0 ] && [ -s $tmp/bt.json ]"
check "B-T: one sigTst in etsiU, as the EC's samples" "python3 -c '
import json,base64; d=json.load(open(\"$tmp/bt.json\")); u=d[\"signatures\"][0][\"header\"][\"etsiU\"]
e=json.loads(base64.urlsafe_b64decode(u[0]+\"=\"*(-len(u[0])%4))); assert len(u)==1 and list(e)==[\"sigTst\"] and e[\"sigTst\"][\"tstTokens\"][0][\"val\"]'"
"$cg" verify --trust "$tmp/trust-tsa" "$tmp/bt.json" > "$tmp/vt.jsonl"
check "B-T verify with the TSA trusted: exit 0, sigTst valid, signingTime = its genTime" "[ $? -eq 0 ] && [ \"\$(field $tmp/vt.jsonl \"['timestamps'][0]['type']\")\" = sigTst ] && [ \"\$(field $tmp/vt.jsonl \"['timestamps'][0]['valid']\")\" = True ] && [ \"\$(field $tmp/vt.jsonl \"['signingTime']\")\" = \"\$(field $tmp/vt.jsonl \"['timestamps'][0]['time']\")\" ]"
"$cg" verify --trust "$pki/trust" "$tmp/bt.json" > "$tmp/vt2.jsonl"
check "B-T verify, TSA not trusted: timestamp listed not valid" "[ \"\$(field $tmp/vt2.jsonl \"['timestamps'][0]['valid']\")\" = False ]"
python3 - "$tmp/bt.json" "$tmp/bt-bad.json" <<'PY'
import json, sys, base64
d = json.load(open(sys.argv[1])); u = d["signatures"][0]["header"]["etsiU"]
e = json.loads(base64.urlsafe_b64decode(u[0] + "=" * (-len(u[0]) % 4)))
der = bytearray(base64.b64decode(e["sigTst"]["tstTokens"][0]["val"])); der[len(der) // 2] ^= 1
e["sigTst"]["tstTokens"][0]["val"] = base64.b64encode(bytes(der)).decode()
u[0] = base64.urlsafe_b64encode(json.dumps(e).encode()).decode().rstrip("=")
json.dump(d, open(sys.argv[2], "w"))
PY
"$cg" verify --trust "$tmp/trust-tsa" "$tmp/bt-bad.json" > "$tmp/vt3.jsonl"
check "B-T with one token byte changed: exit 1, TOTAL-FAILED" "[ $? -eq 1 ] && [ \"\$(field $tmp/vt3.jsonl \"['verdict']\")\" = TOTAL-FAILED ]"
kill "$tsa_pid"; wait "$tsa_pid" 2>/dev/null; tsa_pid=""

# ---- Data Integrity: di-eddsa-rdfc-2022 (Ed25519), di-ecdsa-rdfc-2019 (P-256) ----
ob3=$data/ob3-vectors/credential.json
for pair in "eddsa-rdfc-2022 ed" "ecdsa-rdfc-2019 ec"; do
  set -- $pair; m=di-$1; k=$pki/$2.key.pem
  # The issuer must be the key's did:key: seal once to learn it, then seal the reissued copy.
  "$cg" seal --method "$m" --key "$k" "$ob3" > "$tmp/first.json"
  did=$(python3 -c "import json; print(json.load(open('$tmp/first.json'))['proof']['verificationMethod'].split('#')[0])")
  python3 -c "import json; d=json.load(open('$ob3')); i=d['issuer']; (i.__setitem__('id','$did') if isinstance(i,dict) else d.__setitem__('issuer','$did')); json.dump(d,open('$tmp/issued.json','w'))"
  "$cg" seal --method "$m" --key "$k" --signing-time 2024-05-01T10:00:00Z -o "$tmp/$m.json" "$tmp/issued.json"
  check "$m: seal exits 0, proof with the key's did:key and created" "[ $? -eq 0 ] && python3 -c 'import json; p=json.load(open(\"$tmp/$m.json\"))[\"proof\"]; assert p[\"cryptosuite\"]==\"$1\" and p[\"verificationMethod\"].startswith(\"$did#\") and p[\"created\"]==\"2024-05-01T10:00:00Z\"'"
  "$cg" verify "$tmp/$m.json" > "$tmp/vd.jsonl"
  check "$m: verify without --trust-did: exit 1, INDETERMINATE, integrity true" "[ $? -eq 1 ] && [ \"\$(field $tmp/vd.jsonl \"['verdict']\")\" = INDETERMINATE ] && [ \"\$(field $tmp/vd.jsonl \"['integrity']\")\" = True ] && [ \"\$(field $tmp/vd.jsonl \"['method']\")\" = $m ]"
  "$cg" verify --trust-did "$did" "$tmp/$m.json" > "$tmp/vd2.jsonl"
  check "$m: verify --trust-did ISSUER (did:key offline): exit 0, TOTAL-PASSED" "[ $? -eq 0 ] && [ \"\$(field $tmp/vd2.jsonl \"['verdict']\")\" = TOTAL-PASSED ] && [ \"\$(field $tmp/vd2.jsonl \"['signingTime']\")\" = 2024-05-01T10:00:00Z ]"
  "$cg" verify --trust "$pki/trust" "$tmp/$m.json" > "$tmp/vd4.jsonl"
  check "$m: X.509 --trust does not apply: exit 1, INDETERMINATE, says --trust-did" "[ $? -eq 1 ] && [ \"\$(field $tmp/vd4.jsonl \"['verdict']\")\" = INDETERMINATE ] && grep -q 'trust-did' $tmp/vd4.jsonl"
  "$cg" verify --trust-did did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK "$tmp/$m.json" > /dev/null
  check "$m: another trusted DID: exit 1" "[ $? -eq 1 ]"
  python3 -c "import json; d=json.load(open('$tmp/$m.json')); d['name']=d.get('name','')+'!'; json.dump(d,open('$tmp/$m-bad.json','w'))"
  "$cg" verify --trust-did "$did" "$tmp/$m-bad.json" > "$tmp/vd3.jsonl"
  check "$m: tampered: exit 1, TOTAL-FAILED, integrity false" "[ $? -eq 1 ] && [ \"\$(field $tmp/vd3.jsonl \"['verdict']\")\" = TOTAL-FAILED ] && [ \"\$(field $tmp/vd3.jsonl \"['integrity']\")\" = False ]"
done
# A JWK key file (RFC 8037 A.1, Ed25519 with its private part) for a Data Integrity proof.
"$cg" seal --method di-eddsa-rdfc-2022 --key "$data/jose/rfc8037-a1-ed25519.jwk" "$ob3" > "$tmp/jwk-di.json"
check "di-eddsa with a JWK key: the RFC 8037 key's did:key" "[ $? -eq 0 ] && grep -q '\"did:key:z6Mk' $tmp/jwk-di.json"
"$cg" seal --method di-eddsa-rdfc-2022 --key "$pki/ed.key.pem" --verification-method did:example:issuer#key-1 "$ob3" > "$tmp/vm.json"
check "di: --verification-method is the proof's" "[ $? -eq 0 ] && grep -q '\"did:example:issuer#key-1\"' $tmp/vm.json"
"$cg" seal --method di-eddsa-rdfc-2022 --key "$pki/ec.key.pem" -o "$tmp/wrongkey.json" "$ob3" 2> "$tmp/err20.txt"
check "di-eddsa with a P-256 key: non-zero, error line, no output" "[ $? -ne 0 ] && [ ! -e $tmp/wrongkey.json ] && grep -q '^credgate: ' $tmp/err20.txt"
"$cg" seal --method di-eddsa-rdfc-2022 --key "$pki/ed.key.pem" --tsa https://tsa.example.org/ "$ob3" > /dev/null 2>&1
check "di with --tsa: exit 2" "[ $? -eq 2 ]"
"$cg" seal --method di-eddsa-rdfc-2022 --key "$pki/ed.key.pem" -o "$tmp/bad-di.json" "$tmp/bad.json" 2> /dev/null
check "di: malformed credential exits 3, no output" "[ $? -eq 3 ] && [ ! -e $tmp/bad-di.json ]"
"$cg" seal --method di-nonsense-2030 --key "$pki/ed.key.pem" "$ob3" > /dev/null 2>&1
check "unknown di method exits 2" "[ $? -eq 2 ]"
exit $fail
