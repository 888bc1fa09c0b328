// The Expansion algorithm (JSON-LD 1.1 API 5.1): arrays, maps and the keyword entries of a
// map. Container maps and Value Expansion are in expander_values.cpp. Step numbers in
// comments are the spec's; step 14 follows Candidate Correction 1 (nested values see the
// nesting key's property-scoped context).
#include "jsonld/expander.hpp"

#include <algorithm>
#include <array>
#include <exception>

#include "jsonld/expansion_util.hpp"
#include "jsonld/iri.hpp"
#include "jsonld/keyword_members.hpp"
#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {
namespace {

using json = ExpandedJson;

const std::string kGraph = "@graph";
const std::string kReverse = "@reverse";
const std::string kIncluded = "@included";

bool is_scalar(InputValue v) {
  return v.is_string() || v.is_number() || v.is_boolean();
}

// A node object for @included: a map that is not a value, list or set object.
bool is_node_object(const json& v) {
  return v.is_object() && !v.contains("@value") && !v.contains("@list") && !v.contains("@set");
}

}  // namespace

std::string Expander::location() const {
  std::string pointer;
  for (const Step& s : path_)
    pointer = s.key ? pointer_append(pointer, *s.key) : pointer_append(pointer, s.index);
  return pointer;
}

// The expanded tree's strings are arena strings (expanded_json.hpp): a value is copied once,
// straight from the input's text.
json Expander::copy(InputValue value) {
  if (value.is_string()) return json::string_t(value.string());
  if (const nlohmann::json* j = value.json()) return json(*j);
  return json(value.to_json());
}

void Expander::dropped(const std::string& message) {
  if (processor_.options().safe)
    processor_.diagnostics().push_back(
        make_error("jsonld.safe-mode-dropped", "expand", message, location()));
}

bool Expander::is_rdf_resource(std::string_view iri) {
  return is_absolute_iri(iri) || is_blank_node_id(iri);
}

// A context from the process-wide cache (context.hpp) is met again in every document, and so
// are its keys: their IRIs (expand_iri is a function of the context and the key) are kept per
// thread across documents, which spares a canonicalization of the EC samples most of its
// key expansions. Bounded: when more than 64 contexts are remembered, the memo is cleared, but
// only while no Expander runs on the thread, since expand_key() hands out references into it.
Expander::KeyIrisMemo& Expander::key_iris_memo() {
  thread_local KeyIrisMemo memo;
  return memo;
}

Expander::Expander(ContextProcessor& processor, std::string base_url)
    : processor_(processor), base_url_(std::move(base_url)) {
  KeyIrisMemo& memo = key_iris_memo();
  if (memo.expanders++ == 0 && memo.by_context.size() > 64) memo.by_context.clear();
}

Expander::~Expander() {
  --key_iris_memo().expanders;
}

const Expander::KeyExpansion& Expander::key_expansion(const ContextPtr& active,
                                                      std::string_view key) {
  if (active.get() != last_context_) {  // consecutive keys mostly share their context
    last_context_ = active.get();
    last_key_iris_ = &key_iris_memo().by_context[last_context_];
    if (!last_key_iris_->context) last_key_iris_->context = active;
  }
  KeyIris& cache = *last_key_iris_;
  if (const auto* hit = cache.recent.find(key)) return hit->second;
  auto it = cache.iris.find(key);
  if (it == cache.iris.end()) {
    KeyExpansion expansion{expand_iri(*active, key, false, true), active->find_shared(key)};
    expansion.document_relative_same = expansion.iri == expand_iri(*active, key, true, true);
    expansion.keyword = expansion.iri && is_keyword(*expansion.iri);
    expansion.has_colon = expansion.iri && expansion.iri->find(':') != std::string::npos;
    if (cache.iris.size() >= kMaxKeysPerContext)
      return overflow_.emplace_back(std::move(expansion));
    it = cache.iris.emplace(std::string(key), std::move(expansion)).first;
  }
  cache.recent.remember(*it);
  return it->second;
}

