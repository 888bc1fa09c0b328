// RFC 8785 JSON Canonicalization Scheme: the lexical form of @json literals in RDF.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace credgate::jsonld {

std::string canonical_json(const nlohmann::json& value);

// Appends `text` (valid UTF-8) as the contents of a JSON string, without the quotes: \" \\ \b
// \f \n \r \t, other controls as \u00xx in lowercase hex, everything else as is. These are the
// escapes of RFC 8785 (JSON.stringify) and also exactly what nlohmann::json::dump writes
// without ensure_ascii, so JAdES can write its payload byte-identical to dump() without a DOM.
// Runs between escapes are copied whole.
void append_json_string_contents(std::string& out, std::string_view text);

}  // namespace credgate::jsonld
