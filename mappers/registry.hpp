// The one table of formats. Registration order is detection priority: strong signatures
// first, CSV (the weakest) last.
#pragma once

#include <string>
#include <vector>

#include "mappers/format.hpp"

namespace credgate {

const std::vector<Format>& formats();
const Format* find_format(std::string_view id);

struct DetectResult {
  const Format* format = nullptr;  // nullptr: no format recognised the content
  std::string version;
  Confidence confidence = Confidence::No;
};

DetectResult detect_format(const Sniff& sniff);

// The table as JSON (`credgate formats --json`, docs/formats.md).
nlohmann::json formats_json();

}  // namespace credgate
