// EMREX ELMO -> canonical model, after the EC's ELM-ELMO mapping
// (../shared/corpus/elm/mapping/ELM-ELMO-mapping--ELMO_ELM.csv; row numbers in comments).
// Read leniently: structure the schema forbids still reads where it can be understood;
// `credgate validate` is where strictness lives. Every element or attribute without a model
// field is kept as an extra with its XPath (ElementCursor::finish), so writers report it.
#include "mappers/elmo/elmo_reader.hpp"

#include "mappers/xml_cursor.hpp"
#include "xsd/xml_parse.hpp"

namespace credgate::elmo {
namespace {

using namespace model;

constexpr const char* kFormat = "elmo";
constexpr const char* kNamespace = "https://github.com/emrex-eu/elmo-schemas/tree/v1";

class Reader {
 public:
  explicit Reader(const ReadOptions& options)
      : language_(options.default_language.empty() ? "en" : options.default_language) {}

  Concept concept_with(std::string notation) {
    Concept c;
    c.notation = std::move(notation);
    return c;
  }

  // Learner -> elm:Person (rows 11-19).
  Agent learner(const xmlNode* node) {
    Agent a;
    a.kind = Agent::Kind::Person;
    ElementCursor c(node);
    for (const xmlNode* id : c.take_all("identifier")) a.identifiers.push_back(identifier(id));
    a.given_name = c.take_lang("givenNames", language_);
    a.family_name = c.take_lang("familyName", language_);
    a.date_of_birth = c.take_text("bday");
    if (a.date_of_birth.empty()) a.date_of_birth = c.take_text("dateOfBirth");  // ELMO 1.5+
    a.meta = c.finish(kFormat, {"Learner"});
    return a;
  }

  Identifier identifier(const xmlNode* node) {
    Identifier i;
    ElementCursor c(node);
    i.scheme_name = c.take_attribute("type");
    i.role = i.scheme_name == "nationalIdentifier" ? "nationalID" : "identifier";
    i.notation = xml_text(node);
    i.meta = c.finish(kFormat, {"Identifier"});
    return i;
  }

  // Issuer -> elm:Organisation (rows 21-24): identifiers (pic, erasmus, schac, custom),
  // country, title (legalName), url (homepage).
  Agent issuer(const xmlNode* node) {
    Agent a;
    a.kind = Agent::Kind::Organisation;
    if (!node) return a;
    ElementCursor c(node);
    for (const xmlNode* id : c.take_all("identifier")) a.identifiers.push_back(identifier(id));
    if (const xmlNode* country = c.take("country")) {
      Address address;
      address.country_code = concept_with(xml_text(country));
      address.meta.source_format = kFormat;
      address.meta.source_pointer = xsd::xpath_of(country);
      a.address = std::move(address);
    }
    a.legal_name = c.take_lang("title", language_);
    for (const xmlNode* url : c.take_all("url")) {
      WebResource w;
      w.content_url = xml_text(url);
      w.meta.source_format = kFormat;
      w.meta.source_pointer = xsd::xpath_of(url);
      a.homepage.push_back(std::move(w));
    }
    a.meta = c.finish(kFormat, {"Issuer"});
    return a;
  }

  CreditPoint credit(const xmlNode* node) {
    CreditPoint p;
    ElementCursor c(node);
    std::string scheme = c.take_text("scheme");
    if (!scheme.empty()) p.framework = concept_with(scheme);
    p.point = c.take_text("value");
    p.meta = c.finish(kFormat, {"Credit"});  // `level` (row 72: "will be removed") stays an extra
    return p;
  }

  // LearningOpportunitySpecification -> a LearningAchievement and its specification
  // (rows 33-42); its instance (rows 45-61) gives dates, grade, credits, levels, language.
  Claim opportunity(const xmlNode* node) {
    Claim claim;
    claim.kind = Claim::Kind::LearningAchievement;
    Specification spec;
    spec.kind = Specification::Kind::LearningAchievementSpecification;
    ElementCursor c(node);
    spec.title = c.take_lang("title", language_);
    claim.title = spec.title;
    spec.description = c.take_lang("description", language_);
    if (const xmlNode* isced = c.take("iscedCode"))
      spec.thematic_area.push_back(concept_with(xml_text(isced)));
    for (const xmlNode* url : c.take_all("url")) {
      WebResource w;
      w.content_url = xml_text(url);
      w.meta.source_format = kFormat;
      w.meta.source_pointer = xsd::xpath_of(url);
      spec.homepage.push_back(std::move(w));
    }
    if (const xmlNode* specifies = c.take("specifies")) {
      ElementCursor s(specifies);
      if (const xmlNode* instance = s.take("learningOpportunityInstance"))
        read_instance(instance, claim, spec);
      NodeMeta m = s.finish(kFormat);
      keep(m, claim.meta);
    }
    for (const xmlNode* has_part : c.take_all("hasPart")) {
      ElementCursor h(has_part);
      for (const xmlNode* part : h.take_all("learningOpportunitySpecification"))
        claim.has_part.push_back(opportunity(part));
      NodeMeta m = h.finish(kFormat);
      keep(m, claim.meta);
    }
    NodeMeta spec_meta = c.finish(kFormat, {"LearningOpportunitySpecification"});
    // identifiers, type, subjectArea, descriptionHtml, extension: no model field, extras
    spec.meta = spec_meta;
    std::vector<Extra> claim_extras = std::move(claim.meta.extras);
    claim.meta = NodeMeta{};
    claim.meta.source_format = kFormat;
    claim.meta.source_pointer = spec_meta.source_pointer;
    claim.meta.extras = std::move(claim_extras);
    claim.specified_by = std::move(spec);
    return claim;
  }

