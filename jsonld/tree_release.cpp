#include "jsonld/tree_release.hpp"

#include <new>

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
  // A tree whose root container is in the open arena was built in its scope, all of it there
  // (containers and strings): the arena frees it when the scope closes, so it is left
  // unvisited. A new null is made in its place without running the old value's destructor,
  // which would only walk the tree to free nothing.
  if (tree.is_structured()) {
    const void* root = tree.is_object()
                           ? static_cast<const void*>(&tree.get_ref<ExpandedJson::object_t&>())
                           : static_cast<const void*>(&tree.get_ref<ExpandedJson::array_t&>());
    if (arena::in_open_scope(root)) {
      ::new (&tree) ExpandedJson();
      return;
    }
  }
  empty_containers(tree);
  tree = nullptr;
}

}  // namespace credgate::jsonld
