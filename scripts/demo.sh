#!/usr/bin/env bash
# The main job on the bundled samples: convert the EC's EDC samples to Open Badges 3.0, the
# 1EdTech OB 3.0 examples and an EMREX ELMO transcript to EDC, printing each loss report's size
# and its first entries; validate the XML samples; seal one converted credential (JAdES, with a
# throwaway key made here) and verify it; write an EC sample as EDCI v2 XML, seal it with XAdES
# and validate and verify it; then verify one of the EC's own sealed credentials.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target credgate_cli
out=build/demo; rm -rf "$out"; mkdir -p "$out"
./build/credgate formats
./build/credgate detect tests/data/edc/Sample-*-unsigned.jsonld tests/data/ob3/*.json
./build/credgate convert --to ob3 --out-dir "$out/ob3" --loss-report "$out/edc-to-ob3.loss.json" tests/data/edc/Sample-MC-Annex1-unsigned.jsonld tests/data/edc/Sample-CertOfPart-unsigned.jsonld
./build/credgate convert --to edc --out-dir "$out/edc" --loss-report "$out/ob3-to-edc.loss.json" tests/data/ob3/basicOpenBadgeCredential.json tests/data/ob3/fullOpenBadge.json tests/data/ob3/achievementAlignmentCase.json tests/data/ob3/skillAssertionCase.json
./build/credgate convert --to edc --out-dir "$out/edc" --loss-report "$out/elmo-to-edc.loss.json" tests/data/xml/elmo/example.xml
for r in "$out"/*.loss.json; do
  python3 - "$r" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"\n{sys.argv[1]}: {len(report)} values not carried")
for e in report[:8]:
    print(f"  {e['file'].split('/')[-1]} {e['pointer']}: {e['reason']}")
PY
done
summary() { python3 scripts/report_summary.py; }
echo; echo "== validate (XML against the bundled schemas; the Ildiko sample is invalid on purpose)"
./build/credgate validate tests/data/xml/edci/edci_credential_basic.xml tests/data/xml/edci/Ildiko_Mazar_Certificate_of_Excellence.xml tests/data/xml/edci/EDC_DiplomaSupplement_AA.xml tests/data/xml/edci-1x/EDC_WileECoyote_Simple.xml tests/data/xml/elmo/example.xml 2>/dev/null | summary || true
echo; echo "== seal (JAdES B-B with a throwaway key and self-signed certificate) and verify"
openssl req -x509 -newkey rsa:3072 -nodes -keyout "$out/demo-key.pem" -out "$out/demo-cert.pem" -days 30 \
  -subj "/C=BE/O=Demo University/CN=Demo eSeal" 2>/dev/null
./build/credgate seal --method jades --key "$out/demo-key.pem" --cert "$out/demo-cert.pem" -o "$out/sealed.jades.json" "$out/edc/example.jsonld"
./build/credgate verify --trust "$out/demo-cert.pem" "$out/sealed.jades.json" | summary
echo; echo "== EDC -> EDCI v2 XML, sealed with XAdES (inside its proof), validated and verified"
./build/credgate convert --to edci-xml --loss-report "$out/edc-to-edci.loss.json" -o "$out/certofpart.edci.xml" tests/data/edc/Sample-CertOfPart-unsigned.jsonld 2>/dev/null
./build/credgate seal --method xades --key "$out/demo-key.pem" --cert "$out/demo-cert.pem" -o "$out/certofpart.sealed.xml" "$out/certofpart.edci.xml"
./build/credgate validate "$out/certofpart.sealed.xml" | summary
./build/credgate verify --trust "$out/demo-cert.pem" "$out/certofpart.sealed.xml" | summary
echo; echo "== verify one of the EC's sealed credentials (no trust anchors given: INDETERMINATE at best)"
./build/credgate verify tests/data/edc/edc-software/credential-signed.jades.jsonld | summary || true
echo; echo "outputs in $out/ob3 and $out/edc"
