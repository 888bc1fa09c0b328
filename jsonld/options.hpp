// JSON-LD 1.1 API options (JsonLdOptions) that credgate's processor honours.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "jsonld/document_loader.hpp"

namespace credgate::jsonld {

struct JsonLdOptions {
  std::string base;                              // base IRI; "" = none
  std::optional<nlohmann::json> expand_context;  // a context (object, array or IRI) applied first
  std::string processing_mode = "json-ld-1.1";   // or "json-ld-1.0"
  DocumentLoader* loader = nullptr;              // nullptr: no remote contexts at all
  // Safe mode: anything expansion would drop silently (an undefined term, a relative IRI
  // that cannot be a node id, ...) is an error instead. Verification and validation use it.
  bool safe = false;
  std::string rdf_direction;             // "", "i18n-datatype" or "compound-literal" (toRdf)
  bool produce_generalized_rdf = false;  // toRdf
};

// JSON-LD errors are diagnostics with code "jsonld." + the spec's error code with spaces
// replaced by hyphens ("invalid context entry" -> "jsonld.invalid-context-entry").
std::string jsonld_error_code(std::string_view spec_code);

}  // namespace credgate::jsonld
