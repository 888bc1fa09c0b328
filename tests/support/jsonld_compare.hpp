// JSON-LD object comparison as the W3C JSON-LD test suite's README defines it for results
// produced without the `ordered` option: maps member by member, arrays as multisets except
// the values of @list, which keep their order; scalars strictly.
#pragma once

#include <nlohmann/json.hpp>

namespace credgate::test {

bool jsonld_equal(const nlohmann::json& a, const nlohmann::json& b);

}  // namespace credgate::test
