// The Expansion algorithm (JSON-LD 1.1 API 5.1) with Value Expansion (5.3), as one object
// per expand() call: it owns the context processor (and so the remote contexts loaded during
// the call) and the JSON Pointer of the element being expanded, for diagnostics.
// Internal to jsonld/; the public entry point is expand() in expand.hpp.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "jsonld/context.hpp"

namespace credgate::jsonld {

class Expander {
 public:
  // `take_values`: the input document is the caller's rvalue (expand(json&&)); scalar values
  // are moved into the result instead of copied (credentials carry 100 KB base64 images).
  Expander(ContextProcessor& processor, std::string base_url, bool take_values = false)
      : processor_(processor), base_url_(std::move(base_url)), take_values_(take_values) {}

  // `active_property` is null for the top level; it points into the input document (or to a
  // keyword constant) and lives as long as the call.
  nlohmann::json expand(const ContextPtr& active, const std::string* active_property,
                        const nlohmann::json& element, bool from_map = false);
  nlohmann::json expand_value(const ActiveContext& active, const std::string* active_property,
                              const nlohmann::json& value);

  // JSON Pointer (into the input) of the element being expanded.
  std::string location() const;
  // Safe mode: records that something is dropped here (no-op otherwise).
  void dropped(const std::string& message);
  // Safe mode: records what `what()` says ("@id \"x\"") when `iri` is neither an absolute IRI
  // nor a blank node identifier: expansion keeps it, RDF cannot. The message is only built
  // when it is recorded (this runs for every property of every node).
  template <typename What>
  void check_iri(const What& what, const std::string& iri) {
    if (processor_.options().safe && !is_rdf_resource(iri)) report_iri(what(), iri);
  }
  // IRI Expansion of a map key (vocab true, document relative false), cached per context for
  // the call: expansion asks it up to three times per entry.
  const std::optional<std::string>& expand_key(const ContextPtr& active, const std::string& key);
  // Applies a context, giving any safe-mode finding of its processing this location.
  ContextPtr apply(const ContextPtr& active, const JsonRef& local, const std::string& base_url,
                   ProcessFlags flags = {});

 private:
  struct Step {
    const std::string* key;  // null for array positions
    size_t index;
  };
  // Keeps `path_` in step with the recursion; left in place when an error unwinds, so the
  // error reports where it happened.
  class PathGuard {
   public:
    PathGuard(std::vector<Step>& path, Step step);
    ~PathGuard();
    PathGuard(const PathGuard&) = delete;
    PathGuard& operator=(const PathGuard&) = delete;

   private:
    std::vector<Step>& path_;
    int exceptions_;
  };

  // Mutable state of steps 13 and 14 for one node: shared by the nested (@nest) objects.
  struct NodeState {
    const ContextPtr& type_scoped;
    const std::string* input_type;
    nlohmann::json& result;
  };

  nlohmann::json expand_array(const ContextPtr& active, const std::string* active_property,
                              const nlohmann::json& element, bool from_map);
  nlohmann::json expand_map(ContextPtr active, const std::string* active_property,
                            const nlohmann::json& element, bool from_map);
  void expand_entries(const ContextPtr& active, const std::string* active_property,
                      const nlohmann::json& element, NodeState& node);
  // Step 13.4: `expanded_property` is a keyword. Returns false to skip to the next entry.
  void expand_keyword(const ContextPtr& active, const std::string* active_property,
                      const std::string& key, const std::string& keyword,
                      const nlohmann::json& value, NodeState& node,
                      std::vector<const std::string*>& nests);
  void expand_property(const ContextPtr& active, const std::string& key,
                       const std::string& expanded_property, const nlohmann::json& value,
                       NodeState& node);
  nlohmann::json expand_language_map(const ContextPtr& active, const std::string& key,
                                     const TermDefinition* def, const nlohmann::json& value);
  nlohmann::json expand_index_map(const ContextPtr& active, const std::string& key,
                                  const TermDefinition& def, const nlohmann::json& value);
  // Steps 15 to 19 on the finished map.
  nlohmann::json finish_map(nlohmann::json result, const std::string* active_property);

  static bool is_rdf_resource(const std::string& iri);
  void report_iri(const std::string& what, const std::string& iri);

  ContextProcessor& processor_;
  std::string base_url_;
  bool take_values_ = false;
  std::vector<Step> path_;
  // expand_key()'s results; each entry keeps its context alive, so pointers are not reused.
  struct KeyIris {
    ContextPtr context;
    std::unordered_map<std::string, std::optional<std::string>, TermHash, std::equal_to<>> iris;
  };
  std::unordered_map<const ActiveContext*, KeyIris> key_iris_;
};

}  // namespace credgate::jsonld
