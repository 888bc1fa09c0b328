// JSON parsing with the limits every reader needs: input size, nesting depth, and errors that
// say where (byte offset, line, column and the JSON Pointer of the value being parsed).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "mappers/model/diagnostic.hpp"

namespace credgate {

struct InputLimits {
  size_t max_bytes = 32u * 1024u * 1024u;  // 32 MiB
  size_t max_depth = 100;                  // EDC samples nest about 15 deep
};

struct ParsedJson {
  nlohmann::json value;
  Diagnostics diagnostics;
  bool ok() const { return !has_error(diagnostics); }
};

// `base_pointer` prefixes every reported location (for payloads inside envelopes).
ParsedJson parse_json(std::string_view text, const InputLimits& limits,
                      const std::string& base_pointer = "");

}  // namespace credgate
