// next_unplain_iri_byte() (jsonld/iri_scan.hpp) against the table it stands for: every byte
// value at every position of strings of the lengths that take each path (scalar under 16
// bytes, the two 16-byte halves, whole 32-byte blocks and the overlapping last block), from
// several start positions; and is_well_formed_iri() on the cases its scan decides.
#include <gtest/gtest.h>

#include <string>

#include "jsonld/iri_scan.hpp"
#include "jsonld/rdf_lexical.hpp"

namespace credgate {
namespace {

size_t by_table(std::string_view iri, size_t i) {
  while (i < iri.size() && jsonld::kPlainIriByte[static_cast<unsigned char>(iri[i])]) ++i;
  return i;
}

TEST(IriScan, FindsEveryByteValueAtEveryPosition) {
  const std::string_view alphabet =
      "abcdefghijklmnopqrstuvwxyz0123456789:/.-_~?=&;+!$'()*,@\xc3\xa9";
  for (size_t n : {0u, 1u, 15u, 16u, 17u, 31u, 32u, 33u, 47u, 63u, 64u, 65u, 100u}) {
    std::string plain(n, 'a');
    for (size_t k = 0; k < n; ++k) plain[k] = alphabet[k % alphabet.size()];
    for (size_t start : {size_t{0}, size_t{1}, size_t{5}, size_t{17}}) {
      if (start <= n) {
        EXPECT_EQ(jsonld::next_unplain_iri_byte(plain, start), n) << n;
      }
    }
    for (size_t pos = 0; pos < n; ++pos)
      for (int c = 0; c < 256; ++c) {
        std::string text = plain;
        text[pos] = static_cast<char>(c);
        for (size_t start : {size_t{0}, pos, pos + 1}) {
          if (start > n) continue;
          ASSERT_EQ(jsonld::next_unplain_iri_byte(text, start), by_table(text, start))
              << "length " << n << ", byte " << c << " at " << pos << ", from " << start;
        }
      }
  }
}

TEST(IriScan, TheTableHoldsTheBytesTheRulesName) {
  for (int c = 0; c < 256; ++c) {
    const bool special =
        c <= 0x20 ||
        std::string_view("<>\"{}|^`\\#%[]").find(static_cast<char>(c)) != std::string_view::npos;
    EXPECT_EQ(jsonld::kPlainIriByte[c], !special) << c;
  }
}

TEST(IriScan, WellFormedIrisOfEveryLength) {
  const std::string base = "http://data.europa.eu/snb/model/elm/";
  for (size_t extra = 0; extra < 70; ++extra) {
    std::string iri = base + std::string(extra, 'x');
    EXPECT_TRUE(jsonld::is_well_formed_iri(iri)) << iri;
    for (const char* bad : {" ", "<", ">", "\"", "{", "}", "|", "^", "`", "\\", "%zz", "\x01"}) {
      std::string broken = iri + bad + "tail";
      EXPECT_FALSE(jsonld::is_well_formed_iri(broken)) << broken;
    }
    EXPECT_TRUE(jsonld::is_well_formed_iri(iri + "#frag%2Fx")) << iri;
    EXPECT_FALSE(jsonld::is_well_formed_iri(iri + "#a#b")) << iri;
    EXPECT_FALSE(jsonld::is_well_formed_iri(iri + "[1]")) << iri;  // brackets outside the host
  }
  EXPECT_TRUE(jsonld::is_well_formed_iri("http://[::1]:8080/path/with/enough/bytes/for/avx2"));
  EXPECT_TRUE(jsonld::is_well_formed_iri("http://[::1]"));
  EXPECT_FALSE(jsonld::is_well_formed_iri("urn:[x]:and/more/bytes/than/sixteen/of/them"));
}

}  // namespace
}  // namespace credgate
