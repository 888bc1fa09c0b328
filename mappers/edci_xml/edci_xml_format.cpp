// Registry row for Europass EDCI v2 XML: reader in edci_xml_reader.cpp (europassCredential, and
// the credentials of a verifiablePresentation), writer in edci_xml_writer.cpp
// (europassCredential 0.10.0) and edci_xml_presentation.cpp (the EDCI 1.0 shared or mandated
// verifiablePresentation around it, on request).
#include "mappers/edci_xml/edci_xml_format.hpp"

#include "mappers/edci_xml/edci_xml_reader.hpp"
#include "mappers/edci_xml/edci_xml_writer.hpp"

namespace credgate::edci_xml {

static Detection detect(const Sniff& s) {
  if (s.kind != ContentKind::Xml || !s.xml) return {};
  const auto& root = *s.xml;
  bool edci_ns = root.namespace_uri.rfind("http://data.europa.eu/", 0) == 0;
  if (root.local_name == "europassCredential" && edci_ns)
    return {Confidence::Yes, "2 (europassCredential)"};
  if (root.local_name == "verifiablePresentation" && edci_ns)
    return {Confidence::Yes, "2 (verifiablePresentation)"};
  return {};
}

Format format() {
  Format f;
  f.id = "edci-xml";
  f.name = "Europass EDCI v2 XML (ELM v2)";
  f.versions = {"0.10.0", "1.0", "1.1", "1.2"};
  f.media_types = {"application/xml"};
  f.capabilities.envelopes = {"xades", "xmldsig"};
  f.capabilities.read = true;
  f.capabilities.write = true;
  f.capabilities.output_multiplicity = "one";
  f.detect = detect;
  f.read = read;
  f.write = write;
  return f;
}

}  // namespace credgate::edci_xml