std::optional<std::string_view> Expander::expand_type_value(const ContextPtr& active,
                                                            std::string_view value) {
  const KeyExpansion& expansion = key_expansion(active, value);
  if (expansion.document_relative_same) {
    if (!expansion.iri) return std::nullopt;
    return std::string_view(*expansion.iri);
  }
  return expand_iri_view(*active, value, true, true, iri_scratch_);
}

void Expander::report_iri(const std::string& what, std::string_view iri) {
  size_t colon = iri.find(':');
  bool scheme = colon != std::string_view::npos && is_absolute_iri(iri.substr(0, colon + 1));
  dropped(what + (scheme ? " is not a valid IRI" : " is a relative IRI reference") +
          " (dropped in RDF)");
}

ContextPtr Expander::apply(const ContextPtr& active, const JsonRef& local,
                           const std::string& base_url, ProcessFlags flags) {
  Diagnostics& found = processor_.diagnostics();
  size_t before = found.size();
  ContextPtr out = processor_.process(active, local, base_url, flags);
  for (size_t i = before; i < found.size(); ++i)
    if (found[i].location.empty()) found[i].location = location();
  return out;
}

ContextPtr Expander::apply(const ContextPtr& active, InputValue local, const std::string& base_url,
                           ProcessFlags flags) {
  if (const nlohmann::json* j = local.json()) return apply(active, borrowed(*j), base_url, flags);
  return apply(active, std::make_shared<const nlohmann::json>(local.to_json()), base_url, flags);
}

json Expander::expand(const ContextPtr& active, Property active_property, InputValue element,
                      bool from_map) {
  if (element.is_null()) return nullptr;                                                    // 1
  if (element.is_array()) return expand_array(active, active_property, element, from_map);  // 5
  if (element.is_object()) return expand_map(active, active_property, element, from_map);   // 6
  if (!active_property || equals(*active_property, "@graph")) {                             // 4.1
    dropped("free-floating value " + element.dump() + " (not the value of a property) is dropped");
    return nullptr;
  }
  auto def = property_definition(*active, *active_property);  // 3
  if (def && def->context) {                                  // 4.2
    // The spec does not override protected terms here, but step 8 does for the same
    // property-scoped context on maps; a context valid there must not fail on a scalar.
    ProcessFlags flags;
    flags.override_protected = true;
    ContextPtr scoped = apply(active, def->context, def->base_url, flags);
    return expand_value(*scoped, active_property, element);
  }
  return expand_value(*active, active_property, element);  // 4.3
}

json Expander::expand_array(const ContextPtr& active, Property active_property, InputValue element,
                            bool from_map) {
  auto def = active_property ? property_definition(*active, *active_property) : nullptr;
  const bool list = def && def->has_container(kContainerList);
  json result = json(json::value_t::array);
  result.get_ref<json::array_t&>().reserve(element.size());
  size_t i = 0;
  element.for_each_item([&](InputValue input) {
    json item = at_step({std::nullopt, i++},
                        [&] { return expand(active, active_property, input, from_map); });
    if (list && item.is_array()) item = single_entry("@list", std::move(item));  // 5.2.2
    if (item.is_array()) {
      for (auto& v : item) result.push_back(std::move(v));
    } else if (!item.is_null()) {
      result.push_back(std::move(item));
    }
  });
  return result;
}

