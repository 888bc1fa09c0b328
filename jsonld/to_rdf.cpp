// Deserialize JSON-LD to RDF (JSON-LD 1.1 API, section 6.2), Object to RDF (6.3) and List
// Conversion (6.4), over the node map of section 7.2. to_rdf(), which expands first, is in
// to_rdf_document.cpp so that this file does not depend on the expansion algorithm.
#include "jsonld/to_rdf.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jsonld/blank_node_issuer.hpp"
#include "jsonld/context.hpp"
#include "jsonld/expansion_arena.hpp"
#include "jsonld/front_cache.hpp"
#include "jsonld/iri.hpp"
#include "jsonld/jcs.hpp"
#include "jsonld/keyword_members.hpp"
#include "jsonld/literal_equals.hpp"
#include "jsonld/rdf_lexical.hpp"
#include "jsonld/to_rdf_ref.hpp"
#include "jsonld/tree_release.hpp"

namespace credgate::jsonld {
namespace {

using json = ExpandedJson;

constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";
constexpr const char* kI18n = "https://www.w3.org/ns/i18n#";

std::string rdf(const char* local) {
  return std::string(kRdf) + local;
}
std::string xsd(const char* local) {
  return std::string(kXsd) + local;
}

// IRIs the conversion refers to (TermRef values point to these, which live for the process).
struct Iris {
  std::string rdf_type = rdf("type"), rdf_first = rdf("first"), rdf_rest = rdf("rest"),
              rdf_nil = rdf("nil"), rdf_value = rdf("value"), rdf_language = rdf("language"),
              rdf_direction = rdf("direction"), rdf_json = rdf("JSON"),
              xsd_boolean = xsd("boolean"), xsd_double = xsd("double"),
              xsd_integer = xsd("integer");
};
const Iris& iris() {
  static const Iris constants;
  return constants;
}

TermRef iri_ref(std::string_view value) {
  return {Term::Kind::Iri, value, {}, {}};
}
TermRef literal_ref(std::string_view value, std::string_view datatype = kXsdString,
                    std::string_view language = {}) {
  return {Term::Kind::Literal, value, datatype, language};
}

// Whether an IRI or blank node identifier can be a term: not when it is not well-formed
// (relative IRIs included), since such triples are not RDF and the spec drops them.
bool is_resource(std::string_view id) {
  return is_blank_node_id(id) ? is_well_formed_blank_node(id) : is_well_formed_iri(id);
}

// is_resource(), remembered per thread across documents: the same IRIs (the vocabulary's
// properties and classes, the issuer, the code lists) recur in every credential, and checking
// each character of each of them again, with a map per conversion to do it once, was 3% of a
// canonicalization of the EC samples. A function of the string alone, so nothing goes stale;
// bounded by entries and bytes.
bool remembered_is_resource(std::string_view id) {
  using Answers = std::unordered_map<std::string, bool, TermHash, std::equal_to<>>;
  struct Memo {
    Answers answers;
    FrontCache<Answers::value_type> recent;  // in front of `answers`, pointing to its nodes
    size_t bytes = 0;
  };
  thread_local Memo memo;
  if (const auto* hit = memo.recent.find(id)) return hit->second;
  auto it = memo.answers.find(id);
  if (it == memo.answers.end()) {
    const bool answer = is_resource(id);
    if (memo.answers.size() >= 16384 || memo.bytes + id.size() > (size_t{8} << 20)) {
      memo.recent.clear();
      memo.answers.clear();
      memo.bytes = 0;
    }
    memo.bytes += id.size();
    it = memo.answers.emplace(std::string(id), answer).first;
  }
  memo.recent.remember(*it);
  return it->second;
}

// The node map toRdf works from. Built as nlohmann objects (the spec's shape), copying or moving
// every value object into fresh maps and arrays, it was over a fifth of a canonicalization on
// the EC samples, mostly allocation. This is the same algorithm (section 7.2, step for step, same
// blank node labels in the same order) on plain structs: value objects stay where expansion left
// them (pointers into the expanded tree, which outlives the conversion), node ids, property IRIs
// and types are string_views into that tree or into the issuer's and the store's strings (the map
// nodes copied every id and property IRI). Ordered maps keep the spec's "ordered by" order, the
// same code point order as nlohmann's objects.
// The node map's containers are allocated like the expanded tree they point into: from the
// expansion arena while one is open (expansion_arena.hpp).
template <class T>
using ArenaVector = std::vector<T, ArenaAllocator<T>>;
template <class K, class V>
using ArenaMap = std::map<K, V, TextLess, ArenaAllocator<std::pair<const K, V>>>;

struct Item {
  enum class Kind : uint8_t { Ref, Value, List };
  Kind kind = Kind::Ref;
  std::string_view id;          // Ref: the referenced node's id
  const json* value = nullptr;  // Value: the value object in the expanded tree
  ArenaVector<Item> list;       // List: its items

