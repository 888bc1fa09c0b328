// Model -> EMREX ELMO v1, the reverse of elmo_reader.cpp (same ELM-ELMO mapping rows). Child
// order follows the ELMO schema's sequences (kOrder below); extras from an ELMO source go back
// at their schema position, so ELMO -> ELMO keeps them; from other sources they are losses.
#include "mappers/elmo/elmo_writer.hpp"

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include <algorithm>
#include <map>

#include "mappers/json_emit.hpp"
#include "xsd/validator.hpp"

namespace credgate::elmo {
namespace {

using namespace model;
using json = nlohmann::json;

constexpr const char* kNamespace = "https://github.com/emrex-eu/elmo-schemas/tree/v1";

// Children in schema order, per parent element (from xsd/schemas/elmo-1/schema.xsd).
const std::map<std::string, std::vector<std::string>>& order() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"elmo",
       {"generatedDate", "learner", "report", "attachment", "groups", "extension", "Signature"}},
      {"learner",
       {"citizenship", "identifier", "givenNames", "familyName", "bday", "placeOfBirth",
        "birthName", "currentAddress", "gender"}},
      {"report",
       {"issuer", "learningOpportunitySpecification", "issueDate", "gradingScheme", "attachment"}},
      {"issuer", {"country", "identifier", "title", "url"}},
      {"learningOpportunitySpecification",
       {"identifier", "title", "type", "subjectArea", "iscedCode", "url", "description",
        "descriptionHtml", "specifies", "hasPart", "extension"}},
      {"specifies", {"learningOpportunityInstance", "extension"}},
      {"learningOpportunityInstance",
       {"identifier", "start", "date", "academicTerm", "status", "gradingSchemeLocalId",
        "resultLabel", "shortenedGrading", "resultDistribution", "credit", "level",
        "languageOfInstruction", "engagementHours", "attachments", "grouping", "extension",
        "diplomaSupplement"}},
      {"credit", {"scheme", "level", "value"}},
  };
  return table;
}

class Writer {
 public:
  explicit Writer(WriteContext& ctx) : ctx_(ctx) {}

  xmlNodePtr element(xmlNodePtr parent, const char* name, const std::string& text = {}) {
    xmlNodePtr n = xmlNewChild(parent, ns_, BAD_CAST name, nullptr);
    if (!text.empty()) xmlNodeAddContent(n, BAD_CAST text.c_str());
    return n;
  }
  void lang_elements(xmlNodePtr parent, const char* name, const LangString& text, bool with_lang) {
    for (const auto& [lang, value] : text.entries) {
      xmlNodePtr n = element(parent, name, value);
      if (with_lang && !text.plain) xmlNodeSetLang(n, BAD_CAST lang.c_str());
    }
  }

  // Extras of an ELMO source go back in; of any other source they are losses.
  void extras(xmlNodePtr parent, const NodeMeta& meta) {
    if (!ctx_.same_format(meta)) {
      ctx_.lose_extras(meta);
      return;
    }
    for (const auto& e : meta.extras) {
      if (e.key == "Signature") {  // a signature does not survive re-serialisation
        ctx_.lose_at(e.pointer, e.value,
                     "an enveloped signature is not carried: the output is a new document");
        continue;
      }
      if (!e.value.is_string()) continue;
      std::string text = e.value.get<std::string>();
      if (!e.key.empty() && e.key[0] == '@') {
        xmlSetProp(parent, BAD_CAST e.key.substr(1).c_str(), BAD_CAST text.c_str());
        continue;
      }
      if (text.rfind("<", 0) != 0) {  // a simple element: its text
        element(parent, e.key.c_str(), text);
        continue;
      }
      // An element kept as XML: parsed again inside the ELMO namespace (and only that).
      std::string wrapped = std::string("<w xmlns=\"") + kNamespace + "\">" + text + "</w>";
      xsd::ParsedXml p = xsd::parse_xml(wrapped);
      if (!p.ok()) {
        ctx_.lose_at(e.pointer, e.value, "kept element could not be parsed again");
        continue;
      }
      xmlNodePtr w = xmlDocGetRootElement(p.doc.get());
      for (xmlNodePtr c = w->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) {
          xmlNodePtr copy = xmlDocCopyNode(c, parent->doc, 1);
          adopt_namespace(copy);
          xmlAddChild(parent, copy);
        }
    }
  }

