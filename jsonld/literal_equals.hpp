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

// Equality of two strings of any length, inline for the same reason (the memo lookups compare
// keys this way about 1,300 times per canonicalization of MC).
inline bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

// a < b byte-wise (code point order for UTF-8), as string_view's operator< but inline: a
// first byte that differs decides without memcmp (keys, terms and keywords mostly differ
// there), else memcmp on the shorter length.
inline bool text_less(std::string_view a, std::string_view b) {
  if (!a.empty() && !b.empty() && a[0] != b[0])
    return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  return c < 0 || (c == 0 && a.size() < b.size());
}
struct TextLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return text_less(a, b); }
};

template <size_t N>
inline bool starts_with(std::string_view s, const char (&literal)[N]) {
  return s.size() >= N - 1 && std::memcmp(s.data(), literal, N - 1) == 0;
}

}  // namespace credgate::jsonld
