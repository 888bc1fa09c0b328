// A direct-mapped cache in front of a string-keyed hash map whose nodes do not move
// (std::unordered_map): a few bytes of the key pick one slot, and one comparison with the key
// the slot remembers confirms a hit. Nothing is hashed on a hit.
//
// Why: the JSON-LD processor looks strings up again and again in a memo that lives across
// documents (map keys per context in expansion). Hashing each whole string, reducing it
// modulo the bucket count and walking the bucket was 4-5% of a canonicalization of the EC
// samples. (toRdf's memo of well-formed IRIs had one too, until the IRI check became a vector
// scan, iri_scan.hpp.)
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {

// `Entry`: the map's value_type (std::pair<const std::string, V>).
template <class Entry, size_t kSlots = 256>
class FrontCache {
  static_assert((kSlots & (kSlots - 1)) == 0, "a power of two");

 public:
  // The remembered entry for `key`, or null.
  const Entry* find(std::string_view key) const {
    const Entry* e = slots_[slot(key)];
    return e != nullptr && same_text(e->first, key) ? e : nullptr;
  }
  // Remembers `entry` (a node of the map: it must stay where it is until clear()).
  void remember(const Entry& entry) { slots_[slot(entry.first)] = &entry; }
  void clear() { slots_.fill(nullptr); }

  // Length, first, middle and last byte: cheap, and enough to tell most keys apart.
  static size_t slot(std::string_view key) {
    if (key.empty()) return 0;
    const size_t n = key.size();
    return (n * 131 + static_cast<unsigned char>(key[0]) * 31 +
            static_cast<unsigned char>(key[n / 2]) * 7 + static_cast<unsigned char>(key[n - 1])) &
           (kSlots - 1);
  }

 private:
  std::array<const Entry*, kSlots> slots_{};
};

}  // namespace credgate::jsonld
