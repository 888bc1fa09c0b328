#include "mappers/edci_xml/edci_xml_once.hpp"

namespace credgate::edci_xml {
namespace {

using json = nlohmann::json;

void drop_positions(json& j) {
  if (j.is_object()) {
    j.erase("source_pointer");
    j.erase("pointer");  // of an extra
    for (auto& [key, value] : j.items()) drop_positions(value);
  } else if (j.is_array()) {
    for (auto& value : j) drop_positions(value);
  }
}

// The dump is defined for a whole credential: the node is placed in one and taken out again.
json claim_part(model::Claim claim, const char* member) {
  model::Credential c;
  c.subject.has_claim.push_back(std::move(claim));
  json j = model::dump(c)["subject"]["has_claim"][0][member];
  drop_positions(j);
  return j;
}

}  // namespace

WrittenOnce::Seen WrittenOnce::see(const std::string& id, const json& print) {
  auto [it, inserted] = prints_.emplace(id, print);
  if (inserted) return Seen::First;
  return it->second == print ? Seen::Same : Seen::Different;
}

json fingerprint(const model::Agent& agent) {
  model::Credential c;
  c.issuer = agent;
  json j = model::dump(c)["issuer"];
  drop_positions(j);
  return j;
}

json fingerprint(const model::Specification& specification) {
  model::Claim claim;
  claim.specified_by = specification;
  return claim_part(std::move(claim), "specified_by");
}

json fingerprint(const model::AwardingProcess& process) {
  model::Claim claim;
  claim.awarded_by = process;
  return claim_part(std::move(claim), "awarded_by");
}

json fingerprint(const model::LearningOutcome& outcome) {
  model::Specification s;
  s.learning_outcome.push_back(outcome);
  json j = fingerprint(s);
  return j.contains("learning_outcome") ? j["learning_outcome"][0] : json();
}

}  // namespace credgate::edci_xml
