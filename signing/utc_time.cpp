#include "signing/utc_time.hpp"

#include <chrono>
#include <ctime>

namespace credgate::signing {

std::string iso_time(std::time_t t) {
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Read field by field with the calendar of <chrono> rather than sscanf + timegm + a formatted
// round trip: a JAdES verification reads sigT and every timestamp's time through here, and the
// old way cost as much as reading the signer's certificate.
std::optional<std::time_t> parse_iso_utc(const std::string& text) {
  static constexpr char kForm[] = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != sizeof kForm - 1) return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (kForm[i] == 'd' ? !digit : text[i] != kForm[i]) return std::nullopt;
  }
  auto number = [&](size_t at, size_t width) {
    int n = 0;
    for (size_t i = at; i < at + width; ++i) n = n * 10 + (text[i] - '0');
    return n;
  };
  int y = number(0, 4), h = number(11, 2), mi = number(14, 2), s = number(17, 2);
  // Years below 1000 are refused as before: iso_time writes them without leading zeros, so
  // they would not read back as the same text.
  std::chrono::year_month_day date{std::chrono::year(y),
                                   std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                   std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  if (y < 1000 || !date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return static_cast<std::time_t>(days) * 86400 + h * 3600 + mi * 60 + s;
}

std::optional<std::time_t> asn1_to_time(const ASN1_TIME* time) {
  struct tm tm {};
  if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return std::nullopt;
  return timegm(&tm);
}

}  // namespace credgate::signing
