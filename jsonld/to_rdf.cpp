// Deserialize JSON-LD to RDF (JSON-LD 1.1 API, section 6.2) over the node map of section 7.2,
// in the spec's order and with its blank node labels; Object to RDF (6.3) and List Conversion
// (6.4) are in rdf_converter.cpp. to_rdf(), which expands first, is in to_rdf_document.cpp so
// that this file does not depend on the expansion algorithm. Canonicalization, which needs the
// quads only as a set, takes the walk without a node map (to_rdf_set.cpp).
#include "jsonld/to_rdf.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "jsonld/blank_node_issuer.hpp"
#include "jsonld/expansion_arena.hpp"
#include "jsonld/iri.hpp"
#include "jsonld/keyword_members.hpp"
#include "jsonld/literal_equals.hpp"
#include "jsonld/rdf_converter.hpp"
#include "jsonld/to_rdf_ref.hpp"
#include "jsonld/tree_release.hpp"

namespace credgate::jsonld {
namespace {

using json = ExpandedJson;
using rdf_conversion::ArenaVector;
using rdf_conversion::Converter;
using rdf_conversion::Item;
using rdf_conversion::ref_to;

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
template <class K, class V>
using ArenaMap = std::map<K, V, TextLess, ArenaAllocator<std::pair<const K, V>>>;

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

  // map[issuer_.relabel(key)].
  template <typename Map>
  typename Map::iterator find_or_add(Map& map, std::string_view key) {
    return map.try_emplace(issuer_.relabel(key)).first;
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
        std::string_view t = issuer_.relabel(type.get_ref<const json::string_t&>());
        if (std::find(node.types.begin(), node.types.end(), t) == node.types.end())
          node.types.push_back(t);
      }
    }
    if (const json* it = keywords.index; it != nullptr) {  // step 6.8
      if (node.index == nullptr) {
        node.index = it;
      } else if (*node.index != *it) {
        diagnostics_.push_back(rdf_conversion::conflicting_indexes(id));
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

// Section 6.2, step 1: one graph of the node map, its nodes and their properties in the spec's
// order. The quads' terms point into the expanded tree, the node map and the converter's store.
void convert_graph(Converter& converter, std::string_view name, const MapGraph& nodes) {
  if (equals(name, "@default")) {
    converter.set_graph(TermRef{});
  } else if (auto term = converter.known_resource(name)) {
    converter.set_graph(*term);
  } else {
    return;
  }
  const TermRef rdf_type = Converter::rdf_type();
  auto types = [&](const TermRef& subject, const ArenaVector<std::string_view>& types) {
    for (const auto& type : types)
      if (auto object = converter.known_resource(type)) converter.emit(subject, rdf_type, *object);
  };
  for (const auto& [id, node] : nodes) {
    std::optional<TermRef> subject = converter.known_resource(id);
    if (!subject) continue;
    // Properties in code point order, @type where it sorts among them (as the spec's node
    // map, a map with an "@type" entry, orders them).
    bool types_done = !node.has_types;
    for (const auto& [property, values] : node.properties) {
      if (!types_done && text_less("@type", property)) {  // property > "@type"
        types(*subject, node.types);
        types_done = true;
      }
      if (std::optional<TermRef> predicate = converter.predicate(property))
        for (const auto& item : values) converter.value(*subject, *predicate, item);
    }
    if (!types_done) types(*subject, node.types);
  }
}

// What the quads of expanded_to_rdf_refs() point to besides the expanded tree.
struct RefsHolder {
  BlankNodeIssuer issuer;  // relabelled ids are its strings
  RefStore store;
  Graphs graphs;
};

}  // namespace

ToRdfRefs expanded_to_rdf_refs(const ExpandedJson& expanded, const JsonLdOptions& options) {
  ToRdfRefs result;
  if (!rdf_conversion::check_rdf_direction(options, result.diagnostics)) return result;
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
  for (const auto& [name, nodes] : graphs) convert_graph(converter, name, nodes);
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
