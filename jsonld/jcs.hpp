// RFC 8785 JSON Canonicalization Scheme: the lexical form of @json literals in RDF.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace credgate::jsonld {

std::string canonical_json(const nlohmann::json& value);

}  // namespace credgate::jsonld
