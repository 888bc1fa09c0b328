// FrontCache (jsonld/front_cache.hpp): a hit only for the very key a slot remembers.
#include "jsonld/front_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace credgate {
namespace {

using Map = std::unordered_map<std::string, int>;
using Cache = jsonld::FrontCache<Map::value_type>;

TEST(FrontCache, AnswersOnlyForTheKeyItsSlotRemembers) {
  Map map = {{"abcdef", 1}, {"axcdef", 2}, {"", 3}, {"http://ex/a", 4}};
  ASSERT_EQ(Cache::slot("abcdef"), Cache::slot("axcdef"));  // the pair shares a slot
  Cache cache;
  EXPECT_EQ(cache.find("abcdef"), nullptr);
  cache.remember(*map.find("abcdef"));
  ASSERT_NE(cache.find("abcdef"), nullptr);
  EXPECT_EQ(cache.find("abcdef")->second, 1);
  EXPECT_EQ(cache.find("axcdef"), nullptr);  // same slot, another key
  EXPECT_EQ(cache.find("abcde"), nullptr);   // a prefix
  cache.remember(*map.find("axcdef"));       // takes the slot over
  EXPECT_EQ(cache.find("abcdef"), nullptr);
  EXPECT_EQ(cache.find("axcdef")->second, 2);
  cache.remember(*map.find(""));
  EXPECT_EQ(cache.find("")->second, 3);
  cache.remember(*map.find("http://ex/a"));
  EXPECT_EQ(cache.find("http://ex/a")->second, 4);
  cache.clear();
  for (const char* key : {"abcdef", "axcdef", "", "http://ex/a"})
    EXPECT_EQ(cache.find(key), nullptr);
}

TEST(FrontCache, SlotsStayInRange) {
  for (const std::string& key : {std::string(), std::string("a"), std::string("ab"),
                                 std::string("\xff\xff\xff"), std::string(1000, 'z')})
    EXPECT_LT(Cache::slot(key), 256u);
  EXPECT_LT((jsonld::FrontCache<Map::value_type, 8>::slot("\xff\xff")), 8u);
}

}  // namespace
}  // namespace credgate
