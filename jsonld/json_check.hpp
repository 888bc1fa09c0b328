// One pass over a JSON text that decides what nlohmann::json::accept decides and writes the
// text out on the way, in the form a seal needs next.
//
// Why not a library: every seal must both check that the credential is JSON and make one
// pass over its bytes to write it (a JAdES payload escaped into a JSON string, a VC-JWT's
// credential without its blanks). simdjson checks at about 7 GB/s but builds a tape and copies
// every string (13.5 us for the EC's 97 KB CertOfPart), and the write was a second pass
// (10.7 us); neither simdjson nor nlohmann writes while it checks. Here strings (nine tenths
// of an EDC: base64 images) are skipped by the SIMD escape scanner the write needs anyway
// (escape_scan.hpp), UTF-8 is checked by simdjson::validate_utf8, and only the structure
// between strings goes byte by byte.
//
// What it accepts is exactly what nlohmann::json::accept(text) accepts (a UTF-8 byte order
// mark first is skipped, numbers that overflow a double are refused, nesting has no limit);
// tests/unit/json_check_test.cpp compares the two on hand-made edge cases and on mutations
// of the EC samples.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace credgate::jsonld {

enum class JsonOutput {
  kNone,            // check only
  kStringContents,  // the text as the contents of a JSON string, as append_json_string_contents
                    // (jcs.hpp) writes it
};

struct JsonCheckOptions {
  JsonOutput output = JsonOutput::kNone;
  std::string* out = nullptr;  // appended to; as it was before when the text is not JSON
};

struct JsonCheck {
  bool ok = false;
  size_t error_offset = 0;  // where the text stops being JSON (when !ok)
};

JsonCheck check_json_text(std::string_view text, const JsonCheckOptions& options = {});

}  // namespace credgate::jsonld
