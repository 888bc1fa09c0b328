#include "jsonld/sorted_members.hpp"

#include <algorithm>
#include <utility>

#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {

SortedMembers::SortedMembers(simdjson::dom::element object) {
  simdjson::dom::object members;
  if (object.get(members) != simdjson::SUCCESS) return;
  size_t count = members.size();
  if (count >= 0xFFFFFF) {  // simdjson's count saturates there: count them
    count = 0;
    for ([[maybe_unused]] simdjson::dom::key_value_pair member : members) ++count;
  }
  if (count > inline_.size()) {
    heap_.resize(count);
    data_ = heap_.data();
  }
  for (simdjson::dom::key_value_pair member : members) data_[size_++] = {member.key, member.value};
  // Stable, so that of a repeated key the last is last. Insertion sort for the small objects
  // JSON-LD has: std::stable_sort allocates a buffer for every call.
  // Keys mostly differ in their first byte ("@context", "id", "type", "name"): text_less()
  // decides there without a call to memcmp.
  auto by_key = [](const Member& a, const Member& b) { return text_less(a.key, b.key); };
  if (size_ <= 16) {
    for (size_t i = 1; i < size_; ++i)
      for (size_t j = i; j > 0 && by_key(data_[j], data_[j - 1]); --j)
        std::swap(data_[j], data_[j - 1]);
  } else {
    std::stable_sort(data_, data_ + size_, by_key);
  }
  // A repeated key keeps its last value (nlohmann's parser does the same).
  size_t kept = 0;
  for (size_t i = 0; i < size_; ++i) {
    if (i + 1 < size_ && same_text(data_[i + 1].key, data_[i].key)) continue;
    data_[kept++] = data_[i];
  }
  size_ = kept;
}

}  // namespace credgate::jsonld
