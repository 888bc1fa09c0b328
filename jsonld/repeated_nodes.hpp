// Node objects that a document repeats, remembered while it is expanded for canonicalization.
//
// Why: EDC credentials write a node out in full wherever it is referred to (the awarding
// organisation, each code list concept with its labels in 24 languages, the same
// specification under several claims). The MC sample makes 605 quads of which 292 differ:
// half of its expansion produced triples already there, which toRdf then had to find and
// drop again. A node object read again, with the same JSON, in the same context (see find()),
// expands to the same node; when that node makes no blank
// node of its own (no node without @id, no list) and nothing was reported while it was
// expanded, its triples are the same too (those of the graphs it names included), and a
// reference ({"@id": ...}) to it gives canonicalization the same dataset. Only
// canonicalization asks for this (expand() and to_rdf() output every occurrence), and only
// outside named graphs (a node's triples belong to the graph it is met in). The expander decides
// what may be remembered (expander.cpp); this keeps the entries. Internal to jsonld/.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "jsonld/context.hpp"
#include "jsonld/expanded_json.hpp"
#include "jsonld/expansion_arena.hpp"
#include "jsonld/input_value.hpp"

namespace credgate::jsonld {

class RepeatedNodes {
 public:
  // Whether find() still compares (see there).
  bool active() const { return mismatches_ < kMaxMismatches; }

  // The @id an earlier node object expanded to, when `element` is the same JSON met in the
  // same context: the same active context once step 7 has ended a type-scoped one
  // (`effective`; it also tells whether the map is an index map's value, which step 7 leaves
  // alone), and the same scoped context of the active property (`property`: its definition in
  // the context the map was met in, `entry`, or null). `key`: the id text, which files
  // entries.
  //
  // Of the active property, only its scoped context (step 8) changes how a node object with
  // an @id expands: step 13.4.1 (a keyword in a reverse map) is an error, and step 19 (at the
  // top level or in @graph) drops only empty, value, list and @id-only results; none of these
  // is remembered. So a node met under two properties without scoped contexts is one entry.
  //
  // A comparison that finds the contents different is work for nothing (one that finds them
  // equal saves more than it costs: the subtree is not expanded). A document made of near
  // copies (the same ids at every level, a difference at the bottom) would have each level
  // compared again, depth times the document's size; after kMaxMismatches such comparisons
  // the document is expanded without the shortcut: the waste stays below that many times its
  // size.
  //
  // The key is hashed once per node object: find() hands back the entry list it looked in
  // (made empty when the key is new), and remember() adds to that list. Hashing the key again
  // in remember() was 0.8% of a canonicalization of the MC sample.
  struct Slot;  // the entries of one key
  struct Found {
    const ExpandedJson::string_t* id = nullptr;  // null: not met before in this context
    Slot* slot = nullptr;                        // null: the shortcut is off (see active())
  };
  Found find(const ActiveContext& effective, const TermDefinition* property, InputValue element,
             std::string_view key);
  // `slot`: find()'s for the same element, key and context.
  void remember(Slot* slot, const ContextPtr& entry, const ActiveContext& effective,
                const TermDefinition* property, InputValue element,
                const ExpandedJson::string_t& id);

 private:
  // A property's scoped context and where it came from (null and empty without one); the
  // definition lives in the entry's context, which the entry holds.
  struct Scope {
    const nlohmann::json* context = nullptr;
    std::string_view base_url;
    explicit Scope(const TermDefinition* property);
    bool operator==(const Scope& other) const;
  };
  struct Entry {
    // `entry`, held: it holds `effective` (itself or its previous context) and `property`'s
    // definition, so that their addresses are not reused while the entry lives.
    ContextPtr entry;
    const ActiveContext* effective;
    Scope scope;
    InputValue element;
    ExpandedJson::string_t id;
  };
  // Entries with the same key differ in context or contents; a few per key at most. In the
  // expansion arena, as the tree (a heap block for each map node, entry list and id cost 0.6%
  // of a canonicalization's instructions on the MC sample).
  static constexpr size_t kMaxPerKey = 4;
  static constexpr size_t kMaxMismatches = 16;
  size_t mismatches_ = 0;

 public:
  struct Slot {
    std::vector<Entry, ArenaAllocator<Entry>> entries;
  };

 private:
  // The slots by key: open addressing over a power-of-two table that keeps each key's hash, so
  // that a lookup is one hash, a mask and mostly one comparison, and growing hashes nothing.
  // Why not std::unordered_map: a lookup there divided by a prime bucket count and walked to a
  // node, an insertion allocated one; that with the hash was 3% of a canonicalization of the MC
  // sample, for about 200 ids. Slots live in a deque: they stay where they are as it grows.
  struct Bucket {
    std::string_view key;
    size_t hash = 0;
    Slot* slot = nullptr;  // null: empty
  };
  static constexpr size_t kInitialBuckets = 256;  // the EC samples: 90 and 47 ids
  Slot& slot_for(std::string_view key);
  void grow();
  std::vector<Bucket, ArenaAllocator<Bucket>> buckets_;
  size_t used_ = 0;
  std::deque<Slot, ArenaAllocator<Slot>> slots_;
};

}  // namespace credgate::jsonld
