// The vectorised base64url coder against the table coder (signing/base64url.hpp): every length
// across the 24- and 32-byte SIMD steps, every byte value, and a bad character at every
// position is refused by both. Where the machine has no AVX2 both paths are the table coder
// and the comparison still checks the public functions against it.
#include <gtest/gtest.h>

#include <random>

#include "signing/base64url.hpp"

namespace credgate {
namespace {

using namespace signing;

std::string random_bytes(std::mt19937& rng, size_t n) {
  std::string bytes(n, '\0');
  for (auto& b : bytes) b = static_cast<char>(rng() & 0xFF);
  return bytes;
}

TEST(Base64UrlSimd, EncodesAndDecodesAsTheTableCoder) {
  std::mt19937 rng(7);
  for (size_t n = 0; n < 300; ++n) {
    std::string bytes = random_bytes(rng, n);
    std::string scalar;
    detail::b64url_encode_append_scalar(scalar, bytes);
    ASSERT_EQ(b64url_encode(bytes), scalar) << n;
    std::string appended = "prefix.";
    b64url_encode_append(appended, bytes);
    ASSERT_EQ(appended, "prefix." + scalar) << n;
    ASSERT_EQ(b64url_decode_strict(scalar), bytes) << n;
    ASSERT_EQ(detail::b64url_decode_strict_scalar(scalar), bytes) << n;
  }
  // Every byte value at every offset of a SIMD step, both directions.
  std::string all;
  for (int round = 0; round < 3; ++round)
    for (int b = 0; b < 256; ++b) all += static_cast<char>((b * 7 + round) & 0xFF);
  std::string text = b64url_encode(all);
  std::string scalar;
  detail::b64url_encode_append_scalar(scalar, all);
  EXPECT_EQ(text, scalar);
  EXPECT_EQ(b64url_decode_strict(text), all);
  // Every 6-bit value appears: the whole alphabet went through the vector translation.
  for (char c :
       std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
    EXPECT_NE(text.find(c), std::string::npos) << c;
}

// Parts coded as one text: every split of lengths 0-8 around the 3-byte groups, and long
// parts through the SIMD path, against the coding of their concatenation.
TEST(Base64UrlSimd, PartsAreCodedAsTheirConcatenation) {
  std::mt19937 rng(11);
  for (size_t a = 0; a <= 8; ++a)
    for (size_t b = 0; b <= 8; ++b)
      for (size_t c : {size_t{0}, size_t{1}, size_t{2}, size_t{100}, size_t{301}}) {
        std::string x = random_bytes(rng, a), y = random_bytes(rng, b), z = random_bytes(rng, c);
        const std::string_view parts[] = {x, y, z};
        std::string joined = "p.";
        b64url_encode_append(joined, parts);
        ASSERT_EQ(joined, "p." + b64url_encode(x + y + z)) << a << " " << b << " " << c;
      }
}

TEST(Base64UrlSimd, RefusesEveryForeignByteAtEveryPosition) {
  std::mt19937 rng(11);
  std::string text = b64url_encode(random_bytes(rng, 96));  // 128 characters: four SIMD steps
  ASSERT_EQ(text.size(), 128u);
  std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (int b = 0; b < 256; ++b) {
    bool member = alphabet.find(static_cast<char>(b)) != std::string::npos;
    for (size_t pos = 0; pos < text.size(); pos += (b % 5) + 1) {
      std::string bad = text;
      bad[pos] = static_cast<char>(b);
      auto fast = b64url_decode_strict(bad);
      auto table = detail::b64url_decode_strict_scalar(bad);
      ASSERT_EQ(fast.has_value(), member) << b << " at " << pos;
      ASSERT_EQ(fast, table) << b << " at " << pos;
    }
  }
}

TEST(Base64UrlSimd, ReportsWhichPathRuns) {
#if defined(__x86_64__)
  EXPECT_EQ(detail::b64url_simd_available(), static_cast<bool>(__builtin_cpu_supports("avx2")));
#else
  EXPECT_FALSE(detail::b64url_simd_available());
#endif
}

}  // namespace
}  // namespace credgate
