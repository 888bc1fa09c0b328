#!/usr/bin/env bash
# The main job on the bundled samples: convert the EC's EDC samples to Open Badges 3.0 and the
# 1EdTech OB 3.0 examples to EDC, printing each loss report's size and its first entries.
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
for r in "$out"/*.loss.json; do
  python3 - "$r" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"\n{sys.argv[1]}: {len(report)} values not carried")
for e in report[:8]:
    print(f"  {e['file'].split('/')[-1]} {e['pointer']}: {e['reason']}")
PY
done
echo; echo "outputs in $out/ob3 and $out/edc"
