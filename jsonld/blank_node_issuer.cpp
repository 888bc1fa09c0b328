#include "jsonld/blank_node_issuer.hpp"

namespace credgate::jsonld {

const std::string& BlankNodeIssuer::issue(std::string_view old_identifier) {
  auto it = issued_.find(old_identifier);
  if (it != issued_.end()) return it->second;
  std::string label = fresh();
  return issued_.emplace(std::string(old_identifier), std::move(label)).first->second;
}

std::string BlankNodeIssuer::fresh() {
  return "_:b" + std::to_string(counter_++);
}

}  // namespace credgate::jsonld
