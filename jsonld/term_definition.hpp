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

class TermCreator final : public TermDefiner {
 public:
  TermCreator(ContextProcessor& processor, ActiveContext& active, const nlohmann::json& local,
              const std::string& base_url, bool protect, ProcessFlags flags,
              const std::vector<std::string>& remote)
      : processor_(processor),
        active_(active),
        local_(local),
        base_url_(base_url),
        protect_(protect),
        flags_(flags),
        remote_(remote) {}

  // The algorithm for `term`, an entry of the local context.
  void create(const std::string& term);
  void ensure_defined(const std::string& term) override;

 private:
  // Steps 14 to 18: the IRI mapping; false when the term is ignored (a keyword-like @id).
  bool map_iri(const std::string& term, const nlohmann::json& value, bool simple,
               TermDefinition& definition);
  void set_container(const nlohmann::json& container, TermDefinition& definition);
  void set_scoped_context(const nlohmann::json& context, TermDefinition& definition);

  ContextProcessor& processor_;
  ActiveContext& active_;
  const nlohmann::json& local_;
  const std::string& base_url_;
  bool protect_;
  ProcessFlags flags_;
  const std::vector<std::string>& remote_;
  std::unordered_map<std::string, bool> defined_;  // true: done; false: being defined
};

}  // namespace credgate::jsonld
