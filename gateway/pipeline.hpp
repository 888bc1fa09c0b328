// The conversion pipeline for one input: detect -> parse -> map -> serialize. Validation,
// verification and sealing stages join here with their issues. No file or network I/O: the
// caller hands in bytes and gets documents, losses and diagnostics back, so the CLI, the HTTP
// gateway and the tests run exactly the same code.
#pragma once

#include <string>
#include <string_view>

#include "mappers/format.hpp"
#include "mappers/registry.hpp"

namespace credgate {

struct ConvertRequest {
  std::string target;         // format id to write
  std::string source;         // format id to read; "" = detect
  InputLimits limits;
  ReadOptions read;
  WriteOptions write;
};

struct DetectOutcome {
  const Format* format = nullptr;
  std::string version;
  std::string envelope;
  Confidence confidence = Confidence::No;
  Diagnostics diagnostics;
};

struct ConvertOutcome {
  std::string source_format;
  std::string envelope;
  std::vector<OutputDocument> documents;
  model::LossReport losses;
  Diagnostics diagnostics;
  bool ok() const { return !has_error(diagnostics) && !documents.empty(); }
};

DetectOutcome detect_bytes(std::string_view bytes, const InputLimits& limits);
ConvertOutcome convert_bytes(std::string_view bytes, const ConvertRequest& request);

// Reads through the pipeline up to the model (for `credgate dump` and the golden tests).
ReadResult read_bytes(std::string_view bytes, const ConvertRequest& request,
                      std::string* format_id = nullptr);

}  // namespace credgate
