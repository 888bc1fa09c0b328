#include "jsonld/input_value.hpp"

namespace credgate::jsonld {

std::string_view InputValue::dom_string() const {
  std::string_view out;
  if (dom().get(out) != simdjson::SUCCESS) return {};
  return out;
}

size_t InputValue::size() const {
  if (const nlohmann::json* j = json()) return j->size();
  if (is_array()) return dom_array().size();
  if (is_object()) return Object(*this).size();
  return is_null() ? 0 : 1;  // as nlohmann's size(): 0 for null, 1 for a scalar
}

InputValue InputValue::back() const {
  if (const nlohmann::json* j = json()) return InputValue(j->back());
  simdjson::dom::element last;
  for (simdjson::dom::element item : dom_array()) last = item;
  return InputValue(last);
}

std::optional<InputValue> InputValue::find(std::string_view key) const {
  if (const nlohmann::json* j = json()) {
    auto it = j->find(key);
    if (it == j->end()) return std::nullopt;
    return InputValue(*it);
  }
  std::optional<InputValue> found;  // the last of a repeated key
  for (simdjson::dom::key_value_pair member : dom_object())
    if (member.key == key) found = InputValue(member.value);
  return found;
}

bool InputValue::same_as(const InputValue& other) const {
  const nlohmann::json* a = json();
  const nlohmann::json* b = other.json();
  if (a != nullptr || b != nullptr) return a != nullptr && b != nullptr && *a == *b;
  const simdjson::dom::element x = dom();
  const simdjson::dom::element y = other.dom();
  if (x.type() != y.type()) return false;
  switch (x.type()) {
    case simdjson::dom::element_type::ARRAY: {
      const simdjson::dom::array xs = dom_array(), ys = other.dom_array();
      auto i = xs.begin(), j = ys.begin();
      for (; i != xs.end() && j != ys.end(); ++i, ++j)
        if (!InputValue(*i).same_as(InputValue(*j))) return false;
      return i == xs.end() && j == ys.end();
    }
    case simdjson::dom::element_type::OBJECT: {
      const simdjson::dom::object xs = dom_object(), ys = other.dom_object();
      auto i = xs.begin(), j = ys.begin();
      for (; i != xs.end() && j != ys.end(); ++i, ++j)
        if (i.key() != j.key() || !InputValue(i.value()).same_as(InputValue(j.value())))
          return false;
      return i == xs.end() && j == ys.end();
    }
    case simdjson::dom::element_type::INT64:
      return x.get_int64().value_unsafe() == y.get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64:
      return x.get_uint64().value_unsafe() == y.get_uint64().value_unsafe();
    case simdjson::dom::element_type::DOUBLE: {
      const double d = x.get_double().value_unsafe(), e = y.get_double().value_unsafe();
      return std::memcmp(&d, &e, sizeof d) == 0;  // -0 is not 0 here (as written, it differs)
    }
    case simdjson::dom::element_type::STRING:
      return dom_string() == other.dom_string();
    case simdjson::dom::element_type::BOOL:
      return x.get_bool().value_unsafe() == y.get_bool().value_unsafe();
    case simdjson::dom::element_type::NULL_VALUE:
      return true;
  }
  return false;
}

nlohmann::json InputValue::to_json() const {
  using json = nlohmann::json;
  if (const nlohmann::json* j = this->json()) return *j;
  const simdjson::dom::element element = dom();
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY: {
      json out = json::array();
      auto& items = out.get_ref<json::array_t&>();
      items.reserve(size());
      for_each_item([&](InputValue item) { items.push_back(item.to_json()); });
      return out;
    }
    case simdjson::dom::element_type::OBJECT: {
      json out = json::object();
      auto& members = out.get_ref<json::object_t&>();
      for_each_member([&](std::string_view key, InputValue value) {
        members.emplace_hint(members.end(), std::string(key), value.to_json());  // sorted
      });
      return out;
    }
    case simdjson::dom::element_type::INT64:
      return json(static_cast<json::number_integer_t>(element.get_int64().value_unsafe()));
    case simdjson::dom::element_type::UINT64:
      return json(static_cast<json::number_unsigned_t>(element.get_uint64().value_unsafe()));
    case simdjson::dom::element_type::DOUBLE:
      return json(element.get_double().value_unsafe());
    case simdjson::dom::element_type::STRING:
      return json(std::string(string()));
    case simdjson::dom::element_type::BOOL:
      return json(element.get_bool().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE:
      return json(nullptr);
  }
  return json(nullptr);
}

}  // namespace credgate::jsonld
