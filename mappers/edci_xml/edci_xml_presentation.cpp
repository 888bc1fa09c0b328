// The presentation writer: the credential writer's europassCredential, moved into a
// vp:verifiablePresentation of the EDCI 1.0 presentation schemas (sharedschema_1.0.xsd,
// mandatedschema_1.0.xsd), whose sequence is vp:type, expirationDate?, vp:issuer?,
// vp:verificationChecks?, europassCredential, vp:proof.
#include "mappers/edci_xml/edci_xml_presentation.hpp"

#include <libxml/tree.h>

#include "mappers/edci_xml/edci_xml_writer_impl.hpp"
#include "xsd/validator.hpp"
#include "xsd/xml_parse.hpp"

namespace credgate::edci_xml {
namespace {

using namespace detail;

constexpr const char* kVp = "http://data.europa.eu/snb/vp";
constexpr const char* kXsi = "http://www.w3.org/2001/XMLSchema-instance";
constexpr const char* kIssuerKey = "verifiablePresentation/issuer";

// A presentation kind: the bundled schema set that validates it, the URL that names that set
// in xsi:schemaLocation, and its vp:type, a concept of the EC's verifiable-presentation
// vocabulary (framework .../verifiable-presentation/25831c2, the one the shared schema allows;
// concept URIs as the EC's EDCI software names them, ControlledListConcept.VERIFICATION_TYPE_*,
// and as the EC's diploma supplement sample has the mandated one).
struct Kind {
  const char* name;
  const char* schema_set;
  const char* location;
  const char* type_uri;
  const char* type_label;
};

constexpr Kind kKinds[] = {
    {"shared", "edci-vp-shared-1.0",
     "http://publications.europa.eu/resource/schema/presentation/sharedschema_1.0.xsd",
     "http://data.europa.eu/snb/verifiable-presentation/c_409018f7", "Shared"},
    {"mandated", "edci-vp-mandated-1.0",
     "http://publications.europa.eu/resource/schema/presentation/mandatedschema_1.0.xsd",
     "http://data.europa.eu/snb/verifiable-presentation/c_825cddc0", "Mandated Issue"},
};

const Kind* find_kind(const std::string& name) {
  for (const auto& k : kKinds)
    if (name == k.name) return &k;
  return nullptr;
}

// <name><text lang="en" content-type="text/plain">text</text></name> in the snb namespace.
void english_text(xmlNodePtr parent, xmlNsPtr snb, const char* name, const char* text) {
  xmlNodePtr n = xmlNewChild(parent, snb, BAD_CAST name, nullptr);
  xmlNodePtr t = xmlNewTextChild(n, snb, BAD_CAST "text", BAD_CAST text);
  xmlSetProp(t, BAD_CAST "content-type", BAD_CAST "text/plain");
  xmlSetProp(t, BAD_CAST "lang", BAD_CAST "en");
}

void presentation_type(xmlNodePtr root, xmlNsPtr vp, xmlNsPtr snb, const Kind& kind) {
  xmlNodePtr type = xmlNewChild(root, vp, BAD_CAST "type", nullptr);
  xmlSetProp(type, BAD_CAST "targetFrameworkUrl",
             BAD_CAST "http://data.europa.eu/snb/verifiable-presentation/25831c2");
  xmlSetProp(type, BAD_CAST "uri", BAD_CAST kind.type_uri);
  english_text(type, snb, "targetName", kind.type_label);
  english_text(type, snb, "targetFrameworkName", "Verifiable Presentation Type");
}

// The source presentation's vp:issuer, parsed again from the envelope (the reader kept it as
// XML without the declarations of its document's root) into the output under `root`.
// nullptr when the source has none; a value that does not parse is a loss.
xmlNodePtr presenter(xmlNodePtr root, const model::Credential& credential,
                     model::LossReport& losses, const model::Extra** from) {
  for (const auto& e : credential.envelope) {
    if (e.key != kIssuerKey) continue;
    *from = &e;
    std::string text = e.value.is_string() ? e.value.get<std::string>() : "";
    std::string wrapped = std::string("<w xmlns=\"") + kSnb + "\" xmlns:cred=\"" + kCred +
                          "\" xmlns:vp=\"" + kVp + "\" xmlns:xsi=\"" + kXsi + "\">" + text + "</w>";
    xsd::ParsedXml p = xsd::parse_xml(wrapped);
    xmlNodePtr issuer = p.ok() ? xmlDocGetRootElement(p.doc.get())->children : nullptr;
    while (issuer && issuer->type != XML_ELEMENT_NODE) issuer = issuer->next;
    if (!issuer || !issuer->ns ||
        std::string(reinterpret_cast<const char*>(issuer->ns->href)) != kVp) {
      losses.push_back({e.pointer, "the presentation's issuer could not be read again", e.value,
                        "edci.unreadable-kept"});
      return nullptr;
    }
    drop_blank_text(issuer);  // the source's indentation; the output is indented anew
    xmlUnlinkNode(issuer);
    xmlDOMWrapAdoptNode(nullptr, p.doc.get(), issuer, root->doc, root, 0);
    xmlAddChild(root, issuer);
    return issuer;
  }
  return nullptr;
}

// Whether a schema error's location (an XPath) is the element itself or one inside it.
bool inside(const std::string& location, const std::string& element) {
  return location.rfind(element, 0) == 0 &&
         (location.size() == element.size() || location[element.size()] == '/');
}

}  // namespace

bool known_presentation(const std::string& kind) {
  return find_kind(kind) != nullptr;
}

bool carried_by_presentation(const std::string& envelope_key) {
  return envelope_key == kIssuerKey;
}

void wrap_in_presentation(WriteResult& written, const model::Credential& credential,
                          const std::string& kind_name) {
  const Kind* kind = find_kind(kind_name);
  if (!kind || written.documents.size() != 1) return;
  xsd::ParsedXml inner = xsd::parse_xml(written.documents.front().text);
  written.documents.clear();
  if (!inner.ok()) {
    written.diagnostics.push_back(make_error("internal.edci-presentation", "serialize",
                                             "the credential written could not be parsed again"));
    return;
  }
  xsd::XmlDocPtr doc(xmlNewDoc(BAD_CAST "1.0"));
  xmlNodePtr root = xmlNewDocNode(doc.get(), nullptr, BAD_CAST "verifiablePresentation", nullptr);
  xmlDocSetRootElement(doc.get(), root);
  xmlNsPtr snb = xmlNewNs(root, BAD_CAST kSnb, nullptr);
  xmlNewNs(root, BAD_CAST kCred, BAD_CAST "cred");
  xmlNsPtr vp = xmlNewNs(root, BAD_CAST kVp, BAD_CAST "vp");
  xmlNsPtr xsi = xmlNewNs(root, BAD_CAST kXsi, BAD_CAST "xsi");
  xmlSetNs(root, vp);
  // Names the schema, so that `credgate validate` picks this kind's set.
  std::string location = std::string(kVp) + " " + kind->location;
  xmlSetNsProp(root, xsi, BAD_CAST "schemaLocation", BAD_CAST location.c_str());
  presentation_type(root, vp, snb, *kind);
  const model::Extra* issuer_source = nullptr;
  xmlNodePtr issuer = presenter(root, credential, written.losses, &issuer_source);
  xmlNodePtr europass = xmlDocGetRootElement(inner.doc.get());
  xmlUnlinkNode(europass);
  drop_blank_text(europass);  // the credential's own indentation; indented anew below
  xmlDOMWrapAdoptNode(nullptr, inner.doc.get(), europass, doc.get(), root, 0);
  xmlAddChild(root, europass);
  // The credential's own declarations of snb and cred repeat the root's: dropped (option 1 is
  // libxml2's XML_DOM_RECONNS_REMOVEREDUND, which its public headers do not declare).
  constexpr int kRemoveRedundant = 1;
  xmlDOMWrapCtxtPtr wrap = xmlDOMWrapNewCtxt();
  xmlDOMWrapReconcileNamespaces(wrap, europass, kRemoveRedundant);
  xmlDOMWrapFreeCtxt(wrap);
  xmlNewChild(root, vp, BAD_CAST "proof", nullptr);  // `credgate seal --method xades` signs here

  const xsd::SchemaCache& schemas = xsd::SchemaCache::bundled();
  std::string text = xsd::serialize_indented(doc.get());
  xsd::ValidationResult v = schemas.validate_with(kind->schema_set, text);
  // The presenter is optional: one the 1.0 schema rejects (a 1.2 presentation's, say) is left
  // out as a loss rather than making the presentation invalid.
  if (issuer && !v.valid) {
    std::string path = xsd::xpath_of(issuer);
    for (const auto& d : v.diagnostics) {
      if (d.severity != Severity::Error || !inside(d.location, path)) continue;
      written.losses.push_back(
          {issuer_source->pointer,
           std::string("not valid in the EDCI 1.0 presentation schema: ") + d.message,
           issuer_source->value, "edci.schema-rejected"});
      xmlUnlinkNode(issuer);
      xmlFreeNode(issuer);
      text = xsd::serialize_indented(doc.get());
      v = schemas.validate_with(kind->schema_set, text);
      break;
    }
  }
  for (const auto& d : v.diagnostics) {
    if (d.severity != Severity::Error) continue;
    Diagnostic e = d;
    e.code = "model.edci-invalid-output";
    e.stage = "serialize";
    e.message = std::string("the EDCI presentation this credential makes is not valid against ") +
                kind->schema_set + ": " + d.message;
    written.diagnostics.push_back(std::move(e));
  }
  if (!has_error(written.diagnostics)) written.documents.push_back({std::move(text), ""});
}

}  // namespace credgate::edci_xml
