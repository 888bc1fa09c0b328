// Lexical forms and well-formedness checks of Deserialize JSON-LD to RDF (JSON-LD 1.1 API,
// sections 6.3 and 8.6): what a JSON number becomes as an xsd:integer or xsd:double literal,
// and which identifiers and language tags may appear in RDF at all.
#pragma once

#include "jsonld/iri.hpp"  // is_well_formed_language

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace credgate::jsonld {

// Canonical xsd:double as JSON-LD fixes it: C's "%1.15E", then trailing zeros of the
// mantissa dropped (one fraction digit stays) and the exponent without "+" or leading zeros:
// 5.3 -> "5.3E0", 1e21 -> "1.0E21", -0.0 -> "0.0E0". NaN and infinities: "NaN", "INF", "-INF".
std::string xsd_double_lexical(double value);
// Canonical xsd:integer of a JSON number without fractional part (and below 1e21 in absolute
// value): decimal digits, no exponent; -0 is "0".
std::string xsd_integer_lexical(const nlohmann::json& number);

// An absolute IRI (RFC 3987) as far as its ASCII syntax goes: a scheme, ':', none of the
// characters IRIREF excludes (controls, space, <>"{}|^`\), at most one '#', '%' only before
// two hex digits, '[' ']' only in the authority. Non-ASCII characters are not checked against
// RFC 3987's ranges. Relative IRIs are not well-formed.
bool is_well_formed_iri(std::string_view iri);
// "_:" and a non-empty label.
bool is_well_formed_blank_node(std::string_view id);

}  // namespace credgate::jsonld
