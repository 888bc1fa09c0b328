// Round trips through a writer and back. mapped_fields: what one must keep: a credential's model
// dump without its envelope (a seal does not survive re-serialisation) and without the whitespace
// of kept XML (the output is indented anew); with `positions` false, without source positions
// either (writers order shared entries as they meet them, and a presentation nests the credential).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "mappers/model/credential.hpp"

namespace credgate::test {

nlohmann::json mapped_fields(const model::Credential& c, bool positions = true);

// The one credential `bytes` hold, read by the pipeline (format detected); a test failure if
// reading fails or finds other than one.
model::Credential read_one(const std::string& bytes);

}  // namespace credgate::test
