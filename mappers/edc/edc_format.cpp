// Registry row for EDC (ELM v3 JSON-LD).
#include "mappers/edc/edc_format.hpp"

#include "mappers/edc/edc_reader.hpp"
#include "mappers/edc/edc_writer.hpp"
#include "mappers/json_types.hpp"

namespace credgate::edc {

static Detection detect(const Sniff& s) {
  if (s.kind != ContentKind::Json || !s.json.is_object()) return {};
  if (!has_type(s.json, "EuropeanDigitalCredential")) return {};
  std::string version = "3";
  if (has_context(s.json, "https://www.w3.org/ns/credentials/v2")) version = "3 (VC 2.0)";
  return {Confidence::Yes, version};
}

Format format() {
  Format f;
  f.id = "edc";
  f.name = "European Digital Credential (ELM v3 JSON-LD)";
  f.versions = {"3 (VC 1.1)", "3 (VC 2.0, EBSI)"};
  f.media_types = {"application/ld+json", "application/vc+ld+json"};
  f.capabilities.read = true;
  f.capabilities.write = true;
  f.capabilities.lossless_same_format = true;
  f.capabilities.envelopes = {"jades", "jws", "data-integrity"};
  f.capabilities.output_multiplicity = "one";
  f.detect = detect;
  f.read = read;
  f.write = write;
  return f;
}

}  // namespace credgate::edc
