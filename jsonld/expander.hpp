// The Expansion algorithm (JSON-LD 1.1 API 5.1) with Value Expansion (5.3), as one object
// per expand() call: it owns the context processor (and so the remote contexts loaded during
// the call) and the JSON Pointer of the element being expanded, for diagnostics.
// Internal to jsonld/; the public entry point is expand() in expand.hpp.
#pragma once

#include <array>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "jsonld/context.hpp"
#include "jsonld/expand.hpp"
#include "jsonld/expanded_json.hpp"
#include "jsonld/front_cache.hpp"
#include "jsonld/input_value.hpp"
#include "jsonld/literal_equals.hpp"
#include "jsonld/repeated_nodes.hpp"

namespace credgate::jsonld {

// The active property: none at the top level, else a key of the input (or a keyword
// constant), which outlives the call.
using Property = std::optional<std::string_view>;

class Expander {
 public:
  Expander(ContextProcessor& processor, std::string base_url);
  ~Expander();
  Expander(const Expander&) = delete;
  Expander& operator=(const Expander&) = delete;

  ExpandedJson expand(const ContextPtr& active, Property active_property, InputValue element,
                      bool from_map = false);
  // For canonicalization only: a node object met again is expanded to a reference where that
  // gives the same dataset (repeated_nodes.hpp). Not for expand() or to_rdf(), whose output
  // shows every occurrence.
  void collapse_repeats() { collapse_repeats_ = true; }
  ExpandedJson expand_value(const ActiveContext& active, Property active_property,
                            InputValue value);

  // JSON Pointer (into the input) of the element being expanded.
  std::string location() const;
  // Safe mode: records that something is dropped here (no-op otherwise).
  void dropped(const std::string& message);
  // Safe mode: records what `what()` says ("@id \"x\"") when `iri` is neither an absolute IRI
  // nor a blank node identifier: expansion keeps it, RDF cannot. The message is only built
  // when it is recorded (this runs for every property of every node).
  template <typename What>
  void check_iri(const What& what, std::string_view iri) {
    if (processor_.options().safe && !is_rdf_resource(iri)) report_iri(what(), iri);
  }
  // A map key as expansion reads it in a context: its IRI Expansion (vocab true, document
  // relative false) and its term definition (null if none), remembered per context (see
  // key_iris_memo): expansion asks for them up to four times per entry.
  struct KeyExpansion {
    std::optional<std::string> iri;
    std::shared_ptr<const TermDefinition> definition;
    // Whether `iri` is also the key's IRI Expansion with document_relative true, as @type
    // values are expanded: the two differ only where nothing before the last step applies
    // and the base IRI resolves the value.
    bool document_relative_same = false;
    // What step 13 asks of `iri` for every entry, answered once: a keyword, or else whether
    // it holds a ':' (an IRI or compact IRI; without one the key is dropped).
    bool keyword = false;
    bool has_colon = false;
  };
  const KeyExpansion& key_expansion(const ContextPtr& active, std::string_view key);
  const std::optional<std::string>& expand_key(const ContextPtr& active, std::string_view key) {
    return key_expansion(active, key).iri;
  }
  // A @type value's IRI Expansion (vocab and document_relative true), from the key memo where
  // the two expansions agree (type values are terms met in every document). A view of the
  // memo, of `value` or of iri_scratch_ (read before the next call).
  std::optional<std::string_view> expand_type_value(const ContextPtr& active,
                                                    std::string_view value);
  // Applies a context, giving any safe-mode finding of its processing this location.
  ContextPtr apply(const ContextPtr& active, const JsonRef& local, const std::string& base_url,
                   ProcessFlags flags = {});
  // The same with an embedded context of the input (copied into nlohmann::json first when the
  // input is simdjson's DOM; contexts refer into the JSON they were processed from).
  ContextPtr apply(const ContextPtr& active, InputValue local, const std::string& base_url,
                   ProcessFlags flags = {});
  // Any value of the input (a whole @json literal too) as an output value, copied.
  static ExpandedJson copy(InputValue value);

 private:
  struct Step {
    Property key;  // none for array positions
    size_t index;
  };
  // Runs `body` with `step` on `path_`. An error leaving `body` leaves the path as it is (the
  // deepest step first: this handler runs before the guard of its caller's step), so that the
  // error reports where it happened.
  //
  // Why a handler and not the guard's destructor asking std::uncaught_exceptions(): that is a
  // call into the C++ runtime for its thread-local state, made for every entry of the input
  // (1.3% of a canonicalization of the EC's MC sample); a handler costs nothing until an
  // exception passes. Nothing in the expansion catches an error and goes on: one that passes
  // ends the expand() call.
  template <class Body>
  decltype(auto) at_step(Step step, Body&& body) {
    PathGuard guard(*this, step);
    try {
      return body();
    } catch (...) {
      path_frozen_ = true;
      throw;
    }
  }
  class PathGuard {
   public:
    PathGuard(Expander& expander, Step step) : expander_(expander) {
      expander_.path_.push_back(step);
    }
    ~PathGuard() {
      if (!expander_.path_frozen_) expander_.path_.pop_back();
    }
    PathGuard(const PathGuard&) = delete;
    PathGuard& operator=(const PathGuard&) = delete;

   private:
    Expander& expander_;
  };

  // Mutable state of steps 13 and 14 for one node: shared by the nested (@nest) objects.
  struct NodeState {
    const ContextPtr& type_scoped;
    const std::string* input_type;
    ExpandedJson& result;
  };

