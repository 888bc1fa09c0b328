// Create Term Definition (JSON-LD 1.1 API 4.2). Step numbers in comments are the spec's;
// the @reverse branch follows Candidate Correction 3 (no early return).
#include "jsonld/term_definition.hpp"

#include <bit>

#include "jsonld/iri.hpp"

namespace credgate::jsonld {
namespace {

using json = nlohmann::json;

uint8_t container_flag(const json& value) {
  if (!value.is_string()) return 0;
  const std::string& s = value.get_ref<const std::string&>();
  if (s == "@graph") return kContainerGraph;
  if (s == "@id") return kContainerId;
  if (s == "@index") return kContainerIndex;
  if (s == "@language") return kContainerLanguage;
  if (s == "@list") return kContainerList;
  if (s == "@set") return kContainerSet;
  if (s == "@type") return kContainerType;
  return 0;
}

// Step 19.1: one keyword, or the combinations the spec allows: @list alone; @graph with
// @id or @index (not both) and optionally @set; otherwise @set plus at most one other.
uint8_t parse_container(const json& value) {
  auto invalid = [&value]() {
    return JsonLdError("invalid container mapping", "@container " + value.dump() + " is invalid");
  };
  if (value.is_string()) {
    uint8_t flag = container_flag(value);
    if (!flag) throw invalid();
    return flag;
  }
  if (!value.is_array() || value.empty()) throw invalid();
  uint8_t set = 0;
  for (const auto& item : value) {
    uint8_t flag = container_flag(item);
    if (!flag || (set & flag)) throw invalid();
    set |= flag;
  }
  bool ok;
  if (set & kContainerList) {
    ok = set == kContainerList;
  } else if (set & kContainerGraph) {
    ok = (set & ~(kContainerGraph | kContainerId | kContainerIndex | kContainerSet)) == 0 &&
         !((set & kContainerId) && (set & kContainerIndex));
  } else {
    ok = std::popcount(set) <= ((set & kContainerSet) ? 2 : 1);
  }
  if (!ok) throw invalid();
  return set;
}

bool has_inner_colon(const std::string& term) {
  size_t colon = term.find(':', 1);
  return colon != std::string::npos && colon + 1 < term.size();
}

}  // namespace

DefinitionEntries::DefinitionEntries(const json& definition) {
  for (auto it = definition.begin(); it != definition.end(); ++it) {
    const std::string& key = it.key();
    const json* v = &*it;
    if (key == "@id")
      id = v;
    else if (key == "@reverse")
      reverse = v;
    else if (key == "@container")
      container = v;
    else if (key == "@context")
      context = v;
    else if (key == "@direction")
      direction = v;
    else if (key == "@index")
      index = v;
    else if (key == "@language")
      language = v;
    else if (key == "@nest")
      nest = v;
    else if (key == "@prefix")
      prefix = v;
    else if (key == "@protected")
      is_protected = v;
    else if (key == "@type")
      type = v;
    else if (!unexpected)
      unexpected = &key;
  }
}

void TermCreator::ensure_defined(const std::string& term) {
  if (!local_.contains(term)) return;
  auto it = defined_.find(term);
  if (it != defined_.end() && it->second) return;
  create(term);
}

void TermCreator::create(const std::string& term) {
  if (auto it = defined_.find(term); it != defined_.end()) {  // 1
    if (it->second) return;
    throw JsonLdError("cyclic IRI mapping", "the definition of " + term + " depends on itself");
  }
  if (term.empty())  // 2
    throw JsonLdError("invalid term definition", "the empty string cannot be a term");
  defined_.emplace(term, false);
  const json& raw = local_.at(term);  // 3
  const bool v10 = processor_.json_ld_10();

  if (term == "@type") {  // 4
    if (v10) throw JsonLdError("keyword redefinition", "@type cannot be redefined in json-ld-1.0");
    bool ok = raw.is_object() && !raw.empty();
    if (ok)
      for (const auto& [key, value] : raw.items())
        ok = ok && ((key == "@container" && value == "@set") || key == "@protected");
    if (!ok)
      throw JsonLdError("keyword redefinition",
                        "@type may only be given @container: @set and @protected");
  } else if (is_keyword(term)) {  // 5
    throw JsonLdError("keyword redefinition", "the keyword " + term + " cannot be redefined");
  } else if (has_keyword_form(term)) {
    processor_.dropped("term \"" + term +
                       "\" has the form of a keyword; its definition is ignored");
    return;
  }

  std::shared_ptr<const TermDefinition> previous = active_.take(term);  // 6

  json wrapped;  // 7, 8: null and strings stand for {"@id": ...}
  bool simple = false;
  if (raw.is_null()) {
    wrapped = json{{"@id", nullptr}};
  } else if (raw.is_string()) {
    wrapped = json{{"@id", raw}};
    simple = true;
  } else if (!raw.is_object()) {  // 9
    throw JsonLdError("invalid term definition",
                      "the definition of " + term + " must be null, a string or a map");
  }
  const DefinitionEntries value(raw.is_object() ? raw : wrapped);

  TermDefinition definition;  // 10
  definition.is_protected = protect_;
  if (const json* p = value.is_protected) {  // 11
    if (!p->is_boolean())
      throw JsonLdError("invalid @protected value", "@protected of " + term + " is not boolean");
    if (v10) throw JsonLdError("invalid term definition", "@protected in json-ld-1.0 mode");
    definition.is_protected = p->get<bool>();
  }

  if (const json* t = value.type) {  // 12
    if (!t->is_string())
      throw JsonLdError("invalid type mapping", "the @type of " + term + " must be a string");
    auto type = expand_iri(active_, t->get_ref<const std::string&>(), false, true, this);
    if (type && (*type == "@json" || *type == "@none") && v10)
      throw JsonLdError("invalid type mapping", *type + " type mapping in json-ld-1.0 mode");
    if (!type || !(*type == "@id" || *type == "@json" || *type == "@none" || *type == "@vocab" ||
                   is_absolute_iri(*type)))
      throw JsonLdError("invalid type mapping", "the @type of " + term + " is not an IRI");
    definition.type = std::move(type);
  }

  if (!map_iri(term, value, simple, definition)) return;  // 13 to 18

  if (const json* c = value.container) {  // 19
    // A reverse term's null container was accepted in step 13.
    if (!(definition.reverse && c->is_null())) set_container(*c, definition);
  }

  if (const json* ix = value.index) {  // 20
    if (v10 || !definition.has_container(kContainerIndex))
      throw JsonLdError("invalid term definition",
                        "@index of " + term + " needs json-ld-1.1 and an @index container");
    if (!ix->is_string())
      throw JsonLdError("invalid term definition", "@index of " + term + " must be a string");
    auto index = expand_iri(active_, ix->get_ref<const std::string&>(), false, true, this);
    if (!index || !is_absolute_iri(*index))
      throw JsonLdError("invalid term definition", "@index of " + term + " is not an IRI");
    definition.index = ix->get<std::string>();
  }

  if (const json* sc = value.context) {  // 21
    if (v10) throw JsonLdError("invalid term definition", "scoped context in json-ld-1.0 mode");
    set_scoped_context(*sc, definition);
  }

  if (const json* l = value.language; l && !value.type) {  // 22
    if (!l->is_null() && !l->is_string())
      throw JsonLdError("invalid language mapping", "@language of " + term + " is invalid");
    definition.has_language = true;
    if (l->is_string()) {
      if (!is_well_formed_language(l->get_ref<const std::string&>()))
        processor_.dropped("@language \"" + l->get<std::string>() + "\" of " + term +
                           " is not a well-formed language tag (dropped in RDF)");
      definition.language = ascii_lowercase(l->get<std::string>());
    }
  }

  if (const json* d = value.direction; d && !value.type) {  // 23
    if (!d->is_null() && *d != "ltr" && *d != "rtl")
      throw JsonLdError("invalid base direction", "@direction of " + term + " is invalid");
    definition.has_direction = true;
    if (d->is_string()) definition.direction = d->get<std::string>();
  }

  if (const json* n = value.nest) {  // 24
    if (v10) throw JsonLdError("invalid term definition", "@nest in json-ld-1.0 mode");
    if (!n->is_string() || (is_keyword(n->get_ref<const std::string&>()) && *n != "@nest"))
      throw JsonLdError("invalid @nest value", "@nest of " + term + " is invalid");
    definition.nest = n->get<std::string>();
  }

  if (const json* p = value.prefix) {  // 25
    if (v10 || term.find_first_of(":/") != std::string::npos)
      throw JsonLdError("invalid term definition", "@prefix is not allowed on " + term);
    if (!p->is_boolean())
      throw JsonLdError("invalid @prefix value", "@prefix of " + term + " is not boolean");
    definition.prefix = p->get<bool>();
    if (definition.prefix && definition.iri && is_keyword(*definition.iri))
      throw JsonLdError("invalid term definition",
                        "the keyword alias " + term + " cannot be a prefix");
  }

  if (value.unexpected)  // 26
    throw JsonLdError("invalid term definition",
                      "unexpected " + *value.unexpected + " in the definition of " + term);

  if (!flags_.override_protected && previous && previous->is_protected) {  // 27
    if (!definition.same_except_protected(*previous))
      throw JsonLdError("protected term redefinition",
                        "the protected term " + term + " cannot be redefined");
    active_.set(term, std::move(previous));
  } else {
    active_.set(term, std::make_shared<const TermDefinition>(std::move(definition)));
  }
  defined_[term] = true;  // 28
}

bool TermCreator::map_iri(const std::string& term, const DefinitionEntries& value, bool simple,
                          TermDefinition& definition) {
  if (const json* r = value.reverse) {  // 13
    if (value.id || value.nest)
      throw JsonLdError("invalid reverse property",
                        "the reverse property " + term + " cannot have @id or @nest");
    if (!r->is_string())
      throw JsonLdError("invalid IRI mapping", "@reverse of " + term + " must be a string");
    const std::string& target = r->get_ref<const std::string&>();
    if (has_keyword_form(target)) {
      processor_.dropped("@reverse \"" + target + "\" of " + term +
                         " has the form of a keyword; the definition is ignored");
      return false;
    }
    auto iri = expand_iri(active_, target, false, true, this);
    if (!iri || !(is_absolute_iri(*iri) || is_blank_node_id(*iri)))
      throw JsonLdError("invalid IRI mapping", "@reverse of " + term + " is not an IRI");
    definition.iri = std::move(iri);
    if (const json* c = value.container) {
      if (!c->is_null() && *c != "@set" && *c != "@index")
        throw JsonLdError("invalid reverse property",
                          "a reverse property only takes @set or @index containers");
    }
    definition.reverse = true;
    return true;
  }

  const json* id = value.id;
  if (id && !(id->is_string() && *id == term)) {  // 14
    if (id->is_null()) return true;  // 14.1: kept to detect redefinitions, maps to nothing
    if (!id->is_string())
      throw JsonLdError("invalid IRI mapping", "@id of " + term + " must be a string");
    const std::string& target = id->get_ref<const std::string&>();
    if (!is_keyword(target) && has_keyword_form(target)) {
      processor_.dropped("@id \"" + target + "\" of " + term +
                         " has the form of a keyword; the definition is ignored");
      return false;
    }
    auto iri = expand_iri(active_, target, false, true, this);
    if (!iri || !(is_keyword(*iri) || is_absolute_iri(*iri) || is_blank_node_id(*iri)))
      throw JsonLdError("invalid IRI mapping", "@id of " + term + " is not an IRI");
    if (*iri == "@context")
      throw JsonLdError("invalid keyword alias", "@context cannot be aliased");
    definition.iri = std::move(iri);
    if (has_inner_colon(term) || term.find('/') != std::string::npos) {  // 14.2.4
      defined_[term] = true;
      if (expand_iri(active_, term, false, true, this) != definition.iri)
        throw JsonLdError("invalid IRI mapping",
                          "the term " + term + " looks like an IRI but maps to another one");
    }
    if (term.find_first_of(":/") == std::string::npos && simple &&  // 14.2.5
        (is_blank_node_id(*definition.iri) || ends_with_gen_delim(*definition.iri)))
      definition.prefix = true;
    return true;
  }

  if (term.find(':', 1) != std::string::npos) {  // 15: a compact IRI or an IRI
    size_t colon = term.find(':');
    std::string prefix = term.substr(0, colon);
    if (local_.contains(prefix)) create(prefix);
    const TermDefinition* prefix_def = active_.find(prefix);
    if (prefix_def && prefix_def->iri)
      definition.iri = *prefix_def->iri + term.substr(colon + 1);
    else
      definition.iri = term;
  } else if (term.find('/') != std::string::npos) {  // 16: a relative IRI reference
    // Without the definer: with it, step 3 of IRI expansion would define this very term
    // again and report a cycle. Nothing else in a term without a colon needs defining.
    auto iri = expand_iri(active_, term, false, true);
    if (!iri || !is_absolute_iri(*iri))
      throw JsonLdError("invalid IRI mapping", "the term " + term + " does not expand to an IRI");
    definition.iri = std::move(iri);
  } else if (term == "@type") {  // 17
    definition.iri = "@type";
  } else if (active_.vocab) {  // 18
    definition.iri = *active_.vocab + term;
  } else {
    throw JsonLdError("invalid IRI mapping",
                      "the term " + term + " has no IRI mapping and there is no @vocab");
  }
  return true;
}

void TermCreator::set_container(const json& container, TermDefinition& definition) {
  uint8_t set = parse_container(container);
  if (processor_.json_ld_10() &&
      (!container.is_string() || (set & (kContainerGraph | kContainerId | kContainerType))))
    throw JsonLdError("invalid container mapping",
                      "@container " + container.dump() + " needs json-ld-1.1");
  definition.containers = set;
  if (set & kContainerType) {
    if (!definition.type) definition.type = "@id";
    if (*definition.type != "@id" && *definition.type != "@vocab")
      throw JsonLdError("invalid type mapping", "a type map needs @type @id or @vocab");
  }
}

void TermCreator::set_scoped_context(const json& context, TermDefinition& definition) {
  // Processed once now only to report errors early; expansion processes it again where the
  // term is used. validate_scoped=false stops a context that names itself from recursing.
  JsonRef scoped = part_of(local_ref_, context);
  ProcessFlags flags;
  flags.override_protected = true;
  flags.validate_scoped = false;
  try {
    processor_.build(active_, nullptr, scoped, base_url_, remote_, flags);
  } catch (const JsonLdError& e) {
    // A processing limit is not the scoped context's error: it keeps its own code.
    if (e.code == "context overflow") throw;
    throw JsonLdError("invalid scoped context", "invalid scoped context: " + std::string(e.what()));
  }
  definition.context = std::move(scoped);
  definition.base_url = base_url_;
}

}  // namespace credgate::jsonld
