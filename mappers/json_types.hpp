// Small predicates over JSON(-LD) documents shared by the detectors.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace credgate {

// `type` (or `@type`) is the string or holds it in its array.
bool has_type(const nlohmann::json& object, std::string_view type);
// `@context` is the string or holds it in its array.
bool has_context(const nlohmann::json& object, std::string_view url);

}  // namespace credgate