  // The spec's "unless an equivalent item is already there" (lists are never compared).
  bool same(const Item& other) const {
    if (kind != other.kind) return false;
    if (kind == Kind::Ref) return same_text(id, other.id);
    if (kind == Kind::Value) return value == other.value || *value == *other.value;
    return false;
  }
};

struct MapNode {
  ArenaVector<std::string_view> types;  // @type, relabelled, without duplicates
  bool has_types = false;
  const json* index = nullptr;  // @index
  ArenaMap<std::string_view, ArenaVector<Item>> properties;
};
using MapGraph = ArenaMap<std::string_view, MapNode>;
using Graphs = ArenaMap<std::string_view, MapGraph>;

void add_unique(ArenaVector<Item>& values, Item item) {
  for (const auto& v : values)
    if (v.same(item)) return;
  values.push_back(std::move(item));
}

Item ref_to(std::string_view id) {
  Item item;
  item.id = id;
  return item;
}

// The spec's active subject: null, a node id, or, while a reverse property is processed, the
// map {"@id": id} of the node the reverse property belongs to. `values`: for a node id, the
// subject's entry for the active property (step 6.12 created it), so that values and
// references are added without looking the subject and the property up again per value
// (std::map lookups comparing long IRIs were most of the builder's own time).
struct ActiveSubject {
  const std::string_view* id = nullptr;
  bool reverse = false;
  ArenaVector<Item>* values = nullptr;
};

// A map's members, iterated as the vector they are (nlohmann's iterators dispatch on the
// value's type at every step). `map` must be an object.
const json::object_t& members_of(const json& map) {
  return map.get_ref<const json::object_t&>();
}

class NodeMapBuilder {
 public:
  // `store` keeps the ids made here (fresh blank nodes, the JSON text of a null @id).
  NodeMapBuilder(Graphs& graphs, BlankNodeIssuer& issuer, RefStore& store, Diagnostics& diagnostics)
      : graphs_(graphs), issuer_(issuer), store_(store), diagnostics_(diagnostics) {}

  // False once processing is aborted (conflicting indexes).
  bool run(const json& element, std::string_view active_graph, ActiveSubject subject,
           const std::string_view* active_property, Item* list) {
    if (element.is_array()) {  // step 1
      for (const auto& item : element.get_ref<const json::array_t&>())
        if (!run(item, active_graph, subject, active_property, list)) return false;
      return true;
    }
    if (!element.is_object()) return true;  // expanded documents hold only maps in arrays
    // Step 2 (the active graph's map) is left to node objects, the only ones that use it.
    const KeywordMembers<const json> keywords(element);
    if (keywords.value != nullptr) {
      // Step 3: a blank node @type is relabelled like every blank node identifier (here: its
      // label is issued now, in the spec's order, and looked up again when converted).
      if (const json* t = keywords.type;
          t != nullptr && t->is_string() && is_blank_node_id(t->get_ref<const json::string_t&>()))
        issuer_.issue(t->get_ref<const json::string_t&>());
      Item item;
      item.kind = Item::Kind::Value;
      item.value = &element;
      append(std::move(item), subject, list);
      return true;
    }
    if (const json* it = keywords.list; it != nullptr) {  // step 5
      Item result;
      result.kind = Item::Kind::List;
      if (!run(*it, active_graph, subject, active_property, &result)) return false;
      append(std::move(result), subject, list);
      return true;
    }
    return node_object(element, keywords, graph_map(active_graph), active_graph, subject,
                       active_property, list);
  }

