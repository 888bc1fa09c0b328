#include "xsd/xml_parse.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <functional>

namespace credgate::xsd {
namespace {

struct ParseState {
  bool doctype = false;
  int doctype_line = 0;
  int doctype_column = 0;
};

// SAX callback for "<!DOCTYPE ...": stop at once. Nothing of the DTD (internal subset,
// entities, external subset) is read past this point.
void refuse_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto* state = static_cast<ParseState*>(ctxt->_private);
  state->doctype = true;
  state->doctype_line = xmlSAX2GetLineNumber(ctxt);
  state->doctype_column = xmlSAX2GetColumnNumber(ctxt);
  xmlStopParser(ctxt);
}

std::string trim_message(const char* message) {
  std::string m = message ? message : "malformed XML";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

int check_depth(const xmlNode* node, int depth, int limit, const xmlNode** too_deep) {
  int deepest = depth;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (depth + 1 > limit) {
      *too_deep = c;
      return depth + 1;
    }
    deepest = std::max(deepest, check_depth(c, depth + 1, limit, too_deep));
    if (*too_deep) return deepest;
  }
  return deepest;
}

std::string node_name(const xmlNode* node) {
  std::string name = reinterpret_cast<const char*>(node->name);
  if (node->ns && node->ns->prefix)
    name = std::string(reinterpret_cast<const char*>(node->ns->prefix)) + ":" + name;
  return name;
}

bool same_name(const xmlNode* a, const xmlNode* b) {
  if (a->type != b->type || !xmlStrEqual(a->name, b->name)) return false;
  const xmlChar* na = a->ns ? a->ns->href : nullptr;
  const xmlChar* nb = b->ns ? b->ns->href : nullptr;
  return xmlStrEqual(na, nb) || (!na && !nb);
}

}  // namespace

ParsedXml parse_xml(std::string_view bytes, const XmlLimits& limits) {
  ParsedXml out;
  if (bytes.size() > limits.max_bytes) {
    out.diagnostics.push_back(
        make_error("input.too-large", "parse",
                   "input is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                       std::to_string(limits.max_bytes) + " bytes (--max-input-size)"));
    return out;
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    out.diagnostics.push_back(make_error("internal.xml", "parse", "libxml2: no parser context"));
    return out;
  }
  ParseState state;
  ctxt->_private = &state;
  ctxt->sax->internalSubset = refuse_doctype;
  // No NOENT (entities are never substituted), no DTDLOAD/DTDATTR/DTDVALID, no XINCLUDE, no
  // HUGE (libxml2's own length and depth limits stay on); NONET for any path we missed.
  // BIG_LINES: line numbers past 65535 stay right.
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                    nullptr, options);
  if (state.doctype) {
    Diagnostic d = make_error("xml.doctype", "parse",
                              "DOCTYPE declarations are refused: credentials need no DTD, and "
                              "DTDs bring external and expanding entities");
    d.line = state.doctype_line;
    d.column = state.doctype_column;
    out.diagnostics.push_back(std::move(d));
    if (doc) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return out;
  }
  if (!doc || !ctxt->wellFormed) {
    const xmlError* e = xmlCtxtGetLastError(ctxt);
    Diagnostic d = make_error("xml.syntax", "parse",
                              "malformed XML: " + trim_message(e ? e->message : nullptr));
    if (e) {
      d.line = e->line;
      d.column = e->int2;
    }
    out.diagnostics.push_back(std::move(d));
    if (doc) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return out;
  }
  xmlFreeParserCtxt(ctxt);
  out.doc.reset(doc);
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) {
    out.diagnostics.push_back(make_error("xml.syntax", "parse", "no root element"));
    out.doc.reset();
    return out;
  }
  const xmlNode* too_deep = nullptr;
  check_depth(root, 1, limits.max_depth, &too_deep);
  if (too_deep) {
    Diagnostic d = make_error(
        "xml.too-deep", "parse",
        "elements nest deeper than " + std::to_string(limits.max_depth) + " levels (--max-depth)",
        xpath_of(too_deep));
    d.line = static_cast<int>(xmlGetLineNo(too_deep));
    out.diagnostics.push_back(std::move(d));
    out.doc.reset();
  }
  return out;
}

std::string xpath_of(const xmlNode* node) {
  if (!node || node->type == XML_DOCUMENT_NODE) return "/";
  std::string step;
  const xmlNode* parent = node->parent;
  if (node->type == XML_ATTRIBUTE_NODE) {
    step = "@" + node_name(node);
  } else if (node->type == XML_ELEMENT_NODE) {
    step = node_name(node);
    int position = 0, count = 0;
    const xmlNode* first = parent ? parent->children : node;
    for (const xmlNode* s = first; s; s = s->next) {
      if (!same_name(s, node)) continue;
      ++count;
      if (s == node) position = count;
    }
    if (count > 1) step += "[" + std::to_string(position) + "]";
  } else {
    step = "node()";
  }
  if (!parent || parent->type == XML_DOCUMENT_NODE) return "/" + step;
  return xpath_of(parent) + "/" + step;
}

std::vector<const xmlNode*> elements_in_order(const xmlDoc* doc) {
  std::vector<const xmlNode*> out;
  std::function<void(const xmlNode*)> walk = [&](const xmlNode* n) {
    for (; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      out.push_back(n);
      walk(n->children);
    }
  };
  walk(doc ? doc->children : nullptr);
  return out;
}

std::string clark_name(const xmlNode* element) {
  std::string ns =
      element->ns && element->ns->href ? reinterpret_cast<const char*>(element->ns->href) : "";
  return "{" + ns + "}" + reinterpret_cast<const char*>(element->name);
}

std::string serialize_indented(xmlDoc* doc) {
  xmlChar* text = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc, &text, &size, "UTF-8", 1);
  std::string out(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
  xmlFree(text);
  return out;
}

}  // namespace credgate::xsd
