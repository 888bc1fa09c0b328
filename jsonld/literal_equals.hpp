// Equality of a string with a short constant ("@value", "_:"), compiled inline.
//
// Why not operator==: std::string_view's calls compare(), which GCC 12 at -O2 leaves out of
// line in the hot loops of expansion and toRdf, so each keyword test was a call into compare()
// and then into memcmp; with the length a constant, memcmp becomes a few loads. Those tests
// ran about 5,000 times per canonicalization of the EC's MC sample.
#pragma once

#include <cstddef>
#include <cstdint>
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
// Up to 16 bytes (terms, keywords, language tags: most of what the memos compare) are
// compared as two overlapping loads, with no call; longer strings through memcmp.
inline bool same_text(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  auto load8 = [](const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  };
  auto load4 = [](const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  };
  if (n >= 8) {
    if (n > 16) return std::memcmp(x, y, n) == 0;
    return load8(x) == load8(y) && load8(x + n - 8) == load8(y + n - 8);
  }
  if (n >= 4) return load4(x) == load4(y) && load4(x + n - 4) == load4(y + n - 4);
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return false;
  return true;
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
