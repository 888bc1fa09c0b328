// next_to_escape() (jsonld/escape_scan.hpp) against a byte-by-byte scan: every byte that needs
// an escape (controls, '"', '\\', and DEL for N-Quads), at every position of strings long
// enough for the AVX2 path (256 bytes and more), the SSE2 and word paths and the tail.
#include <gtest/gtest.h>

#include <string>

#include "jsonld/escape_scan.hpp"

namespace credgate {
namespace {

template <bool kWithDel>
size_t naive(std::string_view text, size_t i) {
  while (i < text.size() &&
         !jsonld::byte_needs_escape<kWithDel>(static_cast<unsigned char>(text[i])))
    ++i;
  return i;
}

TEST(EscapeScan, FindsEveryByteThatNeedsAnEscapeAtEveryPosition) {
  const unsigned char specials[] = {0x00, 0x01, 0x0A, 0x1F, '"', '\\', 0x7F};
  for (size_t n : {0u, 1u, 15u, 16u, 31u, 33u, 255u, 256u, 257u, 300u, 515u}) {
    std::string plain(n, 'A');
    const std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789+/= ~\xc3\xa9";
    for (size_t k = 0; k < n; ++k) plain[k] = alphabet[k % alphabet.size()];  // no specials
    for (size_t start : {size_t{0}, size_t{1}, size_t{7}}) {
      if (start > n) continue;
      EXPECT_EQ(jsonld::next_to_escape<true>(plain, start), n) << n;
      EXPECT_EQ(jsonld::next_to_escape<false>(plain, start), n) << n;
    }
    for (size_t pos = 0; pos < n; ++pos)
      for (unsigned char c : specials) {
        std::string text = plain;
        text[pos] = static_cast<char>(c);
        for (size_t start : {size_t{0}, pos}) {
          ASSERT_EQ(jsonld::next_to_escape<true>(text, start), naive<true>(text, start))
              << n << " at " << pos << " byte " << int(c);
          ASSERT_EQ(jsonld::next_to_escape<false>(text, start), naive<false>(text, start))
              << n << " at " << pos << " byte " << int(c);
        }
      }
  }
}

}  // namespace
}  // namespace credgate
