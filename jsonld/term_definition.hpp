// Create Term Definition (JSON-LD 1.1 API 4.2): the term definitions of one context
// definition, created on demand so that terms can depend on each other (compact IRIs whose
// prefix is defined in the same context), with the cycle check the `defined` map gives.
// Internal to context processing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "jsonld/context.hpp"

namespace credgate::jsonld {

// The entries of an expanded term definition (4.2 step 26 allows no others), found in one
// pass over the map.
struct DefinitionEntries {
  const nlohmann::json *id = nullptr, *reverse = nullptr, *container = nullptr, *context = nullptr,
                       *direction = nullptr, *index = nullptr, *language = nullptr, *nest = nullptr,
                       *prefix = nullptr, *is_protected = nullptr, *type = nullptr;
  const std::string* unexpected = nullptr;  // the first other entry
  explicit DefinitionEntries(const nlohmann::json& definition);
};

class TermCreator final : public TermDefiner {
 public:
  TermCreator(ContextProcessor& processor, ActiveContext& active, const JsonRef& local,
              const std::string& base_url, bool protect, ProcessFlags flags,
              const std::vector<std::string>& remote)
      : processor_(processor),
        active_(active),
        local_ref_(local),
        local_(*local),
        base_url_(base_url),
        protect_(protect),
        flags_(flags),
        remote_(remote) {}

  // The algorithm for `term`, an entry of the local context.
  void create(const std::string& term);
  void ensure_defined(const std::string& term) override;

 private:
  // Steps 14 to 18: the IRI mapping; false when the term is ignored (a keyword-like @id).
  bool map_iri(const std::string& term, const DefinitionEntries& value, bool simple,
               TermDefinition& definition);
  void set_container(const nlohmann::json& container, TermDefinition& definition);
  void set_scoped_context(const nlohmann::json& context, TermDefinition& definition);

  ContextProcessor& processor_;
  ActiveContext& active_;
  const JsonRef& local_ref_;  // owns local_, so that scoped contexts can point into it
  const nlohmann::json& local_;
  const std::string& base_url_;
  bool protect_;
  ProcessFlags flags_;
  const std::vector<std::string>& remote_;
  // true: done; false: being defined.
  std::unordered_map<std::string, bool, TermHash, std::equal_to<>> defined_;
};

}  // namespace credgate::jsonld
