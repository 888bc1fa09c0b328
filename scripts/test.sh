#!/usr/bin/env bash
# Install, build (warnings are errors), run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
(cd tests/oracle && npm ci --no-audit --no-fund --silent)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCREDGATE_WERROR=ON -DCREDGATE_TESTS=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
