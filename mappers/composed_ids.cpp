#include "mappers/composed_ids.hpp"

namespace credgate {

std::string ComposedIds::id_for(const std::string& kind, const std::string& source_pointer) {
  std::string key = kind + '\n' + source_pointer;
  if (!source_pointer.empty())
    if (auto it = by_node_.find(key); it != by_node_.end()) return it->second;
  std::string id = "urn:credgate:" + kind + ":" + std::to_string(++count_);
  if (first_.empty()) first_ = source_pointer.empty() ? "/" : source_pointer;
  if (!source_pointer.empty()) by_node_.emplace(std::move(key), id);
  return id;
}

void ComposedIds::report(Diagnostics& diagnostics) const {
  if (count_ == 0) return;
  diagnostics.push_back(make_warning("map.composed-id", "map",
                                     "the source has no ids where " + target_ +
                                         " requires them: " + std::to_string(count_) +
                                         " composed (urn:credgate:<kind>:<n>), the first here",
                                     first_));
}

}  // namespace credgate
