// Equality of a string with a short constant ("@value", "_:"), compiled inline.
//
// Why not operator==: std::string_view's calls compare(), which GCC 12 at -O2 leaves out of
// line in the hot loops of expansion and toRdf, so each keyword test was a call into compare()
// and then into memcmp; with the length a constant, memcmp becomes a few loads. Those tests
// ran about 5,000 times per canonicalization of the EC's MC sample.
#pragma once

#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace credgate::jsonld {

template <size_t N>
inline bool equals(std::string_view s, const char (&literal)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), literal, N - 1) == 0;
}

// An IRI Expansion's result (none for a key that expands to nothing).
template <size_t N>
inline bool optional_equals(const std::optional<std::string>& s, const char (&literal)[N]) {
  return s && equals(std::string_view(*s), literal);
}

template <size_t N>
inline bool starts_with(std::string_view s, const char (&literal)[N]) {
  return s.size() >= N - 1 && std::memcmp(s.data(), literal, N - 1) == 0;
}

}  // namespace credgate::jsonld
