// EDCI writes a shared entity (organisation, specification, awarding process, learning
// outcome) once, in its *References section, and refers to it by id. Other formats repeat it
// where it is used (an EDC issuer again as awarding body), and two occurrences under one id may
// even differ. WrittenOnce tells the writer whether an occurrence is the first, and whether a
// repeated one holds something the written one does not (then it is a loss, not silence).
#pragma once

#include <map>
#include <string>

#include "mappers/model/credential.hpp"

namespace credgate::edci_xml {

class WrittenOnce {
 public:
  enum class Seen { First, Same, Different };
  // `print`: the occurrence's content without source positions (fingerprint below).
  Seen see(const std::string& id, const nlohmann::json& print);

 private:
  std::map<std::string, nlohmann::json> prints_;
};

// Model nodes as their dump (mappers/model/model_dump.cpp), source pointers removed: two
// occurrences of the same entity at different places print alike.
nlohmann::json fingerprint(const model::Agent& agent);
nlohmann::json fingerprint(const model::Specification& specification);
nlohmann::json fingerprint(const model::AwardingProcess& process);
nlohmann::json fingerprint(const model::LearningOutcome& outcome);

}  // namespace credgate::edci_xml
