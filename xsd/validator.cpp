#include "xsd/validator.hpp"

#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLGrammarPoolImpl.hpp>
#include <xercesc/parsers/SAX2XMLReaderImpl.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/TransService.hpp>
#include <xercesc/util/XMLEntityResolver.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLNetAccessor.hpp>
#include <xercesc/util/XMLResourceIdentifier.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <unordered_map>

#include "xsd/schema_prolog.hpp"

namespace credgate::xsd {

namespace xc = XERCES_CPP_NAMESPACE;

namespace {

constexpr size_t kMaxErrors = 100;

void init_xerces() {
  static std::once_flag once;
  // Never terminated: pools and per-thread parsers live until the process ends.
  std::call_once(once, [] {
    xc::XMLPlatformUtils::Initialize();
    // No network for Xerces in this process, whatever a resolver or a feature forgets:
    // without a net accessor an http(s) URL cannot be opened.
    delete xc::XMLPlatformUtils::fgNetAccessor;
    xc::XMLPlatformUtils::fgNetAccessor = nullptr;
  });
}

std::string utf8(const XMLCh* s) {
  if (!s) return {};
  xc::TranscodeToStr t(s, "UTF-8");
  return std::string(reinterpret_cast<const char*>(t.str()), t.length());
}

std::string one_line(std::string s) {
  for (auto& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

// RFC 3986 reference resolution is more than the schemas need: they name imports either by
// absolute URL or by a bare file name next to the importing schema.
std::string resolve_url(const std::string& reference, const std::string& base) {
  if (reference.find("://") != std::string::npos || reference.rfind("urn:", 0) == 0)
    return reference;
  size_t slash = base.rfind('/');
  std::string dir = slash == std::string::npos ? "" : base.substr(0, slash + 1);
  std::string rel = reference;
  while (rel.rfind("./", 0) == 0) rel = rel.substr(2);
  while (rel.rfind("../", 0) == 0 && dir.size() > 1) {
    size_t up = dir.rfind('/', dir.size() - 2);
    if (up == std::string::npos || dir.substr(0, up).find("://") == std::string::npos) break;
    dir = dir.substr(0, up + 1);
    rel = rel.substr(3);
  }
  return dir + rel;
}

// An empty document, handed out instead of "not found": Xerces falls back to opening a URL
// itself when a resolver returns nothing.
xc::InputSource* empty_source(const std::string& url) {
  static const XMLByte nothing[1] = {0};
  return new xc::MemBufInputSource(nothing, 0, url.c_str(), false);
}

// The DTD that schema documents of the 2001 era declare (the bundled XMLDSig schema does).
// It only defines the schema language's own elements and a few parameter entities, so it is
// ignored (read as empty), never fetched.
bool is_ignored_dtd(const std::string& url) {
  return url == "http://www.w3.org/2001/XMLSchema.dtd" ||
         url == "http://www.w3.org/2001/datatypes.dtd";
}

// Hands Xerces the bundled bytes for a schema URL. Anything else is refused and recorded,
// so a schema can never reach the network or the file system.
class CatalogResolver : public xc::XMLEntityResolver {
 public:
  explicit CatalogResolver(const std::map<std::string, std::string>& index) : index_(index) {}
  xc::InputSource* resolveEntity(xc::XMLResourceIdentifier* id) override {
    std::string system = utf8(id->getSystemId());
    std::string base = utf8(id->getBaseURI());
    std::string url = resolve_url(system, base);
    if (is_ignored_dtd(url)) return empty_source(url);
    auto it = index_.find(url);
    if (it == index_.end()) {
      unresolved.push_back({url, base});
      return empty_source(url);
    }
    const auto& text = it->second;
    return new xc::MemBufInputSource(reinterpret_cast<const XMLByte*>(text.data()), text.size(),
                                     url.c_str(), false);
  }
  std::vector<std::pair<std::string, std::string>> unresolved;  // url, importing schema

 private:
  const std::map<std::string, std::string>& index_;
};

// Instance documents may name nothing external: every request is refused and recorded.
class RefusingResolver : public xc::XMLEntityResolver {
 public:
  xc::InputSource* resolveEntity(xc::XMLResourceIdentifier* id) override {
    refused.push_back(utf8(id->getSystemId()));
    return empty_source(refused.back());
  }
  std::vector<std::string> refused;
};

// Collects Xerces errors; for instance documents also counts elements, so each error can be
// pinned to the element it concerns (see Collector::pin).
class Collector : public xc::DefaultHandler {
 public:
  struct Entry {
    Severity severity;
    bool fatal;
    std::string message;
    int line, column;
    size_t element;  // ordinal (1-based, document order) of the element; 0: the document
  };
  std::vector<Entry> entries;
  size_t dropped = 0;

  void warning(const xc::SAXParseException& e) override { add(Severity::Warning, false, e); }
  void error(const xc::SAXParseException& e) override { add(Severity::Error, false, e); }
  void fatalError(const xc::SAXParseException& e) override { add(Severity::Error, true, e); }

  // Xerces reports a problem of an element's start tag (attributes, an unexpected element)
  // before startElement of that element, and a problem of its content (a value, a content
  // model) before its endElement: so a pending error belongs to the element started or
  // ended next.
  void startElement(const XMLCh*, const XMLCh*, const XMLCh*, const xc::Attributes&) override {
    ++count_;
    pin(count_);
    stack_.push_back(count_);
  }
  void endElement(const XMLCh*, const XMLCh*, const XMLCh*) override {
    pin(stack_.empty() ? 0 : stack_.back());
    if (!stack_.empty()) stack_.pop_back();
  }
  void endDocument() override { pin(0); }
  void finish() { pin(0); }

 private:
  void add(Severity severity, bool fatal, const xc::SAXParseException& e) {
    if (entries.size() >= kMaxErrors) {
      ++dropped;
      return;
    }
    entries.push_back({severity, fatal, one_line(utf8(e.getMessage())),
                       static_cast<int>(e.getLineNumber()), static_cast<int>(e.getColumnNumber()),
                       0});
    pending_.push_back(entries.size() - 1);
  }
  void pin(size_t element) {
    for (size_t i : pending_) entries[i].element = element;
    pending_.clear();
  }
  size_t count_ = 0;
  std::vector<size_t> stack_;
  std::vector<size_t> pending_;
};

void set_common_features(xc::SAX2XMLReader& r) {
  r.setFeature(xc::XMLUni::fgSAX2CoreNameSpaces, true);
  r.setFeature(xc::XMLUni::fgSAX2CoreValidation, true);
  r.setFeature(xc::XMLUni::fgXercesDynamic, false);
  r.setFeature(xc::XMLUni::fgXercesSchema, true);
  r.setFeature(xc::XMLUni::fgXercesHandleMultipleImports, true);
  r.setFeature(xc::XMLUni::fgXercesLoadExternalDTD, false);
  r.setFeature(xc::XMLUni::fgXercesSkipDTDValidation, true);
  r.setFeature(xc::XMLUni::fgXercesDisableDefaultEntityResolution, true);
  r.setFeature(xc::XMLUni::fgXercesIdentityConstraintChecking, true);
}

// Xerces reports "element 'X' is not allowed for content model '(a,b?,c*)'" at the parent's
// end tag, without saying which child failed. The model string is Xerces' own rendering of
// the content model, so the failing child can be found again: match the parent's children
// against it and take the furthest child any path reaches (for the deterministic models XSD
// requires, exactly where Xerces' automaton stopped). Hand-written: Xerces does not expose
// the failing index. Names compare by local name; a token we do not know (wildcards) matches
// any child.
class ModelMatcher {
 public:
  ModelMatcher(std::string_view model, const std::vector<std::string>& children)
      : model_(model), children_(children) {}

  // Index of the child where matching stops; nullopt when the model does not parse.
  std::optional<size_t> failing_child() {
    pos_ = 0;
    std::set<size_t> ends;
    if (!particle({0}, ends) || pos_ != model_.size()) return std::nullopt;
    return furthest_;
  }

 private:
  using Set = std::set<size_t>;
  void skip() {
    while (pos_ < model_.size() && model_[pos_] == ' ') ++pos_;
  }
  // particle := (group | name) [?*+]
  bool particle(const Set& starts, Set& ends) {
    skip();
    if (pos_ >= model_.size()) return false;
    size_t begin = pos_;
    bool ok;
    Set once;
    if (model_[pos_] == '(') {
      ++pos_;
      ok = group(starts, once);
      skip();
      if (!ok || pos_ >= model_.size() || model_[pos_] != ')') return false;
      ++pos_;
    } else {
      size_t e = pos_;
      while (e < model_.size() &&
             std::string_view("(),|?*+ ").find(model_[e]) == std::string_view::npos)
        ++e;
      if (e == pos_) return false;
      std::string name(model_.substr(pos_, e - pos_));
      pos_ = e;
      size_t colon = name.rfind(':');
      if (colon != std::string::npos && name.rfind("##", 0) != 0) name = name.substr(colon + 1);
      bool wildcard = name.rfind("##", 0) == 0 || name == "*";
      for (size_t p : starts)
        if (p < children_.size() && (wildcard || children_[p] == name)) {
          once.insert(p + 1);
          furthest_ = std::max(furthest_, p + 1);
        }
      ok = true;
    }
    char op = pos_ < model_.size() ? model_[pos_] : '\0';
    if (op == '?' || op == '*' || op == '+') {
      ++pos_;
      size_t after = pos_;
      Set all = once;
      if (op != '?') {  // repeat the particle from what it reached until nothing new
        Set frontier = once;
        while (!frontier.empty()) {
          Set next;
          pos_ = begin;
          if (!particle_once(frontier, next)) return false;
          frontier.clear();
          for (size_t p : next)
            if (all.insert(p).second) frontier.insert(p);
        }
        pos_ = after;
      }
      if (op != '+') all.insert(starts.begin(), starts.end());
      ends.insert(all.begin(), all.end());
      return ok;
    }
    ends.insert(once.begin(), once.end());
    return ok;
  }
  // The particle at pos_ without its suffix (used for repetition).
  bool particle_once(const Set& starts, Set& ends) {
    skip();
    if (model_[pos_] == '(') {
      ++pos_;
      bool ok = group(starts, ends);
      skip();
      if (!ok || pos_ >= model_.size() || model_[pos_] != ')') return false;
      ++pos_;
      return true;
    }
    size_t end_name = pos_;
    while (end_name < model_.size() &&
           std::string_view("(),|?*+ ").find(model_[end_name]) == std::string_view::npos)
      ++end_name;
    std::string_view saved = model_;
    model_ = model_.substr(0, end_name);  // parse the bare name only
    bool ok = particle(starts, ends);
    model_ = saved;
    return ok;
  }
  // group := particle ((',' particle)* | ('|' particle)*)
  bool group(const Set& starts, Set& ends) {
    Set current;
    if (!particle(starts, current)) return false;
    skip();
    char sep = pos_ < model_.size() ? model_[pos_] : '\0';
    if (sep != ',' && sep != '|') {
      ends.insert(current.begin(), current.end());
      return true;
    }
    Set alternatives = current;
    while (pos_ < model_.size() && model_[pos_] == sep) {
      ++pos_;
      Set next;
      if (!particle(sep == ',' ? current : starts, next)) return false;
      if (sep == ',')
        current = std::move(next);
      else
        alternatives.insert(next.begin(), next.end());
      skip();
    }
    const Set& result = sep == ',' ? current : alternatives;
    ends.insert(result.begin(), result.end());
    return true;
  }

  std::string_view model_;
  const std::vector<std::string>& children_;
  size_t pos_ = 0;
  size_t furthest_ = 0;
};

// 1-based column of `element`'s start tag: libxml2 keeps lines only. The tag is the n-th
// "<qname" on its line, n counting the same-named siblings before it on that line.
int start_tag_column(std::string_view bytes, const xmlNode* element) {
  long line = xmlGetLineNo(element);
  if (line <= 0) return 0;
  std::string qname = reinterpret_cast<const char*>(element->name);
  if (element->ns && element->ns->prefix)
    qname = std::string(reinterpret_cast<const char*>(element->ns->prefix)) + ":" + qname;
  int before = 0;
  for (const xmlNode* s = element->prev; s; s = s->prev)
    if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, element->name) &&
        xmlGetLineNo(s) == line)
      ++before;
  size_t start = 0;
  for (long l = 1; l < line; ++l) {
    start = bytes.find('\n', start);
    if (start == std::string_view::npos) return 0;
    ++start;
  }
  size_t end = bytes.find('\n', start);
  std::string_view text =
      bytes.substr(start, end == std::string_view::npos ? bytes.npos : end - start);
  std::string tag = "<" + qname;
  size_t at = 0;
  for (int k = 0;; ++k) {
    at = text.find(tag, at);
    if (at == std::string_view::npos) return 0;
    size_t after = at + tag.size();
    bool whole = after >= text.size() ||
                 std::string_view(" \t\r/>").find(text[after]) != std::string_view::npos;
    if (whole && k == before) return static_cast<int>(at) + 1;
    if (!whole) --k;
    at = after;
  }
}

// For "element 'X' is not allowed for content model 'M'" on `parent`: the failing child.
const xmlNode* failing_child(const xmlNode* parent, const std::string& message) {
  static const std::string head = "is not allowed for content model '";
  size_t at = message.find(head);
  if (!parent || at == std::string::npos || message.back() != '\'') return nullptr;
  std::string model = message.substr(at + head.size(), message.size() - at - head.size() - 1);
  std::vector<const xmlNode*> nodes;
  std::vector<std::string> names;
  for (const xmlNode* c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) {
      nodes.push_back(c);
      names.emplace_back(reinterpret_cast<const char*>(c->name));
    }
  auto index = ModelMatcher(model, names).failing_child();
  if (!index || *index >= nodes.size()) return nullptr;
  return nodes[*index];
}

}  // namespace

// A set's grammar pool is built on first use (Xerces takes 50-300 ms per EDCI schema, and most
// processes need one set or none); its imports were checked to resolve at construction.
struct SchemaSet {
  std::string id;
  std::string name;
  std::string entry_url;
  std::vector<std::string> roots;
  std::vector<std::string> locations;  // xsi:schemaLocation URLs that select it; none = default
  std::once_flag once;
  std::unique_ptr<xc::XMLGrammarPool> pool;  // set and locked once loaded
  Diagnostics problems;                      // why it cannot be used (static check or Xerces)
};

namespace {

xc::SecurityManager& security_manager() {
  static xc::SecurityManager* manager = [] {
    auto* m = new xc::SecurityManager();
    m->setEntityExpansionLimit(64);
    return m;
  }();
  return *manager;
}

// XMLEntityResolver (which sees the importing schema's URL) is on the implementation class
// only; XMLReaderFactory always makes one.
void set_resolver(xc::SAX2XMLReader& r, xc::XMLEntityResolver* resolver) {
  dynamic_cast<xc::SAX2XMLReaderImpl&>(r).setXMLEntityResolver(resolver);
}

std::unique_ptr<xc::SAX2XMLReader> make_instance_reader(xc::XMLGrammarPool* pool) {
  std::unique_ptr<xc::SAX2XMLReader> r(
      xc::XMLReaderFactory::createXMLReader(xc::XMLPlatformUtils::fgMemoryManager, pool));
  set_common_features(*r);
  // Only the preparsed grammars: schemaLocation hints in documents are ignored.
  r->setFeature(xc::XMLUni::fgXercesLoadSchema, false);
  r->setFeature(xc::XMLUni::fgXercesUseCachedGrammarInParse, true);
  r->setFeature(xc::XMLUni::fgXercesCacheGrammarFromParse, false);
  // Xerces' SAX2 reader has no "disallow DOCTYPE" switch: parse_xml has refused any DOCTYPE
  // before Xerces sees the bytes; should one slip through, entity expansion stays bounded
  // and the resolver refuses every external entity.
  r->setProperty(xc::XMLUni::fgXercesSecurityManager, &security_manager());
  r->setFeature(xc::XMLUni::fgXercesSchemaFullChecking, false);
  return r;
}

}  // namespace

SchemaCache::SchemaCache(const std::vector<BundledSchema>& schemas,
                         const std::vector<BundledSchemaSet>& sets) {
  init_xerces();
  // url -> the bytes Xerces reads (the bundled text, prolog DOCTYPE blanked: schema_prolog.hpp)
  for (const auto& s : schemas) {
    index_[std::string(s.url)] = without_doctype(s.text);
    urls_.emplace_back(s.url);
  }
  for (const auto& spec : sets) {
    auto set = std::make_unique<SchemaSet>();
    set->id = spec.id;
    set->name = spec.name;
    set->entry_url = spec.entry_url;
    for (const auto& r : spec.roots) set->roots.emplace_back(r);
    for (const auto& l : spec.locations) set->locations.emplace_back(l);
    // Every import and include must resolve to a bundled schema: checked now, for every set,
    // so a broken bundle is an error at start-up even for sets no document has used yet.
    set->problems = unresolved_imports(*set);
    for (const auto& d : set->problems) load_diagnostics_.push_back(d);
    sets_.push_back(std::move(set));
  }
}

Diagnostics SchemaCache::unresolved_imports(const SchemaSet& set) const {
  Diagnostics problems;
  auto fail = [&](const std::string& message) {
    problems.push_back(make_error("internal.xsd.schema-load", "validate",
                                  "schema set " + set.id + ": " + message));
  };
  if (!index_.count(set.entry_url)) {
    fail("entry schema " + set.entry_url + " is not bundled");
    return problems;
  }
  // xs:import / xs:include / xs:redefine schemaLocation attributes, whatever the prefix. A
  // regular expression is enough here: the texts are our own bundled schemas, and Xerces
  // parses them properly when the set loads.
  static const std::regex reference(
      R"(<([A-Za-z_][\w.-]*:)?(import|include|redefine)\b[^>]*?schemaLocation\s*=\s*["']([^"']+)["'])");
  std::vector<std::string> todo = {set.entry_url};
  std::set<std::string> seen = {set.entry_url};
  while (!todo.empty()) {
    std::string url = todo.back();
    todo.pop_back();
    const std::string& text = index_.at(url);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), reference);
         it != std::sregex_iterator(); ++it) {
      std::string target = resolve_url((*it)[3].str(), url);
      if (!seen.insert(target).second) continue;
      if (!index_.count(target)) {
        fail("import " + target + " does not resolve to a bundled schema (imported from " + url +
             "); add it to xsd/schemas/index.json");
        continue;
      }
      todo.push_back(target);
    }
  }
  return problems;
}

