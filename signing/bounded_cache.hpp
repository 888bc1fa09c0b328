// The process-wide caches of signing/ (decoded certificates, x5c entries, a sealer's header
// values): a map guarded by a mutex, dropped whole when it holds `capacity` entries. Values are
// computed by the caller outside the lock; when two threads compute the same entry, the first
// one stored stays. Values are shared immutable objects (shared_ptr), so a hit is a copy of a
// pointer.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

namespace credgate::signing {

template <typename Key, typename Value, typename Compare = std::less<>>
class BoundedCache {
 public:
  explicit BoundedCache(size_t capacity) : capacity_(capacity) {}

  template <typename K>
  std::optional<Value> find(const K& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }

  void put(Key key, Value value) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.emplace(std::move(key), std::move(value));
  }

 private:
  const size_t capacity_;
  std::mutex mutex_;
  std::map<Key, Value, Compare> entries_;
};

}  // namespace credgate::signing
