// Context Processing (JSON-LD 1.1 API 4.1) and IRI Expansion (5.2). Create Term Definition
// (4.2) is in term_definition.cpp. Step numbers in comments are the spec's.
#include "jsonld/context.hpp"

#include <algorithm>
#include <mutex>

#include "jsonld/iri.hpp"
#include "jsonld/term_definition.hpp"

namespace credgate::jsonld {
namespace {

using json = nlohmann::json;

// The entries of a context definition that are not term definitions (step 5.13).
bool is_context_setting(const std::string& key) {
  return key == "@base" || key == "@direction" || key == "@import" || key == "@language" ||
         key == "@propagate" || key == "@protected" || key == "@version" || key == "@vocab";
}

// A context given as URLs only ("url" or ["url", ...]), as one string; nullopt otherwise.
std::optional<std::string> url_list(const json& local) {
  if (local.is_string()) return local.get<std::string>();
  if (!local.is_array() || local.empty()) return std::nullopt;
  std::string out;
  for (const json& item : local) {
    if (!item.is_string()) return std::nullopt;
    out.append(item.get_ref<const std::string&>()).push_back('\n');
  }
  return out;
}

// The JSON text of an embedded context, for the shared cache's key (process_shared). A term's
// scoped context is met again in every document that uses the term, and dumping it each time
// was 1.4% of a canonicalization of the EC samples; so the text is kept per JSON value, per
// thread. The memo holds a reference to the value's owner, so that its address cannot be
// reused by another value while remembered; borrowed JSON (no owner) is dumped each time.
const std::string& context_text(const JsonRef& local, std::string& scratch) {
  if (local.use_count() == 0) return scratch = local->dump();
  thread_local std::unordered_map<const json*, std::pair<JsonRef, std::string>> memo;
  if (auto it = memo.find(local.get()); it != memo.end()) return it->second.second;
  if (memo.size() >= 256) memo.clear();
  return memo.emplace(local.get(), std::make_pair(local, local->dump())).first->second.second;
}

// The process-wide cache of processed contexts described in context.hpp.
class SharedContexts {
 public:
  struct Entry {
    std::vector<std::pair<std::string, std::string>> loads;  // URL, fingerprint identity
    ContextPtr result;
    Diagnostics findings;  // safe mode's, replayed on every use
  };

  static SharedContexts& instance() {
    static SharedContexts cache;
    return cache;
  }

  // The entries under `key`, copied out of the lock (few, and they share their contexts).
  std::vector<Entry> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    return it == entries_.end() ? std::vector<Entry>{} : it->second;
  }

  // Stores `entry` (its result is given a cache id first) unless an equal one is there.
  ContextPtr store(const std::string& key, std::shared_ptr<ActiveContext> result,
                   std::vector<std::pair<std::string, std::string>> loads, Diagnostics findings) {
    std::lock_guard lock(mutex_);
    auto& list = entries_[key];
    for (const Entry& e : list)
      if (e.loads == loads) return e.result;
    if (count_ >= kMaxEntries) {  // bounded: start over (contexts in use stay alive)
      entries_.clear();
      count_ = 0;
    }
    result->cache_key = "c" + std::to_string(++next_id_);
    ContextPtr shared = std::move(result);
    entries_[key].push_back(Entry{std::move(loads), shared, std::move(findings)});
    ++count_;
    return shared;
  }

 private:
  // An entry holds a whole active context (the EDC one is some 40 KB of term map), and
  // documents with inline contexts each add one: 512 keeps the worst case near 20 MB.
  static constexpr size_t kMaxEntries = 512;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<Entry>> entries_;
  size_t count_ = 0;
  uint64_t next_id_ = 0;  // never reused: a key naming a cached context names only that one
};

}  // namespace

std::vector<std::string> container_keywords(uint8_t containers) {
  // Code point order, as the inverse context of compaction wants them.
  static const std::pair<Container, const char*> kOrder[] = {
      {kContainerGraph, "@graph"},       {kContainerId, "@id"},     {kContainerIndex, "@index"},
      {kContainerLanguage, "@language"}, {kContainerList, "@list"}, {kContainerSet, "@set"},
      {kContainerType, "@type"}};
  std::vector<std::string> out;
  for (const auto& [flag, name] : kOrder)
    if (containers & flag) out.emplace_back(name);
  return out;
}

