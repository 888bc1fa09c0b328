// toRdf for canonicalization: the quads of Deserialize JSON-LD to RDF (JSON-LD 1.1 API, section
// 6.2) as a set, written while the expanded tree is walked, without the node map of section 7.2.
//
// Why: RDFC-1.0's result depends neither on the order of the quads nor on their blank node
// labels, and it drops repeated quads itself. What the node map adds over a walk (nodes met
// twice merged, values compared to drop repeats, nodes and properties ordered, the spec's
// labels) shows in nothing canonicalization outputs. Building it was half of toRdf on the EC
// samples: ordered maps keyed by node ids and property IRIs (long shared prefixes, most of
// the memcmp calls of a canonicalization), and value objects compared with those already
// there. to_rdf() and `credgate jsonld to-rdf` keep the node map (to_rdf.cpp): their quads
// come in the spec's order with its labels.
//
// The walk makes the node map's decisions where they change the set: nodes get their labels
// from one issuer (a document's "_:x" is one node wherever it appears, a node without @id a
// fresh one each time), a node's triples are dropped when its id, a property or a graph name
// is not a resource but its nested nodes are still walked, values at the top level or in a
// list without a subject make no triples, and two different @index values on one node in one
// graph are the same error. Two cases go through the node map: generalized RDF (blank node
// predicates, which RDFC-1.0 does not relabel, so their labels would show), and the
// compound-literal rdfDirection, whose blank nodes the node map shares between equal value
// objects of one node's property (a walk would make one per occurrence).
//
// A node's own triples are written together, its nested nodes after them: the final sort of
// RDFC-1.0 (rdfc10.cpp) sorts runs of lines that share a subject. Nodes a document repeats
// in full are not walked again: expansion for canonicalization leaves a reference in their
// place (repeated_nodes.hpp).
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "jsonld/blank_node_issuer.hpp"
#include "jsonld/keyword_members.hpp"
#include "jsonld/rdf_converter.hpp"
#include "jsonld/to_rdf_ref.hpp"

namespace credgate::jsonld {
namespace {

using json = ExpandedJson;
using rdf_conversion::ArenaVector;
using rdf_conversion::Converter;
using rdf_conversion::Item;
using rdf_conversion::ref_to;

// The graph a node's triples go to.
struct GraphRef {
  std::string_view name;  // "@default" or the graph's node id (the key of @index checks)
  TermRef term;           // the triples' fourth term
  bool valid = true;      // false: named by what is not a resource, so its triples are dropped
};

// What an element is a value of: a property of a subject, forward or (@reverse) backward.
// Null terms: the subject or property is not a resource, and no triple is written.
struct Link {
  const TermRef* subject = nullptr;
  const TermRef* predicate = nullptr;
  bool reverse = false;
};

// A node object met as a value, walked after the triples of the node it is a value of.
struct Pending {
  const json* element = nullptr;
  std::string_view id;  // as labelled when it was met (a fresh label is issued once)
  const GraphRef* graph = nullptr;
  // A @reverse value: the triple (this node, predicate, object), when both are resources.
  bool reverse = false;
  TermRef reverse_predicate, reverse_object;
};

class SetWalker {
 public:
  SetWalker(Converter& converter, BlankNodeIssuer& issuer, RefStore& store,
            Diagnostics& diagnostics)
      : converter_(converter), issuer_(issuer), store_(store), diagnostics_(diagnostics) {}

  // False once an error stops the conversion (conflicting indexes).
  bool run(const json& expanded) {
    const GraphRef default_graph{"@default", TermRef{}, true};
    if (!walk(expanded, default_graph, nullptr, nullptr)) return false;
    return drain(0);
  }

 private:
  // The node map's key of a node object (steps 6.1-6.4): its relabelled @id, a fresh label
  // without one, or the JSON text of a non-string @id (expansion leaves "@id": null where the
  // @id was keyword-like), which is no resource.
  std::string_view node_id(const KeywordMembers<const json>& keywords) {
    const json* id = keywords.id;
    if (id == nullptr) return store_.keep(issuer_.fresh());
    if (id->is_string()) return issuer_.relabel(id->get_ref<const json::string_t&>());
    return store_.keep(std::string(id->dump()));
  }

  // Writes the triple of `item` as a value of `link`, when there is one to write.
  void link_value(const GraphRef& graph, const Link* link, const Item& item) {
    if (link != nullptr && !link->reverse && link->subject != nullptr &&
        link->predicate != nullptr && graph.valid)
      converter_.value(*link->subject, *link->predicate, item);
  }

  // The node map's steps 1-6.6 for `element`: values and lists are written (or collected
  // into `list`), node objects are queued.
  bool walk(const json& element, const GraphRef& graph, const Link* link, ArenaVector<Item>* list) {
    if (element.is_array()) {
      for (const auto& item : element.get_ref<const json::array_t&>())
        if (!walk(item, graph, link, list)) return false;
      return true;
    }
    if (!element.is_object()) return true;
    const KeywordMembers<const json> keywords(element);
    if (keywords.value != nullptr) {  // step 4
      Item item;
      item.kind = Item::Kind::Value;
      item.value = &element;
      if (list != nullptr)
        list->push_back(std::move(item));
      else
        link_value(graph, link, item);
      return true;
    }
    if (const json* items = keywords.list; items != nullptr) {  // step 5
      Item result;
      result.kind = Item::Kind::List;
      if (!walk(*items, graph, link, &result.list)) return false;
      if (list != nullptr)
        list->push_back(std::move(result));
      else
        link_value(graph, link, result);
      return true;
    }
    Pending pending;  // step 6
    pending.element = &element;
    pending.id = node_id(keywords);
    pending.graph = &graph;
    if (link != nullptr && link->reverse) {  // step 6.5
      if (link->subject != nullptr && link->predicate != nullptr) {
        pending.reverse = true;
        pending.reverse_predicate = *link->predicate;
        pending.reverse_object = *link->subject;
      }
    } else if (link != nullptr) {  // step 6.6
      if (list != nullptr)
        list->push_back(ref_to(pending.id));
      else
        link_value(graph, link, ref_to(pending.id));
    }
    pending_.push_back(pending);
    return true;
  }

