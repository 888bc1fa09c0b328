#include "jsonld/rdf_lexical.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

#include "jsonld/iri_scan.hpp"

namespace credgate::jsonld {

std::string xsd_double_lexical(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "INF" : "-INF";
  if (value == 0) return "0.0E0";  // both zeros, as jsonld.js (toExponential drops the sign)
  // Note: printf rounds an exact tie at the 16th digit to even (1000000000000000.5 ->
  // "1.0E15") where ECMAScript's toExponential, and so jsonld.js, rounds up
  // ("1.000000000000001E15").
  char buf[40];
  std::snprintf(buf, sizeof buf, "%1.15E", value);
  std::string_view text(buf);
  size_t e = text.find('E');
  std::string_view mantissa = text.substr(0, e);
  size_t last = mantissa.find_last_not_of('0');
  if (mantissa[last] == '.') ++last;  // keep one digit after the point
  std::string out(mantissa.substr(0, last + 1));
  out += 'E';
  std::string_view exponent = text.substr(e + 1);
  if (exponent.front() == '-') out += '-';
  if (exponent.front() == '-' || exponent.front() == '+') exponent.remove_prefix(1);
  size_t first = exponent.find_first_not_of('0');
  out += first == std::string_view::npos ? std::string_view("0") : exponent.substr(first);
  return out;
}

std::string xsd_integer_lexical(const nlohmann::json& number) {
  if (number.is_number_unsigned()) return std::to_string(number.get<uint64_t>());
  if (number.is_number_integer()) return std::to_string(number.get<int64_t>());
  double value = number.get<double>();
  if (value == 0) return "0";
  char buf[32];  // |value| < 1e21: at most 22 characters, and "%.0f" is exact for integers
  std::snprintf(buf, sizeof buf, "%.0f", value);
  return buf;
}

namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

bool is_well_formed_iri(std::string_view iri) {
  size_t colon = iri.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_alpha(iri[0])) return false;
  for (char c : iri.substr(1, colon - 1))
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  // '[' and ']' belong to an IP literal host only: inside the authority after "//" (found
  // when one of them is met; most IRIs hold neither).
  std::optional<size_t> authority_end;
  auto in_authority = [&](size_t i) {
    if (!authority_end)
      authority_end = iri.substr(colon + 1, 2) == "//" ? iri.find_first_of("/?#", colon + 3) : 0;
    return i < *authority_end;
  };
  bool fragment = false;
  // Only the bytes that are not plain need a look (iri_scan.hpp finds them).
  for (size_t i = next_unplain_iri_byte(iri, colon + 1); i < iri.size();
       i = next_unplain_iri_byte(iri, i + 1)) {
    char c = iri[i];
    if (static_cast<unsigned char>(c) <= 0x20) return false;
    switch (c) {
      case '#':  // a fragment cannot hold another '#'
        if (fragment) return false;
        fragment = true;
        break;
      case '%':  // percent-encoding: two hex digits
        if (i + 2 >= iri.size() || !is_hex(iri[i + 1]) || !is_hex(iri[i + 2])) return false;
        break;
      case '[':
      case ']':
        if (!in_authority(i)) return false;
        break;
      default:  // never allowed: one of <>"{}|^`\ (iri_scan.hpp)
        return false;
    }
  }
  return true;
}

bool is_well_formed_blank_node(std::string_view id) {
  return id.size() > 2 && id.starts_with("_:");
}

}  // namespace credgate::jsonld