 private:
  // graphs_[name], the last one found kept: every node object asks for its graph, nearly
  // always the same one (the std::map's nodes do not move).
  MapGraph& graph_map(std::string_view name) {
    if (last_graph_ == nullptr || name.data() != last_graph_name_.data() ||
        name.size() != last_graph_name_.size()) {
      last_graph_ = &graphs_[name];
      last_graph_name_ = name;
    }
    return *last_graph_;
  }

  std::string_view relabel(std::string_view id) {
    return is_blank_node_id(id) ? std::string_view(issuer_.issue(id)) : id;
  }

  // map[relabel(key)].
  template <typename Map>
  typename Map::iterator find_or_add(Map& map, std::string_view key) {
    return map.try_emplace(relabel(key)).first;
  }

  // Steps 4, 5.3-5.4 and 6.6.2-6.6.3: to the list being built or the subject's property.
  static void append(Item item, const ActiveSubject& subject, Item* list) {
    if (list != nullptr) {
      list->list.push_back(std::move(item));
    } else if (subject.values != nullptr && !subject.reverse) {
      if (item.kind == Item::Kind::List)  // step 5.3 appends list objects without comparing
        subject.values->push_back(std::move(item));
      else
        add_unique(*subject.values, std::move(item));
    }
  }

  bool node_object(const json& element, const KeywordMembers<const json>& keywords, MapGraph& graph,
                   std::string_view active_graph, ActiveSubject subject,
                   const std::string_view* active_property, Item* list) {
    // Steps 6.1-6.2. Expansion leaves "@id": null where an @id was keyword-like ("@foo"); such
    // a node is keyed by its JSON text ("null"), as the JavaScript reference does.
    // Steps 6.3-6.4. An IRI is looked up as it is, without copying it first.
    MapGraph::iterator entry;
    if (const json* it = keywords.id; it == nullptr)
      entry = graph.try_emplace(store_.keep(issuer_.fresh())).first;
    else if (it->is_string())
      entry = find_or_add(graph, it->get_ref<const json::string_t&>());
    else
      entry = graph.try_emplace(store_.keep(std::string(it->dump()))).first;
    const std::string_view& id = entry->first;
    MapNode& node = entry->second;
    if (subject.reverse && active_property != nullptr) {  // step 6.5
      add_unique(node.properties[*active_property], ref_to(*subject.id));
    } else if (active_property != nullptr) {  // step 6.6
      append(ref_to(id), subject, list);
    }
    if (const json* it = keywords.type; it != nullptr) {  // steps 3 and 6.7
      node.has_types = true;
      for (const auto& type : *it) {
        if (!type.is_string()) continue;
        std::string_view t = relabel(type.get_ref<const json::string_t&>());
        if (std::find(node.types.begin(), node.types.end(), t) == node.types.end())
          node.types.push_back(t);
      }
    }
    if (const json* it = keywords.index; it != nullptr) {  // step 6.8
      if (node.index == nullptr) {
        node.index = it;
      } else if (*node.index != *it) {
        diagnostics_.push_back(
            make_error("jsonld.conflicting-indexes", "to-rdf",
                       "node " + std::string(id) + " has two different @index values"));
        return false;
      }
    }
    if (const json* it = keywords.reverse; it != nullptr && it->is_object()) {  // 6.9
      for (const auto& [key, member] : members_of(*it)) {
        const std::string_view property = key;
        if (!run(member, active_graph, {&id, true}, &property, nullptr)) return false;
      }
    }
    if (const json* it = keywords.graph; it != nullptr) {  // step 6.10
      if (!run(*it, id, {}, nullptr, nullptr)) return false;
    }
    if (const json* it = keywords.included; it != nullptr) {  // step 6.11
      if (!run(*it, active_graph, {}, nullptr, nullptr)) return false;
    }
    for (const auto& [key, member] : members_of(element)) {  // step 6.12
      // What is left of an expanded node object besides the keywords handled above are
      // property IRIs; expansion drops other keyword-like keys.
      if (key.starts_with('@')) continue;
      auto property = find_or_add(node.properties, key);
      if (!run(member, active_graph, {&id, false, &property->second}, &property->first, nullptr))
        return false;
    }
    return true;
  }

