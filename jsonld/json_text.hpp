// JSON text to nlohmann::json for the processor's input side, through simdjson.
//
// Why not nlohmann::json::parse: its lexer copies every string character by character into a
// token buffer and then again into the value; on a credential carrying a 100 KB base64 image
// that was about a quarter of a whole canonicalization. simdjson validates and unescapes with
// SIMD into its tape, and the tape is turned into nlohmann values with one copy per string.
// The rest of the engine keeps working on nlohmann::json, so behaviour is unchanged.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace credgate::jsonld {

struct ParsedText {
  nlohmann::json value;
  std::string error;            // empty when the text is JSON
  bool duplicate_keys = false;  // some object repeated a member name (simdjson path only)
  bool by_nlohmann = false;     // simdjson declined; nlohmann parsed (duplicate_keys not known)
  bool ok() const { return error.empty(); }
};

// Parses `text` as nlohmann::json::parse would: the same values (integers stay integers,
// unsigned above INT64_MAX stay unsigned, a duplicate key keeps its last value). Anything
// else simdjson declines (numbers beyond 64 bits) is handed to nlohmann::json::parse, so only
// the speed differs; `error` says why the text is not JSON. One difference: nesting deeper
// than kMaxJsonDepth is an error (the JSON-LD algorithms recurse per level, and a hostile
// document must not exhaust the stack). Thread-safe (one simdjson parser per thread, reused).
inline constexpr size_t kMaxJsonDepth = 1024;  // simdjson's default
ParsedText parse_json_text(std::string_view text);

// Whether `text` may hold a number that starts with "-0" (which simdjson reads as the double
// -0.0 and nlohmann as the integer 0): a '-' then '0' whose previous non-blank character can
// precede a value (':', ',', '[', or none). Every such number passes, and so does a string
// holding that sequence (", -0"); dates ("2023-05-01") and IRIs do not. A cheap test before
// walking a whole DOM for -0 (1% of a canonicalization of the EC samples).
bool may_hold_negative_zero(std::string_view text);

}  // namespace credgate::jsonld
