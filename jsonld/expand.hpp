// JSON-LD 1.1 Expansion (JSON-LD 1.1 Processing Algorithms and API, section 5.1 and the
// context processing of section 4.1), with the 1.0 processing mode where asked for.
#pragma once

#include <nlohmann/json.hpp>

#include "jsonld/options.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

struct ExpandResult {
  nlohmann::json expanded = nlohmann::json::array();  // always an array when ok
  Diagnostics diagnostics;
  bool ok() const { return !has_error(diagnostics); }
};

ExpandResult expand(const nlohmann::json& input, const JsonLdOptions& options);

}  // namespace credgate::jsonld
