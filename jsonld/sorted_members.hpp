// The members of a simdjson object as nlohmann's objects (std::map) hold them: sorted by key
// (byte-wise), a repeated key once with its last value. Expansion reads its input this way
// (input_value.hpp), and the VC-JWT sealer writes a credential this way (signing/jose_json.cpp).
#pragma once

#include <simdjson.h>

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace credgate::jsonld {

// Inline for small objects (most JSON-LD objects), on the heap beyond.
class SortedMembers {
 public:
  struct Member {
    std::string_view key;
    simdjson::dom::element value;
  };
  // An element that is not an object has no members.
  explicit SortedMembers(simdjson::dom::element object);
  SortedMembers(const SortedMembers&) = delete;  // data_ may point into inline_
  SortedMembers& operator=(const SortedMembers&) = delete;
  size_t size() const { return size_; }
  const Member& operator[](size_t i) const { return data_[i]; }
  const Member* begin() const { return data_; }
  const Member* end() const { return data_ + size_; }

 private:
  std::array<Member, 8> inline_;
  std::vector<Member> heap_;
  Member* data_ = inline_.data();
  size_t size_ = 0;
};

}  // namespace credgate::jsonld
