// Reading one XML element into the model, child by child: the XML twin of ObjectCursor
// (json_cursor.hpp). Every child element and attribute a reader takes is marked; finish()
// puts every one it did not take into the node's extras with its XPath and its value (the
// text of a simple element, else the element serialised as XML), so an XML reader cannot
// drop anything without noticing either.
#pragma once

#include <libxml/tree.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/model/credential.hpp"
#include "xsd/xml_parse.hpp"

namespace credgate {

// Text content, leading and trailing white space removed.
std::string xml_text(const xmlNode* node);
// xml:lang of the element itself ("" when absent).
std::string xml_lang(const xmlNode* node);
// Value kept for an extra: the text of an element without attributes or child elements,
// else the element as XML.
nlohmann::json xml_value(const xmlNode* node);

class ElementCursor {
 public:
  explicit ElementCursor(const xmlNode* element) : element_(element) {}

  const xmlNode* element() const { return element_; }
  std::string xpath() const { return xsd::xpath_of(element_); }

  // Child elements with this local name (any namespace), marked taken.
  std::vector<const xmlNode*> take_all(std::string_view local);
  // The first such child, or nullptr; further ones stay untaken (and so become extras).
  const xmlNode* take(std::string_view local);
  std::string take_text(std::string_view local);
  // Children with this name as a language map: xml:lang of each, `default_language` where
  // none (then marked plain).
  model::LangString take_lang(std::string_view local, const std::string& default_language);
  std::string take_attribute(std::string_view name);

  // Meta for the node: source format, XPath, and the extras.
  model::NodeMeta finish(const std::string& format, std::vector<std::string> types = {});

 private:
  const xmlNode* element_;
  std::set<const xmlNode*> taken_;
  std::set<std::string> taken_attributes_;
};

}  // namespace credgate
