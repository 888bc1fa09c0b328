#pragma once
#include "mappers/format.hpp"
namespace credgate::edci_xml {
// Europass EDCI v2 `europassCredential` -> canonical model. Read leniently: the document is
// checked against the bundled schema and schema errors come back as warnings
// (`edci.schema-invalid`, with XPath and line), the rest is read where it can be understood.
ReadResult read(const Sniff& sniff, const ReadOptions& options);
}  // namespace credgate::edci_xml