const SchemaSet* SchemaCache::loaded(SchemaSet& set) const {
  std::call_once(set.once, [&] {
    if (!set.problems.empty()) return;
    auto pool = std::make_unique<xc::XMLGrammarPoolImpl>(xc::XMLPlatformUtils::fgMemoryManager);
    Diagnostics& problems = set.problems;
    auto fail = [&](const std::string& message, int line = 0, int column = 0,
                    const std::string& where = {}) {
      Diagnostic d = make_error("internal.xsd.schema-load", "validate",
                                "schema set " + set.id + ": " + message, where);
      d.line = line;
      d.column = column;
      problems.push_back(std::move(d));
    };
    auto entry = index_.find(std::string(set.entry_url));
    if (entry == index_.end()) {
      fail("entry schema " + std::string(set.entry_url) + " is not bundled");
    } else {
      CatalogResolver resolver(index_);
      Collector collector;
      try {
        std::unique_ptr<xc::SAX2XMLReader> loader(xc::XMLReaderFactory::createXMLReader(
            xc::XMLPlatformUtils::fgMemoryManager, pool.get()));
        set_common_features(*loader);
        loader->setFeature(xc::XMLUni::fgXercesSchemaFullChecking, true);
        set_resolver(*loader, &resolver);
        loader->setErrorHandler(&collector);
        const auto& text = entry->second;
        xc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(text.data()), text.size(),
                                     std::string(set.entry_url).c_str(), false);
        if (!loader->loadGrammar(source, xc::Grammar::SchemaGrammarType, true))
          fail("Xerces did not build a grammar from " + std::string(set.entry_url));
      } catch (const xc::XMLException& e) {
        fail("Xerces: " + utf8(e.getMessage()));
      } catch (const xc::SAXException& e) {
        fail("Xerces: " + utf8(e.getMessage()));
      }
      for (const auto& e : collector.entries)
        if (e.severity == Severity::Error) fail(e.message, e.line, e.column);
      // The import that did not resolve is the cause of what Xerces says next: first.
      Diagnostics causes;
      for (const auto& [url, from] : resolver.unresolved)
        causes.push_back(make_error("internal.xsd.schema-load", "validate",
                                    "schema set " + set.id + ": " + "import " + url +
                                        " does not resolve to a bundled schema (imported from " +
                                        from + "); add it to xsd/schemas/index.json"));
      problems.insert(problems.begin(), causes.begin(), causes.end());
    }
    if (problems.empty()) {
      pool->lockPool();
      set.pool = std::move(pool);
    }
  });
  return set.pool ? &set : nullptr;
}

