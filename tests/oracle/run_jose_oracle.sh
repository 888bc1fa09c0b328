#!/usr/bin/env bash
# Interop with npm jose both ways: credgate seals (jws, jades b64:false, vc-jwt) and jose
# verifies; jose signs (compact, flattened b64:false) and credgate verifies to TOTAL-PASSED.
# RS256, PS256, ES256, EdDSA. Exit 77 (skipped) without `npm ci` in tests/oracle.
# Usage: run_jose_oracle.sh CREDGATE SOURCE_DIR CREDGATE_TEST_PKI
set -u
cg=$1; src=$2; mkpki=$3; here=$src/tests/oracle
command -v node >/dev/null && [ -d "$here/node_modules/jose" ] || { echo "oracle not installed: run npm ci in tests/oracle"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
"$mkpki" "$tmp/pki" || exit 1
pki=$tmp/pki
cred=$src/tests/data/edc/Sample-CertOfPart-unsigned.jsonld
ob3=$src/tests/data/ob3/basicOpenBadgeCredential.json
mkdir -p "$tmp/cg"
seal() { "$cg" seal "$@" || { echo "FAIL: credgate seal $*"; fail=1; }; }
for spec in RS256:eseal PS256:eseal ES256:ec EdDSA:ed; do
  alg=${spec%%:*}; key=${spec##*:}
  seal --method jws --alg "$alg" --key "$pki/$key.key.pem" --cert "$pki/$key.chain.pem" -o "$tmp/cg/cg-$alg.jws" "$cred"
  seal --method vc-jwt --alg "$alg" --key "$pki/$key.key.pem" --cert "$pki/$key.chain.pem" -o "$tmp/cg/cg-$alg-vc2.jwt" "$ob3"
  seal --method jws --alg "$alg" --key "$pki/$key.key.pem" -o "$tmp/cg/cg-$alg-jwk.jws" "$cred"
done
for spec in RS256:eseal PS256:eseal ES256:ec; do
  alg=${spec%%:*}; key=${spec##*:}
  seal --method jades --alg "$alg" --key "$pki/$key.key.pem" --cert "$pki/$key.chain.pem" -o "$tmp/cg/cg-$alg.jades" "$cred"
done
# VC 1.1 JWT claims (iss, sub, nbf, jti, vc)
python3 -c "
import json,sys
d=json.load(open('$ob3')); d['@context'][0]='https://www.w3.org/2018/credentials/v1'
d['issuanceDate']=d.pop('validFrom'); json.dump(d,open('$tmp/vc11.json','w'))"
seal --method vc-jwt --key "$pki/ec.key.pem" --cert "$pki/ec.chain.pem" -o "$tmp/cg/cg-ES256-vc11.jwt" "$tmp/vc11.json"
node "$here/jose-interop.mjs" verify "$tmp/cg" || fail=1

node "$here/jose-interop.mjs" sign "$tmp/jose" "$pki" "$cred" || fail=1
for f in "$tmp"/jose/*; do
  if "$cg" verify --trust "$pki/trust" "$f" > "$tmp/report.json"; then
    echo "ok: credgate verifies $(basename "$f") (TOTAL-PASSED)"
  else
    echo "FAIL: credgate verify $(basename "$f")"; cat "$tmp/report.json"; fail=1
  fi
  python3 - "$f" "$tmp/tampered" <<'PY'
import json, sys, base64
text = open(sys.argv[1]).read().strip()
if text.startswith('{'):
    d = json.loads(text); p = d['payload']; i = len(p) // 2
    d['payload'] = p[:i] + ('b' if p[i] == 'a' else 'a') + p[i+1:]
    out = json.dumps(d)
else:
    h, p, s = text.split('.'); raw = bytearray(base64.urlsafe_b64decode(p + '=' * (-len(p) % 4)))
    raw[len(raw) // 2] ^= 1
    out = '.'.join([h, base64.urlsafe_b64encode(bytes(raw)).decode().rstrip('='), s])
open(sys.argv[2], 'w').write(out)
PY
  "$cg" verify --trust "$pki/trust" "$tmp/tampered" > /dev/null 2>&1
  code=$?
  if [ $code -eq 1 ] || [ $code -eq 3 ]; then echo "ok: credgate rejects tampered $(basename "$f")"; else echo "FAIL: tampered $(basename "$f") exit $code"; fail=1; fi
done
exit $fail
