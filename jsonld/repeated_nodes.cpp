#include "jsonld/repeated_nodes.hpp"

#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {
namespace {

bool same_property(std::optional<std::string_view> a, std::optional<std::string_view> b) {
  return a.has_value() == b.has_value() && (!a || same_text(*a, *b));
}

}  // namespace

const ExpandedJson::string_t* RepeatedNodes::find(const ContextPtr& active,
                                                  std::optional<std::string_view> property,
                                                  bool from_map, InputValue element,
                                                  std::string_view key) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  for (const Entry& e : it->second)
    if (e.active.get() == active.get() && e.from_map == from_map &&
        same_property(e.property, property) && e.element.same_as(element))
      return &e.id;
  return nullptr;
}

void RepeatedNodes::remember(const ContextPtr& active, std::optional<std::string_view> property,
                             bool from_map, InputValue element, std::string_view key,
                             const ExpandedJson::string_t& id) {
  Entries& entries = by_key_[key];
  if (entries.size() < kMaxPerKey) entries.push_back({active, property, from_map, element, id});
}

}  // namespace credgate::jsonld
