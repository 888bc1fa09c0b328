#include "mappers/registry.hpp"

#include "mappers/clr2/clr2_format.hpp"
#include "mappers/csv/csv_format.hpp"
#include "mappers/edc/edc_format.hpp"
#include "mappers/edci_xml/edci_xml_format.hpp"
#include "mappers/elmo/elmo_format.hpp"
#include "mappers/ob2/ob2_format.hpp"
#include "mappers/ob3/ob3_format.hpp"

namespace credgate {

// Adding a format is one folder plus one line here.
const std::vector<Format>& formats() {
  static const std::vector<Format> table = {
      edc::format(),  ob3::format(),  clr2::format(), ob2::format(),
      edci_xml::format(), elmo::format(), csv::format(),
  };
  return table;
}

const Format* find_format(std::string_view id) {
  for (const auto& f : formats())
    if (f.id == id) return &f;
  return nullptr;
}

DetectResult detect_format(const Sniff& sniff) {
  DetectResult maybe;
  for (const auto& f : formats()) {
    Detection d = f.detect(sniff);
    if (d.confidence == Confidence::Yes) return {&f, d.version, Confidence::Yes};
    if (d.confidence == Confidence::Maybe && !maybe.format) maybe = {&f, d.version, Confidence::Maybe};
  }
  return maybe;
}

nlohmann::json formats_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : formats()) {
    const auto& c = f.capabilities;
    nlohmann::json row = {{"id", f.id},
                          {"name", f.name},
                          {"versions", f.versions},
                          {"mediaTypes", f.media_types},
                          {"detect", c.detect},
                          {"read", c.read && f.read != nullptr},
                          {"write", c.write && f.write != nullptr},
                          {"losslessSameFormat", c.lossless_same_format},
                          {"envelopes", c.envelopes}};
    if (!c.output_multiplicity.empty()) row["outputMultiplicity"] = c.output_multiplicity;
    if (!c.planned.empty()) row["planned"] = c.planned;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace credgate
