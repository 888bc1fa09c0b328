// One entry of a loss report: a source value the target format cannot carry.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace credgate::model {

struct LossEntry {
  std::string pointer;  // JSON Pointer (or XPath) in the source document
  std::string reason;   // why the target cannot carry it
  nlohmann::json value;  // the source value
};

using LossReport = std::vector<LossEntry>;

inline nlohmann::json to_json_entry(const LossEntry& e) {
  return {{"pointer", e.pointer}, {"reason", e.reason}, {"value", e.value}};
}

}  // namespace credgate::model
