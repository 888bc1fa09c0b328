// Registry row for Open Badges 2.0 assertions. Detection only until the OB 2.0 issue.
#include "mappers/ob2/ob2_format.hpp"

#include <cstring>

#include "mappers/json_types.hpp"

namespace credgate::ob2 {

// A baked PNG carries the assertion in an iTXt chunk with the keyword "openbadges".
static bool baked_png(std::string_view bytes) {
  size_t at = 8;
  while (at + 8 <= bytes.size()) {
    uint32_t length = (uint32_t(uint8_t(bytes[at])) << 24) | (uint32_t(uint8_t(bytes[at + 1])) << 16) |
                      (uint32_t(uint8_t(bytes[at + 2])) << 8) | uint32_t(uint8_t(bytes[at + 3]));
    std::string_view type = bytes.substr(at + 4, 4);
    if (type == "iTXt" && at + 8 + 10 <= bytes.size() &&
        bytes.substr(at + 8, 10) == std::string_view("openbadges", 10))
      return true;
    if (type == "IEND") break;
    at += 12 + size_t(length);
  }
  return false;
}

static Detection detect(const Sniff& s) {
  if (s.kind == ContentKind::Png) return baked_png(s.bytes) ? Detection{Confidence::Yes, "2.0 (baked PNG)"} : Detection{};
  if (s.kind == ContentKind::Xml && s.xml && s.xml->local_name == "svg" &&
      s.bytes.find("http://openbadges.org") != std::string_view::npos)
    return {Confidence::Yes, "2.0 (baked SVG)"};
  if (s.kind != ContentKind::Json || !s.json.is_object()) return {};
  if (has_context(s.json, "https://w3id.org/openbadges/v2") && has_type(s.json, "Assertion"))
    return {Confidence::Yes, "2.0"};
  if (has_type(s.json, "Assertion") && s.json.contains("recipient") && s.json.contains("badge"))
    return {Confidence::Maybe, "2.0"};
  return {};
}

Format format() {
  Format f;
  f.id = "ob2";
  f.name = "Open Badges 2.0 Assertion";
  f.versions = {"2.0"};
  f.media_types = {"application/ld+json", "image/png", "image/svg+xml"};
  f.capabilities.envelopes = {"jws"};
  f.capabilities.planned = "reader and writer: Open Badges 2.0 issue";
  f.detect = detect;
  return f;
}

}  // namespace credgate::ob2
