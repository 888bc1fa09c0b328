#include "jsonld/tree_release.hpp"

namespace credgate::jsonld {
namespace {

using json = nlohmann::json;

// Empties every container below `value`, deepest first, then `value` itself.
void empty_containers(json& value) {
  if (value.is_object()) {
    auto& members = value.get_ref<json::object_t&>();
    for (auto& member : members)
      if (member.second.is_structured()) empty_containers(member.second);
    members.clear();
  } else if (value.is_array()) {
    auto& items = value.get_ref<json::array_t&>();
    for (auto& item : items)
      if (item.is_structured()) empty_containers(item);
    items.clear();
  }
}

}  // namespace

void release_tree(json& tree) {
  empty_containers(tree);
  tree = nullptr;
}

}  // namespace credgate::jsonld
