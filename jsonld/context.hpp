// The JSON-LD 1.1 active context (term definitions, base IRI, vocabulary mapping, defaults)
// and the Context Processing algorithm (JSON-LD 1.1 API, sections 4.1 and 4.2) with IRI
// Expansion (5.2). Expansion uses it now; toRdf and compaction can reuse the same structures.
//
// Active contexts are immutable once built and shared (ContextPtr): a scoped context applied
// a thousand times in one document builds new contexts that share the unchanged term
// definitions with their parent, and callers may cache results by pointer. Context JSON is
// held by JsonRef (shared, never copied): a term's scoped context points into the document
// or remote context it came from.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "jsonld/options.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

// A JSON value shared with its owner: the aliasing constructor lets it point into a larger
// document, which it keeps alive. A non-owning JsonRef (empty owner) refers to JSON that
// outlives the processing, such as the input of expand().
using JsonRef = std::shared_ptr<const nlohmann::json>;
inline JsonRef borrowed(const nlohmann::json& value) {
  return JsonRef(JsonRef(), &value);
}
inline JsonRef part_of(const JsonRef& owner, const nlohmann::json& value) {
  return JsonRef(owner, &value);
}

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
  JsonRef context;       // scoped context, processed when the term is used; null if none
  std::string base_url;  // where the scoped context came from

  bool has_container(Container c) const { return (containers & c) != 0; }
  // Equal in everything but `protected`: the test for redefining a protected term.
  bool same_except_protected(const TermDefinition& other) const;
};

struct ActiveContext;
using ContextPtr = std::shared_ptr<const ActiveContext>;

// Term lookups take string_views without allocating.
struct TermHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TermMap = std::unordered_map<std::string, std::shared_ptr<const TermDefinition>, TermHash,
                                   std::equal_to<>>;

struct ActiveContext {
  std::optional<std::string> base;  // base IRI; nullopt when there is none (or @base: null)
  std::string original_base;        // the document's base, restored by a null context
  std::optional<std::string> vocab;
  std::optional<std::string> default_language;
  std::optional<std::string> default_direction;
  ContextPtr previous;  // set by non-propagated (type-scoped) contexts
  TermMap terms;        // with a fallback, a null definition hides the fallback's (set() only)
  // The length of the longest term in `terms`: find() answers for a longer string (the IRIs
  // that IRI Expansion looks up as terms, most of them long) without hashing it.
  size_t longest_term = 0;
  // The shapes of the terms in `terms` (first byte, last byte, length), as one bit each in a
  // row per first byte: find() answers most strings that are no term without hashing them.
  // Why: IRI Expansion looks up every @id value as a term and then its scheme as a prefix
  // ("urn:epass:org:1", then "urn"); the two hash lookups were 1.3% of a canonicalization of
  // the EC's MC sample. Bits are only set (take() leaves them): the filter may say "maybe"
  // for a string that is no term, never "no" for one that is.
  std::array<uint64_t, 256> term_shapes{};
  // Only on the throwaway contexts that validate a scoped context when its term is defined
  // (4.2 step 21): terms not in `terms` are looked up here, so that validating does not copy
  // the whole context being built. Never set on a context that outlives its processing.
  const ActiveContext* fallback = nullptr;
  // Identity in the process-wide cache of processed contexts (see ContextProcessor): set on
  // initial contexts (from their base) and on contexts the cache holds; empty on any other
  // context, which is then never looked up there.
  std::string cache_key;

  const TermDefinition* find(std::string_view term) const;
  static uint64_t shape_bit(std::string_view term) {
    const unsigned last = term.empty() ? 0 : static_cast<unsigned char>(term.back());
    return uint64_t{1} << ((term.size() + last * 5) & 63);
  }
  static unsigned char first_byte(std::string_view term) {
    return term.empty() ? 0 : static_cast<unsigned char>(term.front());
  }
  // Whether `terms` may hold `term`.
  bool may_hold(std::string_view term) const {
    return term.size() <= longest_term && (term_shapes[first_byte(term)] & shape_bit(term)) != 0;
  }
  // terms[term] = def: every entry goes in through here, which keeps longest_term and
  // term_shapes.
  void set(const std::string& term, std::shared_ptr<const TermDefinition> def);
  std::shared_ptr<const TermDefinition> find_shared(std::string_view term) const;
  bool has_protected_terms() const;
  // Removes the definition of `term` and returns it (null if none): 4.2 step 6.
  std::shared_ptr<const TermDefinition> take(const std::string& term);
};

// A context with no terms, the given base IRI ("" = none; only an absolute IRI serves as
// base) as base and original base.
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
std::optional<std::string> expand_iri(const ActiveContext& context, std::string_view value,
                                      bool document_relative, bool vocab,
                                      TermDefiner* definer = nullptr);
