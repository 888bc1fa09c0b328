#include "jsonld/bundled_contexts.hpp"

namespace credgate::jsonld {

const BundledContext* find_bundled_context(std::string_view url) {
  for (const auto& c : bundled_contexts())
    if (c.url == url) return &c;
  return nullptr;
}

}  // namespace credgate::jsonld
