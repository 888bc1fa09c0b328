#include "gateway/pipeline.hpp"

namespace credgate {

DetectOutcome detect_bytes(std::string_view bytes, const InputLimits& limits) {
  DetectOutcome out;
  Sniff s = sniff(bytes, limits);
  out.envelope = s.envelope;
  out.diagnostics = s.diagnostics;
  if (has_error(s.diagnostics)) return out;
  DetectResult d = detect_format(s);
  out.format = d.format;
  out.version = d.version;
  out.confidence = d.confidence;
  return out;
}

static const Format* choose_reader(const Sniff& s, const ConvertRequest& request,
                                   Diagnostics& diagnostics) {
  const Format* format = nullptr;
  if (!request.source.empty()) {
    format = find_format(request.source);
    if (!format) {
      diagnostics.push_back(make_error("usage.unknown-format", "detect",
                                       "unknown source format '" + request.source + "'"));
      return nullptr;
    }
  } else {
    format = detect_format(s).format;
    if (!format) {
      diagnostics.push_back(make_error(
          "detect.unknown-format", "detect",
          "content is not any supported credential format (see `credgate formats`)"));
      return nullptr;
    }
  }
  if (!format->read) {
    diagnostics.push_back(make_error("usage.no-reader", "parse",
                                     "format '" + format->id + "' has no reader yet (" +
                                         format->capabilities.planned + ")"));
    return nullptr;
  }
  return format;
}

ReadResult read_bytes(std::string_view bytes, const ConvertRequest& request,
                      std::string* format_id) {
  ReadResult out;
  Sniff s = sniff(bytes, request.limits);
  if (has_error(s.diagnostics)) {
    out.diagnostics = std::move(s.diagnostics);
    return out;
  }
  const Format* format = choose_reader(s, request, out.diagnostics);
  if (!format) return out;
  if (format_id) *format_id = format->id;
  return format->read(s, request.read);
}

ConvertOutcome convert_bytes(std::string_view bytes, const ConvertRequest& request) {
  ConvertOutcome out;
  const Format* writer = find_format(request.target);
  if (!writer || !writer->write) {
    out.diagnostics.push_back(make_error(
        "usage.no-writer", "serialize",
        writer ? "format '" + writer->id + "' has no writer yet (" + writer->capabilities.planned + ")"
               : "unknown target format '" + request.target + "'"));
    return out;
  }
  Sniff s = sniff(bytes, request.limits);
  out.envelope = s.envelope;
  if (has_error(s.diagnostics)) {
    out.diagnostics = std::move(s.diagnostics);
    return out;
  }
  const Format* reader = choose_reader(s, request, out.diagnostics);
  if (!reader) return out;
  out.source_format = reader->id;
  ReadResult read = reader->read(s, request.read);
  out.diagnostics = std::move(read.diagnostics);
  if (has_error(out.diagnostics)) return out;
  for (const auto& credential : read.credentials) {
    WriteResult written = writer->write(credential, request.write);
    for (auto& d : written.diagnostics) out.diagnostics.push_back(std::move(d));
    for (auto& l : written.losses) out.losses.push_back(std::move(l));
    for (auto& doc : written.documents) out.documents.push_back(std::move(doc));
  }
  if (has_error(out.diagnostics)) out.documents.clear();  // nothing half-made leaves here
  return out;
}

}  // namespace credgate