bool TermDefinition::same_except_protected(const TermDefinition& o) const {
  return iri == o.iri && prefix == o.prefix && reverse == o.reverse && type == o.type &&
         has_language == o.has_language && language == o.language &&
         has_direction == o.has_direction && direction == o.direction &&
         containers == o.containers && index == o.index && nest == o.nest &&
         (context == o.context || (context && o.context && *context == *o.context)) &&
         base_url == o.base_url;
}

const TermDefinition* ActiveContext::find(std::string_view term) const {
  if (may_hold(term))
    if (auto it = terms.find(term); it != terms.end()) return it->second.get();
  return fallback ? fallback->find(term) : nullptr;
}

std::shared_ptr<const TermDefinition> ActiveContext::find_shared(std::string_view term) const {
  if (may_hold(term))
    if (auto it = terms.find(term); it != terms.end()) return it->second;
  return fallback ? fallback->find_shared(term) : nullptr;
}

void ActiveContext::set(const std::string& term, std::shared_ptr<const TermDefinition> def) {
  terms[term] = std::move(def);
  longest_term = std::max(longest_term, term.size());
  term_shapes[first_byte(term)] |= shape_bit(term);
}

bool ActiveContext::has_protected_terms() const {
  for (const auto& [term, def] : terms)
    if (def && def->is_protected) return true;
  for (const ActiveContext* f = fallback; f; f = f->fallback)
    for (const auto& [term, def] : f->terms)
      if (def && def->is_protected && find(term) == def.get()) return true;
  return false;
}

std::shared_ptr<const TermDefinition> ActiveContext::take(const std::string& term) {
  auto it = terms.find(term);
  if (!fallback) {
    if (it == terms.end()) return nullptr;
    auto def = std::move(it->second);
    terms.erase(it);
    return def;
  }
  auto def = it != terms.end() ? std::move(it->second) : fallback->find_shared(term);
  if (def) set(term, nullptr);  // hides the fallback's definition
  return def;
}

ContextPtr initial_context(const std::string& base) {
  auto context = std::make_shared<ActiveContext>();
  // Relative references resolve against an absolute IRI only; with anything else they stay
  // relative (and safe mode reports them).
  if (is_absolute_iri(base)) context->base = base;
  context->original_base = base;
  context->cache_key = "i" + base;  // all an initial context holds
  return context;
}

std::optional<std::string_view> expand_iri_view(const ActiveContext& context,
                                                std::string_view value, bool document_relative,
                                                bool vocab, std::string& scratch,
                                                TermDefiner* definer) {
  if (is_keyword(value)) return value;                       // 1
  if (has_keyword_form(value)) return std::nullopt;          // 2 (reserved: ignored)
  if (definer) definer->ensure_defined(std::string(value));  // 3
  const TermDefinition* def = context.find(value);
  auto definition_iri = [](const TermDefinition* d) -> std::optional<std::string_view> {
    if (!d->iri) return std::nullopt;
    return std::string_view(*d->iri);
  };
  if (def && def->iri && is_keyword(*def->iri)) return definition_iri(def);  // 4
  if (vocab && def) return definition_iri(def);                              // 5
  if (value.find(':', 1) != std::string_view::npos) {                        // 6
    size_t colon = value.find(':');
    std::string_view prefix = value.substr(0, colon);
    std::string_view suffix = value.substr(colon + 1);
    if (prefix == "_" || suffix.starts_with("//")) return value;
    if (definer) definer->ensure_defined(std::string(prefix));
    const TermDefinition* prefix_def = context.find(prefix);
    if (prefix_def && prefix_def->iri && prefix_def->prefix) {
      scratch.assign(*prefix_def->iri).append(suffix);
      return std::string_view(scratch);
    }
    if (is_absolute_iri(value)) return value;
  }
  if (vocab && context.vocab) {  // 7
    scratch.assign(*context.vocab).append(value);
    return std::string_view(scratch);
  }
  if (document_relative && context.base) {  // 8
    scratch = resolve_iri(*context.base, value);
    return std::string_view(scratch);
  }
  return value;
}

std::optional<std::string> expand_iri(const ActiveContext& context, std::string_view value,
                                      bool document_relative, bool vocab, TermDefiner* definer) {
  std::string scratch;
  auto iri = expand_iri_view(context, value, document_relative, vocab, scratch, definer);
  if (!iri) return std::nullopt;
  if (iri->data() == scratch.data()) return scratch;
  return std::string(*iri);
}

