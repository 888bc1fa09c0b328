#!/usr/bin/env bash
# The layers of DEVELOPERS.md, checked on every #include "...": the canonical model
# (mappers/model) imports nothing of ours; jsonld/ and xsd/ use only the model; mappers/ uses
# the model, jsonld/ and xsd/; signing/ the same plus mappers/; gateway/ anything below it.
# No folder may include a folder above it. Usage: layering_test.sh SOURCE_DIR
set -u
cd "$1"
allowed() {  # folder of the including file -> folders it may include
  case "$1" in
    mappers/model) echo "mappers/model" ;;
    jsonld|xsd) echo "mappers/model jsonld xsd" ;;
    mappers) echo "mappers jsonld xsd" ;;
    signing) echo "signing mappers jsonld xsd" ;;
    conformance) echo "conformance gateway signing mappers jsonld xsd" ;;
    gateway) echo "gateway signing mappers jsonld xsd" ;;
    *) echo "" ;;
  esac
}
layer_of() {  # a path -> its layer
  case "$1" in
    mappers/model/*) echo mappers/model ;;
    mappers/*) echo mappers ;;
    *) echo "${1%%/*}" ;;
  esac
}
fail=0; checked=0
for f in $(git ls-files 'mappers/*' 'jsonld/*' 'xsd/*' 'signing/*' 'conformance/*' 'gateway/*' | grep -E '\.(cpp|hpp)$'); do
  from=$(layer_of "$f")
  ok=$(allowed "$from")
  while IFS= read -r inc; do
    checked=$((checked + 1))
    to=$(layer_of "$inc")
    good=0
    for a in $ok; do
      case "$to" in "$a"|"$a"/*) good=1 ;; esac
      [ "$to" = mappers/model ] && [ "$a" = mappers ] && good=1
    done
    if [ $good -eq 0 ]; then echo "LAYER: $f includes $inc ($from -> $to)"; fail=1; fi
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done
echo "$checked includes checked"
exit $fail
