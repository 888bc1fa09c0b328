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

namespace {

// simdjson's element is a tape_ref: the document and an index into its tape. Its fields are
// public in internal::tape_ref but the element keeps it private, so the bytes are read the way
// InputValue keeps them (its static_assert checks the size).
struct TapeRef {
  const simdjson::dom::document* doc;
  size_t index;
};

// Two values of simdjson's DOM compared on the tape (simdjson's doc/tape.md): one 64-bit word
// per value, its type in the top byte; '{' and '[' hold the index after their closing word
// (and a member count above it), '}' and ']' the index of their opening word, numbers a second
// word with their bits, strings the offset of their length and bytes in the string buffer,
// where they lie in document order. Equal JSON (members in the same order) has the same
// sequence of types (which fixes where containers open and close), the same number bits, string
// offsets shifted by one constant, and the same bytes in its stretch of the string buffer:
// checked word by word and then with one memcmp.
//
// Why not the DOM's API: canonicalization compares every node a document repeats with its
// first occurrence (repeated_nodes.hpp), and walking both trees through simdjson's iterators,
// a string length read and a compare per key and string, cost 4.8% of a canonicalization's
// instructions on the MC sample; this, 2%.
bool same_on_tape(const TapeRef& a, const TapeRef& b) {
  constexpr uint64_t kValue = 0x00FFFFFFFFFFFFFF;  // simdjson's internal::JSON_VALUE_MASK
  const uint64_t* x = a.doc->tape.get() + a.index;
  const uint64_t* y = b.doc->tape.get() + b.index;
  const char type = static_cast<char>(x[0] >> 56);
  size_t words = 1;
  if (type == '{' || type == '[')
    words = static_cast<uint32_t>(x[0]) - a.index;
  else if (type == 'l' || type == 'u' || type == 'd')
    words = 2;
  const uint8_t* strings_a = a.doc->string_buf.get();
  const uint8_t* strings_b = b.doc->string_buf.get();
  size_t first_a = 0, first_b = 0, end_a = 0;
  bool any_string = false;
  for (size_t k = 0; k < words; ++k) {
    const uint64_t u = x[k], v = y[k];
    const char t = static_cast<char>(u >> 56);
    if (t != static_cast<char>(v >> 56)) return false;
    switch (t) {
      case '{':
      case '[':
      case '}':
      case ']':  // where each container opens and closes is in the sequence of types
        break;
      case '"': {
        const size_t offset_a = u & kValue, offset_b = v & kValue;
        if (!any_string) {
          any_string = true;
          first_a = offset_a;
          first_b = offset_b;
        } else if (offset_a - first_a != offset_b - first_b) {
          return false;
        }
        uint32_t length;
        std::memcpy(&length, strings_a + offset_a, sizeof length);
        end_a = offset_a + sizeof length + length + 1;  // and its NUL
        break;
      }
      case 'l':
      case 'u':
      case 'd':
        if (u != v || k + 1 >= words || x[k + 1] != y[k + 1]) return false;
        ++k;
        break;
      default:  // true, false, null
        if (u != v) return false;
    }
  }
  return !any_string || std::memcmp(strings_a + first_a, strings_b + first_b, end_a - first_a) == 0;
}

}  // namespace

bool InputValue::same_as(const InputValue& other) const {
  const nlohmann::json* a = json();
  const nlohmann::json* b = other.json();
  if (a != nullptr || b != nullptr) return a != nullptr && b != nullptr && *a == *b;
  TapeRef x, y;
  static_assert(sizeof(TapeRef) == sizeof bits_);
  std::memcpy(&x, bits_, sizeof x);
  std::memcpy(&y, other.bits_, sizeof y);
  return same_on_tape(x, y);
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
