// The one way credgate parses XML into a DOM (libxml2), used by every XML reader, the
// validator and the signature code. Secure by construction: a DOCTYPE is refused outright
// (no DTD, no entity of any kind, so no XXE and no entity expansion), no network, no
// XInclude, input size and element depth bounded. Errors come back as diagnostics with line,
// column and, where an element is known, its XPath.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/model/diagnostic.hpp"

namespace credgate::xsd {

struct XmlLimits {
  size_t max_bytes = 32u * 1024u * 1024u;
  int max_depth = 100;  // element nesting
};

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

struct ParsedXml {
  XmlDocPtr doc;  // null when the input is not well-formed or refused
  Diagnostics diagnostics;
  bool ok() const { return doc != nullptr && !has_error(diagnostics); }
};

ParsedXml parse_xml(std::string_view bytes, const XmlLimits& limits = {});

// A readable XPath of an element or attribute: names as written (prefix:local), a position
// [n] where siblings share the name. (libxml2's xmlGetNodePath writes elements in a default
// namespace as "*", which names nothing a reader can find; hence our own.)
std::string xpath_of(const xmlNode* node);

// Elements in document order (the order a SAX parser reports them), for mapping a position
// reported by another parser back to the DOM.
std::vector<const xmlNode*> elements_in_order(const xmlDoc* doc);

// "{namespace}local" of an element.
std::string clark_name(const xmlNode* element);

// The document as UTF-8 text with an XML declaration, indented (libxml2's format mode): how
// the XML writers emit what they built.
std::string serialize_indented(xmlDoc* doc);

}  // namespace credgate::xsd
