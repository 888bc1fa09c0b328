#include "gateway/validate.hpp"

#include "gateway/batch.hpp"
#include "gateway/commands.hpp"
#include "gateway/pipeline.hpp"
#include "xsd/validator.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

bool looks_like_xml(std::string_view bytes) {
  size_t i = 0;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t'))
    ++i;
  return i < bytes.size() && bytes[i] == '<';
}

ValidateOutcome schema_profile(std::string_view bytes, const InputLimits& limits) {
  ValidateOutcome out;
  if (looks_like_xml(bytes)) {
    // The XML path parses and validates in xsd/ (with line, column and XPath); detection only
    // names the format for the report.
    xsd::XmlLimits xml_limits{limits.max_bytes, static_cast<int>(limits.max_depth)};
    xsd::ValidationResult r = xsd::SchemaCache::bundled().validate(bytes, xml_limits);
    DetectOutcome d = detect_bytes(bytes, limits);
    if (d.format) out.format = d.format->id;
    out.schema = r.schema_set;
    out.valid = r.valid;
    out.diagnostics = std::move(r.diagnostics);
    return out;
  }
  // JSON formats: no schema bundled yet (SHACL and JSON Schema profiles come later); the
  // verdict is the reader's own structural checks, and the report says so.
  ConvertRequest request;
  request.limits = limits;
  std::string format;
  ReadResult read = read_bytes(bytes, request, &format);
  out.format = format;
  out.schema = "reader";
  out.diagnostics = std::move(read.diagnostics);
  if (!format.empty() && !has_error(out.diagnostics)) {
    Diagnostic note = make_warning("validate.structural-only", "validate",
                                   "no schema for " + format +
                                       " in this build: valid means the reader's structural "
                                       "checks passed");
    note.severity = Severity::Info;
    out.diagnostics.push_back(std::move(note));
  }
  out.valid = !format.empty() && !has_error(out.diagnostics);
  return out;
}

}  // namespace

const std::vector<ValidationProfile>& validation_profiles() {
  static const std::vector<ValidationProfile> table = {
      {"schema",
       "XML formats against the bundled XSDs (EDCI v2 0.10.0, ELMO v1); JSON formats by their "
       "reader's structural checks",
       schema_profile},
  };
  return table;
}

const ValidationProfile* find_validation_profile(std::string_view name) {
  for (const auto& p : validation_profiles())
    if (p.name == name) return &p;
  return nullptr;
}

ValidateOutcome validate_bytes(std::string_view bytes, const ValidateRequest& request) {
  const ValidationProfile* profile = find_validation_profile(request.profile);
  if (!profile) {
    ValidateOutcome out;
    out.diagnostics.push_back(make_error("usage.unknown-profile", "validate",
                                         "unknown profile '" + request.profile + "'"));
    return out;
  }
  try {
    return profile->run(bytes, request.limits);
  } catch (const std::exception& e) {
    ValidateOutcome out;
    out.diagnostics.push_back(make_error("internal.exception", "validate", e.what()));
    return out;
  }
}

int run_validate(const std::vector<std::string>& args, const ValidateRequest& request,
                 std::ostream& out, std::ostream& err) {
  if (!find_validation_profile(request.profile)) {
    std::string known;
    for (const auto& p : validation_profiles()) known += (known.empty() ? "" : ", ") + p.name;
    err << "credgate: usage.unknown-profile: unknown profile '" << request.profile
        << "' (known: " << known << ")\n";
    return exit_code::usage;
  }
  // The schemas load once, before any input: a bundled schema that does not load (an import
  // that does not resolve) is a broken build, reported as such.
  const auto& load = xsd::SchemaCache::bundled().load_diagnostics();
  if (!load.empty()) {
    print_diagnostics(err, "", load);
    return exit_code::internal;
  }
  auto inputs = expand_inputs(args);
  int worst = exit_code::ok;
  for (const auto& path : inputs) {
    std::string bytes;
    ValidateOutcome v;
    if (read_input(path, request.limits.max_bytes, bytes, v.diagnostics))
      v = validate_bytes(bytes, request);
    json diagnostics = json::array();
    for (const auto& d : v.diagnostics) diagnostics.push_back(d.to_json());
    json line = {{"file", path},
                 {"format", v.format.empty() ? json(nullptr) : json(v.format)},
                 {"valid", v.valid},
                 {"profile", request.profile},
                 {"schema", v.schema.empty() ? json(nullptr) : json(v.schema)},
                 {"diagnostics", std::move(diagnostics)}};
    out << line.dump() << "\n";
    print_diagnostics(err, path, v.diagnostics);
    int code = has_error(v.diagnostics) ? exit_code_for(v.diagnostics)
                                        : (v.valid ? exit_code::ok : exit_code::check_failed);
    worst = std::max(worst, code);
  }
  // Several inputs: one that could not be read or parsed is a failed batch item (1), as for
  // detect and convert; usage (2) and internal (4) problems keep their codes.
  if (inputs.size() > 1 && worst == exit_code::input) return exit_code::check_failed;
  return worst;
}

}  // namespace credgate
