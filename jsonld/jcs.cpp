// RFC 8785 (JCS): ECMAScript's JSON.stringify with object members sorted by UTF-16 code units.
#include "jsonld/jcs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "jsonld/escape_scan.hpp"

namespace credgate::jsonld {
namespace {

using json = nlohmann::json;

// ECMAScript Number::toString(x) (ECMA-262, 6.1.6.1.20), which RFC 8785 section 3.2.2.3 uses.
// std::to_chars without a precision gives the shortest digits that round-trip, choosing the
// closest such digits as ECMAScript does; only the layout rules are ECMAScript's own.
void write_number(double value, std::string& out) {
  if (value == 0) {  // also -0, which ECMAScript writes as "0"
    out += '0';
    return;
  }
  if (!std::isfinite(value)) {  // JCS rejects these; JSON.stringify writes null, so do we
    out += "null";
    return;
  }
  if (value < 0) {
    out += '-';
    value = -value;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(end - buf));  // "d.ddde+XX" or "de-XX"
  size_t e_pos = sci.find('e');
  std::string digits;  // s of the ECMAScript definition, k = digits.size()
  for (char c : sci.substr(0, e_pos))
    if (c != '.') digits += c;
  int exponent = 0;
  std::string_view exp_text = sci.substr(e_pos + 1);
  if (exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // value = digits x 10^(n - k)
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<size_t>(n));
    out += '.';
    out.append(digits, static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += n - 1 < 0 ? "e-" : "e+";
    out += std::to_string(std::abs(n - 1));
  }
}

// RFC 8785 section 3.2.2.2: the JSON.stringify escapes, lowercase hex; everything else as is.
void write_string(std::string_view s, std::string& out) {
  out += '"';
  append_json_string_contents(out, s);
  out += '"';
}

// Member names compare as UTF-16 code unit sequences (RFC 8785 section 3.2.3). UTF-8 byte
// order agrees with that except for characters above U+FFFF against U+E000..U+FFFF, so the
// names are converted. A byte that is not valid UTF-8 counts as its own value.
std::u16string utf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80           ? 1
                 : (b >> 5) == 0x6  ? 2
                 : (b >> 4) == 0xE  ? 3
                 : (b >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > s.size()) {
      out += static_cast<char16_t>(b);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t j = 1; j < len; ++j) cp = (cp << 6) | (static_cast<unsigned char>(s[i + j]) & 0x3F);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
    i += len;
  }
  return out;
}

void write_value(const json& value, std::string& out) {
  switch (value.type()) {
    case json::value_t::object: {
      struct Member {
        std::u16string sort_key;
        const std::string* name;
        const json* value;
      };
      std::vector<Member> members;
      members.reserve(value.size());
      for (auto it = value.begin(); it != value.end(); ++it)
        members.push_back({utf16(it.key()), &it.key(), &it.value()});
      std::sort(members.begin(), members.end(),
                [](const Member& a, const Member& b) { return a.sort_key < b.sort_key; });
      out += '{';
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += ',';
        write_string(*members[i].name, out);
        out += ':';
        write_value(*members[i].value, out);
      }
      out += '}';
      return;
    }
    case json::value_t::array:
      out += '[';
      for (size_t i = 0; i < value.size(); ++i) {
        if (i > 0) out += ',';
        write_value(value[i], out);
      }
      out += ']';
      return;
    case json::value_t::string:
      write_string(value.get_ref<const std::string&>(), out);
      return;
    case json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    // JCS numbers are IEEE 754 doubles: integers beyond 2^53 are written as the double they
    // round to, as ECMAScript would.
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      write_number(value.get<double>(), out);
      return;
    default:  // null; binary and discarded values have no JSON text, null stands in
      out += "null";
      return;
  }
}

}  // namespace

std::string canonical_json(const nlohmann::json& value) {
  std::string out;
  write_value(value, out);
  return out;
}

void append_json_string_contents(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t run = 0;
  for (size_t i = next_to_escape<false>(text, 0); i < text.size();
       i = next_to_escape<false>(text, i + 1)) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0x0F];
    }
  }
  out.append(text.data() + run, text.size() - run);
}

}  // namespace credgate::jsonld
