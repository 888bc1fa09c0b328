// `credgate validate`: checks inputs against a validation profile. Profiles are rows of one
// table (validation_profiles()); "schema" (the default) validates XML formats with the
// bundled XSDs (xsd/validator.hpp) and JSON formats with their reader's structural checks.
// Later profiles (SHACL, JSON Schema, the EU micro-credential elements) are new rows.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/json_input.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate {

struct ValidateRequest {
  std::string profile = "schema";
  InputLimits limits;
};

struct ValidateOutcome {
  std::string format;  // detected format id, "" when none
  std::string schema;  // what the verdict rests on: a schema set id, "reader", ...
  bool valid = false;
  Diagnostics diagnostics;
};

struct ValidationProfile {
  std::string name;
  std::string description;
  std::function<ValidateOutcome(std::string_view bytes, const InputLimits& limits)> run;
};

const std::vector<ValidationProfile>& validation_profiles();
const ValidationProfile* find_validation_profile(std::string_view name);

ValidateOutcome validate_bytes(std::string_view bytes, const ValidateRequest& request);

// One JSON object per input on `out` ({"file","format","valid","diagnostics",...}), warnings
// and errors on `err`; exit code per ../shared/design/cli.md.
int run_validate(const std::vector<std::string>& inputs, const ValidateRequest& request,
                 std::ostream& out, std::ostream& err);

}  // namespace credgate
