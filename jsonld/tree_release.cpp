#include "jsonld/tree_release.hpp"

namespace credgate::jsonld {
namespace {

// Empties every container below `value`, deepest first, then `value` itself.
template <typename json>
void empty_containers(json& value) {
  if (value.is_object()) {
    auto& members = value.template get_ref<typename json::object_t&>();
    for (auto& member : members)
      if (member.second.is_structured()) empty_containers(member.second);
    members.clear();
  } else if (value.is_array()) {
    auto& items = value.template get_ref<typename json::array_t&>();
    for (auto& item : items)
      if (item.is_structured()) empty_containers(item);
    items.clear();
  }
}

}  // namespace

void release_tree(nlohmann::json& tree) {
  empty_containers(tree);
  tree = nullptr;
}

void release_tree(ExpandedJson& tree) {
  empty_containers(tree);
  tree = nullptr;
}

}  // namespace credgate::jsonld
