// Ids a writer makes where its target format requires one and the source has none (ELMO has
// no ids for learning opportunities or its issuer; EDCI and OB 3.0 require them): a local URN
// urn:credgate:<kind>:<n>, the same for the same source node across every document of one
// write (so an issuer shared by several OB 3.0 outputs keeps one id), reported once as the
// warning map.composed-id at the first such node: something is added, nothing is lost, and
// the reader is told the ids are not the issuer's.
#pragma once

#include <map>
#include <string>

#include "mappers/model/diagnostic.hpp"

namespace credgate {

class ComposedIds {
 public:
  explicit ComposedIds(std::string target) : target_(std::move(target)) {}
  // The id for the node of `kind` at `source_pointer` (a node without a pointer gets a new one).
  std::string id_for(const std::string& kind, const std::string& source_pointer);
  // Appends one map.composed-id warning when any id was composed.
  void report(Diagnostics& diagnostics) const;

 private:
  std::string target_;
  int count_ = 0;
  std::string first_;
  std::map<std::string, std::string> by_node_;
};

}  // namespace credgate
