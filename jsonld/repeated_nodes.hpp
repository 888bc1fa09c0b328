// Node objects that a document repeats, remembered while it is expanded for canonicalization.
//
// Why: EDC credentials write a node out in full wherever it is referred to (the awarding
// organisation, each code list concept with its labels in 24 languages, the same
// specification under several claims). The MC sample makes 605 quads of which 292 differ:
// half of its expansion produced triples already there, which toRdf then had to find and
// drop again. A node object read again, with the same JSON, in the same active context and
// under the same active property, expands to the same node; when that node makes no blank
// node of its own (no node without @id, no list) and nothing was reported while it was
// expanded, its triples are the same too (those of the graphs it names included), and a
// reference ({"@id": ...}) to it gives canonicalization the same dataset. Only
// canonicalization asks for this (expand() and to_rdf() output every occurrence), and only
// outside named graphs (a node's triples belong to the graph it is met in). The expander decides
// what may be remembered (expander.cpp); this keeps the entries. Internal to jsonld/.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jsonld/context.hpp"
#include "jsonld/expanded_json.hpp"
#include "jsonld/expansion_arena.hpp"
#include "jsonld/input_value.hpp"

namespace credgate::jsonld {

class RepeatedNodes {
 public:
  // The @id an earlier node object expanded to, when `element` is the same JSON met in the
  // same context (`active`, `property`, `from_map`); `key`: its id text, which files entries.
  const ExpandedJson::string_t* find(const ContextPtr& active,
                                     std::optional<std::string_view> property, bool from_map,
                                     InputValue element, std::string_view key) const;
  void remember(const ContextPtr& active, std::optional<std::string_view> property, bool from_map,
                InputValue element, std::string_view key, const ExpandedJson::string_t& id);

 private:
  struct Entry {
    ContextPtr active;  // held, so that its address is not reused for another context
    std::optional<std::string_view> property;  // views of the input or of constants
    bool from_map;
    InputValue element;
    ExpandedJson::string_t id;
  };
  // Entries with the same key differ in context or contents; a few per key at most. In the
  // expansion arena, as the tree (a heap block per node, entry and id was 3% of a
  // canonicalization of the MC sample).
  static constexpr size_t kMaxPerKey = 4;
  using Entries = std::vector<Entry, ArenaAllocator<Entry>>;
  std::unordered_map<std::string_view, Entries, std::hash<std::string_view>, std::equal_to<>,
                     ArenaAllocator<std::pair<const std::string_view, Entries>>>
      by_key_;
};

}  // namespace credgate::jsonld
