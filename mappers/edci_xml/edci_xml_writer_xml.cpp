// The writer's XML layer: elements, language maps, codes, the kept elements of an EDCI source
// put back, composed ids, and every loss with its stable code.
#include "mappers/edci_xml/edci_xml_writer_impl.hpp"

#include <algorithm>
#include <set>

#include "xsd/xml_parse.hpp"

namespace credgate::edci_xml::detail {

bool allowed_language(const std::string& tag) {
  static const std::set<std::string> tags = {
      "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "is", "it",
      "lt", "lv", "mk", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sr", "sv", "tr"};
  return tags.count(tag) > 0;
}

std::string primary_language(const std::string& tag) {
  std::string out = tag.substr(0, tag.find('-'));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string date_time(const std::string& value) {
  return value.size() == 10 ? value + "T00:00:00" : value;
}

// The source's indentation inside a kept element: the output is indented anew.
void drop_blank_text(xmlNodePtr node) {
  xmlNodePtr c = node->children;
  while (c) {
    xmlNodePtr next = c->next;
    if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c)) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
    } else if (c->type == XML_ELEMENT_NODE) {
      drop_blank_text(c);
    }
    c = next;
  }
}

xmlNodePtr Writer::element(xmlNodePtr parent, const char* name, const std::string& text) {
  xmlNodePtr n = xmlNewChild(parent, ns_, BAD_CAST name, nullptr);
  if (!text.empty()) xmlNodeAddContent(n, BAD_CAST text.c_str());
  return n;
}

xmlNodePtr Writer::cred_element(xmlNodePtr parent, const char* name, const std::string& text) {
  xmlNodePtr n = element(parent, name, text);
  xmlSetNs(n, cred_);
  return n;
}

void Writer::attribute(xmlNodePtr n, const char* name, const std::string& value) {
  if (!value.empty()) xmlSetProp(n, BAD_CAST name, BAD_CAST value.c_str());
}

void Writer::idref(xmlNodePtr parent, const char* name, const std::string& id) {
  attribute(element(parent, name), "idref", id);
}

// `where`: the location when the node has no place in the source (an issuer the reader
// could not find is an empty node).
void Writer::missing(std::string code, std::string what, const NodeMeta& owner,
                     const std::string& where) {
  diagnostics_.push_back(make_error(std::move(code), "map",
                                    "EDCI 0.10.0 requires " + what + ", which the credential lacks",
                                    owner.source_pointer.empty() ? where : owner.source_pointer));
}

// <name><text lang=".." content-type="text/plain">..</text>...</name> (LanguageStringType).
xmlNodePtr Writer::texts(xmlNodePtr parent, const char* name, const LangString& value,
                         const NodeMeta& owner, std::string_view key) {
  xmlNodePtr n = element(parent, name);
  std::set<std::string> seen;  // the schema keys credential titles by language
  for (const auto& [tag, text] : value.entries) {
    std::string lang = primary_language(tag);
    if (!allowed_language(lang) || !seen.insert(lang).second) {
      lose_text("edci.text-language", owner, key, tag, text,
                "EDCI texts are in one of the schema's languages, one text per language");
      continue;
    }
    xmlNodePtr t = element(n, "text", text);
    attribute(t, "lang", lang);
    attribute(t, "content-type", "text/plain");
  }
  return n;
}

// Every loss carries a stable code besides its reason (docs/mappings/edci-xml.md).
void Writer::lose(const char* code, const NodeMeta& owner, std::string_view key, json value,
                  std::string reason) {
  ctx_.lose(owner, key, std::move(value), std::move(reason));
  ctx_.losses().back().code = code;
}

void Writer::lose_at(const char* code, std::string pointer, json value, std::string reason) {
  ctx_.lose_at(std::move(pointer), std::move(value), std::move(reason));
  ctx_.losses().back().code = code;
}

void Writer::lose_node(const char* code, const NodeMeta& meta, json value, std::string reason) {
  ctx_.lose_node(meta, std::move(value), std::move(reason));
  ctx_.losses().back().code = code;
}

void Writer::lose_extras_unless_same(const NodeMeta& meta) {
  if (!ctx_.same_format(meta)) lose_extras(meta);
}

