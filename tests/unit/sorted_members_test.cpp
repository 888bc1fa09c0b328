// SortedMembers (jsonld/sorted_members.hpp): a simdjson object's members in the order
// nlohmann's std::map holds them (byte-wise by key), a repeated key once with its last value.
#include "jsonld/sorted_members.hpp"

#include "jsonld/input_value.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace credgate {
namespace {

std::string object_text(const std::vector<std::pair<std::string, int>>& members) {
  std::string text = "{";
  for (const auto& [key, value] : members) {
    if (text.size() > 1) text += ',';
    text += nlohmann::json(key).dump() + ":" + std::to_string(value);
  }
  return text + "}";
}

TEST(SortedMembers, ByteWiseOrderAndLastOfARepeatedKeyAsNlohmann) {
  const std::vector<std::string> keys = {"@context",
                                         "@id",
                                         "@type",
                                         "id",
                                         "type",
                                         "",
                                         "a",
                                         "ab",
                                         "Z",
                                         "_:b0",
                                         "\xc3\xa9t\xc3\xa9",
                                         "\xe2\x82\xac",
                                         "name",
                                         "names",
                                         "nam",
                                         "http://example.org/p",
                                         "~",
                                         "@",
                                         "0",
                                         "zz"};
  std::mt19937 random(11);
  simdjson::dom::parser parser;
  for (int round = 0; round < 30; ++round) {
    std::vector<std::pair<std::string, int>> members;
    const size_t count = 1 + random() % 24;  // inline (<= 8), insertion sort, stable_sort
    for (size_t i = 0; i < count; ++i)
      members.emplace_back(keys[random() % keys.size()], static_cast<int>(i));
    const std::string text = object_text(members);
    SCOPED_TRACE(text);
    const nlohmann::json expected = nlohmann::json::parse(text);
    simdjson::padded_string padded(text);
    simdjson::dom::element root;
    ASSERT_EQ(parser.parse(padded).get(root), simdjson::SUCCESS);
    jsonld::SortedMembers sorted(root);
    ASSERT_EQ(sorted.size(), expected.size());
    size_t i = 0;
    for (const auto& [key, value] : expected.items()) {
      EXPECT_EQ(sorted[i].key, key);
      EXPECT_EQ(int64_t(sorted[i].value), value.get<int64_t>());
      ++i;
    }
  }
}

// InputValue::Object::find() (bisection over the sorted members) finds what InputValue::find()
// (a scan) finds, the last value of a repeated key included, and nothing else.
TEST(SortedMembers, ObjectFindAgreesWithTheScan) {
  const std::string text =
      R"({"type": 1, "@context": 2, "id": 3, "": 4, "\u00e9": 5, "@context": 6, "a": 7, "Z": 8})";
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(padded).get(root), simdjson::SUCCESS);
  const jsonld::InputValue value(root);
  const jsonld::InputValue::Object members(value);
  for (std::string_view key : {"type", "@context", "id", "", "\xc3\xa9", "a", "Z", "@contex",
                               "@contextx", "b", "\xff", "@"}) {
    auto bisected = members.find(key);
    auto scanned = value.find(key);
    ASSERT_EQ(bisected.has_value(), scanned.has_value()) << key;
    if (bisected) {
      EXPECT_EQ(bisected->dump(), scanned->dump()) << key;
    }
  }
  EXPECT_EQ(members.find("@context")->dump(), "6");
}

}  // namespace
}  // namespace credgate
