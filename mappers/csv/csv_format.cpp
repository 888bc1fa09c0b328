// Registry row for institutional flat records (CSV). Detection is weak by nature: text with a
// header row and rows of the same width is "maybe", so it is tried last.
#include "mappers/csv/csv_format.hpp"

namespace credgate::csv {

// Counts fields of one line, honouring double quotes.
static size_t field_count(std::string_view line, char delimiter) {
  size_t fields = 1;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == delimiter && !quoted) ++fields;
  }
  return fields;
}

static Detection detect(const Sniff& s) {
  if (s.kind != ContentKind::Text) return {};
  std::vector<std::string_view> lines;
  std::string_view rest = s.bytes;
  while (!rest.empty() && lines.size() < 20) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) lines.push_back(line);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (lines.size() < 2) return {};
  for (char delimiter : {',', ';', '\t'}) {
    size_t header = field_count(lines[0], delimiter);
    if (header < 2) continue;
    bool same = true;
    for (size_t i = 1; i < lines.size() && same; ++i) same = field_count(lines[i], delimiter) == header;
    if (same) return {Confidence::Maybe, delimiter == ',' ? "comma-separated" : delimiter == ';' ? "semicolon-separated" : "tab-separated"};
  }
  return {};
}

Format format() {
  Format f;
  f.id = "csv";
  f.name = "Institutional flat records (CSV, one row per learning result)";
  f.versions = {"1"};
  f.media_types = {"text/csv"};
  f.capabilities.planned = "reader and writer: registrar CSV issue";
  f.detect = detect;
  return f;
}

}  // namespace credgate::csv