void ContextProcessor::dropped(std::string message) {
  if (options_.safe)
    diagnostics_.push_back(make_error("jsonld.safe-mode-dropped", "expand", std::move(message)));
}

const ContextProcessor::RemoteContext& ContextProcessor::load_remote(const std::string& url,
                                                                     bool for_import) {
  if (loads_) loads_->push_back(url);
  if (auto it = remote_cache_.find(url); it != remote_cache_.end()) return it->second;
  if (!options_.loader)
    throw JsonLdError("loading remote context failed",
                      "no document loader to dereference the context " + url);
  LoadFingerprint fingerprint = options_.loader->fingerprint(url);  // before: what is loaded
  LoadResult loaded = options_.loader->load(url);
  if (!loaded.ok()) {
    std::string why = loaded.diagnostics.empty() ? "not found" : loaded.diagnostics[0].message;
    throw JsonLdError("loading remote context failed", "cannot load context " + url + ": " + why);
  }
  auto document = std::make_shared<const json>(std::move(loaded.document->document));
  auto context = document->is_object() ? document->find("@context") : document->end();
  if (!document->is_object() || context == document->end())
    throw JsonLdError("invalid remote context", url + " has no top-level @context entry");
  if (for_import && !context->is_object())
    throw JsonLdError("invalid remote context", "the @import " + url + " is not a context map");
  RemoteContext entry{part_of(document, *context), loaded.document->document_url,
                      std::move(fingerprint)};
  if (entry.document_url.empty()) entry.document_url = url;
  return remote_cache_.emplace(url, std::move(entry)).first->second;
}

ContextPtr ContextProcessor::process(const ContextPtr& active, const JsonRef& local,
                                     const std::string& base_url, ProcessFlags flags) {
  int bits = (flags.override_protected ? 1 : 0) | (flags.propagate ? 2 : 0) |
             (flags.validate_scoped ? 4 : 0);
  std::optional<std::string> urls = url_list(*local);
  BuiltKey key{active.get(), urls ? nullptr : local.get(), base_url, urls.value_or(""), bits};
  if (auto it = built_.find(key); it != built_.end()) return it->second.result;
  ContextPtr result = active->cache_key.empty()
                          ? build(*active, active, local, base_url, {}, flags)
                          : process_shared(active, local, base_url, flags, bits, urls);
  built_.emplace(std::move(key), Built{active, local, result});
  return result;
}

