#include "mappers/json_cursor.hpp"

#include <algorithm>

namespace credgate {

using json = nlohmann::json;

const char* json_type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "object";
    case json::value_t::array:
      return "array";
    case json::value_t::string:
      return "string";
    case json::value_t::boolean:
      return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "number";
    default:
      return "value";
  }
}

bool expect_object(const json& value, const std::string& pointer, std::string_view what,
                   ReadContext& context) {
  if (value.is_object()) return true;
  context.error("json.type",
                std::string(what) + " must be an object, got " + json_type_name(value), pointer);
  return false;
}

ObjectCursor::ObjectCursor(const json& object, std::string pointer, ReadContext& context)
    : object_(object), pointer_(std::move(pointer)), context_(context) {
  auto t = object_.find("type");
  if (t != object_.end()) {
    if (t->is_string()) {
      types_.push_back(t->get<std::string>());
    } else if (t->is_array()) {
      type_array_ = true;
      for (const auto& v : *t)
        if (v.is_string()) types_.push_back(v.get<std::string>());
    }
  }
}

bool ObjectCursor::has(std::string_view key) const { return object_.contains(key); }

const json* ObjectCursor::take(std::string_view key) {
  auto it = object_.find(key);
  if (it == object_.end()) return nullptr;
  taken_.push_back(it.key());
  return &*it;
}

std::string ObjectCursor::take_string(std::string_view key) {
  const json* v = take(key);
  if (!v) return {};
  if (!v->is_string()) {
    context_.error("json.type",
                   "'" + std::string(key) + "' must be a string, got " + json_type_name(*v),
                   member_pointer(key));
    return {};
  }
  return v->get<std::string>();
}

std::string ObjectCursor::take_scalar_text(std::string_view key) {
  const json* v = take(key);
  if (!v) return {};
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number()) {
    numbers_.emplace_back(key);
    return v->dump();
  }
  context_.error("json.type",
                 "'" + std::string(key) + "' must be a string or number, got " +
                     json_type_name(*v),
                 member_pointer(key));
  return {};
}

model::LangString ObjectCursor::take_lang(std::string_view key) {
  model::LangString out;
  const json* v = take(key);
  if (!v) return out;
  std::string p = member_pointer(key);
  if (v->is_string()) {
    out.add(context_.default_language, v->get<std::string>());
    out.plain = true;
    return out;
  }
  if (!v->is_object()) {
    context_.error("json.type",
                   "'" + std::string(key) + "' must be a language map or a string, got " +
                       json_type_name(*v),
                   p);
    return out;
  }
  for (auto it = v->begin(); it != v->end(); ++it) {
    if (it->is_string()) {
      out.add(it.key(), it->get<std::string>());
    } else if (it->is_array()) {
      for (size_t i = 0; i < it->size(); ++i) {
        const json& s = (*it)[i];
        if (!s.is_string()) {
          context_.error("json.type", "language map values must be strings, got " +
                                          std::string(json_type_name(s)),
                         pointer_append(pointer_append(p, it.key()), i));
          continue;
        }
        out.add(it.key(), s.get<std::string>());
      }
    } else {
      context_.error("json.type",
                     "language map values must be strings, got " +
                         std::string(json_type_name(*it)),
                     pointer_append(p, it.key()));
    }
  }
  return out;
}

std::vector<std::string> ObjectCursor::take_strings(std::string_view key) {
  std::vector<std::string> out;
  take_each(key, [&](const json& v, const std::string& p) {
    if (v.is_string())
      out.push_back(v.get<std::string>());
    else
      context_.error("json.type", "'" + std::string(key) + "' must hold strings, got " +
                                      std::string(json_type_name(v)),
                     p);
  });
  return out;
}

std::vector<std::string> ObjectCursor::take_context_urls() {
  std::vector<std::string> out;
  take_each("@context", [&](const json& v, const std::string& p) {
    if (v.is_string())
      out.push_back(v.get<std::string>());
    else
      context_.error("json.type", "only context URLs are supported in @context", p);
  });
  return out;
}

void ObjectCursor::require(std::initializer_list<std::string_view> members, std::string_view what) {
  for (auto m : members)
    if (!has(m))
      context_.error("model.missing-member", std::string(what) + " needs '" + std::string(m) + "'",
                     member_pointer(m));
}

model::NodeMeta ObjectCursor::finish(std::initializer_list<std::string_view> allowed_types) {
  model::NodeMeta meta;
  meta.source_format = context_.format;
  meta.source_pointer = pointer_;
  meta.id = take_string("id");
  meta.numbers = std::move(numbers_);
  if (take("type")) {
    meta.types = types_;
    meta.type_array = type_array_;
    const json& t = object_["type"];
    if (!t.is_string() && !t.is_array())
      context_.error("json.type", "'type' must be a string or an array of strings, got " +
                                      std::string(json_type_name(t)),
                     member_pointer("type"));
  }
  if (allowed_types.size() > 0) {
    bool known = meta.types.empty();  // absent type: the property implies the class
    for (const auto& t : meta.types)
      for (auto a : allowed_types)
        if (t == a) known = true;
    if (!known) {
      std::string allowed;
      for (auto a : allowed_types) allowed += (allowed.empty() ? "" : ", ") + std::string(a);
      std::string got;
      for (const auto& t : meta.types) got += (got.empty() ? "" : ", ") + t;
      context_.error("model.unknown-type",
                     "unknown type '" + got + "' here; expected one of: " + allowed,
                     member_pointer("type"));
    }
  }
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    const std::string& k = it.key();
    if (std::find(taken_.begin(), taken_.end(), k) != taken_.end()) continue;
    meta.extras.push_back({k, member_pointer(k), it.value()});
  }
  return meta;
}

bool ObjectCursor::is_reference(const json& value, std::string_view type) {
  if (!value.is_object() || value.size() != 2) return false;
  auto id = value.find("id");
  auto t = value.find("type");
  return id != value.end() && id->is_string() && t != value.end() && t->is_string() &&
         t->get_ref<const std::string&>() == type;
}

bool ObjectCursor::only_has(const json& object, std::initializer_list<std::string_view> keys) {
  if (!object.is_object()) return false;
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& k = it.key();
    if (k == "id" || k == "type") continue;
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) return false;
  }
  return true;
}

}  // namespace credgate
