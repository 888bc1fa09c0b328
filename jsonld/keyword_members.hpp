// The keyword entries of an expanded map, found in one pass over its members: the steps that
// read them (expansion's steps 15 to 19, the node map of toRdf) asked up to ten lookups per map,
// each a bisection comparing strings.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "jsonld/expanded_json.hpp"
#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {

// `Json`: ExpandedJson, or const ExpandedJson to read only. Nothing is set for a non-map.
template <typename Json>
struct KeywordMembers {
  Json* value = nullptr;
  Json* type = nullptr;
  Json* language = nullptr;
  Json* direction = nullptr;
  Json* index = nullptr;
  Json* set = nullptr;
  Json* list = nullptr;
  Json* id = nullptr;
  Json* reverse = nullptr;
  Json* graph = nullptr;
  Json* included = nullptr;
  // The first member, in member order, that a value object cannot hold (anything but @value,
  // @type, @language, @direction and @index).
  const ExpandedJson::string_t* not_in_value_object = nullptr;

  explicit KeywordMembers(Json& map) {
    if (!map.is_object()) return;
    using Object = std::conditional_t<std::is_const_v<Json>, const ExpandedJson::object_t,
                                      ExpandedJson::object_t>;
    for (auto& [key, member] : map.template get_ref<Object&>()) {
      // Keys are in byte-wise order: past the first one that sorts after '@' there is no
      // keyword left to read. Stopping there spares reading the key of every property (a
      // cache miss each for keys stored outside the map, the long IRIs).
      if (!key.empty() && static_cast<unsigned char>(key[0]) > '@') {
        if (not_in_value_object == nullptr) not_in_value_object = &key;
        break;
      }
      if (!take(key, member) && not_in_value_object == nullptr) not_in_value_object = &key;
    }
  }

 private:
  // Records a keyword member; true when a value object may hold it.
  bool take(const ExpandedJson::string_t& key, Json& member) {
    if (key.empty() || key[0] != '@') return false;
    const std::string_view k = std::string_view(key).substr(1);
    if (equals(k, "value"))
      value = &member;
    else if (equals(k, "type"))
      type = &member;
    else if (equals(k, "language"))
      language = &member;
    else if (equals(k, "direction"))
      direction = &member;
    else if (equals(k, "index"))
      index = &member;
    else {
      if (equals(k, "id"))
        id = &member;
      else if (equals(k, "list"))
        list = &member;
      else if (equals(k, "set"))
        set = &member;
      else if (equals(k, "reverse"))
        reverse = &member;
      else if (equals(k, "graph"))
        graph = &member;
      else if (equals(k, "included"))
        included = &member;
      return false;
    }
    return true;
  }
};

}  // namespace credgate::jsonld