  Graphs& graphs_;
  BlankNodeIssuer& issuer_;
  RefStore& store_;
  Diagnostics& diagnostics_;
  MapGraph* last_graph_ = nullptr;
  std::string_view last_graph_name_;
};

// Quads whose terms point into the expanded tree, the node map (`graphs`) and `store` (the
// strings computed here: blank node labels of list cells, number and boolean forms), which
// all outlive the dataset.
class Converter {
 public:
  Converter(const JsonLdOptions& options, BlankNodeIssuer& issuer, DatasetRef& out, RefStore& store)
      : options_(options), issuer_(issuer), out_(out), store_(store) {}

  // Section 6.2, step 1.
  void graph(std::string_view name, const MapGraph& nodes) {
    if (equals(name, "@default")) {
      graph_ = TermRef{};
    } else if (auto term = known_resource(name)) {
      graph_ = *term;
    } else {
      return;
    }
    for (const auto& [id, node] : nodes) {
      std::optional<TermRef> subject = known_resource(id);
      if (!subject) continue;
      // Properties in code point order, @type where it sorts among them (as the spec's
      // node map, a map with an "@type" entry, orders them).
      bool types_done = !node.has_types;
      for (const auto& [property, values] : node.properties) {
        if (!types_done && text_less("@type", property)) {  // property > "@type"
          types(*subject, node.types);
          types_done = true;
        }
        properties(*subject, property, values);
      }
      if (!types_done) types(*subject, node.types);
    }
  }

 private:
  // An IRI or blank node identifier as a term (nothing when is_resource() says no; the check
  // is remembered, see remembered_is_resource()). The strings are the node map's keys and
  // values, which outlive the conversion.
  std::optional<TermRef> known_resource(std::string_view id) {
    if (!remembered_is_resource(id)) return std::nullopt;
    if (is_blank_node_id(id)) return TermRef{Term::Kind::BlankNode, id.substr(2), {}, {}};
    return iri_ref(id);
  }

  // A fresh blank node (list cells, compound literals), its label kept in the store.
  TermRef fresh_blank() {
    return {Term::Kind::BlankNode, store_.keep(issuer_.fresh()).substr(2), {}, {}};
  }

  void types(const TermRef& subject, const ArenaVector<std::string_view>& types) {
    for (const auto& type : types)
      if (auto object = known_resource(type)) emit(subject, iri_ref(iris().rdf_type), *object);
  }

  // Section 6.2, step 1.3.2: one property of one node.
  void properties(const TermRef& subject, std::string_view property,
                  const ArenaVector<Item>& values) {
    if (property.starts_with('@')) return;  // keywords (not produced by the builder)
    if (starts_with(property, "_:") && !options_.produce_generalized_rdf) return;
    std::optional<TermRef> predicate = known_resource(property);
    if (!predicate) return;
    for (const auto& item : values) {
      // A list or compound literal adds triples of its own, after the one that refers to it.
      DatasetRef list_triples;
      if (auto object = object_to_rdf(item, list_triples)) emit(subject, *predicate, *object);
      out_.insert(out_.end(), list_triples.begin(), list_triples.end());
    }
  }

  void emit(const TermRef& subject, const TermRef& predicate, const TermRef& object,
            DatasetRef* into = nullptr) {
    (into != nullptr ? *into : out_).push_back({subject, predicate, object, graph_});
  }