ContextPtr ContextProcessor::process_shared(const ContextPtr& active, const JsonRef& local,
                                            const std::string& base_url, ProcessFlags flags,
                                            int bits, const std::optional<std::string>& urls) {
  std::string key = options_.processing_mode;
  key += options_.safe ? "\x1fsafe\x1f" : "\x1f\x1f";
  key += active->cache_key;
  key += '\x1f';
  key += base_url;
  key += '\x1f';
  key += std::to_string(bits);
  key += urls ? "\x1fu" : "\x1fj";
  std::string scratch;
  key += urls ? *urls : context_text(local, scratch);
  SharedContexts& shared = SharedContexts::instance();

  for (const SharedContexts::Entry& entry : shared.find(key)) {
    bool same = true;
    for (const auto& [url, identity] : entry.loads) {
      auto loaded = remote_cache_.find(url);
      LoadFingerprint now = loaded != remote_cache_.end() ? loaded->second.fingerprint
                            : options_.loader             ? options_.loader->fingerprint(url)
                                                          : LoadFingerprint{};
      if (now.kind != LoadFingerprint::Kind::known || now.identity != identity) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    for (const Diagnostic& d : entry.findings) diagnostics_.push_back(d);
    return entry.result;
  }

  // Built from a copy, so that the cached context owns every JSON value it points into.
  JsonRef owned = std::make_shared<const json>(*local);
  std::vector<std::string> loads;
  struct Recording {  // restores the outer state also when processing throws
    std::vector<std::string>*& slot;
    std::vector<std::string>* saved;
    ~Recording() { slot = saved; }
  } recording{loads_, loads_};
  loads_ = &loads;
  size_t findings_before = diagnostics_.size();
  std::shared_ptr<ActiveContext> result = build(*active, active, owned, base_url, {}, flags);

  std::vector<std::pair<std::string, std::string>> fingerprints;
  for (const std::string& url : loads) {
    const LoadFingerprint& f = remote_cache_.at(url).fingerprint;
    if (f.kind != LoadFingerprint::Kind::known) return result;  // not shareable
    std::pair<std::string, std::string> load{url, f.identity};
    if (std::find(fingerprints.begin(), fingerprints.end(), load) == fingerprints.end())
      fingerprints.push_back(std::move(load));
  }
  Diagnostics findings(diagnostics_.begin() + static_cast<std::ptrdiff_t>(findings_before),
                       diagnostics_.end());
  return shared.store(key, std::move(result), std::move(fingerprints), std::move(findings));
}

std::shared_ptr<ActiveContext> ContextProcessor::build(
    const ActiveContext& active, const ContextPtr& active_ptr, const JsonRef& local,
    const std::string& base_url, std::vector<std::string> remote, ProcessFlags flags) {
  if (++builds_ > kMaxContextBuilds)
    throw JsonLdError("context overflow", "more than " + std::to_string(kMaxContextBuilds) +
                                              " contexts processed for one document");
  std::shared_ptr<ActiveContext> result;  // 1
  if (active_ptr) {
    result = std::make_shared<ActiveContext>(active);
    result->cache_key.clear();  // a new context: the cache names it if it stores it
  } else {                      // a validation: the result is thrown away before `active` changes
    result = std::make_shared<ActiveContext>();
    result->base = active.base;
    result->original_base = active.original_base;
    result->vocab = active.vocab;
    result->default_language = active.default_language;
    result->default_direction = active.default_direction;
    result->previous = active.previous;
    result->fallback = &active;
  }
  bool propagate = flags.propagate;  // 2
  if (local->is_object())
    if (auto p = local->find("@propagate"); p != local->end() && p->is_boolean())
      propagate = p->get<bool>();
  if (!propagate && !result->previous)  // 3
    result->previous = active_ptr ? active_ptr : std::make_shared<const ActiveContext>(active);
  if (local->is_array()) {  // 4, 5
    for (const json& item : *local)
      build_one(result, active, part_of(local, item), base_url, remote, flags, propagate);
  } else {
    build_one(result, active, local, base_url, remote, flags, propagate);
  }
  return result;  // 6
}

void ContextProcessor::build_one(std::shared_ptr<ActiveContext>& result,
                                 const ActiveContext& active, const JsonRef& context_ref,
                                 const std::string& base_url, std::vector<std::string>& remote,
                                 ProcessFlags flags, bool propagate) {
  const json& context = *context_ref;
  if (context.is_null()) {  // 5.1
    // The spec tests the context processing started from; testing the result also catches
    // protected terms defined earlier in the same array.
    if (!flags.override_protected && result->has_protected_terms())
      throw JsonLdError("invalid context nullification",
                        "a null context would clear protected terms");
    auto fresh = std::make_shared<ActiveContext>();
    if (is_absolute_iri(active.original_base)) fresh->base = active.original_base;
    fresh->original_base = active.original_base;
    if (!propagate) fresh->previous = result;
    result = std::move(fresh);
    return;
  }
  if (context.is_string()) {  // 5.2
    const std::string& ref = context.get_ref<const std::string&>();
    std::string url;
    if (is_absolute_iri(ref))
      url = ref;
    else if (is_absolute_iri(base_url))
      url = resolve_iri(base_url, ref);
    else
      throw JsonLdError("loading document failed",
                        "relative context reference " + ref + " without a base URL");
    if (!flags.validate_scoped && std::find(remote.begin(), remote.end(), url) != remote.end())
      return;
    if (remote.size() >= kMaxRemoteContexts)
      throw JsonLdError("context overflow", "more than " + std::to_string(kMaxRemoteContexts) +
                                                " nested remote contexts at " + url);
    remote.push_back(url);
    const RemoteContext& loaded = load_remote(url, false);
    // The spec passes neither flag on here; override protected is kept (as jsonld.js does)
    // so that a scoped context given by URL behaves as the same context given inline.
    ProcessFlags inner;
    inner.override_protected = flags.override_protected;
    inner.validate_scoped = flags.validate_scoped;
    result = build(*result, result, loaded.context, loaded.document_url, remote, inner);
    return;
  }
  if (!context.is_object())  // 5.3
    throw JsonLdError("invalid local context", "a context must be null, a string or a map");
  JsonRef definition = context_ref;

  if (auto v = context.find("@version"); v != context.end()) {  // 5.5
    if (!v->is_number() || v->get<double>() != 1.1)
      throw JsonLdError("invalid @version value", "@version must be 1.1, not " + v->dump());
    if (json_ld_10())
      throw JsonLdError("processing mode conflict", "@version 1.1 in json-ld-1.0 mode");
  }
  if (auto imp = context.find("@import"); imp != context.end()) {  // 5.6
    if (json_ld_10()) throw JsonLdError("invalid context entry", "@import in json-ld-1.0 mode");
    if (!imp->is_string()) throw JsonLdError("invalid @import value", "@import must be a string");
    const std::string& ref = imp->get_ref<const std::string&>();
    std::string url = is_absolute_iri(base_url) ? resolve_iri(base_url, ref) : ref;
    const RemoteContext& imported = load_remote(url, true);
    if (imported.context->contains("@import"))
      throw JsonLdError("invalid context entry",
                        "the imported context " + url + " has an @import itself");
    auto merged = std::make_shared<json>(*imported.context);
    for (const auto& [key, value] : context.items()) (*merged)[key] = value;
    definition = std::move(merged);
  }
  const json& ctx = *definition;

  if (auto b = ctx.find("@base"); b != ctx.end() && remote.empty()) {  // 5.7
    if (b->is_null()) {
      result->base.reset();
    } else if (b->is_string() && is_absolute_iri(b->get_ref<const std::string&>())) {
      result->base = b->get<std::string>();
    } else if (b->is_string() && result->base) {
      result->base = resolve_iri(*result->base, b->get_ref<const std::string&>());
    } else {
      throw JsonLdError("invalid base IRI", "@base " + b->dump() + " cannot be resolved");
    }
  }
  if (auto v = ctx.find("@vocab"); v != ctx.end()) {  // 5.8
    if (v->is_null()) {
      result->vocab.reset();
    } else {
      if (!v->is_string()) throw JsonLdError("invalid vocab mapping", "@vocab must be a string");
      const std::string& value = v->get_ref<const std::string&>();
      if (json_ld_10() && !is_absolute_iri(value) && !is_blank_node_id(value))
        throw JsonLdError("invalid vocab mapping", "relative @vocab in json-ld-1.0 mode");
      auto vocab = expand_iri(*result, value, true, true);
      if (!vocab || is_keyword(*vocab))
        throw JsonLdError("invalid vocab mapping", "@vocab " + value + " is not an IRI");
      if (!is_absolute_iri(*vocab) && !is_blank_node_id(*vocab))
        dropped("@vocab \"" + *vocab +
                "\" is a relative IRI reference (terms expanded with it are dropped in RDF)");
      result->vocab = std::move(*vocab);
    }
  }
  if (auto l = ctx.find("@language"); l != ctx.end()) {  // 5.9
    if (l->is_null()) {
      result->default_language.reset();
    } else if (l->is_string()) {
      if (!is_well_formed_language(l->get_ref<const std::string&>()))
        dropped("default @language \"" + l->get<std::string>() +
                "\" is not a well-formed language tag (dropped in RDF)");
      result->default_language = ascii_lowercase(l->get<std::string>());
    } else {
      throw JsonLdError("invalid default language", "@language must be a string or null");
    }
  }
  if (auto d = ctx.find("@direction"); d != ctx.end()) {  // 5.10
    if (json_ld_10()) throw JsonLdError("invalid context entry", "@direction in json-ld-1.0 mode");
    if (d->is_null())
      result->default_direction.reset();
    else if (*d == "ltr" || *d == "rtl")
      result->default_direction = d->get<std::string>();
    else
      throw JsonLdError("invalid base direction", "@direction must be ltr, rtl or null");
  }
  if (auto p = ctx.find("@propagate"); p != ctx.end()) {  // 5.11
    if (json_ld_10()) throw JsonLdError("invalid context entry", "@propagate in json-ld-1.0 mode");
    if (!p->is_boolean())
      throw JsonLdError("invalid @propagate value", "@propagate must be true or false");
  }
  bool protect = false;
  if (auto p = ctx.find("@protected"); p != ctx.end()) {
    if (!p->is_boolean())
      throw JsonLdError("invalid @protected value", "@protected must be true or false");
    protect = p->get<bool>();
  }
  TermCreator creator(*this, *result, definition, base_url, protect, flags, remote);  // 5.12
  for (const auto& [key, value] : ctx.items())                                        // 5.13
    if (!is_context_setting(key)) creator.create(key);
}

}  // namespace credgate::jsonld
