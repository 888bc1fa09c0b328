#include "mappers/json_emit.hpp"

#include <algorithm>

namespace credgate {

using json = nlohmann::json;

json WriteContext::open(const model::NodeMeta& meta, std::initializer_list<std::string_view> types,
                        bool array) const {
  json out = json::object();
  if (!meta.id.empty()) out["id"] = meta.id;
  if (same_format(meta)) {
    if (meta.type_array || meta.types.size() > 1)
      out["type"] = meta.types;
    else if (!meta.types.empty())
      out["type"] = meta.types.front();
  } else if (types.size() > 0) {
    if (array || types.size() > 1) {
      json a = json::array();
      for (auto t : types) a.push_back(std::string(t));
      out["type"] = std::move(a);
    } else {
      out["type"] = std::string(*types.begin());
    }
  }
  return out;
}

void WriteContext::close(json& object, const model::NodeMeta& meta) {
  if (same_format(meta)) {
    for (const auto& e : meta.extras)
      if (!object.contains(e.key)) object[e.key] = e.value;
    return;
  }
  lose_extras(meta);
}

void WriteContext::put_scalar(json& object, const model::NodeMeta& meta, std::string_view key,
                              const std::string& value) const {
  if (value.empty()) return;
  bool number = same_format(meta) &&
                std::find(meta.numbers.begin(), meta.numbers.end(), key) != meta.numbers.end();
  object[std::string(key)] = number ? json::parse(value) : json(value);
}

void WriteContext::lose(const model::NodeMeta& owner, std::string_view key, json value,
                        std::string reason) {
  losses_.push_back({pointer_append(owner.source_pointer, key), std::move(reason),
                     std::move(value)});
}

void WriteContext::lose_node(const model::NodeMeta& meta, json value, std::string reason) {
  losses_.push_back({meta.source_pointer, std::move(reason), std::move(value)});
}

void WriteContext::lose_extras(const model::NodeMeta& meta) {
  for (const auto& e : meta.extras)
    losses_.push_back({e.pointer,
                       "no " + format_ + " equivalent for " + meta.source_format + " member '" +
                           e.key + "'",
                       e.value});
}

json lang_json(const model::LangString& text) {
  json out = json::object();
  for (const auto& [tag, value] : text.entries) {
    auto it = out.find(tag);
    if (it == out.end()) {
      out[tag] = value;
    } else if (it->is_array()) {
      it->push_back(value);
    } else {
      json a = json::array({*it, value});
      *it = std::move(a);
    }
  }
  return out;
}

void put(json& object, std::string_view key, const std::string& value) {
  if (!value.empty()) object[std::string(key)] = value;
}

void put_lang(json& object, std::string_view key, const model::LangString& text) {
  if (text.empty()) return;
  if (text.plain && text.entries.size() == 1)
    object[std::string(key)] = text.entries.front().second;
  else
    object[std::string(key)] = lang_json(text);
}

void put_list(json& object, std::string_view key, std::vector<json> values) {
  if (values.empty()) return;
  if (values.size() == 1)
    object[std::string(key)] = std::move(values.front());
  else
    object[std::string(key)] = std::move(values);
}

}  // namespace credgate