  // Steps 6.7-6.12 for a queued node: its types and properties, then the nodes they hold.
  bool node(const Pending& p) {
    const json& element = *p.element;
    const KeywordMembers<const json> keywords(element);
    const GraphRef& graph = *p.graph;
    converter_.set_graph(graph.term);
    const std::optional<TermRef> subject = converter_.known_resource(p.id);
    const TermRef* subject_ref = subject ? &*subject : nullptr;
    const bool write = subject && graph.valid;
    if (p.reverse && write) converter_.emit(*subject, p.reverse_predicate, p.reverse_object);
    if (const json* types = keywords.type; types != nullptr) {  // step 6.7
      const TermRef rdf_type = Converter::rdf_type();
      for (const auto& type : *types) {
        if (!type.is_string()) continue;
        const std::string_view t = issuer_.relabel(type.get_ref<const json::string_t&>());
        if (!write) continue;
        if (auto object = converter_.known_resource(t))
          converter_.emit(*subject, rdf_type, *object);
      }
    }
    if (const json* index = keywords.index; index != nullptr && !same_index(p, *index))
      return false;  // step 6.8
    const size_t mark = pending_.size();
    if (const json* reverse = keywords.reverse; reverse != nullptr && reverse->is_object()) {
      for (const auto& [key, member] : reverse->get_ref<const json::object_t&>()) {  // 6.9
        const std::optional<TermRef> predicate = converter_.predicate(key);
        const Link link{subject_ref, predicate ? &*predicate : nullptr, true};
        if (!walk(member, graph, &link, nullptr)) return false;
      }
    }
    // Step 6.10: the graph this node names. Its nodes are queued, and walked before this
    // function returns, while `named` lives.
    GraphRef named{p.id, subject.value_or(TermRef{}), subject.has_value()};
    if (const json* contents = keywords.graph; contents != nullptr)
      if (!walk(*contents, named, nullptr, nullptr)) return false;
    if (const json* included = keywords.included; included != nullptr)  // step 6.11
      if (!walk(*included, graph, nullptr, nullptr)) return false;
    for (const auto& [key, member] : element.get_ref<const json::object_t&>()) {  // step 6.12
      if (key.starts_with('@')) continue;
      const std::optional<TermRef> predicate = converter_.predicate(issuer_.relabel(key));
      const Link link{subject_ref, predicate ? &*predicate : nullptr, false};
      if (!walk(member, graph, &link, nullptr)) return false;
    }
    return drain(mark);
  }

  // The queued nodes from `mark` on. Each leaves the queue as long as it found it.
  bool drain(size_t mark) {
    for (size_t i = mark; i < pending_.size(); ++i) {
      const Pending p = pending_[i];  // copied: the queue grows while `p` is walked
      if (!node(p)) return false;
    }
    pending_.resize(mark);
    return true;
  }

  // Step 6.8: a node keeps one @index per graph; another one is an error.
  bool same_index(const Pending& p, const json& index) {
    auto [it, added] =
        indexes_.try_emplace({std::string(p.graph->name), std::string(p.id)}, &index);
    if (added || *it->second == index) return true;
    diagnostics_.push_back(rdf_conversion::conflicting_indexes(p.id));
    return false;
  }

  Converter& converter_;
  BlankNodeIssuer& issuer_;
  RefStore& store_;
  Diagnostics& diagnostics_;
  ArenaVector<Pending> pending_;
  std::map<std::pair<std::string, std::string>, const json*> indexes_;  // nodes with @index
};

// What the quads of expanded_to_rdf_set() point to besides the expanded tree.
struct SetHolder {
  BlankNodeIssuer issuer;
  RefStore store;
};

}  // namespace

ToRdfRefs expanded_to_rdf_set(const ExpandedJson& expanded, const JsonLdOptions& options) {
  if (options.produce_generalized_rdf || options.rdf_direction == "compound-literal")
    return expanded_to_rdf_refs(expanded, options);
  ToRdfRefs result;
  if (!rdf_conversion::check_rdf_direction(options, result.diagnostics)) return result;
  auto holder = std::make_shared<SetHolder>();
  result.keep = holder;
  // As many quads as the thread's last document made, so that the dataset (224 bytes a quad)
  // is not copied as it grows: the MC sample's grew eight times (2.4% of its instructions).
  thread_local size_t last_size = 0;
  result.dataset.reserve(std::clamp<size_t>(last_size + last_size / 8, 64, 4096));
  Converter converter(options, holder->issuer, result.dataset, holder->store);
  if (!SetWalker(converter, holder->issuer, holder->store, result.diagnostics).run(expanded))
    result.dataset.clear();
  last_size = result.dataset.size();
  return result;
}

}  // namespace credgate::jsonld