Diagnostics SchemaCache::load_all() const {
  Diagnostics out;
  for (const auto& set : sets_)
    if (!loaded(*set))
      for (const auto& d : set->problems) out.push_back(d);
  return out;
}

SchemaCache::~SchemaCache() = default;

const SchemaCache& SchemaCache::bundled() {
  // Built once, never destroyed: per-thread parsers point into its pools until exit.
  static const SchemaCache* cache = [] {
    auto* c = new SchemaCache(bundled_schemas(), bundled_schema_sets());
    c->per_thread_parsers_ = true;
    return c;
  }();
  return *cache;
}

std::vector<std::string> SchemaCache::set_ids() const {
  std::vector<std::string> out;
  for (const auto& s : sets_) out.push_back(s->id);
  return out;
}

namespace {

// The URLs of the root's xsi:schemaLocation (namespace / URL pairs; the URLs only).
std::vector<std::string> schema_location_urls(const xmlNode* root) {
  std::vector<std::string> urls;
  xmlChar* hint = xmlGetNsProp(root, BAD_CAST "schemaLocation",
                               BAD_CAST "http://www.w3.org/2001/XMLSchema-instance");
  if (!hint) return urls;
  std::string list = reinterpret_cast<const char*>(hint);
  xmlFree(hint);
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && std::isspace(static_cast<unsigned char>(list[i]))) ++i;
    size_t j = i;
    while (j < list.size() && !std::isspace(static_cast<unsigned char>(list[j]))) ++j;
    if (j > i) tokens.push_back(list.substr(i, j - i));
    i = j;
  }
  for (size_t k = 1; k < tokens.size(); k += 2) urls.push_back(tokens[k]);
  return urls;
}

}  // namespace

