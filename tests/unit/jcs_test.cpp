// RFC 8785 (JCS) against the RFC's own examples: section 3.2.2 and 3.2.3, and the number
// table of Appendix B (IEEE 754 bit patterns and their ECMAScript serialization).
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>

#include "jsonld/jcs.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;
using jsonld::canonical_json;

std::string number_from_bits(uint64_t bits) {
  return canonical_json(std::bit_cast<double>(bits));
}

TEST(Jcs, AppendixBNumbers) {
  const std::pair<uint64_t, const char*> table[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},  // -0
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& [bits, expected] : table)
    EXPECT_EQ(number_from_bits(bits), expected) << std::hex << bits;
}

TEST(Jcs, NumbersAsParsedFromJsonText) {
  const std::pair<const char*, const char*> table[] = {
      {"1e+30", "1e+30"},
      {"1E30", "1e+30"},
      {"4.50", "4.5"},
      {"2e-3", "0.002"},
      {"0.000001", "0.000001"},
      {"0.0000001", "1e-7"},
      {"1.5e-7", "1.5e-7"},
      {"-0", "0"},
      {"-0.0", "0"},
      {"1E21", "1e+21"},
      {"1e20", "100000000000000000000"},
      {"123", "123"},
      {"-123", "-123"},
      {"0.1", "0.1"},
      {"1.0", "1"},
      {"1e-27", "1e-27"},
      {"123456789012.5", "123456789012.5"},
      // Integers are IEEE doubles in JCS: 2^64 - 1 becomes the double it rounds to.
      {"18446744073709551615", "18446744073709552000"},
  };
  for (const auto& [text, expected] : table)
    EXPECT_EQ(canonical_json(json::parse(text)), expected) << text;
}

TEST(Jcs, NonFiniteNumbersBecomeNull) {
  EXPECT_EQ(canonical_json(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(canonical_json(std::numeric_limits<double>::quiet_NaN()), "null");
}

TEST(Jcs, Section322Example) {
  json input = json::parse(R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })");
  EXPECT_EQ(canonical_json(input),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST(Jcs, Section323SortsByUtf16CodeUnits) {
  json input = json::parse(R"({
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\ud83d\ude00": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  })");
  // U+1F600 (surrogates D83D DE00) sorts before U+FB33 although its UTF-8 bytes sort after.
  EXPECT_EQ(
      canonical_json(input),
      "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
      "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
      "\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
}

TEST(Jcs, StringEscapes) {
  std::string all_controls;
  for (char c = 0; c < 0x20; ++c) all_controls += c;
  EXPECT_EQ(canonical_json(all_controls),
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
            "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019"
            "\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"");
  // DEL, '/', and non-ASCII characters are written as they are.
  EXPECT_EQ(canonical_json("\x7f/\u00e9\u2028"), "\"\x7f/\u00e9\u2028\"");
}

// The JSON string escaper (JCS, the JAdES payload) skips plain runs 16 and 8 bytes at a time:
// every byte of the escaped classes and their neighbours (0x20, 0x7E, 0x7F, 0x80, 0xBF), at
// every position of strings around those widths, escapes as nlohmann's dump() does (the
// two agree on JSON escapes: \b \f \n \r \t, \u00xx in lower-case hex, DEL as is).
TEST(Jcs, StringEscapesAtEveryPosition) {
  for (int special : {0x00, 0x08, 0x0A, 0x1F, 0x20, 0x22, 0x5C, 0x7E, 0x7F, 0x80, 0xBF}) {
    for (size_t length : {1u, 7u, 8u, 15u, 16u, 17u, 31u, 33u, 70u}) {
      for (size_t at = 0; at < length; ++at) {
        std::string value(length, 'a');
        value[at] = static_cast<char>(special);
        if (special >= 0x80) value.insert(at, 1, static_cast<char>(0xC3));  // keep it UTF-8
        std::string out;
        jsonld::append_json_string_contents(out, value);
        std::string expected = json(value).dump(-1, ' ', false, json::error_handler_t::replace);
        ASSERT_EQ("\"" + out + "\"", expected)
            << "byte " << special << " at " << at << " of " << length;
      }
    }
  }
}

TEST(Jcs, NestedStructures) {
  json input = json::parse(R"([56, {"d": true, "10": null, "1": []}, {}, [[]], "x"])");
  EXPECT_EQ(canonical_json(input), R"([56,{"1":[],"10":null,"d":true},{},[[]],"x"])");
}

}  // namespace
}  // namespace credgate