void Writer::lose_extras(const NodeMeta& meta) {
  size_t from = ctx_.losses().size();
  ctx_.lose_extras(meta);
  for (size_t i = from; i < ctx_.losses().size(); ++i)
    ctx_.losses()[i].code = "edci.no-counterpart";
}

// ELM v3 gives ids to nodes EDCI writes as plain elements (identifiers, web resources,
// notes, locations, addresses, contact points, media objects, credit points, periods).
void Writer::lose_id(const NodeMeta& meta) {
  if (meta.id.empty() || ctx_.same_format(meta) || meta.source_pointer.empty()) return;
  lose("edci.node-id", meta, "id", meta.id, "EDCI has no id on this element");
}

// One entry of a language map: at the map's pointer plus the language.
void Writer::lose_text(const char* code, const NodeMeta& owner, std::string_view key,
                       const std::string& tag, const std::string& text, std::string reason) {
  lose_at(code, pointer_append(pointer_append(owner.source_pointer, key), tag), text,
          std::move(reason));
}

// NoteType: exactly one text; the best one of the map.
void Writer::note(xmlNodePtr parent, const char* name, const LangString& value,
                  const NodeMeta& owner, std::string_view key) {
  if (value.empty()) return;
  LangString one;
  std::string best = value.best(language_);
  for (const auto& [tag, text] : value.entries) {
    if (one.empty() && text == best && allowed_language(primary_language(tag))) {
      one.add(tag, text);
      continue;
    }
    lose_text("edci.one-value", owner, key, tag, text, "an EDCI note holds one text");
  }
  if (!one.empty()) texts(parent, name, one, owner, key);
}

// Kept source content of an EDCI node goes back; of any other source it is lost.
void Writer::extras(xmlNodePtr parent, const NodeMeta& meta) {
  if (!ctx_.same_format(meta)) {
    lose_extras(meta);
    return;
  }
  for (const auto& e : meta.extras) put_back(parent, e);
}

void Writer::put_back(xmlNodePtr parent, const Extra& e) {
  if (!e.value.is_string()) {
    lose_at("edci.unreadable-kept", e.pointer, e.value, "kept value is not XML text");
    return;
  }
  std::string text = e.value.get<std::string>();
  if (!e.key.empty() && e.key[0] == '@') {
    xmlSetProp(parent, BAD_CAST e.key.substr(1).c_str(), BAD_CAST text.c_str());
    return;
  }
  if (text.rfind("<", 0) != 0) {  // a simple element: its text
    kept_.push_back({element(parent, e.key.c_str(), text), e});
    return;
  }
  // An element kept as XML, parsed again with the namespaces of an EDCI document.
  std::string wrapped = std::string("<w xmlns=\"") + kSnb + "\" xmlns:cred=\"" + kCred +
                        "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" + text +
                        "</w>";
  xsd::ParsedXml p = xsd::parse_xml(wrapped);
  if (!p.ok()) {
    lose_at("edci.unreadable-kept", e.pointer, e.value, "kept element could not be parsed again");
    return;
  }
  // Adopted with the parent as context, so the copy uses the root's declarations instead of
  // declaring the namespaces again.
  xmlNodePtr c = xmlDocGetRootElement(p.doc.get())->children;
  while (c) {
    xmlNodePtr next = c->next;
    if (c->type == XML_ELEMENT_NODE) {
      drop_blank_text(c);  // the source's indentation; the output is indented anew
      xmlUnlinkNode(c);
      xmlDOMWrapAdoptNode(nullptr, p.doc.get(), c, parent->doc, parent, 0);
      xmlAddChild(parent, c);
      kept_.push_back({c, e});
    }
    c = next;
  }
}

// A code (CodeType): uri, notation, framework; the label as targetName. Optional codes are
// handed to validate_pruning: one the schema rejects (a framework that is not an http(s)
// URL, say) becomes a loss rather than an invalid output.
xmlNodePtr Writer::code(xmlNodePtr parent, const char* name, const Concept& k,
                        const NodeMeta& owner, std::string_view key, bool optional) {
  Concept c = k;
  if (c.meta.id.empty()) compose_concept_uri(name, c);
  if (c.meta.id.empty()) {
    lose("edci.needs-uri", owner, key,
         c.notation.empty() ? lang_json(c.pref_label) : json(c.notation),
         "an EDCI code needs a concept URI");
    return nullptr;
  }
  xmlNodePtr n = element(parent, name);
  attribute(n, "uri", c.meta.id);
  attribute(n, "targetNotation", c.notation);
  attribute(n, "targetFrameworkUrl", c.in_scheme);
  texts(n, "targetName", c.pref_label, c.meta, "prefLabel");
  if (!ctx_.same_format(c.meta)) element(n, "targetFrameworkName");  // required, unknown
  extras(n, c.meta);
  if (optional) {
    std::string at = !k.meta.source_pointer.empty() ? k.meta.source_pointer
                                                    : pointer_append(owner.source_pointer, key);
    kept_.push_back({n, {std::string(name), at, c.meta.id}});
  }
  return n;
}

