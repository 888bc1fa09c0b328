// JSON-LD text in, canonical N-Quads out, in one call: parse (simdjson), expand, toRdf and
// RDFC-1.0, the path a Data Integrity verifier or issuer takes for every document. Faster
// than nlohmann::json::parse + to_rdf() + canonicalize() (see bench/README.md) and with the
// same results; JSON syntax errors are diagnostics (json.syntax), like every other error.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "jsonld/options.hpp"
#include "jsonld/rdfc10.hpp"
#include "jsonld/to_rdf.hpp"

namespace credgate::jsonld {

// to_rdf() on the document `json_text` holds.
ToRdfResult to_rdf_text(std::string_view json_text, const JsonLdOptions& options);

// to_rdf_text(), then canonicalize(). The diagnostics are those of all steps, in order.
Canonicalized canonize_text(std::string_view json_text, const JsonLdOptions& options,
                            const CanonicalizeOptions& canonicalize_options = {});

// The same on a parsed document: to_rdf(), then canonicalize(), without the Dataset between
// them (its terms' strings are not copied: the quads point into the expanded tree).
Canonicalized canonize(const nlohmann::json& document, const JsonLdOptions& options,
                       const CanonicalizeOptions& canonicalize_options = {});

}  // namespace credgate::jsonld
