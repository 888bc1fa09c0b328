// Expansion of language maps and index, id and type maps (JSON-LD 1.1 API 5.1 steps 13.7
// and 13.8), and Value Expansion (5.3).
#include "jsonld/expander.hpp"
#include "jsonld/expansion_util.hpp"
#include "jsonld/iri.hpp"
#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {

using json = ExpandedJson;

json Expander::expand_value(const ActiveContext& active, Property active_property,
                            InputValue value) {
  auto def = active_property ? property_definition(active, *active_property) : nullptr;
  if (def && def->type && value.is_string() &&
      (equals(*def->type, "@id") || equals(*def->type, "@vocab"))) {
    const bool vocab = equals(*def->type, "@vocab");  // 1, 2
    auto id = expand_iri_view(active, value.string(), true, vocab, iri_scratch_);
    if (!id)
      dropped("value \"" + std::string(value.string()) + "\" of " + std::string(*active_property) +
              " has the form of a keyword, not an IRI: the reference is lost");
    else
      check_iri(
          [&] { return "value \"" + std::string(*id) + "\" of " + std::string(*active_property); },
          *id);
    return single_entry("@id", id ? json(json::string_t(*id)) : json(nullptr));
  }
  // 3. The members go in in their sorted order (@direction, @language, @type, @value), each
  // appended to the map's vector without a search.
  json result = json(json::value_t::object);
  auto& members = result.get_ref<json::object_t&>();
  members.reserve(2);  // @value and mostly one of @type, @language
  if (def && def->type && !equals(*def->type, "@id") && !equals(*def->type, "@vocab") &&
      !equals(*def->type, "@none")) {  // 4
    append_in_order(members, "@type", json::string_t(*def->type));
  } else if (value.is_string()) {  // 5
    const auto& language = def && def->has_language ? def->language : active.default_language;
    const auto& direction = def && def->has_direction ? def->direction : active.default_direction;
    if (direction) append_in_order(members, "@direction", json::string_t(*direction));
    if (language) append_in_order(members, "@language", json::string_t(*language));
  }
  append_in_order(members, "@value", copy(value));
  return result;
}

json Expander::expand_language_map(const ContextPtr& active, std::string_view key,
                                   const TermDefinition* def, InputValue value) {
  json expanded = json(json::value_t::array);                         // 13.7.1
  const auto& direction = def && def->has_direction ? def->direction  // 13.7.2, 13.7.3
                                                    : active->default_direction;
  value.for_each_member([&](std::string_view language, InputValue language_value) {  // 13.7.4
    const bool none =
        equals(language, "@none") || optional_equals(expand_key(active, language), "@none");
    if (!none && !is_well_formed_language(language))
      dropped("language \"" + std::string(language) + "\" in the language map of " +
              std::string(key) + " is not a well-formed language tag (dropped in RDF)");
    auto one = [&](InputValue item) {
      if (item.is_null()) return;
      if (!item.is_string())
        throw JsonLdError("invalid language map value",
                          "language map values must be strings, not " + item.dump());
      json& v = expanded.get_ref<json::array_t&>().emplace_back(json::value_t::object);
      auto& members = v.get_ref<json::object_t&>();  // appended in sorted order
      members.reserve(3);                            // @direction, @language, @value
      if (direction) append_in_order(members, "@direction", json::string_t(*direction));
      if (!none) {
        json::string_t lowercase(language);
        lowercase_ascii(lowercase);
        append_in_order(members, "@language", std::move(lowercase));
      }
      append_in_order(members, "@value", copy(item));
    };
    if (language_value.is_array())
      language_value.for_each_item(one);
    else
      one(language_value);
  });
  return expanded;
}

json Expander::expand_index_map(const ContextPtr& active, std::string_view key,
                                const TermDefinition& def, InputValue input) {
  json expanded = json(json::value_t::array);                       // 13.8.1
  const std::string index_key = def.index ? *def.index : "@index";  // 13.8.2
  const bool by_id = def.has_container(kContainerId);
  const bool by_type = def.has_container(kContainerType);
  const bool by_index = def.has_container(kContainerIndex);
  input.for_each_member([&](std::string_view index_view, InputValue index_value) {  // 13.8.3
    const std::string index(index_view);
    at_step({index_view, 0}, [&] {
      ContextPtr map_context = active;  // 13.8.3.1, 13.8.3.2
      if (by_id || by_type) map_context = active->previous ? active->previous : active;
      if (by_type)
        if (auto def = map_context->find_shared(index); def && def->context)
          map_context = apply(map_context, def->context, def->base_url);
      const auto expanded_index = expand_iri(*active, index, false, true);  // 13.8.3.4
      const bool none = expanded_index == "@none";
      json items = as_array(expand(map_context, key, index_value, true));  // 13.8.3.6
      for (auto& item : items) {                                           // 13.8.3.7
        if (def.has_container(kContainerGraph) && !is_graph_object(item))
          item = single_entry("@graph", as_array(std::move(item)));
        if (by_index && index_key != "@index" && !none) {
          json reexpanded = expand_value(*active, index_key, nlohmann::json(index));
          // Checked to be an IRI when the term was defined.
          const std::string expanded_key = *expand_iri(*active, index_key, false, true);
          json values = one_item_array(std::move(reexpanded));
          if (auto prior = item.find(expanded_key); prior != item.end())
            for (auto& v : as_array(std::move(*prior))) values.push_back(std::move(v));
          item[expanded_key] = std::move(values);
          if (item.contains("@value"))
            throw JsonLdError("invalid value object",
                              "a property-valued index cannot be added to a value object");
        } else if (by_index && !item.contains("@index") && !none) {
          item["@index"] = index;
        } else if (by_id && !item.contains("@id") && !none) {
          auto id = expand_iri(*active, index, true, false);
          if (!id) {
            dropped("key \"" + index + "\" of the id map " + std::string(key) +
                    " has the form of a keyword: the node loses its id");
          } else {
            check_iri([&] { return "key \"" + *id + "\" of the id map " + std::string(key); }, *id);
            item["@id"] = std::move(*id);
          }
        } else if (by_type && !none && expanded_index) {
          check_iri(
              [&] { return "key \"" + *expanded_index + "\" of the type map " + std::string(key); },
              *expanded_index);
          json types = one_item_array(*expanded_index);
          if (auto prior = item.find("@type"); prior != item.end())
            for (auto& t : as_array(std::move(*prior))) types.push_back(std::move(t));
          item["@type"] = std::move(types);
        }
        expanded.push_back(std::move(item));
      }
    });
  });
  return expanded;
}

}  // namespace credgate::jsonld
