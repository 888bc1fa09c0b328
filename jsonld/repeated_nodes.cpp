#include "jsonld/repeated_nodes.hpp"

#include <algorithm>
#include <functional>

namespace credgate::jsonld {

RepeatedNodes::Scope::Scope(const TermDefinition* property) {
  if (property != nullptr && property->context) {
    context = property->context.get();
    base_url = property->base_url;
  }
}

bool RepeatedNodes::Scope::operator==(const Scope& other) const {
  return context == other.context && (context == nullptr || base_url == other.base_url);
}

RepeatedNodes::Found RepeatedNodes::find(const ActiveContext& effective,
                                         const TermDefinition* property, InputValue element,
                                         std::string_view key) {
  if (!active()) return {};
  Slot& slot = slot_for(key);
  const Scope scope(property);
  for (const Entry& e : slot.entries) {
    if (e.effective != &effective || !(e.scope == scope)) continue;
    if (e.element.same_as(element)) return {&e.id, &slot};
    ++mismatches_;
  }
  return {nullptr, &slot};
}

void RepeatedNodes::remember(Slot* slot, const ContextPtr& entry, const ActiveContext& effective,
                             const TermDefinition* property, InputValue element,
                             const ExpandedJson::string_t& id) {
  if (slot == nullptr || !active()) return;
  if (slot->entries.size() < kMaxPerKey)
    slot->entries.push_back({entry, &effective, Scope(property), element, id});
}

RepeatedNodes::Slot& RepeatedNodes::slot_for(std::string_view key) {
  if ((used_ + 1) * 2 > buckets_.size()) grow();  // at most half full: short probes
  const size_t hash = std::hash<std::string_view>{}(key);
  const size_t mask = buckets_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Bucket& b = buckets_[i];
    if (b.slot == nullptr) {
      b = {key, hash, &slots_.emplace_back()};
      ++used_;
      return *b.slot;
    }
    if (b.hash == hash && b.key == key) return *b.slot;
  }
}

void RepeatedNodes::grow() {
  std::vector<Bucket, ArenaAllocator<Bucket>> old(std::max(kInitialBuckets, buckets_.size() * 2));
  old.swap(buckets_);
  const size_t mask = buckets_.size() - 1;
  for (const Bucket& b : old) {
    if (b.slot == nullptr) continue;
    size_t i = b.hash & mask;
    while (buckets_[i].slot != nullptr) i = (i + 1) & mask;
    buckets_[i] = b;
  }
}

}  // namespace credgate::jsonld
