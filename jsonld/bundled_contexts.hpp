// The JSON-LD contexts shipped inside credgate, by URL (jsonld/contexts/, see SOURCES.md).
// The document loader of the JSON-LD issue builds on this; the writers use it now to check
// that every member they write is a term of the output's contexts.
#pragma once

#include <string_view>
#include <vector>

namespace credgate::jsonld {

struct BundledContext {
  std::string_view url;
  std::string_view file;    // name under jsonld/contexts/
  std::string_view sha256;  // pin: hex SHA-256 of the shipped bytes (jsonld/contexts/sha256.json)
  std::string_view text;    // the file's bytes, unchanged
};

const std::vector<BundledContext>& bundled_contexts();
const BundledContext* find_bundled_context(std::string_view url);

}  // namespace credgate::jsonld
