#include "mappers/json_types.hpp"

namespace credgate {

static bool holds(const nlohmann::json& value, std::string_view wanted) {
  if (value.is_string()) return value.get_ref<const std::string&>() == wanted;
  if (value.is_array())
    for (const auto& v : value)
      if (v.is_string() && v.get_ref<const std::string&>() == wanted) return true;
  return false;
}

bool has_type(const nlohmann::json& object, std::string_view type) {
  if (!object.is_object()) return false;
  for (const char* key : {"type", "@type"}) {
    auto it = object.find(key);
    if (it != object.end() && holds(*it, type)) return true;
  }
  return false;
}

bool has_context(const nlohmann::json& object, std::string_view url) {
  if (!object.is_object()) return false;
  auto it = object.find("@context");
  return it != object.end() && holds(*it, url);
}

}  // namespace credgate