  ExpandedJson expand_array(const ContextPtr& active, Property active_property, InputValue element,
                            bool from_map);
  ExpandedJson expand_map(const ContextPtr& entry_active, Property active_property,
                          InputValue element, bool from_map);
  // `members`: element's, sorted once by expand_map(). `keys`, when given: each member's key
  // already expanded against `active`, in the members' order.
  void expand_entries(const ContextPtr& active, Property active_property, InputValue element,
                      const InputValue::Object& members, NodeState& node,
                      const KeyExpansion* const* keys = nullptr);
  // Step 13.4: `expanded_property` is a keyword. Returns false to skip to the next entry.
  void expand_keyword(const ContextPtr& active, Property active_property, std::string_view key,
                      const std::string& keyword, InputValue value, NodeState& node,
                      std::vector<std::string_view>& nests);
  // `key`: expanded (to an IRI) in `active`, with its definition there.
  void expand_property(const ContextPtr& active, std::string_view key,
                       const KeyExpansion& expansion, InputValue value, NodeState& node);
  // The active property's term definition in `active`: the steps under expand_property() ask
  // for the one it has just read from the key memo instead of looking it up again. The memo
  // entry keeps both the definition and its context alive while this Expander lives (the
  // memo is only cleared when no Expander is alive), so the context's address is not reused
  // and plain pointers do: a shared_ptr copy is two atomic operations, and there were about
  // 1,200 of them per canonicalization of the EC's MC sample.
  const TermDefinition* property_definition(const ActiveContext& active,
                                            std::string_view property) const {
    if (&active == property_context_ && same_text(property, property_key_)) return property_def_;
    return active.find(property);
  }
  ExpandedJson expand_language_map(const ContextPtr& active, std::string_view key,
                                   const TermDefinition* def, InputValue value);
  ExpandedJson expand_index_map(const ContextPtr& active, std::string_view key,
                                const TermDefinition& def, InputValue value);
  // Steps 15 to 19 on the finished map.
  // `result` becomes null when the map is dropped. In place, so that expand_map() returns its
  // own local (no moves through parameters: see add_value()).
  void finish_map(ExpandedJson& result, Property active_property);

  // The id text filing a map in repeats_: its "id" or "@id" string, if any.
  static std::optional<std::string_view> repeat_key(const InputValue::Object& members);
  // Expansion made something that toRdf turns into a new blank node every time it is met: a
  // node object without @id (graph containers make one), or a list. A subtree during whose
  // expansion this happened is not remembered in repeats_.
  void fresh_node_made() { ++fresh_nodes_; }

  static bool is_rdf_resource(std::string_view iri);
  void report_iri(const std::string& what, std::string_view iri);

  ContextProcessor& processor_;
  std::string base_url_;
  std::vector<Step> path_;
  bool path_frozen_ = false;  // an error is leaving the expansion (see at_step)
  // expand_iri_view()'s buffer for IRIs it builds (read before the next call).
  std::string iri_scratch_;
  // expand_key()'s results, per thread and across documents (expander.cpp, key_iris_memo); each
  // entry keeps its context alive, so pointers are not reused.
  struct KeyIris {
    using Map = std::unordered_map<std::string, KeyExpansion, TermHash, std::equal_to<>>;
    ContextPtr context;
    Map iris;
    // In front of `iris` (front_cache.hpp): its entries point to nodes of `iris`.
    FrontCache<Map::value_type> recent;
  };
  // Keys remembered per context; beyond that, expansions are kept for the current call only
  // (`overflow_`), so that a stream of documents with ever new keys cannot grow the memo
  // without bound.
  static constexpr size_t kMaxKeysPerContext = 4096;
  struct KeyIrisMemo {
    std::unordered_map<const ActiveContext*, KeyIris> by_context;  // nodes do not move
    int expanders = 0;  // Expanders alive on the thread: they may hold references into it
  };
  static KeyIrisMemo& key_iris_memo();
  const ActiveContext* last_context_ = nullptr;  // the entry expand_key() used last
  KeyIris* last_key_iris_ = nullptr;
  std::deque<KeyExpansion> overflow_;  // see kMaxKeysPerContext (a deque: entries do not move)
  // collapse_repeats(): on, the remembered nodes, and what decides whether one may be.
  bool collapse_repeats_ = false;
  RepeatedNodes repeats_;
  size_t fresh_nodes_ = 0;  // see fresh_node_made()
  int graph_depth_ = 0;     // inside a @graph or a graph container: nothing is remembered
  // property_definition()'s entry, set by expand_property() (see there).
  const ActiveContext* property_context_ = nullptr;
  std::string_view property_key_;
  const TermDefinition* property_def_ = nullptr;
};

// expand() as the engine itself calls it: the result in the expansion's own type.
struct ExpandedDocument {
  ExpandedJson expanded = ExpandedJson::array();  // always an array when ok
  Diagnostics diagnostics;
  bool ok() const { return !has_error(diagnostics); }
};
// The tree is made in the thread's expansion arena when the caller has opened an ArenaScope
// (expansion_arena.hpp), which must then outlive it.
// `for_canonicalization`: see Expander::collapse_repeats(); the tree is then only fit for toRdf
// into a set (expanded_to_rdf_set()).
ExpandedDocument expand_document(InputValue input, const JsonLdOptions& options,
                                 bool for_canonicalization = false);

}  // namespace credgate::jsonld
