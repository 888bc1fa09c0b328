#include "mappers/edci_xml/edci_xml_prune.hpp"

#include "xsd/validator.hpp"

namespace credgate::edci_xml {
namespace {

// The error's location is the element itself or one inside it.
bool inside(const std::string& location, const std::string& element) {
  if (location.rfind(element, 0) != 0) return false;
  return location.size() == element.size() || location[element.size()] == '/' ||
         location[element.size()] == ' ';
}

// A schema error's location: the XPath before " at line ..." (Diagnostic::location holds the
// XPath alone; the line is apart).
std::string element_path(const Diagnostic& d) {
  return d.location;
}

}  // namespace

PrunedOutput validate_pruning(xmlDocPtr doc, std::vector<KeptElement>& kept,
                              model::LossReport& losses,
                              const std::function<void(const KeptElement&)>& removed) {
  PrunedOutput out;
  // Each round removes at least one element, so there are at most as many rounds as kept ones.
  for (size_t round = 0; round <= kept.size(); ++round) {
    out.text = xsd::serialize_indented(doc);
    xsd::ValidationResult v = xsd::SchemaCache::bundled().validate_with("edci-0.10.0", out.text);
    out.schema_errors.clear();
    for (auto& d : v.diagnostics)
      if (d.severity == Severity::Error) out.schema_errors.push_back(std::move(d));
    if (out.schema_errors.empty()) return out;
    std::vector<KeptElement> blamed;
    for (auto it = kept.begin(); it != kept.end();) {
      std::string path = xsd::xpath_of(it->node);
      const Diagnostic* error = nullptr;
      for (const auto& d : out.schema_errors)
        if (inside(element_path(d), path)) error = &d;
      if (!error) {
        ++it;
        continue;
      }
      losses.push_back(
          {it->extra.pointer,
           "not valid in EDCI 0.10.0 (the schema the writer produces): " + error->message,
           it->extra.value, "edci.schema-rejected"});
      blamed.push_back(*it);
      it = kept.erase(it);
    }
    if (blamed.empty()) return out;
    for (const auto& k : blamed) {
      xmlUnlinkNode(k.node);
      removed(k);
      xmlFreeNode(k.node);
    }
  }
  return out;
}

}  // namespace credgate::edci_xml
