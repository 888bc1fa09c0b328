#include "jsonld/term_check.hpp"

#include <map>
#include <string>
#include <unordered_set>
#include <variant>
#include <vector>

#include "jsonld/bundled_contexts.hpp"

namespace credgate::jsonld {
namespace {

using json = nlohmann::json;

// What a context document defines, collected over its scoped contexts too (an
// over-approximation: a term defined in any scope counts as defined everywhere).
struct Terms {
  std::unordered_set<std::string> terms;
  std::unordered_set<std::string> maps;   // @container @language/@index/@id/@type: keys are data
  std::unordered_set<std::string> jsons;  // @type @json: the value is a literal
  bool vocab = false;                     // an @vocab maps every other key
};

bool is_map_container(const json& container) {
  auto one = [](const json& c) {
    // @graph alone is not a map: {"@container": "@graph"} holds a node (a VC proof).
    return c.is_string() && (c == "@language" || c == "@index" || c == "@id" || c == "@type");
  };
  if (container.is_array()) {
    for (const auto& c : container)
      if (one(c)) return true;
    return false;
  }
  return one(container);
}

void collect(const json& context, Terms& out) {
  if (context.is_array()) {
    for (const auto& c : context) collect(c, out);
    return;
  }
  if (!context.is_object()) return;  // a URL inside a context: its own entry covers it
  if (context.contains("@vocab") && !context["@vocab"].is_null()) out.vocab = true;
  for (auto it = context.begin(); it != context.end(); ++it) {
    const std::string& key = it.key();
    if (key.empty() || key[0] == '@') continue;
    out.terms.insert(key);
    const json& def = it.value();
    if (!def.is_object()) continue;
    if (def.contains("@container") && is_map_container(def["@container"])) out.maps.insert(key);
    if (def.contains("@type") && def["@type"] == "@json") out.jsons.insert(key);
    if (def.contains("@context")) collect(def["@context"], out);
  }
}

const std::map<std::string, Terms, std::less<>>& terms_by_url() {
  static const auto table = [] {
    std::map<std::string, Terms, std::less<>> out;
    for (const auto& c : bundled_contexts()) {
      json doc = json::parse(c.text, nullptr, false);
      Terms t;
      if (doc.is_object() && doc.contains("@context")) collect(doc["@context"], t);
      out.emplace(std::string(c.url), std::move(t));
    }
    return out;
  }();
  return table;
}

class Checker {
 public:
  explicit Checker(Diagnostics& out) : out_(out) {}
  Terms merged;

  // Adds the terms of a document's @context (URLs only); false when one is not bundled.
  bool add_context(const json& context) {
    std::vector<const json*> urls;
    if (context.is_array()) {
      for (const auto& c : context) urls.push_back(&c);
    } else {
      urls.push_back(&context);
    }
    for (const json* u : urls) {
      if (!u->is_string()) return false;  // embedded context objects: not read by this scan
      auto it = terms_by_url().find(u->get_ref<const std::string&>());
      if (it == terms_by_url().end()) return false;
      const Terms& t = it->second;
      merged.terms.insert(t.terms.begin(), t.terms.end());
      merged.maps.insert(t.maps.begin(), t.maps.end());
      merged.jsons.insert(t.jsons.begin(), t.jsons.end());
      merged.vocab = merged.vocab || t.vocab;
    }
    return true;
  }

  bool defined(const std::string& key) const {
    if (merged.terms.count(key)) return true;
    auto colon = key.find(':');
    if (colon == std::string::npos) return false;
    if (key.compare(colon, 3, "://") == 0) return true;   // an absolute IRI
    return merged.terms.count(key.substr(0, colon)) > 0;  // prefix:suffix (a compact IRI)
  }

  // The path is kept as steps and turned into a JSON Pointer only for a warning: most
  // documents have none, and this runs on every converted document.
  void walk(const json& v) {
    if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i) {
        path_.emplace_back(i);
        walk(v[i]);
        path_.pop_back();
      }
      return;
    }
    if (!v.is_object()) return;
    auto nested = v.find("@context");
    if (nested != v.end() && !path_.empty()) {
      // An embedded document (an endorsement) brings its own contexts: its members are
      // checked against them too, and not at all when one of them is not bundled.
      Terms outer = merged;
      if (add_context(*nested)) walk_members(v);
      merged = std::move(outer);
      return;
    }
    walk_members(v);
  }

  void walk_members(const json& v) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& key = it.key();
      if (key == "@context") continue;
      path_.emplace_back(&key);
      if (!key.empty() && key[0] == '@') {
        walk(it.value());
      } else {
        if (!merged.vocab && !defined(key))
          out_.push_back(make_warning("jsonld.undefined-term", "serialize",
                                      "output member '" + key +
                                          "' is not a term of the output's contexts: a JSON-LD "
                                          "processor drops it",
                                      pointer()));
        if (merged.maps.count(key) && it.value().is_object()) {
          for (auto m = it.value().begin(); m != it.value().end(); ++m) {
            path_.emplace_back(&m.key());
            walk(m.value());
            path_.pop_back();
          }
        } else if (!merged.jsons.count(key)) {
          walk(it.value());
        }
      }
      path_.pop_back();
    }
  }

 private:
  std::string pointer() const {
    std::string out;
    for (const auto& step : path_) {
      if (const auto* key = std::get_if<const std::string*>(&step))
        out = pointer_append(out, **key);
      else
        out = pointer_append(out, std::get<size_t>(step));
    }
    return out;
  }

  Diagnostics& out_;
  std::vector<std::variant<const std::string*, size_t>> path_;
};

}  // namespace

bool defines_term(std::string_view url, std::string_view term) {
  auto it = terms_by_url().find(url);
  return it != terms_by_url().end() && it->second.terms.count(std::string(term)) > 0;
}

Diagnostics undefined_terms(const json& document) {
  Diagnostics out;
  if (!document.is_object() || !document.contains("@context")) return out;
  Checker checker(out);
  if (!checker.add_context(document["@context"])) {
    Diagnostic d = make_warning("jsonld.context-not-bundled", "serialize",
                                "a context of the output is not bundled: output terms not checked",
                                "/@context");
    d.severity = Severity::Info;
    out.push_back(std::move(d));
    return out;
  }
  checker.walk(document);
  return out;
}

}  // namespace credgate::jsonld