json Expander::expand_map(const ContextPtr& entry_active, Property active_property,
                          InputValue element, bool from_map) {
  // The caller's context until a step replaces it: `held` then holds the new one (no
  // shared_ptr is copied for a map that keeps its caller's context, most of them).
  ContextPtr held;
  const ContextPtr* current = &entry_active;
  const TermDefinition* property_def =  // 3 (of the caller's context, which the caller holds)
      active_property ? property_definition(*entry_active, *active_property) : nullptr;

  const InputValue::Object members(element);
  const size_t fresh_before = fresh_nodes_;
  const size_t reported_before = processor_.diagnostics().size();
  if ((*current)->previous && !from_map) {  // 7: a type-scoped context ends at a new node
    bool keep = false;
    members.for_each([&](std::string_view key, InputValue) {
      if (optional_equals(expand_key(*current, key), "@value")) keep = true;
    });
    if (members.size() == 1 && optional_equals(expand_key(*current, members.first_key()), "@id"))
      keep = true;
    if (!keep) {
      held = (*current)->previous;
      current = &held;
    }
  }
  // A node met before in the same context, after step 7 (a node under a typed node and the
  // same node elsewhere expand alike once the type's context has ended).
  RepeatedNodes::Slot* repeat = nullptr;  // where this map is filed in repeats_, if it is
  if (collapse_repeats_ && graph_depth_ == 0)
    if (std::optional<std::string_view> key = repeat_key(members)) {
      RepeatedNodes::Found found = repeats_.find(**current, property_def, element, *key);
      if (found.id != nullptr) return single_entry("@id", json(*found.id));
      repeat = found.slot;
    }
  const ActiveContext* after_step7 = current->get();
  if (property_def && property_def->context) {  // 8
    ProcessFlags flags;
    flags.override_protected = true;
    held = apply(*current, property_def->context, property_def->base_url, flags);
    current = &held;
  }
  if (auto c = members.find("@context")) {  // 9
    static const std::string kContext = "@context";
    // The input outlives the call.
    at_step({kContext, 0}, [&] { held = apply(*current, *c, base_url_); });
    current = &held;
  }
  const ContextPtr& type_scoped = *current;  // 10
  ContextPtr typed;                          // the active context once a type scopes it
  const ContextPtr* active = current;

  // Step 11 expands every key against `active`; while no type-scoped context changes it, step
  // 13 takes those expansions instead of looking each key up again (maps of up to 16 entries).
  std::array<const KeyExpansion*, 16> keys;  // not zeroed: only the first key_index are read
  size_t key_index = 0;
  std::optional<InputValue> first_type;
  members.for_each([&](std::string_view key, InputValue value) {  // 11
    const KeyExpansion& expansion = key_expansion(*active, key);
    const std::optional<std::string>& expanded_key = expansion.iri;
    if (key_index < keys.size()) keys[key_index] = &expansion;
    ++key_index;
    if (!optional_equals(expanded_key, "@type")) return;
    if (!first_type) first_type = value;
    auto scope_by = [&](std::string_view t) {
      const TermDefinition* def = key_expansion(type_scoped, t).definition.get();
      if (!def || !def->context) return;
      ProcessFlags flags;
      flags.propagate = false;
      at_step({key, 0}, [&] { typed = apply(*active, def->context, def->base_url, flags); });
      active = &typed;
    };
    // A single type is a string nearly always (210 of the 211 "type" entries of the MC
    // sample): no vector for it (one was a heap block for nearly every typed node). Several,
    // in code point order.
    if (value.is_string()) {
      scope_by(value.string());
    } else if (value.is_array()) {
      std::vector<std::string_view> types;
      value.for_each_item([&types](InputValue t) {
        if (t.is_string()) types.push_back(t.string());
      });
      std::sort(types.begin(), types.end());
      for (std::string_view t : types) scope_by(t);
    }
  });
  const std::optional<std::string>* input_type = nullptr;  // 12 (in the key memo)
  if (first_type) {
    InputValue last =
        first_type->is_array() && !first_type->empty() ? first_type->back() : *first_type;
    if (last.is_string()) input_type = &expand_key(*active, last.string());
  }

  json result = json(json::value_t::object);
  // Most keys stay, expanded: one allocation for the map instead of growing it key by key.
  result.get_ref<json::object_t&>().reserve(members.size());
  NodeState node{type_scoped, input_type && *input_type ? &**input_type : nullptr, result};
  const bool keys_hold = active->get() == type_scoped.get() && key_index <= keys.size();
  expand_entries(*active, active_property, element, members, node,  // 13, 14
                 keys_hold ? keys.data() : nullptr);
  finish_map(result, active_property);  // 15 to 19
  if (repeat && fresh_nodes_ == fresh_before &&
      processor_.diagnostics().size() == reported_before) {
    const KeywordMembers<const json> k(result);  // one pass over the keywords, no bisection
    if (k.id != nullptr && k.id->is_string() && k.value == nullptr)
      repeats_.remember(repeat, entry_active, *after_step7, property_def, element,
                        k.id->get_ref<const json::string_t&>());
  }
  return result;
}

