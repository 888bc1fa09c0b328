// A structural check of OB 3.0 AchievementCredentials, written from the OB 3.0 data model
// (required members, enumerations with their `ext:` escape) because no package ships
// 1EdTech's JSON Schema. It accepts the spec's own examples (tested) and is meant to catch
// what a writer forgets, not to replace schema validation (validation profiles issue).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace credgate::test {

// One line per violation: "JSON Pointer: what is wrong". Empty: the shape is right.
std::vector<std::string> ob3_shape_violations(const nlohmann::json& credential);

}  // namespace credgate::test
