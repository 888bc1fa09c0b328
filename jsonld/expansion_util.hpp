// Small helpers on expanded JSON-LD (expanded_json.hpp) shared by expansion.
#pragma once

#include <string>
#include "jsonld/expanded_json.hpp"

namespace credgate::jsonld {

// {key: value}, built directly: nlohmann's initializer-list constructor (json{{k, v}}) tests
// every element for the "array of two with a string first" shape and copies through
// json_ref temporaries, which showed in profiles of expansion and toRdf.
inline ExpandedJson single_entry(const char* key, ExpandedJson value) {
  ExpandedJson out(ExpandedJson::value_t::object);
  out.get_ref<ExpandedJson::object_t&>().emplace(std::string(key), std::move(value));
  return out;
}

// The value itself if it is an array, [] for null, else a one-element array.
inline ExpandedJson as_array(ExpandedJson value) {
  if (value.is_array()) return value;
  if (value.is_null()) return ExpandedJson::array();
  return ExpandedJson::array({std::move(value)});
}

// Calls f on each item of an array, or once on any other value: "convert to an array if
// necessary" without copying.
template <typename F>
void for_each_item(const ExpandedJson& value, F&& f) {
  if (value.is_array()) {
    for (const auto& item : value) f(item);
  } else {
    f(value);
  }
}

// The spec's "add value" with `as array` true: the entry becomes an array, and an array
// value is appended item by item.
inline void add_value(ExpandedJson& object, const std::string& key, ExpandedJson value) {
  ExpandedJson& slot = object[key];
  if (slot.is_null() && value.is_array()) {  // the array itself, not a copy item by item
    slot = std::move(value);
    return;
  }
  if (slot.is_null())
    slot = ExpandedJson::array();
  else if (!slot.is_array())
    slot = ExpandedJson::array({std::move(slot)});
  if (value.is_array()) {
    for (auto& item : value) slot.push_back(std::move(item));
  } else {
    slot.push_back(std::move(value));
  }
}

inline bool is_list_object(const ExpandedJson& v) {
  return v.is_object() && v.contains("@list");
}

// A map with @graph and at most @id, @index and @context besides.
inline bool is_graph_object(const ExpandedJson& v) {
  if (!v.is_object() || !v.contains("@graph")) return false;
  for (const auto& [key, unused] : v.items())
    if (key != "@graph" && key != "@id" && key != "@index" && key != "@context") return false;
  return true;
}

}  // namespace credgate::jsonld