// One pass over the members (two bisections, one per key, cost twice as much): "id" if it is a
// string, else "@id" if it is one.
std::optional<std::string_view> Expander::repeat_key(const InputValue::Object& members) {
  std::optional<std::string_view> id, at_id;
  members.for_each([&](std::string_view key, InputValue value) {
    if (key.size() == 2 && equals(key, "id") && value.is_string())
      id = value.string();
    else if (key.size() == 3 && equals(key, "@id") && value.is_string())
      at_id = value.string();
  });
  return id ? id : at_id;
}

void Expander::expand_entries(const ContextPtr& active, Property active_property,
                              InputValue element, const InputValue::Object& members,
                              NodeState& node, const KeyExpansion* const* keys) {
  std::vector<std::string_view> nests;
  size_t index = 0;
  members.for_each([&](std::string_view key, InputValue value) {  // 13
    const size_t i = index++;
    if (equals(key, "@context")) return;
    at_step({key, 0}, [&] {
      const KeyExpansion& expansion = keys ? *keys[i] : key_expansion(active, key);
      const std::optional<std::string>& expanded = expansion.iri;
      const bool keyword = expansion.keyword;
      if (!expanded || (!keyword && !expansion.has_colon)) {
        dropped("term \"" + std::string(key) +
                "\" is not defined by the context (it does not expand to an IRI) and is dropped");
        return;
      }
      if (keyword) {
        expand_keyword(active, active_property, key, *expanded, value, node, nests);
        return;
      }
      // Kept, as the spec says, but RDF has no such predicates.
      if (is_blank_node_id(*expanded) && !processor_.options().produce_generalized_rdf)
        dropped("term \"" + std::string(key) + "\" expands to the blank node " + *expanded +
                " (dropped in RDF)");
      else
        check_iri(
            [&] { return "term \"" + std::string(key) + "\" (expanded to \"" + *expanded + "\")"; },
            *expanded);
      expand_property(active, key, expansion, value, node);
    });
  });

  for (std::string_view nesting_key : nests) {  // 14
    InputValue nested = *element.find(nesting_key);
    at_step({nesting_key, 0}, [&] {
      ContextPtr nested_active = active;  // 14.2.1: steps 3 and 8 with the nesting key
      if (const TermDefinition* def = active->find(nesting_key); def && def->context) {
        ProcessFlags flags;
        flags.override_protected = true;
        nested_active = apply(active, def->context, def->base_url, flags);
      }
      auto one = [&](InputValue v) {
        if (!v.is_object())
          throw JsonLdError("invalid @nest value",
                            "@nest values must be node objects, not " + v.dump());
        const InputValue::Object nested_members(v);
        bool invalid = false;
        nested_members.for_each([&](std::string_view k, InputValue) {
          if (optional_equals(expand_key(nested_active, k), "@value")) invalid = true;
        });
        if (invalid)
          throw JsonLdError("invalid @nest value",
                            "@nest values must be node objects, not " + v.dump());
        expand_entries(nested_active, nesting_key, v, nested_members, node);
      };
      if (nested.is_array())
        nested.for_each_item(one);
      else
        one(nested);
    });
  }
}

