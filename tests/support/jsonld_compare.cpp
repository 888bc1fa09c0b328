#include "support/jsonld_compare.hpp"

#include <vector>

namespace credgate::test {
namespace {

bool equal(const nlohmann::json& a, const nlohmann::json& b, bool ordered) {
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      auto other = b.find(key);
      if (other == b.end() || !equal(value, *other, key == "@list")) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    if (ordered) {
      for (size_t i = 0; i < a.size(); ++i)
        if (!equal(a[i], b[i], false)) return false;
      return true;
    }
    // Equality is an equivalence, so taking the first unused match never blocks a later one.
    std::vector<bool> used(b.size(), false);
    for (const auto& item : a) {
      bool found = false;
      for (size_t j = 0; j < b.size() && !found; ++j)
        if (!used[j] && equal(item, b[j], false)) used[j] = found = true;
      if (!found) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace

bool jsonld_equal(const nlohmann::json& a, const nlohmann::json& b) {
  return equal(a, b, false);
}

}  // namespace credgate::test
