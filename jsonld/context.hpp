// The JSON-LD 1.1 active context (term definitions, base IRI, vocabulary mapping, defaults)
// and the Context Processing algorithm (JSON-LD 1.1 API, sections 4.1 and 4.2) with IRI
// Expansion (5.2). Expansion uses it now; toRdf and compaction can reuse the same structures.
//
// Active contexts are immutable once built and shared (ContextPtr): a scoped context applied
// a thousand times in one document builds new contexts that share the unchanged term
// definitions with their parent, and callers may cache results by pointer.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jsonld/options.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

// A JSON-LD error as the spec names it ("invalid context entry"); processing stops. Thrown
// inside the processor only: the public entry points turn it into a Diagnostic.
struct JsonLdError : std::runtime_error {
  JsonLdError(std::string spec_code, const std::string& message)
      : std::runtime_error(message), code(std::move(spec_code)) {}
  std::string code;
};

// The container mapping as a set of flags; compaction wants the values in code point order,
// which container_keywords() gives.
enum Container : uint8_t {
  kContainerGraph = 1,
  kContainerId = 2,
  kContainerIndex = 4,
  kContainerLanguage = 8,
  kContainerList = 16,
  kContainerSet = 32,
  kContainerType = 64,
};
std::vector<std::string> container_keywords(uint8_t containers);

struct TermDefinition {
  std::optional<std::string> iri;  // the IRI mapping; nullopt when the term maps to null
  bool prefix = false;
  bool is_protected = false;
  bool reverse = false;
  std::optional<std::string> type;  // type mapping (an IRI, @id, @vocab, @json or @none)
  bool has_language = false;        // a language mapping exists (it may be null)
  std::optional<std::string> language;
  bool has_direction = false;  // a direction mapping exists (it may be null)
  std::optional<std::string> direction;
  uint8_t containers = 0;
  std::optional<std::string> index;  // index mapping (property-valued indexes)
  std::optional<std::string> nest;
  std::optional<nlohmann::json> context;  // scoped context, processed when the term is used
  std::string base_url;                   // where the scoped context came from

  bool has_container(Container c) const { return (containers & c) != 0; }
  // Equal in everything but `protected`: the test for redefining a protected term.
  bool same_except_protected(const TermDefinition& other) const;
};

struct ActiveContext;
using ContextPtr = std::shared_ptr<const ActiveContext>;

struct ActiveContext {
  std::optional<std::string> base;  // base IRI; nullopt when there is none (or @base: null)
  std::string original_base;        // the document's base, restored by a null context
  std::optional<std::string> vocab;
  std::optional<std::string> default_language;
  std::optional<std::string> default_direction;
  ContextPtr previous;  // set by non-propagated (type-scoped) contexts
  std::unordered_map<std::string, std::shared_ptr<const TermDefinition>> terms;

  const TermDefinition* find(std::string_view term) const;
  bool has_protected_terms() const;
};

// A context with no terms, the given base IRI ("" = none) as base and original base.
ContextPtr initial_context(const std::string& base);

// Hook for IRI expansion during context processing: terms of the local context being
// processed are defined on demand (Create Term Definition for dependencies).
class TermDefiner {
 public:
  virtual ~TermDefiner() = default;
  // Defines `term` first if it is an entry of the local context not yet defined.
  virtual void ensure_defined(const std::string& term) = 0;
};

// IRI Expansion (5.2). nullopt is the spec's null (a keyword-like value, or a term mapped to
// null). `definer` is only given during context processing.
std::optional<std::string> expand_iri(const ActiveContext& context, const std::string& value,
                                      bool document_relative, bool vocab,
                                      TermDefiner* definer = nullptr);

// Options of one Context Processing call (4.1's optional inputs).
struct ProcessFlags {
  bool override_protected = false;
  bool propagate = true;
  bool validate_scoped = true;
};

// Runs the Context Processing algorithm for one expansion (or toRdf) call: holds the
// options, the remote contexts dereferenced so far (a remote context is loaded at most once
// per call, never cached across calls) and the safe-mode findings.
class ContextProcessor {
 public:
  explicit ContextProcessor(const JsonLdOptions& options) : options_(options) {}

  ContextPtr process(const ContextPtr& active, const nlohmann::json& local,
                     const std::string& base_url, ProcessFlags flags = {});

  bool json_ld_10() const { return options_.processing_mode == "json-ld-1.0"; }
  const JsonLdOptions& options() const { return options_; }
  // Safe mode: notes something processing drops; the caller turns them into diagnostics.
  void dropped(std::string message);
  Diagnostics& diagnostics() { return diagnostics_; }

  // How deep remote contexts may nest (the spec's "processor defined limit").
  static constexpr size_t kMaxRemoteContexts = 32;

  // A dereferenced remote context: its @context value and the URL it came from.
  struct RemoteContext {
    nlohmann::json context;
    std::string document_url;
  };
  const RemoteContext& load_remote(const std::string& url, bool for_import);

  // The algorithm itself; `remote` is the chain of remote contexts being processed.
  std::shared_ptr<ActiveContext> build(const ContextPtr& active, const nlohmann::json& local,
                                       const std::string& base_url, std::vector<std::string> remote,
                                       ProcessFlags flags);

 private:
  const JsonLdOptions& options_;
  std::unordered_map<std::string, RemoteContext> remote_cache_;
  Diagnostics diagnostics_;
};

}  // namespace credgate::jsonld
