// What the Expansion algorithm reads its input through: a JSON value that is either an
// nlohmann::json (expand() on a parsed document) or an element of simdjson's DOM
// (canonize_text(), which never converts the document into nlohmann::json: building that
// tree and freeing it again was about a sixth of a canonicalization of the EC samples).
// Both read the same: objects show their members in code point order of the keys and a
// repeated key once, with its last value, as nlohmann's objects (std::map) do.
// Internal to jsonld/.
#pragma once

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "jsonld/literal_equals.hpp"
#include "jsonld/sorted_members.hpp"

namespace credgate::jsonld {

class InputValue {
 private:
  using Members = SortedMembers;

 public:
  InputValue(const nlohmann::json& value) {  // NOLINT: implicit on purpose
    const nlohmann::json* p = &value;
    std::memcpy(bits_, &p, sizeof p);
    std::memcpy(bits_ + 8, &kJsonTag, sizeof kJsonTag);
  }
  explicit InputValue(simdjson::dom::element value) { std::memcpy(bits_, &value, sizeof value); }

  // By tape type: simdjson's is_string() and friends inline a string read that GCC 12 flags.
  bool is_null() const { return json() ? json()->is_null() : type() == Type::NULL_VALUE; }
  bool is_array() const { return json() ? json()->is_array() : type() == Type::ARRAY; }
  bool is_object() const { return json() ? json()->is_object() : type() == Type::OBJECT; }
  bool is_string() const { return json() ? json()->is_string() : type() == Type::STRING; }
  bool is_number() const {
    return json() ? json()->is_number()
                  : type() == Type::INT64 || type() == Type::UINT64 || type() == Type::DOUBLE;
  }
  bool is_boolean() const { return json() ? json()->is_boolean() : type() == Type::BOOL; }

  // The string of a string value.
  std::string_view string() const {
    return json() ? std::string_view(json()->get_ref<const std::string&>()) : dom_string();
  }

  // Items of an array or members of an object (distinct keys).
  size_t size() const;
  bool empty() const { return size() == 0; }

  // f(item) for every item of an array, in order.
  template <typename F>
  void for_each_item(F&& f) const {
    if (const nlohmann::json* j = json()) {
      for (const auto& item : *j) f(InputValue(item));
    } else {
      for (simdjson::dom::element item : dom_array()) f(InputValue(item));
    }
  }
  // The last item of a non-empty array.
  InputValue back() const;

  // An object's members, keys in code point order, each once: sorted once for the several
  // passes expansion makes over a map.
  class Object {
   public:
    explicit Object(const InputValue& object) : json_(object.json()) {
      if (!json_) members_.emplace(object.dom());
    }
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;

    // f(key, value) for every member.
    template <typename F>
    void for_each(F&& f) const {
      if (json_) {
        for (auto it = json_->begin(); it != json_->end(); ++it)
          f(std::string_view(it.key()), InputValue(it.value()));
        return;
      }
      for (size_t i = 0; i < members_->size(); ++i)
        f((*members_)[i].key, InputValue((*members_)[i].value));
    }
    size_t size() const { return json_ ? json_->size() : members_->size(); }
    // The smallest key (of a non-empty object).
    std::string_view first_key() const {
      return json_ ? std::string_view(json_->begin().key()) : (*members_)[0].key;
    }
    // The value of `key`, found by bisection over the sorted members (InputValue::find()
    // reads simdjson's members one by one).
    std::optional<InputValue> find(std::string_view key) const {
      if (json_) {
        auto it = json_->find(key);
        return it == json_->end() ? std::nullopt : std::optional<InputValue>(InputValue(*it));
      }
      auto it = std::lower_bound(
          members_->begin(), members_->end(), key,
          [](const SortedMembers::Member& m, std::string_view k) { return text_less(m.key, k); });
      if (it != members_->end() && same_text(it->key, key)) return InputValue(it->value);
      return std::nullopt;
    }

   private:
    const nlohmann::json* json_;
    std::optional<Members> members_;
  };

  // f(key, value) for every member of an object, keys in code point order, each once.
  template <typename F>
  void for_each_member(F&& f) const {
    Object(*this).for_each(f);
  }
  // The value of `key` in an object.
  std::optional<InputValue> find(std::string_view key) const;

  // The value as nlohmann::json: the value itself when it is one, else a copy.
  const nlohmann::json* json() const {
    uint64_t tag;
    std::memcpy(&tag, bits_ + 8, sizeof tag);
    if (tag != kJsonTag) return nullptr;
    const nlohmann::json* p;
    std::memcpy(&p, bits_, sizeof p);
    return p;
  }
  nlohmann::json to_json() const;
  // Whether `other` is the same JSON, members in the same order (both from the same kind of
  // input: two nlohmann values compare as nlohmann does, two elements of simdjson's DOM as
  // written; one of each never compares equal).
  bool same_as(const InputValue& other) const;
  std::string dump() const { return to_json().dump(); }

 private:
  using Type = simdjson::dom::element_type;
  Type type() const { return dom().type(); }
  simdjson::dom::element dom() const {
    simdjson::dom::element e;
    std::memcpy(static_cast<void*>(&e), bits_, sizeof e);
    return e;
  }
  std::string_view dom_string() const;

  // By value: iterating the reference value_unsafe() gives would outlive its temporary.
  simdjson::dom::array dom_array() const {
    simdjson::dom::array array;
    if (dom().get(array) != simdjson::SUCCESS) return {};
    return array;
  }
  simdjson::dom::object dom_object() const {
    simdjson::dom::object object;
    if (dom().get(object) != simdjson::SUCCESS) return {};
    return object;
  }

  // The value in 16 bytes, so that it is passed in two registers (24, a pointer beside the
  // element, went through the stack, and reading it back stalled on store forwarding in
  // expansion's loops): simdjson's element as it is (a document pointer and a tape index, both
  // trivially copyable), or an nlohmann::json pointer followed by kJsonTag, which neither a tape
  // index nor a pointer can be.
  static constexpr uint64_t kJsonTag = ~uint64_t{0};
  static_assert(sizeof(simdjson::dom::element) == 16 &&
                std::is_trivially_copyable_v<simdjson::dom::element>);
  alignas(8) unsigned char bits_[16];
};

static_assert(sizeof(InputValue) == 16 && std::is_trivially_copyable_v<InputValue>,
              "passed in two registers (see bits_)");

}  // namespace credgate::jsonld
