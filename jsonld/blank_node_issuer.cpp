#include "jsonld/blank_node_issuer.hpp"

#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {

const std::string& BlankNodeIssuer::issue(std::string_view old_identifier) {
  auto it = issued_.find(old_identifier);
  if (it != issued_.end()) return it->second;
  std::string label = fresh();
  return issued_.emplace(std::string(old_identifier), std::move(label)).first->second;
}

std::string_view BlankNodeIssuer::relabel(std::string_view id) {
  return starts_with(id, "_:") ? std::string_view(issue(id)) : id;
}

std::string BlankNodeIssuer::fresh() {
  return "_:b" + std::to_string(counter_++);
}

}  // namespace credgate::jsonld
