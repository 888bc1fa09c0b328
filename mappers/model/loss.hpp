// One entry of a loss report: a source value the target format cannot carry.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace credgate::model {

struct LossEntry {
  LossEntry() = default;
  LossEntry(std::string pointer_, std::string reason_, nlohmann::json value_,
            std::string code_ = {})
      : pointer(std::move(pointer_)),
        reason(std::move(reason_)),
        value(std::move(value_)),
        code(std::move(code_)) {}

  std::string pointer;   // JSON Pointer (or XPath) in the source document
  std::string reason;    // why the target cannot carry it
  nlohmann::json value;  // the source value
  // Stable, dotted kind of loss for machines ("edci.no-counterpart", ...); "" where a writer
  // gives none yet (then the member is not written).
  std::string code;
};

using LossReport = std::vector<LossEntry>;

inline nlohmann::json to_json_entry(const LossEntry& e) {
  nlohmann::json j = {{"pointer", e.pointer}, {"reason", e.reason}, {"value", e.value}};
  if (!e.code.empty()) j["code"] = e.code;
  return j;
}

}  // namespace credgate::model
