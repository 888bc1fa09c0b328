// Finding the bytes of an IRI that is_well_formed_iri() (rdf_lexical.cpp) must look at: those
// at or below 0x20 and <>"{}|^`\ (never allowed), and '#', '%', '[' and ']' (allowed in
// context). Every other byte, non-ASCII ones included, is plain.
//
// Why a vector scan: toRdf checks every subject, predicate and object IRI, 550 of them (40-90
// bytes each) per canonicalization of the EC's MC sample. Byte by byte, through a table, that
// was about 60 ns an IRI, and a memo of the answers (a hash map with a small cache in front)
// still cost 6% of the canonicalization. With AVX2, 32 bytes are classified in a few
// instructions (two nibble table lookups, as simdjson classifies JSON's structural bytes).
// Internal to jsonld/.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "jsonld/cpu_features.hpp"

namespace credgate::jsonld {

// Bytes with no context to check (the complement of iri_scan's set).
inline constexpr std::array<bool, 256> kPlainIriByte = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x21; c < 256; ++c) plain[c] = true;
  for (char c : std::string_view("<>\"{}|^`\\#%[]")) plain[static_cast<unsigned char>(c)] = false;
  return plain;
}();

#if defined(__x86_64__) && defined(__GNUC__)
// From `i` (at least 16 bytes before the end): the first byte that is not plain, or the end.
// Only where the CPU has AVX2 (iri_scan.cpp).
size_t next_unplain_iri_byte_avx2(std::string_view iri, size_t i);
#endif

// The position of the first byte at or after `i` that is not plain (iri.size() if none).
inline size_t next_unplain_iri_byte(std::string_view iri, size_t i) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (iri.size() >= i + 16 && cpu_has_avx2()) return next_unplain_iri_byte_avx2(iri, i);
#endif
  while (i < iri.size() && kPlainIriByte[static_cast<unsigned char>(iri[i])]) ++i;
  return i;
}

}  // namespace credgate::jsonld