void Expander::expand_keyword(const ContextPtr& active, Property active_property,
                              std::string_view key, const std::string& keyword, InputValue value,
                              NodeState& node, std::vector<std::string_view>& nests) {
  json& result = node.result;
  const bool v10 = processor_.json_ld_10();
  if (active_property && equals(*active_property, "@reverse"))  // 13.4.1
    throw JsonLdError("invalid reverse property map",
                      "a reverse property map cannot hold the keyword " + keyword);
  if (result.contains(keyword) && ((!equals(keyword, "@included") && !equals(keyword, "@type")) ||
                                   (v10 && equals(keyword, "@type"))))  // 13.4.2
    throw JsonLdError("colliding keywords", keyword + " appears more than once");

  // The keywords whose value is made here and put in as it is: made in place in `result`, where
  // 13.4.2 has made sure there is none yet (an assignment would make a null member first and
  // destroy one more temporary: basic_json's assignment takes its argument by value).
  auto put = [&result, &keyword](auto&& v) {
    result.get_ref<json::object_t&>().emplace(std::string_view(keyword),
                                              std::forward<decltype(v)>(v));
  };
  if (equals(keyword, "@id")) {  // 13.4.3
    if (!value.is_string()) throw JsonLdError("invalid @id value", "@id must be a string");
    auto id = expand_iri_view(*active, value.string(), true, false, iri_scratch_);
    if (!id) {
      // Kept as null, as the suite expects (w3c/json-ld-api#480): the node loses its id.
      dropped("@id \"" + std::string(value.string()) +
              "\" has the form of a keyword: the node loses its id");
      put(nullptr);
      return;
    }
    check_iri([&] { return "@id \"" + std::string(*id) + "\""; }, *id);
    put(json::string_t(*id));
    return;
  }
  if (equals(keyword, "@value")) {  // 13.4.7
    if (node.input_type && equals(*node.input_type, "@json")) {
      if (v10) throw JsonLdError("invalid value object value", "@json in json-ld-1.0 mode");
    } else if (!value.is_null() && !is_scalar(value)) {
      throw JsonLdError("invalid value object value", "@value must be a scalar or null");
    }
    put(copy(value));  // a null @value is kept until step 15 looks at @type
    return;
  }
  if (equals(keyword, "@language")) {  // 13.4.8
    if (!value.is_string())
      throw JsonLdError("invalid language-tagged string", "@language must be a string");
    if (!is_well_formed_language(value.string()))
      dropped("@language \"" + std::string(value.string()) +
              "\" is not a well-formed language tag (dropped in RDF)");
    json::string_t language(value.string());
    lowercase_ascii(language);
    put(std::move(language));
    return;
  }
  if (equals(keyword, "@direction")) {  // 13.4.9
    if (v10) return;
    if (!value.is_string() || (value.string() != "ltr" && value.string() != "rtl"))
      throw JsonLdError("invalid base direction", "@direction must be ltr or rtl");
    put(json::string_t(value.string()));
    return;
  }
  if (equals(keyword, "@index")) {  // 13.4.10
    if (!value.is_string()) throw JsonLdError("invalid @index value", "@index must be a string");
    put(json::string_t(value.string()));
    return;
  }

  json expanded;
  if (equals(keyword, "@type")) {  // 13.4.4
    bool ok = value.is_string() || value.is_array();
    if (value.is_array()) value.for_each_item([&ok](InputValue t) { ok = ok && t.is_string(); });
    if (!ok) throw JsonLdError("invalid type value", "@type must be a string or strings");
    auto one = [&](InputValue t) -> json {
      auto e = expand_type_value(node.type_scoped, t.string());
      if (!e) {
        dropped("@type \"" + std::string(t.string()) +
                "\" has the form of a keyword and is dropped");
        return nullptr;
      }
      if (!equals(*e, "@json")) check_iri([&] { return "@type \"" + std::string(*e) + "\""; }, *e);
      return json::string_t(*e);
    };
    if (value.is_string()) {
      expanded = one(value);
    } else {
      expanded = json(json::value_t::array);
      value.for_each_item([&](InputValue t) {
        if (json e = one(t); !e.is_null()) expanded.push_back(std::move(e));
      });
    }
    if (auto prior = result.find("@type"); prior != result.end()) {
      json merged = prior->is_array() ? std::move(*prior) : one_item_array(std::move(*prior));
      if (expanded.is_array())
        for (auto& t : expanded) merged.push_back(std::move(t));
      else if (!expanded.is_null())
        merged.push_back(std::move(expanded));
      expanded = std::move(merged);
    }
  } else if (equals(keyword, "@graph")) {  // 13.4.5
    ++graph_depth_;
    expanded = as_array(expand(active, kGraph, value));
    --graph_depth_;
  } else if (equals(keyword, "@included")) {  // 13.4.6
    if (v10) return;
    // The spec expands with a null active property, which silently drops the free-floating
    // values (strings, value and list objects) its next step must reject; the suite expects
    // the rejection. So they are kept for the check, and the free-floating nodes the null
    // active property drops (empty, or only @id) are dropped after it.
    json items = as_array(expand(active, kIncluded, value));
    expanded = json(json::value_t::array);
    for (auto& item : items) {
      if (!is_node_object(item))
        throw JsonLdError("invalid @included value", "@included values must be node objects");
      if (item.empty() || (item.size() == 1 && item.contains("@id")))
        dropped("included node with only @id is dropped");
      else
        expanded.push_back(std::move(item));
    }
    if (auto prior = result.find("@included"); prior != result.end()) {
      json merged = std::move(*prior);
      for (auto& item : expanded) merged.push_back(std::move(item));
      expanded = std::move(merged);
    }
  } else if (equals(keyword, "@list")) {  // 13.4.11
    if (!active_property || equals(*active_property, "@graph")) {
      dropped("free-floating list is dropped");
      return;
    }
    expanded = as_array(expand(active, active_property, value));
  } else if (equals(keyword, "@set")) {  // 13.4.12
    expanded = expand(active, active_property, value);
  } else if (equals(keyword, "@reverse")) {  // 13.4.13
    if (!value.is_object()) throw JsonLdError("invalid @reverse value", "@reverse must be a map");
    json reversed = expand(active, kReverse, value);
    if (!reversed.is_object()) return;
    if (auto twice = reversed.find("@reverse"); twice != reversed.end())  // 13.4.13.3
      for (auto& [property, items] : twice->items()) add_value(result, property, std::move(items));
    if (reversed.size() > (reversed.contains("@reverse") ? 1u : 0u)) {  // 13.4.13.4
      json& reverse_map = result["@reverse"];
      if (!reverse_map.is_object()) reverse_map = json(json::value_t::object);
      for (auto& [property, items] : reversed.items()) {
        if (equals(property, "@reverse")) continue;
        for (auto& item : items) {
          if (item.is_object() && (item.contains("@value") || item.contains("@list")))
            throw JsonLdError("invalid reverse property value",
                              "a reverse property cannot take a value or list object");
          add_value(reverse_map, property, std::move(item));
        }
      }
    }
    return;
  } else if (equals(keyword, "@nest")) {  // 13.4.14
    nests.push_back(key);
    return;
  } else {
    // @base, @vocab, @container, ...: keywords with no meaning in a node object.
    dropped("keyword " + keyword + " (from \"" + std::string(key) +
            "\") has no meaning in a node object and is dropped");
    return;
  }
  if (!expanded.is_null()) {  // 13.4.16: in place, unless @type or @included merged above
    auto [it, added] = result.get_ref<json::object_t&>().emplace(keyword, std::move(expanded));
    if (!added) it->second = std::move(expanded);  // emplace() moves only what it adds
  }
}

