#include "mappers/model/diagnostic.hpp"

namespace credgate {

ErrorCategory Diagnostic::category() const {
  if (code.rfind("usage.", 0) == 0) return ErrorCategory::Usage;
  if (code.rfind("internal.", 0) == 0) return ErrorCategory::Internal;
  if (code.rfind("check.", 0) == 0) return ErrorCategory::Check;
  return ErrorCategory::Input;
}

std::string Diagnostic::to_line() const {
  std::string out = code + ": " + message;
  std::string where = location;
  if (line > 0) {
    std::string pos = "line " + std::to_string(line) + ", column " + std::to_string(column);
    where = where.empty() ? pos : where + " at " + pos;
  }
  if (!where.empty()) out += " (" + where + ")";
  return out;
}

nlohmann::json Diagnostic::to_json() const {
  nlohmann::json j = {{"code", code},
                      {"severity", severity_name(severity)},
                      {"stage", stage},
                      {"location", location},
                      {"message", message}};
  if (line > 0) {
    j["line"] = line;
    j["column"] = column;
  }
  if (!hint.empty()) j["hint"] = hint;
  return j;
}

Diagnostic make_error(std::string code, std::string stage, std::string message,
                      std::string location) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = std::move(code);
  d.stage = std::move(stage);
  d.message = std::move(message);
  d.location = std::move(location);
  return d;
}

Diagnostic make_warning(std::string code, std::string stage, std::string message,
                        std::string location) {
  Diagnostic d = make_error(std::move(code), std::move(stage), std::move(message),
                            std::move(location));
  d.severity = Severity::Warning;
  return d;
}

bool has_error(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) return true;
  return false;
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::string pointer_escape(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string pointer_append(const std::string& pointer, std::string_view token) {
  return pointer + "/" + pointer_escape(token);
}

std::string pointer_append(const std::string& pointer, size_t index) {
  return pointer + "/" + std::to_string(index);
}

}  // namespace credgate
