// Which members of a JSON-LD document its contexts do not define: a JSON-LD processor drops
// them (and fails in safe mode). A term scan, not an expansion: the JSON-LD engine of its own
// issue will replace it with a real safe-mode expansion.
#pragma once

#include <nlohmann/json.hpp>

#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

// Warnings `jsonld.undefined-term` with the member's JSON Pointer in `document`. When a
// context is not bundled, one `jsonld.context-not-bundled` note instead (nothing is checked).
Diagnostics undefined_terms(const nlohmann::json& document);

// Does the bundled context at `url` define `term` (in any scope)? False for unknown URLs.
bool defines_term(std::string_view url, std::string_view term);

}  // namespace credgate::jsonld
