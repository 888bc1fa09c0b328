// ExpandedJson (jsonld/expanded_json.hpp): nlohmann::basic_json over a sorted vector map must
// behave as nlohmann::json does for everything expansion and toRdf rely on: member order,
// lookups, a repeated key, erasure, and conversion both ways.
#include <gtest/gtest.h>

#include <random>

#include "jsonld/expanded_json.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;
using jsonld::ExpandedJson;

// Keys that share prefixes, differ in length, and hold bytes above 0x7F (UTF-8), where a
// signed char comparison would order differently.
std::vector<std::string> sample_keys() {
  std::vector<std::string> keys = {"@id",
                                   "@type",
                                   "@value",
                                   "@language",
                                   "@",
                                   "",
                                   "a",
                                   "ab",
                                   "http://example.org/p",
                                   "http://example.org/p2",
                                   "http://example.org/\xc3\xa9",
                                   "\xe2\x82\xac",
                                   "Z",
                                   "_:b0",
                                   "_:b10",
                                   "_:b2"};
  for (int i = 0; i < 40; ++i)
    keys.push_back("http://data.europa.eu/snb/model/elm/p" + std::to_string(i * 7 % 23));
  return keys;
}

TEST(ExpandedJson, MembersInNlohmannOrderWhateverTheInsertionOrder) {
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> keys = sample_keys();
    std::shuffle(keys.begin(), keys.end(), random);
    json expected = json::object();
    ExpandedJson actual = ExpandedJson::object();
    for (size_t i = 0; i < keys.size(); ++i) {
      expected[keys[i]] = i;  // a repeated key keeps its last value in both
      actual[keys[i]] = i;
    }
    EXPECT_EQ(std::string(actual.dump()), expected.dump());
    std::vector<std::string> order;
    for (const auto& [key, unused] : actual.items()) order.emplace_back(key);
    EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
  }
}

TEST(ExpandedJson, LookupsWithStringsViewsAndLiterals) {
  ExpandedJson j = ExpandedJson::object();
  j["@value"] = "x";
  j["http://example.org/p"] = ExpandedJson::array({1, 2});
  EXPECT_TRUE(j.contains("@value"));
  EXPECT_TRUE(j.contains(std::string_view("http://example.org/p")));
  EXPECT_FALSE(j.contains("@valu"));
  EXPECT_FALSE(j.contains("@valuee"));
  ASSERT_NE(j.find("@value"), j.end());
  EXPECT_EQ(*j.find("@value"), "x");
  EXPECT_EQ(j.find("@list"), j.end());
  EXPECT_EQ(j.count("http://example.org/p"), 1u);
  EXPECT_EQ(j.at("http://example.org/p").size(), 2u);
  EXPECT_THROW(j.at("missing"), nlohmann::json::out_of_range);
}

TEST(ExpandedJson, EraseAndInsertKeepOrder) {
  ExpandedJson j = {{"c", 3}, {"a", 1}, {"b", 2}};
  EXPECT_EQ(std::string(j.dump()), R"({"a":1,"b":2,"c":3})");
  EXPECT_EQ(j.erase("b"), 1u);
  EXPECT_EQ(j.erase("b"), 0u);
  j.erase(j.find("a"));
  EXPECT_EQ(std::string(j.dump()), R"({"c":3})");
  j.update(ExpandedJson{{"b", 5}, {"d", 6}});
  EXPECT_EQ(std::string(j.dump()), R"({"b":5,"c":3,"d":6})");
}

TEST(ExpandedJson, ConvertsBothWaysAndComparesAsNlohmann) {
  json original = json::parse(
      R"({"z": [1, 2.5, "s", null, true, {"y": {}, "x": []}], "a": {"k": "v"}, "m": -3})");
  ExpandedJson converted(original);
  EXPECT_EQ(std::string(converted.dump()), original.dump());
  EXPECT_EQ(json(converted), original);
  ExpandedJson same = ExpandedJson::parse(original.dump());
  EXPECT_EQ(same, converted);
  same["a"]["k"] = "w";
  EXPECT_NE(same, converted);
  EXPECT_EQ(std::string(ExpandedJson::parse(R"({"q":1,"a":2,"q":3})").dump()), R"({"a":2,"q":3})");
}

}  // namespace
}  // namespace credgate
