// InputValue (jsonld/input_value.hpp) holds either an nlohmann::json pointer or a simdjson
// element in 16 bytes: both kinds must read alike, and each must say which it is.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "jsonld/input_value.hpp"

namespace credgate {
namespace {

using jsonld::InputValue;

// Walks both values side by side and checks that they read the same.
void expect_alike(InputValue a, InputValue b, const std::string& where) {
  ASSERT_EQ(a.is_null(), b.is_null()) << where;
  ASSERT_EQ(a.is_array(), b.is_array()) << where;
  ASSERT_EQ(a.is_object(), b.is_object()) << where;
  ASSERT_EQ(a.is_string(), b.is_string()) << where;
  ASSERT_EQ(a.is_number(), b.is_number()) << where;
  ASSERT_EQ(a.is_boolean(), b.is_boolean()) << where;
  ASSERT_EQ(a.size(), b.size()) << where;
  EXPECT_EQ(a.to_json(), b.to_json()) << where;
  if (a.is_string()) {
    EXPECT_EQ(a.string(), b.string()) << where;
  }
  if (a.is_array()) {
    std::vector<InputValue> items_a, items_b;
    a.for_each_item([&](InputValue v) { items_a.push_back(v); });
    b.for_each_item([&](InputValue v) { items_b.push_back(v); });
    ASSERT_EQ(items_a.size(), items_b.size());
    for (size_t i = 0; i < items_a.size(); ++i)
      expect_alike(items_a[i], items_b[i], where + "/" + std::to_string(i));
  }
  if (a.is_object()) {
    std::vector<std::pair<std::string_view, InputValue>> ma, mb;
    a.for_each_member([&](std::string_view k, InputValue v) { ma.emplace_back(k, v); });
    b.for_each_member([&](std::string_view k, InputValue v) { mb.emplace_back(k, v); });
    ASSERT_EQ(ma.size(), mb.size());
    for (size_t i = 0; i < ma.size(); ++i) {
      EXPECT_EQ(ma[i].first, mb[i].first) << where;
      expect_alike(ma[i].second, mb[i].second, where + "/" + std::string(ma[i].first));
    }
  }
}

TEST(InputValue, BothKindsReadAlikeAndSayWhichTheyAre) {
  const std::string text =
      R"({"b": [1, -2, 3.5, true, null, "x"], "a": {"z": {}, "y": []}, "c": "\u00e9", "a": "last"})";
  nlohmann::json parsed = nlohmann::json::parse(text);
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(text);
  InputValue from_json(parsed);
  InputValue from_dom(root);
  EXPECT_EQ(from_json.json(), &parsed);
  EXPECT_EQ(from_dom.json(), nullptr);
  expect_alike(from_json, from_dom, "");
  // A repeated key reads once, with its last value, in both.
  EXPECT_EQ(from_dom.find("a")->string(), "last");
  EXPECT_EQ(from_json.find("a")->string(), "last");
}

// same_as() compares values of simdjson's DOM on its tape: against the text of each value
// (whitespace aside, members in their order), for every pair from a set of values that differ
// in one place each, within one document and across two.
TEST(InputValue, SameAsComparesTheJsonAsWritten) {
  const std::vector<std::string> values = {R"(null)",
                                           R"(true)",
                                           R"(false)",
                                           R"(0)",
                                           R"(1)",
                                           R"(-1)",
                                           R"(1.0)",
                                           R"(1.5)",
                                           R"(18446744073709551615)",
                                           R"(9223372036854775807)",
                                           R"("")",
                                           R"("a")",
                                           R"("b")",
                                           R"("ab")",
                                           R"("a\"b")",
                                           R"("\u00e9")",
                                           R"("é")",
                                           R"([])",
                                           R"({})",
                                           R"([1])",
                                           R"([1, 2])",
                                           R"([2, 1])",
                                           R"([[1]])",
                                           R"([[1], 2])",
                                           R"({"a": 1})",
                                           R"({"a": 2})",
                                           R"({"b": 1})",
                                           R"({"a": 1, "b": 2})",
                                           R"({"b": 2, "a": 1})",
                                           R"({"a": {"b": [1, "x"]}})",
                                           R"({"a": {"b": [1, "y"]}})",
                                           R"({"a": {"b": [1, "x"], "c": null}})",
                                           R"({"a": {"c": [1, "x"]}})",
                                           R"([{"a": "xy"}, "z"])",
                                           R"([{"a": "x"}, "yz"])",
                                           R"({"id": "urn:a", "label": {"en": "A", "fr": "B"}})",
                                           R"({"id": "urn:a", "label": {"en": "A", "fr": "C"}})"};
  auto same_text = [](const std::string& a, const std::string& b) {
    return nlohmann::ordered_json::parse(a).dump() == nlohmann::ordered_json::parse(b).dump();
  };
  simdjson::dom::parser one, other;
  for (const std::string& a : values)
    for (const std::string& b : values) {
      SCOPED_TRACE(a + " / " + b);
      const std::string both = "[" + a + ", " + b + "]";
      simdjson::dom::element pair = one.parse(both);
      const bool expected = same_text(a, b);
      EXPECT_EQ(InputValue(pair.at(0).value()).same_as(InputValue(pair.at(1).value())), expected);
      simdjson::dom::element alone = other.parse(b);  // another document's tape and strings
      EXPECT_EQ(InputValue(pair.at(0).value()).same_as(InputValue(alone)), expected);
      const nlohmann::json ja = nlohmann::json::parse(a), jb = nlohmann::json::parse(b);
      EXPECT_EQ(InputValue(ja).same_as(InputValue(jb)), ja == jb);
      EXPECT_FALSE(InputValue(ja).same_as(InputValue(alone)));  // never across the two kinds
    }
}

}  // namespace
}  // namespace credgate
