#!/usr/bin/env bash
# Sealing with a key that stays on a PKCS#11 token: a SoftHSM2 token set up in a temporary
# directory (SOFTHSM2_CONF), the test PKI's eSeal and EC keys imported with pkcs11-tool, then
# `credgate seal --key 'pkcs11:...'` and `credgate verify` with the public certificate.
# Exit 77 (skipped) without softhsm2, pkcs11-tool or OpenSSL's pkcs11 engine.
# Usage: pkcs11_test.sh CREDGATE SOURCE_DIR CREDGATE_TEST_PKI
set -u
cg=$1; src=$2; mkpki=$3
module=""
for m in /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so /usr/lib/softhsm/libsofthsm2.so /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so; do
  [ -e "$m" ] && { module=$m; break; }
done
command -v softhsm2-util >/dev/null && command -v pkcs11-tool >/dev/null && [ -n "$module" ] || { echo "softhsm2/pkcs11-tool not installed"; exit 77; }
engine_dir=$(openssl version -e 2>/dev/null | sed -n 's/^ENGINESDIR: "\(.*\)"/\1/p')
[ -e "$engine_dir/pkcs11.so" ] || { echo "OpenSSL pkcs11 engine not installed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
. "$(dirname "$0")/check.sh"
"$mkpki" "$tmp/pki" || exit 1
pki=$tmp/pki
mkdir -p "$tmp/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$tmp/tokens" > "$tmp/softhsm2.conf"
export SOFTHSM2_CONF=$tmp/softhsm2.conf
softhsm2-util --init-token --free --label credgate-test --so-pin 12345678 --pin 1234 > /dev/null || exit 1
for spec in eseal:01 ec:02; do
  name=${spec%%:*}; id=${spec##*:}
  openssl pkcs8 -topk8 -nocrypt -in "$pki/$name.key.pem" -outform DER -out "$tmp/$name.p8" 2>/dev/null
  pkcs11-tool --module "$module" --login --pin 1234 --token-label credgate-test \
    --write-object "$tmp/$name.p8" --type privkey --id "$id" --label "$name" > /dev/null 2>&1 \
    || { echo "FAIL: import $name into the token"; fail=1; }
  # The public half and the certificate under the same id: libp11 reads an EC key's public
  # point from them (a PKCS#11 EC private key object does not carry it).
  openssl pkey -in "$pki/$name.key.pem" -pubout -outform DER -out "$tmp/$name.pub" 2>/dev/null
  openssl x509 -in "$pki/$name.cert.pem" -outform DER -out "$tmp/$name.der"
  pkcs11-tool --module "$module" --login --pin 1234 --token-label credgate-test \
    --write-object "$tmp/$name.pub" --type pubkey --id "$id" --label "$name" > /dev/null 2>&1
  pkcs11-tool --module "$module" --login --pin 1234 --token-label credgate-test \
    --write-object "$tmp/$name.der" --type cert --id "$id" --label "$name" > /dev/null 2>&1
done
rm -f "$tmp"/*.p8   # from here on the private keys exist only on the token
cred=$src/tests/data/edc/Sample-CertOfPart-unsigned.jsonld
export CREDGATE_PKCS11_MODULE=$module

"$cg" seal --method jades --key "pkcs11:token=credgate-test;object=eseal;type=private;pin-value=1234" \
  --cert "$pki/eseal.chain.pem" -o "$tmp/hsm.jades" "$cred"
check "seal jades with a pkcs11: URI (RSA)" "[ $? -eq 0 ] && [ -s $tmp/hsm.jades ]"
"$cg" verify --trust "$pki/trust" "$tmp/hsm.jades" > "$tmp/r1.json"
check "verify with the public certificate: TOTAL-PASSED" "[ $? -eq 0 ] && grep -q TOTAL-PASSED $tmp/r1.json"

"$cg" seal --method jws --key "pkcs11:token=credgate-test;object=ec;type=private;pin-value=1234" \
  --cert "$pki/ec.chain.pem" -o "$tmp/hsm-ec.jws" "$cred"
check "seal jws with a pkcs11: URI (ES256)" "[ $? -eq 0 ]"
"$cg" verify --trust "$pki/trust" "$tmp/hsm-ec.jws" > /dev/null
check "ES256 token signature verifies" "[ $? -eq 0 ]"

# Data Integrity with the token's P-256 key: the proof names the key's did:key; with that DID
# as issuer and trusted, TOTAL-PASSED.
ob3=$src/tests/data/ob3-vectors/credential.json
ec_uri="pkcs11:token=credgate-test;object=ec;type=private;pin-value=1234"
"$cg" seal --method di-ecdsa-rdfc-2019 --key "$ec_uri" -o "$tmp/hsm-first.json" "$ob3"
check "seal di-ecdsa-rdfc-2019 with a pkcs11: URI" "[ $? -eq 0 ] && [ -s $tmp/hsm-first.json ]"
did=$(python3 -c "import json; print(json.load(open('$tmp/hsm-first.json'))['proof']['verificationMethod'].split('#')[0])")
python3 -c "import json; d=json.load(open('$ob3')); i=d['issuer']; (i.__setitem__('id','$did') if isinstance(i,dict) else d.__setitem__('issuer','$did')); json.dump(d,open('$tmp/hsm-issued.json','w'))"
"$cg" seal --method di-ecdsa-rdfc-2019 --key "$ec_uri" -o "$tmp/hsm-di.json" "$tmp/hsm-issued.json"
"$cg" verify --trust-did "$did" "$tmp/hsm-di.json" > "$tmp/r3.json"
check "token-made Data Integrity proof verifies: TOTAL-PASSED" "[ $? -eq 0 ] && grep -q TOTAL-PASSED $tmp/r3.json"

# XAdES: the token key goes to xmlsec as the engine-backed EVP_PKEY (docs/xades.md).
xml=$src/tests/data/xml/elmo-real/elmo-tomcat-unsigned.xml
for spec in eseal:rsa-sha256 ec:ecdsa-sha256; do
  name=${spec%%:*}; alg=${spec##*:}
  "$cg" seal --method xades --key "pkcs11:token=credgate-test;object=$name;type=private;pin-value=1234" \
    --cert "$pki/$name.chain.pem" -o "$tmp/hsm-$name.xml" "$xml"
  check "seal xades with a pkcs11: URI ($name)" "[ $? -eq 0 ] && grep -q '$alg' $tmp/hsm-$name.xml"
  "$cg" verify --trust "$pki/trust" "$tmp/hsm-$name.xml" > /dev/null
  check "XAdES token signature verifies ($name)" "[ $? -eq 0 ]"
done

"$cg" seal --method jades --key "pkcs11:token=credgate-test;object=eseal;type=private;pin-value=0000" \
  --cert "$pki/eseal.chain.pem" -o "$tmp/badpin.jades" "$cred" 2> "$tmp/err.txt"
check "wrong PIN: exit 3, no output" "[ $? -eq 3 ] && [ ! -e $tmp/badpin.jades ] && grep -q '^credgate: input.key' $tmp/err.txt"
"$cg" seal --method jades --key "pkcs11:token=credgate-test;object=nosuch;type=private;pin-value=1234" \
  --cert "$pki/eseal.chain.pem" -o "$tmp/nokey.jades" "$cred" 2> /dev/null
check "unknown object: exit 3" "[ $? -eq 3 ] && [ ! -e $tmp/nokey.jades ]"
exit $fail