  // A copied element declares the ELMO namespace again: point it (and its descendants) at the
  // root's declaration and drop the duplicate, so the output reads as the input did.
  void adopt_namespace(xmlNodePtr node) {
    point_at_root_namespace(node);  // first every reference, then the declarations go
    drop_namespace_declarations(node);
  }
  void point_at_root_namespace(xmlNodePtr node) {
    if (node->type != XML_ELEMENT_NODE) return;
    if (node->ns && !node->ns->prefix && xmlStrEqual(node->ns->href, BAD_CAST kNamespace))
      node->ns = ns_;
    for (xmlNodePtr c = node->children; c; c = c->next) point_at_root_namespace(c);
  }
  static void drop_namespace_declarations(xmlNodePtr node) {
    if (node->type != XML_ELEMENT_NODE) return;
    xmlNsPtr* link = &node->nsDef;
    while (*link) {
      xmlNsPtr def = *link;
      if (!def->prefix && xmlStrEqual(def->href, BAD_CAST kNamespace)) {
        *link = def->next;
        def->next = nullptr;
        xmlFreeNs(def);
      } else {
        link = &def->next;
      }
    }
    for (xmlNodePtr c = node->children; c; c = c->next) drop_namespace_declarations(c);
  }

  // Sorts element children into schema order (stable: same names keep their order).
  static void reorder(xmlNodePtr parent) {
    auto it = order().find(reinterpret_cast<const char*>(parent->name));
    std::vector<xmlNodePtr> children;
    for (xmlNodePtr c = parent->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE) children.push_back(c);
    for (xmlNodePtr c : children) reorder(c);
    if (it == order().end()) return;
    const auto& names = it->second;
    auto rank = [&](xmlNodePtr n) {
      auto pos = std::find(names.begin(), names.end(), reinterpret_cast<const char*>(n->name));
      return pos - names.begin();
    };
    std::stable_sort(children.begin(), children.end(),
                     [&](xmlNodePtr a, xmlNodePtr b) { return rank(a) < rank(b); });
    for (xmlNodePtr c : children) {
      xmlUnlinkNode(c);
      xmlAddChild(parent, c);
    }
  }

  void learner(xmlNodePtr elmo, const Agent& p) {
    xmlNodePtr l = element(elmo, "learner");
    for (const auto& i : p.identifiers) {
      xmlNodePtr id = element(l, "identifier", i.notation);
      std::string type = i.scheme_name.empty()
                             ? (i.role == "nationalID" ? "nationalIdentifier" : i.role)
                             : i.scheme_name;
      xmlSetProp(id, BAD_CAST "type", BAD_CAST type.c_str());
    }
    std::string given = p.given_name.best(language_), family = p.family_name.best(language_);
    element(l, "givenNames", given);
    element(l, "familyName", family);
    if (!p.date_of_birth.empty()) element(l, "bday", p.date_of_birth.substr(0, 10));
    if (p.given_name.entries.size() > 1)
      ctx_.lose(p.meta, "givenNames", lang_json(p.given_name),
                "ELMO holds one given name, no languages");
    if (!p.full_name.empty() && given.empty())
      ctx_.lose(p.meta, "fullName", lang_json(p.full_name), "ELMO has given and family names only");
    if (!p.emails.empty()) ctx_.lose(p.meta, "contactPoint", p.emails, "no ELMO learner e-mail");
    extras(l, p.meta);
  }

