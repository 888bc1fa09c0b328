// Model -> EDCI v2 europassCredential (schema 0.10.0), the reverse of edci_xml_reader.cpp; the
// writer's class is in edci_xml_writer_impl.hpp. Elements are appended as they are mapped and
// sorted into schema order at the end (edci_xml_order.cpp), so the extras of an EDCI source go
// back wherever they belong: EDCI -> EDCI keeps them; from any other source they are losses.
#include "mappers/edci_xml/edci_xml_writer.hpp"

#include <algorithm>

#include "mappers/edci_xml/edci_xml_order.hpp"
#include "mappers/edci_xml/edci_xml_presentation.hpp"
#include "mappers/edci_xml/edci_xml_writer_impl.hpp"
#include "xsd/xml_parse.hpp"

namespace credgate::edci_xml {
namespace {

using namespace detail;

// The root's extras: entries of the *References sections no one referenced go back into
// their section; the rest (type, xsdVersion, ...) onto the root.
void root_extras(Writer& w, WriteContext& ctx, const Credential& c) {
  if (!ctx.same_format(c.meta)) {
    w.lose_extras(c.meta);
    return;
  }
  for (const auto& e : c.meta.extras) {
    size_t start = e.pointer.find('/', 1);
    size_t end = start == std::string::npos ? start : e.pointer.find('/', start + 1);
    std::string section =
        start == std::string::npos ? "" : e.pointer.substr(start + 1, end - start - 1);
    if (end != std::string::npos && section.find("References") != std::string::npos)
      w.put_back(w.container(section), e);
    else
      w.put_back(w.root_, e);
  }
}

}  // namespace

WriteResult write(const Credential& credential, const WriteOptions& options) {
  WriteResult out;
  bool presentation = !options.edci_presentation.empty();
  if (presentation && !known_presentation(options.edci_presentation)) {
    out.diagnostics.push_back(
        make_error("usage.edci-presentation", "map",
                   "unknown presentation '" + options.edci_presentation + "': shared or mandated"));
    return out;
  }
  WriteContext ctx(kFormat);
  Writer w(ctx, out.diagnostics, options.language.empty() ? "en" : options.language);
  xsd::XmlDocPtr doc(xmlNewDoc(BAD_CAST "1.0"));
  xmlNodePtr root = xmlNewDocNode(doc.get(), nullptr, BAD_CAST "europassCredential", nullptr);
  xmlDocSetRootElement(doc.get(), root);
  w.root_ = root;
  w.ns_ = xmlNewNs(root, BAD_CAST kSnb, nullptr);
  w.cred_ = xmlNewNs(root, BAD_CAST kCred, BAD_CAST "cred");
  xmlSetNs(root, w.ns_);
  const NodeMeta& meta = credential.meta;
  std::string id = meta.id.empty() ? w.composed_id("credential", meta) : meta.id;
  xmlSetNsProp(root, w.cred_, BAD_CAST "id", BAD_CAST id.c_str());
  bool same = ctx.same_format(meta);
  bool kept_type = same && std::any_of(meta.extras.begin(), meta.extras.end(),
                                       [](const Extra& e) { return e.key == "type"; });
  if (!same) xmlSetProp(root, BAD_CAST "xsdVersion", BAD_CAST "0.10.0");
  if (!kept_type) w.generic_type();
  if (!credential.valid_from.empty())
    w.cred_element(root, "validFrom", date_time(credential.valid_from));
  // cred:issued is required; unsealed ELM credentials often lack it: then the VC issuance date
  // or validFrom stands in (as for ELMO's issueDate).
  std::string issued = !credential.issued.empty()          ? credential.issued
                       : !credential.issuance_date.empty() ? credential.issuance_date
                                                           : credential.valid_from;
  if (issued.empty())
    w.missing("map.missing-member", "an issuance date (cred:issued)", meta);
  else
    w.cred_element(root, "issued", date_time(issued));
  std::string until =
      !credential.valid_until.empty() ? credential.valid_until : credential.expiration_date;
  if (!until.empty()) w.cred_element(root, "validUntil", date_time(until));
  if (!credential.valid_until.empty() && !credential.expiration_date.empty())
    w.lose("edci.one-value", meta, "expirationDate", credential.expiration_date,
           "EDCI has one validUntil");
  w.issuer_location_ = pointer_append(meta.source_pointer, same ? "cred:issuer" : "issuer");
  w.issuer_id_ = w.organisation(credential.issuer, true);
  xmlSetProp(w.cred_element(root, "issuer"), BAD_CAST "idref", BAD_CAST w.issuer_id_.c_str());
  LangString none;
  const DisplayParameter* display =
      credential.display_parameter ? &*credential.display_parameter : nullptr;
  w.texts(root, "title", display ? display->title : none, display ? display->meta : meta, "title");
  if (display && !display->description.empty())
    w.texts(root, "description", display->description, display->meta, "description");
  if (display && display->meta.source_format != kFormat) {
    w.lose_extras(display->meta);
    w.lose_id(display->meta);
  }
  w.person(root, credential.subject);
  if (credential.image)
    w.lose_node("edci.no-counterpart", credential.image->meta, credential.image->content_url,
                "no EDCI credential image");
  if (!credential.endorsement.empty())
    w.lose("edci.no-counterpart", meta, "endorsement", credential.endorsement,
           "no EDCI endorsements");
  for (const auto& e : credential.envelope) {
    // The presenter goes into the presentation (wrap_in_presentation), not into the losses.
    if (presentation && carried_by_presentation(e.key)) continue;
    w.lose_at("edci.envelope", e.pointer, e.value,
              "envelope not carried: a converted credential must be sealed again");
  }
  root_extras(w, ctx, credential);
  w.element(root, "proof");  // required; `credgate seal --method xades` signs into it
  sort_into_schema_order(root);
  w.report_composed_ids();
  out.losses = ctx.take_losses();
  if (has_error(out.diagnostics)) return out;
  // The output must be valid EDCI: checked here, so an invalid file is never handed out. Kept
  // elements of a source the schema rejects are dropped into the loss report first.
  PrunedOutput checked =
      validate_pruning(doc.get(), w.kept_, out.losses, [&](const KeptElement& gone) {
        if (gone.extra.key == "type" && gone.extra.pointer == "/europassCredential/type") {
          w.generic_type();
          sort_into_schema_order(root);
        }
      });
  std::string text = std::move(checked.text);
  for (const auto& d : checked.schema_errors) {
    Diagnostic e = d;
    e.code = "model.edci-invalid-output";
    e.stage = "serialize";
    e.message = "the EDCI this credential makes is not schema-valid: " + d.message;
    out.diagnostics.push_back(std::move(e));
  }
  if (!has_error(out.diagnostics)) out.documents.push_back({std::move(text), ""});
  if (presentation) wrap_in_presentation(out, credential, options.edci_presentation);
  return out;
}

}  // namespace credgate::edci_xml
