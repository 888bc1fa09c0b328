// parse_iso_utc against the C library's calendar (gmtime_r through iso_time), and the forms it
// must refuse.
#include "signing/utc_time.hpp"

#include <gtest/gtest.h>

#include <ctime>

namespace credgate::signing {
namespace {

TEST(ParseIsoUtc, ReadsBackEveryInstantIsoTimeWrites) {
  // Every 7 hours 13 minutes 17 seconds from 1970 to 2100: all months, leap days, day ends.
  for (std::time_t t = 0; t < 4102444800; t += 7 * 3600 + 13 * 60 + 17) {
    std::string text = iso_time(t);
    auto back = parse_iso_utc(text);
    ASSERT_TRUE(back.has_value()) << text;
    ASSERT_EQ(*back, t) << text;
  }
  EXPECT_EQ(parse_iso_utc("1969-12-31T23:59:59Z"), -1);
  EXPECT_EQ(parse_iso_utc("2022-12-21T18:50:35Z"), 1671648635);
}

TEST(ParseIsoUtc, RefusesDatesThatDoNotExist) {
  EXPECT_TRUE(parse_iso_utc("2024-02-29T00:00:00Z"));
  EXPECT_TRUE(parse_iso_utc("2000-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_iso_utc("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_iso_utc("1900-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_iso_utc("2023-04-31T00:00:00Z"));
  EXPECT_FALSE(parse_iso_utc("2023-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_iso_utc("2023-00-01T00:00:00Z"));
  EXPECT_FALSE(parse_iso_utc("2023-01-00T00:00:00Z"));
  EXPECT_FALSE(parse_iso_utc("2023-01-01T24:00:00Z"));
  EXPECT_FALSE(parse_iso_utc("2023-01-01T00:60:00Z"));
  EXPECT_FALSE(parse_iso_utc("2023-01-01T00:00:60Z"));  // a leap second is not an instant here
  EXPECT_FALSE(parse_iso_utc("0999-01-01T00:00:00Z"));  // iso_time would not write it back
}

TEST(ParseIsoUtc, RefusesOtherForms) {
  for (const char* text :
       {"", "2023-01-01T00:00:00", "2023-01-01T00:00:00z", "2023-01-01 00:00:00Z",
        "2023-01-01T00:00:00.5Z", "2023-01-01T00:00:00+00:00", " 023-01-01T00:00:00Z",
        "+023-01-01T00:00:00Z", "2023-1-01T00:00:00ZZ", "2023-01-01T0:00:00Z ",
        "2023/01/01T00:00:00Z", "2023-01-01T00:00:0aZ", "２023-01-01T00:00:00Z"})
    EXPECT_FALSE(parse_iso_utc(text)) << text;
}

}  // namespace
}  // namespace credgate::signing
