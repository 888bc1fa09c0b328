// One pass over a JSON text that decides what nlohmann::json::accept decides and writes the
// text out on the way, in the form a seal needs next.
//
// Why not a library: every seal must both check that the credential is JSON and make one
// pass over its bytes to write it (a JAdES payload escaped into a JSON string, a VC-JWT's
// credential without its blanks, with the few members its claims come from). Neither
// simdjson nor nlohmann writes while it checks, and simdjson builds a tape and copies every
// string on the way. On the EC's 97 KB CertOfPart (one thread, best of 7 runs): simdjson's
// check 15 us with its padded copy, then escaping 10.7 us; this pass checks in 7.8 us, or
// checks and escapes in 13-14 us. Strings (nine tenths of an EDC: base64 images) are skipped
// by the SIMD escape scanner the write needs anyway (escape_scan.hpp), UTF-8 is checked by
// simdjson::validate_utf8, and only the structure between strings goes byte by byte.
//
// What it accepts is exactly what nlohmann::json::accept(text) accepts (a UTF-8 byte order
// mark first is skipped, numbers that overflow a double are refused, nesting has no limit);
// tests/unit/json_check_test.cpp compares the two on hand-made edge cases and on mutations
// of the EC samples.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace credgate::jsonld {

enum class JsonOutput {
  kNone,            // check only
  kStringContents,  // the text as the contents of a JSON string, as append_json_string_contents
                    // (jcs.hpp) writes it
  kMinified,        // the text without the blanks outside strings (and without a byte order mark)
};

// Which member values to copy out while checking, level by level: the members of an object
// named in `members` (each with what to keep of its value: `inner`, or all of it when null);
// of an array, each element with the same projection, or its first only. A scalar is kept
// whole whatever the projection.
struct JsonPick;
struct JsonPickMember {
  std::string_view name;
  const JsonPick* inner = nullptr;
};
struct JsonPick {
  std::span<const JsonPickMember> members;
  bool first_only = false;
};

struct JsonCheckOptions {
  JsonOutput output = JsonOutput::kNone;
  std::string* out = nullptr;  // appended to; as it was before when the text is not JSON
  // The root value's projection, appended to *picked as a JSON text: member values as they
  // stand in the text, a repeated member as often as it comes (parsed, the last one wins).
  const JsonPick* pick = nullptr;
  std::string* picked = nullptr;
  bool find_repeated_names = false;
};

struct JsonCheck {
  bool ok = false;
  size_t error_offset = 0;  // where the text stops being JSON (when !ok)
  // With find_repeated_names: some object repeats a member name, or has a name written with
  // an escape (compared unescaped it might repeat another; not decided here).
  bool repeated_names = false;
  // With a pick: a name written with an escape stood where the projection compares names,
  // so *picked may lack that member.
  bool pick_unsure = false;
  // kMinified: the text had no blank to drop (nor a byte order mark), so it is its own
  // minified form; nothing was appended (a 100 KB copy saved).
  bool minified_is_text = false;
};

JsonCheck check_json_text(std::string_view text, const JsonCheckOptions& options = {});

}  // namespace credgate::jsonld