// The set for a document: one whose locations its xsi:schemaLocation names (the EDCI 1.x
// versions share one namespace and root, so only the document can say which it is), else the
// set without locations that validates its root element.
SchemaSet* SchemaCache::select(const xmlNode* root) const {
  std::string name = clark_name(root);
  auto has_root = [&](const SchemaSet& s) {
    return std::find(s.roots.begin(), s.roots.end(), name) != s.roots.end();
  };
  for (const auto& url : schema_location_urls(root))
    for (const auto& s : sets_)
      if (has_root(*s) &&
          std::find(s->locations.begin(), s->locations.end(), url) != s->locations.end())
        return s.get();
  for (const auto& s : sets_)
    if (has_root(*s) && s->locations.empty()) return s.get();
  return nullptr;
}

ValidationResult SchemaCache::validate(std::string_view bytes, const XmlLimits& limits) const {
  ParsedXml parsed = parse_xml(bytes, limits);
  ValidationResult result;
  if (!parsed.ok()) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  if (SchemaSet* set = select(root)) return use(*set, parsed, bytes);
  std::string name = clark_name(root);
  result.root = name;
  std::string message = "no bundled schema for root element " + name;
  std::string local = reinterpret_cast<const char*>(root->name);
  std::string hint, versioned;
  for (const auto& s : sets_)
    for (const auto& r : s->roots) {
      if (r == name) {
        for (const auto& l : s->locations) versioned += (versioned.empty() ? "" : ", ") + l;
      } else if (r.size() > local.size() &&
                 r.compare(r.size() - local.size(), local.size(), local) == 0 &&
                 r[r.size() - local.size() - 1] == '}') {
        hint += (hint.empty() ? "" : ", ") + r + " (" + s->id + ")";
      }
    }
  if (!versioned.empty())
    message +=
        "; its schemas are bundled by version, chosen by the xsi:schemaLocation the "
        "document gives, one of: " +
        versioned;
  if (!hint.empty()) message += "; bundled schemas validate " + hint;
  Diagnostic d = make_error("check.xsd.no-schema", "validate", message, xpath_of(root));
  d.line = static_cast<int>(xmlGetLineNo(root));
  result.diagnostics.push_back(std::move(d));
  return result;
}