void Expander::expand_property(const ContextPtr& active, std::string_view key,
                               const KeyExpansion& expansion, InputValue value, NodeState& node) {
  const std::string& expanded_property = *expansion.iri;
  const TermDefinition* def = expansion.definition.get();  // 13.5
  property_context_ = active.get();
  property_key_ = key;
  property_def_ = def;
  const uint8_t containers = def ? def->containers : 0;
  // Initialized, not assigned: basic_json's assignment takes its argument by value, one more
  // object to destroy per property.
  const bool graph = (containers & kContainerGraph) != 0;
  graph_depth_ += graph;  // undone below, or left as it is when an error unwinds
  json expanded = [&]() -> json {
    if (def && optional_equals(def->type, "@json")) {  // 13.6
      json literal = single_entry("@value", copy(value));
      literal["@type"] = "@json";
      return literal;
    }
    if ((containers & kContainerLanguage) && value.is_object())  // 13.7
      return expand_language_map(active, key, def, value);
    if ((containers & (kContainerIndex | kContainerType | kContainerId)) &&
        value.is_object())  // 13.8
      return expand_index_map(active, key, *def, value);
    return expand(active, key, value);  // 13.9
  }();
  graph_depth_ -= graph;
  if (expanded.is_null()) return;  // 13.10

  if ((containers & kContainerList) && !is_list_object(expanded)) {  // 13.11
    expanded = single_entry("@list", as_array(std::move(expanded)));
    fresh_node_made();  // (lists in it, step 5.2.2, are made under this property)
  }
  if (graph) fresh_node_made();  // 13.12: the graph is a node without @id
  if ((containers & kContainerGraph) &&
      !(containers & (kContainerId | kContainerIndex))) {  // 13.12
    json graphs = json(json::value_t::array);
    for (auto& ev : as_array(std::move(expanded)))
      graphs.push_back(single_entry("@graph", as_array(std::move(ev))));
    expanded = std::move(graphs);
  }
  if (def && def->reverse) {  // 13.13
    json& reverse_map = node.result["@reverse"];
    if (!reverse_map.is_object()) reverse_map = json(json::value_t::object);
    for (auto& item : as_array(std::move(expanded))) {
      if (item.is_object() && (item.contains("@value") || item.contains("@list")))
        throw JsonLdError(
            "invalid reverse property value",
            "the reverse property " + std::string(key) + " cannot take a value or list object");
      add_value(reverse_map, expanded_property, std::move(item));
    }
    return;
  }
  add_value(node.result, expanded_property, std::move(expanded));  // 13.14
}