// The same without a string of its own where none is needed: the result views `value`, a term
// definition of `context` or, when it had to be built, `scratch` (overwritten). It is valid
// until `scratch` or the context changes. Expansion copies it straight into the expanded
// tree's (arena) string, which spares a heap string per @id, @type and IRI value.
std::optional<std::string_view> expand_iri_view(const ActiveContext& context,
                                                std::string_view value, bool document_relative,
                                                bool vocab, std::string& scratch,
                                                TermDefiner* definer = nullptr);

// Options of one Context Processing call (4.1's optional inputs).
struct ProcessFlags {
  bool override_protected = false;
  bool propagate = true;
  bool validate_scoped = true;
};

// Runs the Context Processing algorithm for one expansion (or toRdf) call: holds the
// options, the remote contexts dereferenced so far (a remote context is loaded at most once
// per call), the contexts built so far (the same scoped context applied to the same active
// context is processed once per call) and the safe-mode findings. Contexts it returns may
// point into `local` JSON given to it: they are for use while that JSON lives.
//
// Across calls, process() shares results through a process-wide, thread-safe cache (the EDC
// context alone has 250 terms; processing it for every credential was most of expansion).
// An entry is keyed by everything the result depends on: the active context (an initial
// context by its base IRI, a cached one by its cache id), the local context's JSON text, the
// base URL, the flags and the processing mode; and it records every remote document its
// processing loaded, by the loader's fingerprint (URL, SHA-256 of the bytes). It is reused
// only when the current call's loader gives the same fingerprints, so different loaders,
// options or bytes never share an entry, and a loader that cannot fingerprint (remote,
// directory, test loaders) keeps what it loads out of the cache. Cached contexts own their
// JSON (a local context from the input is copied first), and the safe-mode findings of the
// processing are replayed on every use.
class ContextProcessor {
 public:
  explicit ContextProcessor(const JsonLdOptions& options) : options_(options) {}

  // 4.1 with no remote contexts yet; the result is cached for the pair (active, local).
  ContextPtr process(const ContextPtr& active, const JsonRef& local, const std::string& base_url,
                     ProcessFlags flags = {});

  bool json_ld_10() const { return options_.processing_mode == "json-ld-1.0"; }
  const JsonLdOptions& options() const { return options_; }
  // Safe mode: notes something processing drops; the caller turns them into diagnostics.
  void dropped(std::string message);
  Diagnostics& diagnostics() { return diagnostics_; }

  // How deep remote contexts may nest (the spec's "processor defined limit").
  static constexpr size_t kMaxRemoteContexts = 32;
  // How many contexts one call may process, counting the validation of scoped contexts: a
  // guard against contexts whose scoped contexts name each other to blow up the work (the
  // largest OB3 sample needs about 200; 10000 take about 50 ms).
  static constexpr size_t kMaxContextBuilds = 10000;

  // A dereferenced remote context: its @context value and the URL it came from.
  struct RemoteContext {
    JsonRef context;
    std::string document_url;
    LoadFingerprint fingerprint;  // as the loader named it before loading
  };
  const RemoteContext& load_remote(const std::string& url, bool for_import);

  // The algorithm itself; `remote` is the chain of remote contexts being processed.
  // `active_ptr` is `active`, shared. Null marks the validation of a scoped context (4.2 step
  // 21): the result then looks terms up in `active` instead of copying them, and is thrown
  // away before `active` changes.
  std::shared_ptr<ActiveContext> build(const ActiveContext& active, const ContextPtr& active_ptr,
                                       const JsonRef& local, const std::string& base_url,
                                       std::vector<std::string> remote, ProcessFlags flags);

 private:
  void build_one(std::shared_ptr<ActiveContext>& result, const ActiveContext& active,
                 const JsonRef& context, const std::string& base_url,
                 std::vector<std::string>& remote, ProcessFlags flags, bool propagate);

  struct Built {
    ContextPtr active;  // keeps the key's pointers valid
    JsonRef local;
    ContextPtr result;
  };
  // (active context, local context, base URL, flags). A local context of URLs only is keyed
  // by the URLs (pointer null): every credential of a batch names the same ones.
  using BuiltKey =
      std::tuple<const ActiveContext*, const nlohmann::json*, std::string, std::string, int>;

  ContextPtr process_shared(const ContextPtr& active, const JsonRef& local,
                            const std::string& base_url, ProcessFlags flags, int bits,
                            const std::optional<std::string>& urls);

  const JsonLdOptions& options_;
  // The remote documents the build in progress depends on (URLs, in load order), while
  // process_shared() records them; null otherwise.
  std::vector<std::string>* loads_ = nullptr;
  std::unordered_map<std::string, RemoteContext> remote_cache_;
  std::map<BuiltKey, Built> built_;
  size_t builds_ = 0;
  Diagnostics diagnostics_;
};

}  // namespace credgate::jsonld
