// JSON-LD 1.1 Deserialize JSON-LD to RDF (section 6.2, with Node Map Generation, 7.2).
#pragma once

#include <nlohmann/json.hpp>

#include "jsonld/options.hpp"
#include "jsonld/rdf.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

struct ToRdfResult {
  Dataset dataset;
  Diagnostics diagnostics;
  bool ok() const { return !has_error(diagnostics); }
};

// `expanded`: the output of expand().
ToRdfResult expanded_to_rdf(const nlohmann::json& expanded, const JsonLdOptions& options);
// The same (kept for callers that give the document away; the dataset copies its strings).
ToRdfResult expanded_to_rdf(nlohmann::json&& expanded, const JsonLdOptions& options);
// expand() then expanded_to_rdf().
ToRdfResult to_rdf(const nlohmann::json& input, const JsonLdOptions& options);

}  // namespace credgate::jsonld