// ELMO gives ISCED-F codes by notation only; the EU vocabulary names them by it.
void Writer::compose_concept_uri(const char* name, Concept& c) {
  bool digits = !c.notation.empty() && c.notation.size() <= 4 &&
                std::all_of(c.notation.begin(), c.notation.end(),
                            [](unsigned char ch) { return std::isdigit(ch); });
  if (std::string(name) != "hasISCED-FCode" || !digits) return;
  c.meta.id = "http://data.europa.eu/snb/isced-f/" + c.notation;
  if (c.in_scheme.empty()) c.in_scheme = "http://data.europa.eu/snb/isced-f/25831c2";
}

void Writer::web_resources(xmlNodePtr parent, const std::vector<WebResource>& pages,
                           const NodeMeta& owner) {
  for (const auto& w : pages) {
    if (w.content_url.rfind("http://", 0) != 0 && w.content_url.rfind("https://", 0) != 0) {
      lose("edci.needs-uri", owner, "homepage", w.content_url, "EDCI homepages are http(s) URLs");
      continue;
    }
    xmlNodePtr h = element(parent, "homepage");
    attribute(h, "uri", w.content_url);
    extras(h, w.meta);
    lose_id(w.meta);
  }
}

// Whether an occurrence of a shared entity is written (the first); a repeated one is written
// into a scratch element that is thrown away, so that what it holds EDCI cannot carry is
// reported at its own place in the source; one that differs from the written one is a loss.
bool Writer::once(WrittenOnce::Seen seen, const NodeMeta& meta,
                  const std::function<void(xmlNodePtr)>& write) {
  if (seen == WrittenOnce::Seen::First) return true;
  if (ctx_.same_format(meta)) return false;  // the EDCI reader read one element, once
  if (seen == WrittenOnce::Seen::Different) {
    lose_node("edci.duplicate-id", meta, meta.id,
              "EDCI writes one entity per id; this occurrence differs from the one written");
    return false;
  }
  size_t kept = kept_.size(), diagnostics = diagnostics_.size();
  xmlNodePtr scratch = xmlNewDocNode(root_->doc, ns_, BAD_CAST "scratch", nullptr);
  write(scratch);
  kept_.resize(kept);
  diagnostics_.resize(diagnostics);  // told at the first occurrence already
  xmlFreeNode(scratch);
  return false;
}

// EDCI requires ids where other formats (ELMO above all) have none: mappers/composed_ids.hpp.
std::string Writer::composed_id(const std::string& kind, const NodeMeta& owner) {
  return composed_ids_.id_for(kind, owner.source_pointer);
}

void Writer::report_composed_ids() {
  composed_ids_.report(diagnostics_);
}

// The credential type is required; other formats have none (and a later EDCI version's type
// may not be in 0.10.0's list): then the EC's default one, "Generic".
void Writer::generic_type() {
  xmlNodePtr type = element(root_, "type");
  attribute(type, "uri", "http://data.europa.eu/snb/credential/e34929035b");
  attribute(type, "targetFrameworkUrl", "http://data.europa.eu/snb/credential/25831c2");
  LangString generic, framework;
  generic.add("en", "Generic");
  framework.add("en", "Europass Standard List of Credential Types");
  NodeMeta none;
  texts(type, "targetName", generic, none, "type");
  texts(type, "targetFrameworkName", framework, none, "type");
}

// A *References section of the root, made on first use.
xmlNodePtr Writer::container(const std::string& name) {
  auto it = containers_.find(name);
  if (it != containers_.end()) return it->second;
  return containers_[name] = element(root_, name.c_str());
}

}  // namespace credgate::edci_xml::detail
