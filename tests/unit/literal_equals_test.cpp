// equals(), optional_equals() and starts_with() against constants (jsonld/literal_equals.hpp):
// the keyword tests of expansion and toRdf.
#include <gtest/gtest.h>

#include "jsonld/literal_equals.hpp"

namespace credgate {
namespace {

using jsonld::equals;
using jsonld::optional_equals;
using jsonld::same_text;
using jsonld::starts_with;
using jsonld::text_less;
using jsonld::TextLess;

TEST(LiteralEquals, ExactlyTheConstant) {
  EXPECT_TRUE(equals(std::string_view("@id"), "@id"));
  EXPECT_FALSE(equals(std::string_view("@i"), "@id"));
  EXPECT_FALSE(equals(std::string_view("@idx"), "@id"));
  EXPECT_FALSE(equals(std::string_view("@ID"), "@id"));
  EXPECT_FALSE(equals(std::string_view(""), "@id"));
  EXPECT_TRUE(equals(std::string_view(""), ""));
  // A string holding a NUL is compared by its length, not as a C string.
  EXPECT_FALSE(equals(std::string_view("@id\0x", 5), "@id"));
  EXPECT_TRUE(equals(std::string("@language"), "@language"));
}

TEST(LiteralEquals, OptionalResults) {
  EXPECT_TRUE(optional_equals(std::optional<std::string>("@type"), "@type"));
  EXPECT_FALSE(optional_equals(std::optional<std::string>("@types"), "@type"));
  EXPECT_FALSE(optional_equals(std::optional<std::string>(), "@type"));
  EXPECT_FALSE(optional_equals(std::optional<std::string>(), ""));
}

TEST(LiteralEquals, Prefixes) {
  EXPECT_TRUE(starts_with(std::string_view("_:b0"), "_:"));
  EXPECT_TRUE(starts_with(std::string_view("_:"), "_:"));
  EXPECT_FALSE(starts_with(std::string_view("_"), "_:"));
  EXPECT_FALSE(starts_with(std::string_view("http://x/_:"), "_:"));
}

// same_text() and text_less() agree with string_view's == and < on every pair, the empty
// string, prefixes, equal first bytes, bytes above 0x7F and embedded NULs included.
TEST(LiteralEquals, SameTextAndTextLessAgreeWithStringView) {
  const std::string_view samples[] = {"",
                                      "@",
                                      "@id",
                                      "@idx",
                                      "@type",
                                      "a",
                                      "ab",
                                      "b",
                                      "Z",
                                      "http://ex/a",
                                      "http://ex/b",
                                      "http://ex/a/longer",
                                      "\xc3\xa9",
                                      "\xe2\x82\xac",
                                      "\x7f",
                                      std::string_view("a\0b", 3),
                                      std::string_view("a\0c", 3)};
  for (std::string_view a : samples)
    for (std::string_view b : samples) {
      EXPECT_EQ(same_text(a, b), a == b) << a << " / " << b;
      EXPECT_EQ(text_less(a, b), a < b) << a << " / " << b;
      EXPECT_EQ(TextLess{}(a, b), a < b);
    }
}

// same_text() compares up to 16 bytes with overlapping word loads: a difference at any
// position of any length must be seen, and no byte past either string may decide. Lengths 0 to
// 40 cover the byte loop, the 4- and 8-byte loads and memcmp.
TEST(LiteralEquals, SameTextSeesADifferenceAtEveryPosition) {
  for (size_t n = 0; n <= 40; ++n) {
    // Each string is followed by bytes that differ, so that reading past the end would show.
    std::string a(n, 'x'), b(n, 'x');
    a += "AAAAAAAA";
    b += "BBBBBBBB";
    EXPECT_TRUE(same_text(std::string_view(a.data(), n), std::string_view(b.data(), n))) << n;
    for (size_t i = 0; i < n; ++i) {
      std::string c = b;
      c[i] = 'y';
      EXPECT_FALSE(same_text(std::string_view(a.data(), n), std::string_view(c.data(), n)))
          << n << " at " << i;
      c[i] = static_cast<char>(0xF8);  // a byte above 0x7F
      EXPECT_FALSE(same_text(std::string_view(c.data(), n), std::string_view(a.data(), n)))
          << n << " at " << i;
    }
    if (n > 0) {  // same bytes, one shorter
      EXPECT_FALSE(same_text(std::string_view(a.data(), n), std::string_view(b.data(), n - 1)));
    }
  }
}

}  // namespace
}  // namespace credgate
