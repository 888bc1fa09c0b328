#!/usr/bin/env bash
# Installs what is missing on Debian bookworm (run as root).
set -euo pipefail
pkgs="build-essential cmake pkg-config nlohmann-json3-dev libssl-dev libcurl4-openssl-dev libxml2-dev libxmlsec1-dev libxerces-c-dev libgtest-dev libcli11-dev libsimdjson-dev libmimalloc-dev softhsm2 libengine-pkcs11-openssl opensc openssl python3 libxml2-utils"
missing=""
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
command -v node >/dev/null || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq $missing
fi