  // Section 6.3. Nothing when the item cannot be an RDF term (not well-formed).
  std::optional<TermRef> object_to_rdf(const Item& item, DatasetRef& list_triples) {
    switch (item.kind) {
      case Item::Kind::Value:
        return value_to_rdf(*item.value, list_triples);
      case Item::Kind::List:
        return list_to_rdf(item.list, list_triples);
      case Item::Kind::Ref:
        break;
    }
    return known_resource(item.id);
  }

  // Section 6.3, steps 4-16: a value object.
  std::optional<TermRef> value_to_rdf(const json& item, DatasetRef& list_triples) {
    // The entries of the value object in one pass (up to five lookups per value otherwise).
    const KeywordMembers<const json> keywords(item);
    auto string_of = [](const json* v) {
      return v != nullptr && v->is_string() ? &v->get_ref<const json::string_t&>() : nullptr;
    };
    const json* language_entry = keywords.language;
    const json::string_t* type = string_of(keywords.type);
    const json::string_t* direction = string_of(keywords.direction);
    if (keywords.value == nullptr) return std::nullopt;  // not a value object
    const json& value = *keywords.value;
    const json::string_t* language = string_of(language_entry);
    std::string_view datatype;
    if (type != nullptr)  // node map step 3: a blank node @type is relabelled
      datatype = is_blank_node_id(*type) ? std::string_view(issuer_.issue(*type)) : *type;
    if (type != nullptr && !equals(datatype, "@json") && !is_well_formed_iri(datatype))
      return std::nullopt;
    if (language_entry != nullptr && (language == nullptr || !is_well_formed_language(*language)))
      return std::nullopt;
    std::string_view lexical;
    if (equals(datatype, "@json")) {  // step 8: any JSON value, as its RFC 8785 form
      lexical = store_.keep(canonical_json(nlohmann::json(value)));
      datatype = iris().rdf_json;
    } else if (value.is_boolean()) {  // steps 9-10
      lexical = value.get<bool>() ? "true" : "false";
      if (datatype.empty()) datatype = iris().xsd_boolean;
    } else if (value.is_number()) {  // steps 11-12
      double d = value.get<double>();
      // Integers stay integers unless typed xsd:double; 1.0 in JSON is the integer 1 too.
      if ((value.is_number_float() && (std::fmod(d, 1.0) != 0 || std::fabs(d) >= 1e21)) ||
          datatype == iris().xsd_double) {
        lexical = store_.keep(xsd_double_lexical(d));
        if (datatype.empty()) datatype = iris().xsd_double;
      } else {
        lexical = store_.keep(xsd_integer_lexical(value));
        if (datatype.empty()) datatype = iris().xsd_integer;
      }
    } else if (value.is_string()) {  // step 13: the string stays in the expanded tree
      lexical = value.get_ref<const json::string_t&>();
      if (datatype.empty()) datatype = language != nullptr ? kRdfLangString : kXsdString;
    } else {
      return std::nullopt;  // null, a map or an array without @json: expansion rejects these
    }
    if (direction != nullptr && !options_.rdf_direction.empty())
      return directional(lexical, language, *direction, list_triples);
    // Step 15. A language tag only on a string without @type (expansion allows nothing else,
    // and a typed literal with a language tag is not RDF).
    if (language != nullptr && datatype == kRdfLangString)
      return literal_ref(lexical, datatype, *language);
    return literal_ref(lexical, datatype);
  }

  // Section 6.3, step 14: a string with a base direction, as the rdfDirection option says.
  std::optional<TermRef> directional(std::string_view lexical, const json::string_t* language,
                                     std::string_view direction, DatasetRef& list_triples) {
    std::string lang =
        language != nullptr ? ascii_lowercase(std::string(*language)) : std::string();
    if (options_.rdf_direction == "i18n-datatype")
      return literal_ref(lexical, store_.keep(kI18n + lang + "_" + std::string(direction)));
    // compound-literal: a blank node with rdf:value, rdf:language (if any) and rdf:direction.
    TermRef node = fresh_blank();
    emit(node, iri_ref(iris().rdf_value), literal_ref(lexical), &list_triples);
    if (language != nullptr)
      emit(node, iri_ref(iris().rdf_language), literal_ref(store_.keep(std::move(lang))),
           &list_triples);
    emit(node, iri_ref(iris().rdf_direction), literal_ref(direction), &list_triples);
    return node;
  }

