#include "jsonld/repeated_nodes.hpp"

namespace credgate::jsonld {

RepeatedNodes::Scope::Scope(const TermDefinition* property) {
  if (property != nullptr && property->context) {
    context = property->context.get();
    base_url = property->base_url;
  }
}

bool RepeatedNodes::Scope::operator==(const Scope& other) const {
  return context == other.context && (context == nullptr || base_url == other.base_url);
}

const ExpandedJson::string_t* RepeatedNodes::find(const ActiveContext& effective,
                                                  const TermDefinition* property,
                                                  InputValue element, std::string_view key) {
  if (!active()) return nullptr;
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  const Scope scope(property);
  for (const Entry& e : it->second) {
    if (e.effective != &effective || !(e.scope == scope)) continue;
    if (e.element.same_as(element)) return &e.id;
    ++mismatches_;
  }
  return nullptr;
}

void RepeatedNodes::remember(const ContextPtr& entry, const ActiveContext& effective,
                             const TermDefinition* property, InputValue element,
                             std::string_view key, const ExpandedJson::string_t& id) {
  if (!active()) return;
  Entries& entries = by_key_[key];
  if (entries.size() < kMaxPerKey)
    entries.push_back({entry, &effective, Scope(property), element, id});
}

}  // namespace credgate::jsonld