  void issuer(xmlNodePtr report, const Agent& a) {
    xmlNodePtr i = element(report, "issuer");
    if (a.address && a.address->country_code && a.address->country_code->notation.size() == 2)
      element(i, "country", a.address->country_code->notation);
    else if (a.address && a.address->country_code)
      ctx_.lose(a.meta, "country", a.address->country_code->notation,
                "ELMO countries are ISO 3166 alpha-2 codes");
    for (const auto& id : a.identifiers) {
      xmlNodePtr e = element(i, "identifier", id.notation);
      std::string type = id.scheme_name.empty() ? id.role : id.scheme_name;
      xmlSetProp(e, BAD_CAST "type", BAD_CAST type.c_str());
    }
    // ELMO requires an identifier and allows custom types: an issuer known only by its IRI
    // (an OB 3.0 Profile id, a DID) is identified by it, type "iri", rather than left out.
    bool id_as_identifier = a.identifiers.empty() && !a.meta.id.empty();
    if (id_as_identifier)
      xmlSetProp(element(i, "identifier", a.meta.id), BAD_CAST "type", BAD_CAST "iri");
    lang_elements(i, "title", a.legal_name, true);
    // ELMO requires the institution's url: its homepage, else an http(s) IRI that identifies
    // it (an OB 3.0 Profile id is the URL of the issuer's profile); else the output is refused.
    if (!a.homepage.empty())
      element(i, "url", a.homepage[0].content_url);
    else if (a.meta.id.rfind("https://", 0) == 0 || a.meta.id.rfind("http://", 0) == 0)
      element(i, "url", a.meta.id);
    if (!a.meta.id.empty() && !id_as_identifier && !ctx_.same_format(a.meta))
      ctx_.lose(a.meta, "id", a.meta.id, "an ELMO issuer has identifiers, no IRI");
    extras(i, a.meta);
  }

  void opportunity(xmlNodePtr parent, const Claim& c) {
    xmlNodePtr los = element(parent, "learningOpportunitySpecification");
    const Specification* s = c.specified_by ? &*c.specified_by : nullptr;
    LangString title = s && !s->title.empty() ? s->title : c.title;
    lang_elements(los, "title", title, true);
    if (s) {
      if (!s->thematic_area.empty()) element(los, "iscedCode", s->thematic_area[0].notation);
      if (!s->homepage.empty()) element(los, "url", s->homepage[0].content_url);
      lang_elements(los, "description", s->description, true);
    }
    xmlNodePtr loi = element(element(los, "specifies"), "learningOpportunityInstance");
    if (!c.start_date.empty()) element(loi, "start", c.start_date.substr(0, 10));
    if (!c.end_date.empty()) element(loi, "date", c.end_date.substr(0, 10));
    std::string grade = c.grade.best(language_);
    for (const auto& a : c.proven_by)  // ELM: the grade sits on the assessment (row 51)
      if (grade.empty()) grade = a.grade.best(language_);
    if (!grade.empty()) element(loi, "resultLabel", grade);
    for (const auto& cr : c.credit_received) {
      xmlNodePtr e = element(loi, "credit");
      element(e, "scheme", cr.framework ? cr.framework->notation : "");
      element(e, "value", cr.point);
      extras(e, cr.meta);
    }
    if (s) {
      if (s->eqf_level) level(loi, "EQF", *s->eqf_level);
      for (const auto& n : s->nqf_level) level(loi, "NQF", n);
      if (!s->language.empty()) element(loi, "languageOfInstruction", s->language[0].notation);
      for (size_t i = 1; i < s->language.size(); ++i)
        ctx_.lose_at(s->language[i].meta.source_pointer, s->language[i].notation,
                     "ELMO holds one language of instruction");
      if (!s->learning_outcome.empty())
        ctx_.lose(s->meta, "learningOutcome", json::array(), "no ELMO learning outcomes");
      if (!s->credit_point.empty() && c.credit_received.empty())
        ctx_.lose(s->meta, "creditPoint", s->credit_point[0].point,
                  "ELMO credits are those received");
      extras(los, s->meta);
    }
    for (const auto& part : c.has_part) opportunity(element(los, "hasPart"), part);
    if (!c.influenced_by.empty())
      ctx_.lose(c.meta, "influencedBy", json::array(), "no ELMO learning activities");
    if (!ctx_.same_format(c.meta) && !c.description.empty())
      ctx_.lose(c.meta, "description", lang_json(c.description),
                "ELMO describes the specification only");
    extras(loi, c.meta);  // the instance's extras sit on the claim (elmo_reader.cpp)
    for (const auto& a : c.proven_by)
      if (!ctx_.same_format(a.meta)) ctx_.lose_extras(a.meta);
  }

