// Object to RDF (JSON-LD 1.1 API, section 6.3) and List Conversion (6.4), into quads that refer
// to their strings (rdf_ref.hpp). Shared by the two toRdf walks: the spec's, over a node map
// (to_rdf.cpp, what to_rdf() and `credgate jsonld to-rdf` print), and the direct one that
// canonicalization uses (to_rdf_set.cpp). Internal to jsonld/.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "jsonld/blank_node_issuer.hpp"
#include "jsonld/expanded_json.hpp"
#include "jsonld/expansion_arena.hpp"
#include "jsonld/options.hpp"
#include "jsonld/rdf_ref.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld::rdf_conversion {

template <class T>
using ArenaVector = std::vector<T, ArenaAllocator<T>>;

// A value of a property as toRdf converts it: a node reference, a value object (left where
// expansion put it: the expanded tree outlives the conversion) or a list of such items.
struct Item {
  enum class Kind : uint8_t { Ref, Value, List };
  Kind kind = Kind::Ref;
  std::string_view id;                  // Ref: the referenced node's id
  const ExpandedJson* value = nullptr;  // Value: the value object in the expanded tree
  ArenaVector<Item> list;               // List: its items

  // The spec's "unless an equivalent item is already there" (lists are never compared).
  bool same(const Item& other) const;
};

inline Item ref_to(std::string_view id) {
  Item item;
  item.id = id;
  return item;
}

// False, with an error in `diagnostics`, when the rdfDirection option names no known mode.
bool check_rdf_direction(const JsonLdOptions& options, Diagnostics& diagnostics);

// Node map generation's error for a node with two different @index values in one graph.
Diagnostic conflicting_indexes(std::string_view node);

// Whether an IRI or blank node identifier can be a term (not when it is not well-formed,
// relative IRIs included: such triples are not RDF and the spec drops them).
bool is_resource(std::string_view id);

// Writes quads into `out`, in the graph set last. The strings it computes (fresh blank node
// labels, number forms) go to `store`; blank node @type values of value objects are
// relabelled through `issuer`, as the node map does.
class Converter {
 public:
  Converter(const JsonLdOptions& options, BlankNodeIssuer& issuer, DatasetRef& out, RefStore& store)
      : options_(options), issuer_(issuer), out_(out), store_(store) {}

  void set_graph(const TermRef& graph) { graph_ = graph; }

  // An IRI or blank node identifier as a term; nothing when it cannot be one.
  std::optional<TermRef> known_resource(std::string_view id);
  // A property IRI as a predicate: nothing for a keyword, a blank node (unless generalized RDF
  // is asked for) or what is not well-formed.
  std::optional<TermRef> predicate(std::string_view property);
  static TermRef rdf_type();

  void emit(const TermRef& subject, const TermRef& predicate, const TermRef& object,
            DatasetRef* into = nullptr) {
    (into != nullptr ? *into : out_).push_back({subject, predicate, object, graph_});
  }
  // The triple of one value (section 6.2, step 1.3.2.5), then those a list or a compound
  // literal adds; nothing when the value cannot be an RDF term.
  void value(const TermRef& subject, const TermRef& predicate, const Item& item);

 private:
  std::optional<TermRef> object_to_rdf(const Item& item, DatasetRef& list_triples);
  std::optional<TermRef> value_to_rdf(const ExpandedJson& item, DatasetRef& list_triples);
  std::optional<TermRef> directional(std::string_view lexical,
                                     const ExpandedJson::string_t* language,
                                     std::string_view direction, DatasetRef& list_triples);
  TermRef list_to_rdf(const ArenaVector<Item>& items, DatasetRef& list_triples);
  TermRef fresh_blank();

  const JsonLdOptions& options_;
  BlankNodeIssuer& issuer_;
  DatasetRef& out_;
  RefStore& store_;
  TermRef graph_;  // the graph being converted: its triples' fourth term
};

}  // namespace credgate::jsonld::rdf_conversion
