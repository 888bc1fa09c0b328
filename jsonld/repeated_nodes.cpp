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

RepeatedNodes::Found RepeatedNodes::find(const ActiveContext& effective,
                                         const TermDefinition* property, InputValue element,
                                         std::string_view key) {
  if (!active()) return {};
  Slot& slot = by_key_[key];
  const Scope scope(property);
  for (const Entry& e : slot.entries) {
    if (e.effective != &effective || !(e.scope == scope)) continue;
    if (e.element.same_as(element)) return {&e.id, &slot};
    ++mismatches_;
  }
  return {nullptr, &slot};
}

void RepeatedNodes::remember(Slot* slot, const ContextPtr& entry, const ActiveContext& effective,
                             const TermDefinition* property, InputValue element,
                             const ExpandedJson::string_t& id) {
  if (slot == nullptr || !active()) return;
  if (slot->entries.size() < kMaxPerKey)
    slot->entries.push_back({entry, &effective, Scope(property), element, id});
}

}  // namespace credgate::jsonld
