// Small helpers on expanded JSON-LD (expanded_json.hpp) shared by expansion.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include "jsonld/expanded_json.hpp"

namespace credgate::jsonld {

// The helpers take values by rvalue reference: a by-value parameter is one more basic_json to
// destroy (an out-of-line call) per use, and these run for every value of a document.
//
// Empty arrays and maps are made as json(value_t::array) and json(value_t::object) in the
// expansion code: json::array() and json::object() go through the initializer-list
// constructor.
//
// {key: value}, built directly: nlohmann's initializer-list constructor (json{{k, v}}) tests
// every element for the "array of two with a string first" shape and copies through
// json_ref temporaries, which showed in profiles of expansion and toRdf.
inline ExpandedJson single_entry(const char* key, ExpandedJson&& value) {
  ExpandedJson out(ExpandedJson::value_t::object);
  out.get_ref<ExpandedJson::object_t&>().emplace(std::string_view(key), std::move(value));
  return out;
}

// Appends a member whose key sorts after every key already in `members`: no search, no
// shifting. Callers add the members of a value object in their sorted order.
inline void append_in_order(ExpandedJson::object_t& members, std::string_view key,
                            ExpandedJson&& value) {
  assert(members.empty() || ExpandedJson::object_t::key_compare{}(members.back().first, key));
  members.emplace_back(std::piecewise_construct, std::forward_as_tuple(key),
                       std::forward_as_tuple(std::move(value)));
}

// [value], built directly (see single_entry()).
inline ExpandedJson one_item_array(ExpandedJson&& value) {
  ExpandedJson out(ExpandedJson::value_t::array);
  out.get_ref<ExpandedJson::array_t&>().push_back(std::move(value));
  return out;
}

// The value itself if it is an array, [] for null, else a one-element array.
inline ExpandedJson as_array(ExpandedJson&& value) {
  if (value.is_array()) return std::move(value);
  if (value.is_null()) return ExpandedJson(ExpandedJson::value_t::array);
  return one_item_array(std::move(value));
}

// object[key], the key copied only when it is new (operator[] takes it by value, a copy of
// an IRI per call). `object` is a map or null (which becomes a map, as with operator[]).
inline ExpandedJson& member(ExpandedJson& object, std::string_view key) {
  if (object.is_null()) object = ExpandedJson(ExpandedJson::value_t::object);
  return object.get_ref<ExpandedJson::object_t&>().emplace(key, nullptr).first->second;
}

// The spec's "add value" with `as array` true: the entry becomes an array, and an array
// value is appended item by item.
// `value` by rvalue reference, not by value: no parameter object left to destroy (basic_json's
// destructor is an out-of-line call, made thousands of times per document on moved-from nulls).
inline void add_value(ExpandedJson& object, std::string_view key, ExpandedJson&& value) {
  ExpandedJson& slot = member(object, key);
  if (slot.is_null() && value.is_array()) {  // the array itself, not a copy item by item
    slot = std::move(value);
    return;
  }
  if (slot.is_null())
    slot = ExpandedJson(ExpandedJson::value_t::array);
  else if (!slot.is_array())
    slot = one_item_array(std::move(slot));
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