  void level(xmlNodePtr loi, const char* type, const Concept& k) {
    xmlNodePtr l = element(loi, "level");
    element(l, "type", type);
    if (!k.pref_label.empty()) element(l, "description", k.pref_label.best(language_));
    element(l, "value", k.notation);
  }

  xmlNsPtr ns_ = nullptr;
  std::string language_ = "en";

 private:
  WriteContext& ctx_;
};

}  // namespace

WriteResult write(const Credential& credential, const WriteOptions& options) {
  WriteResult out;
  WriteContext ctx("elmo");
  Writer w(ctx);
  if (!options.language.empty()) w.language_ = options.language;
  xsd::XmlDocPtr doc(xmlNewDoc(BAD_CAST "1.0"));
  xmlNodePtr root = xmlNewDocNode(doc.get(), nullptr, BAD_CAST "elmo", nullptr);
  xmlDocSetRootElement(doc.get(), root);
  w.ns_ = xmlNewNs(root, BAD_CAST kNamespace, nullptr);
  xmlSetNs(root, w.ns_);
  std::string generated;
  for (const auto& e : credential.meta.extras)
    if (e.key == "generatedDate" && ctx.same_format(credential.meta))
      generated = e.value.get<std::string>();
  if (generated.empty()) {  // generatedDate is required: the credential's own date, not the clock
    generated = !credential.issued.empty()          ? credential.issued
                : !credential.issuance_date.empty() ? credential.issuance_date
                                                    : credential.valid_from;
    w.element(root, "generatedDate", generated);
  }
  w.learner(root, credential.subject.person);
  xmlNodePtr report = w.element(root, "report");
  w.issuer(report, credential.issuer);
  for (const auto& c : credential.subject.has_claim) w.opportunity(report, c);
  // issueDate (row 28: cred:issued) is required; unsealed ELM credentials often lack `issued`,
  // then the VC issuance date or validFrom stands in.
  std::string issue_date = !credential.issued.empty()          ? credential.issued
                           : !credential.issuance_date.empty() ? credential.issuance_date
                                                               : credential.valid_from;
  w.element(report, "issueDate", issue_date);
  if (credential.display_parameter && !ctx.same_format(credential.meta))
    ctx.lose_node(credential.display_parameter->meta,
                  lang_json(credential.display_parameter->title), "no ELMO report title");
  for (const auto& e : credential.envelope)
    ctx.lose_at(e.pointer, e.value,
                "envelope not carried: a converted credential must be sealed again");
  // The report's and the document's extras (gradingScheme, attachment, generatedDate, ...).
  if (ctx.same_format(credential.meta)) {
    NodeMeta report_meta = credential.meta, root_meta = credential.meta;
    report_meta.extras.clear();
    root_meta.extras.clear();
    for (const auto& e : credential.meta.extras)
      (e.pointer.rfind("/elmo/report", 0) == 0 || e.pointer.rfind("/ns0:elmo/ns0:report", 0) == 0
           ? report_meta
           : root_meta)
          .extras.push_back(e);
    w.extras(report, report_meta);
    w.extras(root, root_meta);
  } else {
    ctx.lose_extras(credential.meta);
  }
  Writer::reorder(root);
  out.losses = ctx.take_losses();
  std::string text = xsd::serialize_indented(doc.get());
  // The output must be valid ELMO: checked here, so an invalid file is never handed out.
  xsd::ValidationResult v = xsd::SchemaCache::bundled().validate_with("elmo-1", text);
  for (const auto& d : v.diagnostics) {
    if (d.severity != Severity::Error) continue;
    Diagnostic e = d;
    e.code = "model.elmo-invalid-output";
    e.stage = "serialize";
    e.message = "the ELMO this credential makes is not schema-valid: " + d.message +
                " (ELMO requires a learner's given and family names, an issuer with identifier, "
                "title and url, and titles on every learning opportunity)";
    out.diagnostics.push_back(std::move(e));
  }
  if (!has_error(out.diagnostics)) out.documents.push_back({std::move(text), ""});
  return out;
}

}  // namespace credgate::elmo
