// Registry row for EMREX ELMO. Reader here (mappers/elmo/elmo_reader.cpp); writer to come. Real
// files use the v1 namespace for every version, or none at all (../shared/corpus/README.md): both
// detect.
#include "mappers/elmo/elmo_format.hpp"

#include "mappers/elmo/elmo_reader.hpp"
#include "mappers/elmo/elmo_writer.hpp"

namespace credgate::elmo {

static Detection detect(const Sniff& s) {
  if (s.kind != ContentKind::Xml || !s.xml) return {};
  const auto& root = *s.xml;
  if (root.local_name != "elmo") return {};
  if (root.namespace_uri.find("elmo-schemas") != std::string::npos) return {Confidence::Yes, "1"};
  return {Confidence::Maybe, "1 (no namespace)"};
}

Format format() {
  Format f;
  f.id = "elmo";
  f.name = "EMREX ELMO XML";
  f.versions = {"1.0", "1.5.0", "1.7.0", "2.0.0"};
  f.media_types = {"application/xml"};
  f.capabilities.envelopes = {"xmldsig"};
  f.capabilities.read = true;
  f.capabilities.write = true;
  f.capabilities.output_multiplicity = "one";
  f.detect = detect;
  f.read = read;
  f.write = write;
  return f;
}

}  // namespace credgate::elmo
