// Errors are values: every stage returns its result plus diagnostics, never throws for
// expected failures. One type for all stages so the CLI and the HTTP gateway print them alike.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace credgate {

enum class Severity { Info, Warning, Error };

// Broad categories decide the exit code (see ../shared/design/cli.md): input problems exit 3,
// usage problems 2, failed checks 1, bugs 4.
enum class ErrorCategory { Input, Usage, Check, Internal };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;      // stable, dotted: "json.syntax", "model.missing-member", ...
  std::string stage;     // detect, parse, validate, verify, map, seal, serialize, io
  std::string message;   // one line, names what is wrong
  std::string location;  // JSON Pointer, XPath or CSV row/column; "" when not applicable
  int line = 0;          // 1-based text position when known, else 0
  int column = 0;
  std::string hint;

  ErrorCategory category() const;
  // "CODE: message (location)" as the CLI contract prints it after "credgate: ".
  std::string to_line() const;
  nlohmann::json to_json() const;
};

using Diagnostics = std::vector<Diagnostic>;

Diagnostic make_error(std::string code, std::string stage, std::string message,
                      std::string location = {});
Diagnostic make_warning(std::string code, std::string stage, std::string message,
                        std::string location = {});

bool has_error(const Diagnostics& diagnostics);
const char* severity_name(Severity severity);

// JSON Pointer helpers (RFC 6901): escape one reference token and append it.
std::string pointer_escape(std::string_view token);
std::string pointer_append(const std::string& pointer, std::string_view token);
std::string pointer_append(const std::string& pointer, size_t index);

}  // namespace credgate
