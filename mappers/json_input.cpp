#include "mappers/json_input.hpp"

#include <string>
#include <vector>

namespace credgate {
namespace {

using json = nlohmann::json;

// Wraps nlohmann's own DOM builder (what json::parse uses) to add a depth limit and to know
// the JSON Pointer of the value under construction when something goes wrong. Tracking the
// path costs one small frame per open container; keys are only copied, never looked up.
class LimitedDomSax {
 public:
  LimitedDomSax(json& root, size_t max_depth) : dom_(root, false), max_depth_(max_depth) {}

  bool null() { return value() && dom_.null(); }
  bool boolean(bool v) { return value() && dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return value() && dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return value() && dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) {
    return value() && dom_.number_float(v, s);
  }
  bool string(json::string_t& v) { return value() && dom_.string(v); }
  bool binary(json::binary_t& v) { return value() && dom_.binary(v); }
  bool start_object(std::size_t n) { return open(false) && dom_.start_object(n); }
  bool key(json::string_t& k) {
    frames_.back().key = k;
    frames_.back().started_key = true;
    return dom_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t n) { return open(true) && dom_.start_array(n); }
  bool end_array() {
    frames_.pop_back();
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    error_position_ = position;
    error_message_ = ex.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: "
    auto colon = error_message_.rfind(": ");
    if (colon != std::string::npos) error_message_ = error_message_.substr(colon + 2);
    syntax_error_ = true;
    return false;
  }

  std::string pointer() const {
    std::string out;
    for (const auto& f : frames_) {
      if (f.array) {
        if (f.count > 0) out = pointer_append(out, f.count - 1);
      } else if (!f.key.empty() || f.started_key) {
        out = pointer_append(out, f.key);
      }
    }
    return out;
  }

  bool too_deep() const { return too_deep_; }
  bool syntax_error() const { return syntax_error_; }
  size_t error_position() const { return error_position_; }
  const std::string& error_message() const { return error_message_; }

 private:
  struct Frame {
    bool array = false;
    size_t count = 0;  // arrays: elements seen so far
    std::string key;   // objects: the current member
    bool started_key = false;
  };

  bool value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().count;
    return true;
  }
  bool open(bool array) {
    value();
    if (frames_.size() >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    frames_.push_back(Frame{array, 0, {}, false});
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  size_t max_depth_;
  std::vector<Frame> frames_;
  bool too_deep_ = false;
  bool syntax_error_ = false;
  size_t error_position_ = 0;
  std::string error_message_;
};

void line_column(std::string_view text, size_t position, int& line, int& column) {
  line = 1;
  column = 1;
  size_t end = std::min(position, text.size());
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

}  // namespace

ParsedJson parse_json(std::string_view text, const InputLimits& limits,
                      const std::string& base_pointer) {
  ParsedJson out;
  if (text.size() > limits.max_bytes) {
    out.diagnostics.push_back(make_error(
        "input.too-large", "parse",
        "input is " + std::to_string(text.size()) + " bytes, over the limit of " +
            std::to_string(limits.max_bytes) + " bytes (--max-input-size)",
        base_pointer));
    return out;
  }
  LimitedDomSax sax(out.value, limits.max_depth);
  bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true);
  if (ok) return out;
  Diagnostic d;
  std::string where = base_pointer + sax.pointer();
  if (sax.too_deep()) {
    d = make_error("json.too-deep", "parse",
                   "JSON nesting deeper than " + std::to_string(limits.max_depth) +
                       " levels (--max-depth)",
                   where);
  } else {
    d = make_error("json.syntax", "parse", "malformed JSON: " + sax.error_message(), where);
    line_column(text, sax.error_position() > 0 ? sax.error_position() - 1 : 0, d.line,
                d.column);
  }
  out.diagnostics.push_back(std::move(d));
  out.value = json();
  return out;
}

}  // namespace credgate