ValidationResult SchemaCache::validate_with(std::string_view set_id, std::string_view bytes,
                                            const XmlLimits& limits) const {
  ParsedXml parsed = parse_xml(bytes, limits);
  ValidationResult result;
  result.schema_set = set_id;
  if (!parsed.ok()) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  result.root = clark_name(xmlDocGetRootElement(parsed.doc.get()));
  for (const auto& s : sets_)
    if (s->id == set_id) return use(*s, parsed, bytes);
  result.diagnostics.push_back(
      make_error("usage.xsd.unknown-set", "validate", "no schema set " + std::string(set_id)));
  return result;
}

// Loads the set if needed; one that cannot load is an internal error, never a pass.
ValidationResult SchemaCache::use(SchemaSet& set, const ParsedXml& parsed,
                                  std::string_view bytes) const {
  if (loaded(set)) return run(&set, parsed, bytes);
  ValidationResult result;
  result.schema_set = set.id;
  result.root = clark_name(xmlDocGetRootElement(parsed.doc.get()));
  result.diagnostics.push_back(make_error(
      "internal.xsd.schema-load", "validate",
      "schema set " + set.id + " did not load: " +
          (set.problems.empty() ? std::string("unknown reason") : set.problems[0].message)));
  return result;
}

ValidationResult SchemaCache::run(const SchemaSet* set, const ParsedXml& parsed,
                                  std::string_view bytes) const {
  ValidationResult result;
  result.schema_set = set->id;
  result.root = clark_name(xmlDocGetRootElement(parsed.doc.get()));
  // One parser per thread and set for the bundled cache (the common case: batches); other
  // caches (tests) use a fresh parser, so none outlives its pool.
  thread_local std::unordered_map<const SchemaSet*, std::unique_ptr<xc::SAX2XMLReader>> readers;
  std::unique_ptr<xc::SAX2XMLReader> own;
  xc::SAX2XMLReader* reader;
  if (per_thread_parsers_) {
    auto& slot = readers[set];
    if (!slot) slot = make_instance_reader(set->pool.get());
    reader = slot.get();
  } else {
    own = make_instance_reader(set->pool.get());
    reader = own.get();
  }
  Collector collector;
  RefusingResolver resolver;
  reader->setContentHandler(&collector);
  reader->setErrorHandler(&collector);
  set_resolver(*reader, &resolver);
  try {
    xc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(bytes.data()), bytes.size(),
                                 "input", false);
    reader->parse(source);
  } catch (const xc::XMLException& e) {
    result.diagnostics.push_back(
        make_error("internal.xsd", "validate", "Xerces: " + one_line(utf8(e.getMessage()))));
  } catch (const xc::SAXException& e) {
    result.diagnostics.push_back(
        make_error("internal.xsd", "validate", "Xerces: " + one_line(utf8(e.getMessage()))));
  }
  reader->setContentHandler(nullptr);
  reader->setErrorHandler(nullptr);
  set_resolver(*reader, nullptr);
  collector.finish();

  auto elements = elements_in_order(parsed.doc.get());
  for (const auto& e : collector.entries) {
    std::string where = "/";
    int line = e.line, column = e.column;
    if (e.element > 0 && e.element <= elements.size()) {
      const xmlNode* node = elements[e.element - 1];
      if (const xmlNode* child = failing_child(node, e.message)) {
        node = child;  // the element itself, at its start tag
        line = static_cast<int>(xmlGetLineNo(child));
        column = start_tag_column(bytes, child);
      }
      where = xpath_of(node);
    }
    Diagnostic d;
    d.severity = e.severity;
    d.code = e.fatal ? "xml.syntax"
                     : (e.severity == Severity::Error ? "check.xsd.invalid" : "xsd.warning");
    d.stage = "validate";
    d.message = e.message;
    d.location = where;
    d.line = line;
    d.column = column;
    result.diagnostics.push_back(std::move(d));
  }
  if (collector.dropped > 0)
    result.diagnostics.push_back(make_error("check.xsd.invalid", "validate",
                                            std::to_string(collector.dropped) +
                                                " more schema errors not listed (first " +
                                                std::to_string(kMaxErrors) + " shown)"));
  for (const auto& url : resolver.refused)
    result.diagnostics.push_back(
        make_error("xml.external-refused", "validate",
                   "the document names an external resource, refused: " + url));
  // Documents name their schema with xsi:schemaLocation; only bundled grammars are used, so
  // say when the one named is not what we validated against.
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  for (const auto& url : schema_location_urls(root)) {
    bool known =
        std::find(urls_.begin(), urls_.end(), url) != urls_.end() ||
        std::find(set->locations.begin(), set->locations.end(), url) != set->locations.end();
    if (known) continue;
    Diagnostic d = make_warning("xsd.schema-location-not-bundled", "validate",
                                "the document names schema " + url +
                                    " (xsi:schemaLocation), which is not bundled; validated "
                                    "against " +
                                    set->id + " (" + set->name + ")",
                                xpath_of(root) + "/@xsi:schemaLocation");
    d.severity = Severity::Info;  // a note for the JSON report, not a problem
    d.line = static_cast<int>(xmlGetLineNo(root));
    result.diagnostics.push_back(std::move(d));
  }
  result.validated = true;
  result.valid = !has_error(result.diagnostics);
  return result;
}

}  // namespace credgate::xsd
