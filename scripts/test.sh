#!/usr/bin/env bash
# Install, build (warnings are errors), run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
(cd tests/oracle && npm ci --no-audit --no-fund --silent)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCREDGATE_WERROR=ON -DCREDGATE_TESTS=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
# The same tests once more under AddressSanitizer and UBSan (memory errors, leaks, undefined
# behaviour); Debug, so this build is separate.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCREDGATE_WERROR=ON -DCREDGATE_BENCH=OFF -DCREDGATE_MIMALLOC=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1
./build-asan/tests/credgate_tests --gtest_brief=1
bash tests/cli/cli_test.sh ./build-asan/credgate . > /dev/null