  // Section 6.4: rdf:first/rdf:rest cells on fresh blank nodes; rdf:nil for an empty list.
  TermRef list_to_rdf(const ArenaVector<Item>& items, DatasetRef& list_triples) {
    const TermRef nil = iri_ref(iris().rdf_nil);
    if (items.empty()) return nil;
    std::vector<TermRef> cells;
    cells.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) cells.push_back(fresh_blank());
    for (size_t i = 0; i < items.size(); ++i) {
      DatasetRef embedded;
      if (auto object = object_to_rdf(items[i], embedded))
        emit(cells[i], iri_ref(iris().rdf_first), *object, &list_triples);
      emit(cells[i], iri_ref(iris().rdf_rest), i + 1 < cells.size() ? cells[i + 1] : nil,
           &list_triples);
      list_triples.insert(list_triples.end(), embedded.begin(), embedded.end());
    }
    return cells.front();
  }

  const JsonLdOptions& options_;
  BlankNodeIssuer& issuer_;
  DatasetRef& out_;
  RefStore& store_;
  TermRef graph_;  // the graph being converted: its triples' fourth term
};

// What the quads of expanded_to_rdf_refs() point to besides the expanded tree.
struct RefsHolder {
  BlankNodeIssuer issuer;  // relabelled ids are its strings
  RefStore store;
  Graphs graphs;
};

}  // namespace

ToRdfRefs expanded_to_rdf_refs(const ExpandedJson& expanded, const JsonLdOptions& options) {
  ToRdfRefs result;
  const std::string& direction = options.rdf_direction;
  if (!direction.empty() && direction != "i18n-datatype" && direction != "compound-literal") {
    result.diagnostics.push_back(make_error(
        "usage.invalid-option", "to-rdf",
        "rdfDirection must be i18n-datatype or compound-literal, not \"" + direction + "\""));
    return result;
  }
  auto holder = std::make_shared<RefsHolder>();
  result.keep = holder;
  // One issuer for the node map and the conversion: list cells and compound literals get
  // labels after those of the document's nodes.
  BlankNodeIssuer& issuer = holder->issuer;
  Graphs& graphs = holder->graphs;
  graphs.try_emplace("@default");
  if (!NodeMapBuilder(graphs, issuer, holder->store, result.diagnostics)
           .run(expanded, "@default", {}, nullptr, nullptr))
    return result;
  // At least one quad per type and property value: reserving that avoids growing the dataset.
  size_t quads = 0;
  for (const auto& [name, nodes] : graphs)
    for (const auto& [id, node] : nodes) {
      quads += node.types.size();
      for (const auto& [property, values] : node.properties) quads += values.size();
    }
  result.dataset.reserve(quads);
  Converter converter(options, issuer, result.dataset, holder->store);
  for (const auto& [name, nodes] : graphs) converter.graph(name, nodes);
  return result;
}

ToRdfResult expanded_json_to_rdf(const ExpandedJson& expanded, const JsonLdOptions& options) {
  ToRdfRefs refs = expanded_to_rdf_refs(expanded, options);
  ToRdfResult result;
  result.diagnostics = std::move(refs.diagnostics);
  result.dataset.reserve(refs.dataset.size());
  for (const QuadRef& q : refs.dataset) result.dataset.push_back(quad_of(q));
  return result;
}

ToRdfResult expanded_to_rdf(const nlohmann::json& expanded, const JsonLdOptions& options) {
  ArenaScope arena;
  ExpandedJson tree(expanded);
  ToRdfResult result = expanded_json_to_rdf(tree, options);
  release_tree(tree);
  return result;
}

ToRdfResult expanded_to_rdf(nlohmann::json&& expanded, const JsonLdOptions& options) {
  ToRdfResult result = expanded_to_rdf(expanded, options);
  release_tree(expanded);  // given away: freed here, the cheaper way (tree_release.hpp)
  return result;
}

}  // namespace credgate::jsonld