  void read_instance(const xmlNode* node, Claim& claim, Specification& spec) {
    ElementCursor c(node);
    claim.start_date = c.take_text("start");
    claim.end_date = c.take_text("date");
    std::string grade = c.take_text("resultLabel");
    if (!grade.empty()) {
      claim.grade.add(language_, grade);
      claim.grade.plain = true;
    }
    for (const xmlNode* cr : c.take_all("credit")) claim.credit_received.push_back(credit(cr));
    for (const xmlNode* level : c.take_all("level")) {
      ElementCursor l(level);
      std::string type = l.take_text("type");
      std::string value = l.take_text("value");
      if (type == "EQF" && !spec.eqf_level) {
        spec.eqf_level = concept_with(value);
        spec.eqf_level->pref_label = l.take_lang("description", language_);
        spec.eqf_level->meta = l.finish(kFormat, {"Level"});
      } else if (type == "NQF") {
        Concept nqf = concept_with(value);
        nqf.pref_label = l.take_lang("description", language_);
        nqf.meta = l.finish(kFormat, {"Level"});
        spec.nqf_level.push_back(std::move(nqf));
      } else {  // other frameworks: kept whole
        claim.meta.extras.push_back({"level", xsd::xpath_of(level), xml_value(level)});
      }
    }
    for (const xmlNode* lang : c.take_all("languageOfInstruction"))
      spec.language.push_back(concept_with(xml_text(lang)));
    // status, academicTerm, gradingSchemeLocalId, shortenedGrading, resultDistribution,
    // engagementHours, attachments, grouping, diplomaSupplement, extension: extras on the claim
    NodeMeta m = c.finish(kFormat, {"LearningOpportunityInstance"});
    if (!claim.start_date.empty() || !claim.end_date.empty()) {
      claim.period = NodeMeta{};
      claim.period->source_format = kFormat;
      claim.period->source_pointer = m.source_pointer;
    }
    keep(m, claim.meta);
  }

  // Moves a finished node's extras onto the node that stands for it in the model.
  static void keep(NodeMeta& from, NodeMeta& to) {
    for (auto& e : from.extras) to.extras.push_back(std::move(e));
  }

  std::string language_;
};

}  // namespace

ReadResult read(const Sniff& sniff, const ReadOptions& options) {
  ReadResult out;
  xsd::ParsedXml parsed = xsd::parse_xml(sniff.bytes);
  if (!parsed.ok()) {
    out.diagnostics = std::move(parsed.diagnostics);
    return out;
  }
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  std::string ns = root->ns && root->ns->href ? reinterpret_cast<const char*>(root->ns->href) : "";
  if (std::string(reinterpret_cast<const char*>(root->name)) != "elmo") {
    out.diagnostics.push_back(make_error("model.unsupported-type", "map",
                                         "not an ELMO document (root element is not elmo)",
                                         xsd::xpath_of(root)));
    return out;
  }
  if (ns != kNamespace)
    out.diagnostics.push_back(make_warning("elmo.namespace", "map",
                                           "ELMO root in namespace '" + ns + "', not " +
                                               kNamespace +
                                               ": read anyway (the schema "
                                               "would reject it)",
                                           xsd::xpath_of(root)));
  Reader reader(options);
  ElementCursor elmo(root);
  const xmlNode* learner_node = elmo.take("learner");
  Agent person;
  if (learner_node)
    person = reader.learner(learner_node);
  else
    out.diagnostics.push_back(make_warning("model.missing-member", "map",
                                           "ELMO document without a learner", xsd::xpath_of(root)));
  auto reports = elmo.take_all("report");
  if (reports.empty()) {
    out.diagnostics.push_back(make_error("model.missing-member", "map",
                                         "ELMO document without a report", xsd::xpath_of(root)));
    return out;
  }
  // generatedDate (row 3: "no need to map"), attachment, groups, extension, signature: on the
  // first credential's extras, so that they are reported once.
  NodeMeta root_meta = elmo.finish(kFormat, {"elmo"});
  for (size_t i = 0; i < reports.size(); ++i) {
    Credential c;
    ElementCursor report(reports[i]);
    c.issuer = reader.issuer(report.take("issuer"));
    c.issued = report.take_text("issueDate");  // row 28: cred:issued
    c.subject.person = person;
    for (const xmlNode* los : report.take_all("learningOpportunitySpecification"))
      c.subject.has_claim.push_back(reader.opportunity(los));
    // gradingScheme, description, attachment (the transcript PDF, kept whole): extras
    c.meta = report.finish(kFormat, {"report"});
    if (i == 0)
      for (auto& e : root_meta.extras) c.meta.extras.push_back(e);
    if (c.subject.has_claim.empty())
      out.diagnostics.push_back(make_warning("model.missing-member", "map",
                                             "report without learningOpportunitySpecification",
                                             xsd::xpath_of(reports[i])));
    out.credentials.push_back(std::move(c));
  }
  return out;
}

}  // namespace credgate::elmo
