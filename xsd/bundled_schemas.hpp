// The XML schemas shipped inside credgate, by URL (xsd/schemas/, origins in xsd/SOURCES.md),
// and the schema sets built from them. Compiled in by cmake/EmbedSchemas.cmake, like the
// JSON-LD contexts: validation needs no file and no network at run time.
#pragma once

#include <string_view>
#include <vector>

namespace credgate::xsd {

struct BundledSchema {
  std::string_view url;   // where the schema is published; imports name it so
  std::string_view file;  // name under xsd/schemas/
  std::string_view text;  // the file's bytes, unchanged
};

// One grammar pool: an entry schema (its imports come through the URL index) and the root
// elements, as "{namespace}local", whose documents it validates. A set without `locations` is
// the one for its roots; a set with them (the versioned EDCI 1.x schemas) is used only for a
// document whose xsi:schemaLocation names one of them, never guessed.
struct BundledSchemaSet {
  std::string_view id;
  std::string_view name;
  std::string_view entry_url;
  std::vector<std::string_view> roots;
  std::vector<std::string_view> locations = {};
};

const std::vector<BundledSchema>& bundled_schemas();
const std::vector<BundledSchemaSet>& bundled_schema_sets();

}  // namespace credgate::xsd
