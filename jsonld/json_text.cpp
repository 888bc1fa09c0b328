#include "jsonld/json_text.hpp"

#include <simdjson.h>

#include <cmath>

namespace credgate::jsonld {
namespace {

using json = nlohmann::json;

// Set when a double is -0.0: the text said "-0" or "-0.0" (or "-0e0"), which nlohmann reads
// as the integer 0 or the double -0.0; the DOM cannot tell them apart, so such a document is
// handed to nlohmann whole. Rare enough not to matter for speed.
struct Convert {
  bool negative_zero = false;
  bool failed = false;          // cannot happen (the type is checked first); then nlohmann decides
  bool duplicate_keys = false;  // an object repeated a member name

  nlohmann::json operator()(simdjson::dom::element element);
};

json Convert::operator()(simdjson::dom::element element) {
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY: {
      simdjson::dom::array array;
      if (element.get(array) != simdjson::SUCCESS) failed = true;
      json out = json::array();
      auto& items = *out.get_ptr<json::array_t*>();
      items.reserve(array.size());
      for (simdjson::dom::element item : array) items.push_back((*this)(item));
      return out;
    }
    case simdjson::dom::element_type::OBJECT: {
      simdjson::dom::object object;
      if (element.get(object) != simdjson::SUCCESS) failed = true;
      json out = json::object();
      auto& members = *out.get_ptr<json::object_t*>();
      for (simdjson::dom::key_value_pair member : object)  // the DOM keeps every member
        if (!members.insert_or_assign(std::string(member.key), (*this)(member.value)).second)
          duplicate_keys = true;  // last wins, as in nlohmann
      return out;
    }
    case simdjson::dom::element_type::INT64: {
      int64_t v = 0;
      if (element.get(v) != simdjson::SUCCESS) failed = true;
      return json(static_cast<json::number_integer_t>(v));
    }
    case simdjson::dom::element_type::UINT64: {
      uint64_t v = 0;
      if (element.get(v) != simdjson::SUCCESS) failed = true;
      return json(static_cast<json::number_unsigned_t>(v));
    }
    case simdjson::dom::element_type::DOUBLE: {
      double d = 0;
      if (element.get(d) != simdjson::SUCCESS) failed = true;
      if (d == 0 && std::signbit(d)) negative_zero = true;
      return json(d);
    }
    case simdjson::dom::element_type::STRING: {
      std::string_view v;
      if (element.get(v) != simdjson::SUCCESS) failed = true;
      return json(std::string(v));
    }
    case simdjson::dom::element_type::BOOL: {
      bool v = false;
      if (element.get(v) != simdjson::SUCCESS) failed = true;
      return json(v);
    }
    case simdjson::dom::element_type::NULL_VALUE:
      return json(nullptr);
  }
  return json(nullptr);
}

ParsedText parse_with_nlohmann(std::string_view text) {
  ParsedText out;
  out.by_nlohmann = true;
  try {
    out.value = json::parse(text);
  } catch (const json::exception& e) {
    out.value = nullptr;
    out.error = e.what();
  }
  return out;
}

// simdjson's tape of `text`, with one parser and one padded buffer per thread that keep their
// capacity (simdjson reads up to SIMDJSON_PADDING bytes past the end, so the text is copied).
simdjson::error_code parse_with_simdjson(std::string_view text, simdjson::dom::element& root) {
  thread_local simdjson::dom::parser parser;
  thread_local std::string padded;
  padded.assign(text);
  padded.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
  return parser.parse(padded.data(), text.size(), false).get(root);
}

}  // namespace

ParsedText parse_json_text(std::string_view text) {
  simdjson::dom::element root;
  simdjson::error_code error = parse_with_simdjson(text, root);
  if (error == simdjson::DEPTH_ERROR) {  // expansion recurses per level: refused, not crashed
    ParsedText out;
    out.error = "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return out;
  }
  // Otherwise nlohmann decides: the same error text as before, or a value simdjson declines.
  if (error != simdjson::SUCCESS) return parse_with_nlohmann(text);
  Convert convert;
  ParsedText out;
  out.value = convert(root);
  if (convert.negative_zero || convert.failed) return parse_with_nlohmann(text);
  out.duplicate_keys = convert.duplicate_keys;
  return out;
}

bool may_hold_negative_zero(std::string_view text) {
  for (size_t i = text.find("-0"); i != std::string_view::npos; i = text.find("-0", i + 2)) {
    size_t j = i;
    while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == '\t' || text[j - 1] == '\n' ||
                     text[j - 1] == '\r'))
      --j;
    if (j == 0 || text[j - 1] == ':' || text[j - 1] == ',' || text[j - 1] == '[') return true;
  }
  return false;
}

}  // namespace credgate::jsonld
