// Keeps the writer's output valid EDCI 0.10.0 when the source was not: EDCI documents of later
// schema versions (1.x: primaryLanguage, newer credential types, ...) are read against 0.10.0
// leniently, and what the reader kept of them goes back as it was. Every schema error located
// in such a kept element removes that element into the loss report, and the document is
// validated again; an error no kept element explains is left for the writer to report.
#pragma once

#include <libxml/tree.h>

#include <functional>
#include <string>
#include <vector>

#include "mappers/model/credential.hpp"
#include "mappers/model/diagnostic.hpp"
#include "mappers/model/loss.hpp"

namespace credgate::edci_xml {

struct KeptElement {
  xmlNodePtr node;     // in the output document
  model::Extra extra;  // where it came from in the source
};

struct PrunedOutput {
  std::string text;           // the serialised document
  Diagnostics schema_errors;  // what remains (empty: valid)
};

// `repair` runs after elements were removed (to put back a required element, say).
PrunedOutput validate_pruning(xmlDocPtr doc, std::vector<KeptElement>& kept,
                              model::LossReport& losses,
                              const std::function<void(const KeptElement&)>& removed);

}  // namespace credgate::edci_xml