void Expander::finish_map(json& result, Property active_property) {
  KeywordMembers<json> k(result);  // steps 15 to 19 read its keywords
  if (k.value != nullptr) {        // 15
    if (k.not_in_value_object != nullptr)
      throw JsonLdError("invalid value object",
                        "a value object cannot hold " + std::string(*k.not_in_value_object));
    if (k.type != nullptr && (k.language || k.direction))
      throw JsonLdError("invalid value object", "a value object cannot have a type and a language");
    if (k.type != nullptr && *k.type == "@json") {
      // 15.2: a JSON literal, any value
    } else if (k.value->is_null() || (k.value->is_array() && k.value->empty())) {  // 15.3
      dropped("value object with a null @value is dropped");
      result = nullptr;
      return;
    } else if (!k.value->is_string() && k.language) {  // 15.4
      throw JsonLdError("invalid language-tagged value", "only strings can have a language");
    } else if (k.type != nullptr && !(k.type->is_string() &&
                                      is_absolute_iri(k.type->get_ref<const json::string_t&>()))) {
      throw JsonLdError(
          "invalid typed value",
          "the @type of a value must be an IRI, not " + std::string(k.type->dump()));  // 15.5
    }
  } else if (k.type != nullptr) {  // 16
    if (!k.type->is_array()) *k.type = one_item_array(std::move(*k.type));
  } else if (k.set != nullptr || k.list) {  // 17
    if (result.size() > 2 || (result.size() == 2 && !k.index))
      throw JsonLdError("invalid set or list object",
                        "@set and @list objects may only have an @index besides");
    if (k.set != nullptr) {
      json inner = std::move(*k.set);
      result = std::move(inner);
      k = KeywordMembers<json>(result);  // the @set's value, which steps 18 and 19 look at
    }
  }
  if (result.is_object() && k.value == nullptr && k.id == nullptr)
    fresh_node_made();  // a node without @id, or a list object
  if (result.is_object() && result.size() == 1 && k.language) {  // 18
    dropped("object with only @language is dropped");
    result = nullptr;
    return;
  }
  if (!active_property || equals(*active_property, "@graph")) {  // 19
    if (result.is_object() && (result.empty() || k.value != nullptr || k.list)) {
      dropped(result.empty() ? "node object with nothing left in it is dropped"
                             : "free-floating value (not the value of a property) is dropped");
      result = nullptr;
      return;
    }
    if (result.is_object() && result.size() == 1 && k.id) {
      dropped("node object with only @id is dropped");
      result = nullptr;
      return;
    }
  }
}

}  // namespace credgate::jsonld
