// The "nothing is dropped silently" check shared by the golden and the mapping tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "gateway/pipeline.hpp"

namespace credgate::test {

// Every leaf (string, number, boolean) of `source` either appears among the output's leaves
// (allowing a mailto: IRI as a plain address and "6" as 6.0) or lies under a loss-report
// pointer. `type` and `@context` are structure, not data. `base`: where `source` sits in the
// input (the upload form and envelopes wrap it).
void expect_nothing_silently_dropped(const nlohmann::json& source, const std::string& base,
                                     const ConvertOutcome& outcome);

}  // namespace credgate::test
