// The vectorised base64url coder against the table coder (signing/base64url.hpp): every length
// across the 24-, 32- and 48-byte SIMD steps, every byte value, and a bad character at every
// position is refused by both. Each path the machine has is run (the table coder alone where
// it has no AVX2), and the public functions are checked against the table coder too.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "signing/base64url.hpp"

namespace credgate {
namespace {

using namespace signing;

std::string random_bytes(std::mt19937& rng, size_t n) {
  std::string bytes(n, '\0');
  for (auto& b : bytes) b = static_cast<char>(rng() & 0xFF);
  return bytes;
}

using detail::B64Path;

// The paths this machine can run, the table coder first.
std::vector<B64Path> paths_here() {
  std::vector<B64Path> paths;
  for (B64Path p : {B64Path::kTable, B64Path::kAvx2, B64Path::kAvx512Vbmi})
    if (p <= detail::b64url_best_path()) paths.push_back(p);
  return paths;
}

std::string encode_with(std::string_view bytes, B64Path path, std::string out = {}) {
  detail::b64url_encode_append_with(out, bytes, path);
  return out;
}

TEST(Base64UrlSimd, EncodesAndDecodesAsTheTableCoder) {
  for (B64Path path : paths_here()) {
    SCOPED_TRACE("path " + std::to_string(static_cast<int>(path)));
    std::mt19937 rng(7);
    for (size_t n = 0; n < 400; ++n) {
      std::string bytes = random_bytes(rng, n);
      std::string table = encode_with(bytes, B64Path::kTable);
      ASSERT_EQ(encode_with(bytes, path), table) << n;
      ASSERT_EQ(encode_with(bytes, path, "prefix."), "prefix." + table) << n;
      ASSERT_EQ(b64url_encode(bytes), table) << n;
      ASSERT_EQ(detail::b64url_decode_strict_with(table, path), bytes) << n;
      ASSERT_EQ(b64url_decode_strict(table), bytes) << n;
    }
    // Every byte value at every offset of a SIMD step, both directions.
    std::string all;
    for (int round = 0; round < 3; ++round)
      for (int b = 0; b < 256; ++b) all += static_cast<char>((b * 7 + round) & 0xFF);
    std::string text = encode_with(all, path);
    EXPECT_EQ(text, encode_with(all, B64Path::kTable));
    EXPECT_EQ(detail::b64url_decode_strict_with(text, path), all);
    // Every 6-bit value appears: the whole alphabet went through the vector translation.
    for (char c :
         std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
      EXPECT_NE(text.find(c), std::string::npos) << c;
  }
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
      auto table = detail::b64url_decode_strict_with(bad, B64Path::kTable);
      ASSERT_EQ(table.has_value(), member) << b << " at " << pos;
      for (B64Path path : paths_here())
        ASSERT_EQ(detail::b64url_decode_strict_with(bad, path), table) << b << " at " << pos;
    }
  }
}

// The best path is what the CPU has, so that the tests above run every vector path it can.
TEST(Base64UrlSimd, ReportsWhichPathRuns) {
#if defined(__x86_64__)
  B64Path expected = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                             __builtin_cpu_supports("avx512vbmi")
                         ? B64Path::kAvx512Vbmi
                     : __builtin_cpu_supports("avx2") ? B64Path::kAvx2
                                                      : B64Path::kTable;
  EXPECT_EQ(detail::b64url_best_path(), expected);
#else
  EXPECT_EQ(detail::b64url_best_path(), B64Path::kTable);
#endif
}

}  // namespace
}  // namespace credgate
