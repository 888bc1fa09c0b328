#include "mappers/xml_cursor.hpp"

#include <libxml/xmlsave.h>

namespace credgate {

namespace {

std::string local_name(const xmlNode* n) {
  return reinterpret_cast<const char*>(n->name);
}

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string xml_text(const xmlNode* node) {
  if (!node) return "";
  xmlChar* content = xmlNodeGetContent(node);
  std::string out = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return trim(out);
}

std::string xml_lang(const xmlNode* node) {
  xmlChar* lang = xmlGetNsProp(node, BAD_CAST "lang", XML_XML_NAMESPACE);
  std::string out = lang ? reinterpret_cast<const char*>(lang) : "";
  xmlFree(lang);
  return out;
}

nlohmann::json xml_value(const xmlNode* node) {
  bool simple = node->type == XML_ELEMENT_NODE && !node->properties;
  for (const xmlNode* c = node->children; simple && c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) simple = false;
  if (simple) return xml_text(node);
  xmlBufferPtr buffer = xmlBufferCreate();
  xmlNodeDump(buffer, node->doc, const_cast<xmlNode*>(node), 0, 0);
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                  static_cast<size_t>(xmlBufferLength(buffer)));
  xmlBufferFree(buffer);
  return out;
}

std::vector<const xmlNode*> ElementCursor::take_all(std::string_view local) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = element_->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && local_name(c) == local) {
      out.push_back(c);
      taken_.insert(c);
    }
  return out;
}

const xmlNode* ElementCursor::take(std::string_view local) {
  for (const xmlNode* c = element_->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && local_name(c) == local && !taken_.count(c)) {
      taken_.insert(c);
      return c;
    }
  return nullptr;
}

std::string ElementCursor::take_text(std::string_view local) {
  return xml_text(take(local));
}

model::LangString ElementCursor::take_lang(std::string_view local,
                                           const std::string& default_language) {
  model::LangString out;
  for (const xmlNode* c : take_all(local)) {
    std::string lang = xml_lang(c);
    if (lang.empty()) {
      out.plain = true;
      lang = default_language;
    }
    out.add(lang, xml_text(c));
  }
  return out;
}

std::string ElementCursor::take_attribute(std::string_view name) {
  for (const xmlAttr* a = element_->properties; a; a = a->next)
    if (local_name(reinterpret_cast<const xmlNode*>(a)) == name) {
      taken_attributes_.insert(std::string(name));
      xmlChar* v = xmlNodeListGetString(element_->doc, a->children, 1);
      std::string out = v ? reinterpret_cast<const char*>(v) : "";
      xmlFree(v);
      return out;
    }
  return "";
}

model::NodeMeta ElementCursor::finish(const std::string& format, std::vector<std::string> types) {
  model::NodeMeta meta;
  meta.source_format = format;
  meta.source_pointer = xpath();
  meta.types = std::move(types);
  for (const xmlAttr* a = element_->properties; a; a = a->next) {
    const xmlNode* n = reinterpret_cast<const xmlNode*>(a);
    std::string name = local_name(n);
    if (taken_attributes_.count(name)) continue;
    // xsi:schemaLocation is about validation, not content.
    if (a->ns && xmlStrEqual(a->ns->href, BAD_CAST "http://www.w3.org/2001/XMLSchema-instance"))
      continue;
    xmlChar* v = xmlNodeListGetString(element_->doc, a->children, 1);
    meta.extras.push_back(
        {"@" + name, xsd::xpath_of(n), v ? reinterpret_cast<const char*>(v) : ""});
    xmlFree(v);
  }
  for (const xmlNode* c = element_->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !taken_.count(c))
      meta.extras.push_back({local_name(c), xsd::xpath_of(c), xml_value(c)});
  return meta;
}

}  // namespace credgate
