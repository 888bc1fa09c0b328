// EDCI v2 (ELM v2 XML, schema 0.10.0) -> canonical model. ELM v2 names mostly carry over to
// ELM v3 (the model's vocabulary); the differences are noted where they occur. Objects are
// shared through idref into the *References containers; each is read where it is referenced,
// and one never referenced is kept as an extra, so nothing is dropped.
#include "mappers/edci_xml/edci_xml_reader.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "mappers/xml_cursor.hpp"
#include "xsd/validator.hpp"
#include "xsd/xml_parse.hpp"

namespace credgate::edci_xml {
namespace {

using namespace model;

constexpr const char* kFormat = "edci-xml";

class Reader {
 public:
  Reader(const xmlDoc* doc, const ReadOptions& options, Diagnostics& diagnostics)
      : language_(options.default_language.empty() ? "en" : options.default_language),
        diagnostics_(diagnostics) {
    for (const xmlNode* e : xsd::elements_in_order(doc)) {
      xmlChar* id = xmlGetProp(e, BAD_CAST "id");
      if (id && e->parent && e->parent->name &&
          std::string(reinterpret_cast<const char*>(e->parent->name)).find("References") !=
              std::string::npos)
        by_id_[reinterpret_cast<const char*>(id)] = e;
      xmlFree(id);
    }
  }

  // <x><text lang="en" content-type="text/plain">...</text>...</x> -> language map
  LangString texts(const xmlNode* node) {
    LangString out;
    if (!node) return out;
    for (const xmlNode* t = node->children; t; t = t->next) {
      if (t->type != XML_ELEMENT_NODE || !xmlStrEqual(t->name, BAD_CAST "text")) continue;
      xmlChar* lang = xmlGetProp(t, BAD_CAST "lang");
      out.add(lang ? reinterpret_cast<const char*>(lang) : language_, xml_text(t));
      xmlFree(lang);
    }
    return out;
  }
  LangString take_texts(ElementCursor& c, std::string_view local) { return texts(c.take(local)); }

  // ELM v2 code: uri (the concept), targetNotation, targetFrameworkUrl (its scheme), targetName.
  Concept concept_of(const xmlNode* node) {
    Concept k;
    ElementCursor c(node);
    std::string uri = c.take_attribute("uri");
    k.notation = c.take_attribute("targetNotation");
    k.in_scheme = c.take_attribute("targetFrameworkUrl");
    k.pref_label = take_texts(c, "targetName");
    k.meta = c.finish(kFormat, {"Concept"});
    k.meta.id = uri;
    return k;
  }

  const xmlNode* resolve(ElementCursor& c, std::string_view local) {
    const xmlNode* ref = c.take(local);
    if (!ref) return nullptr;
    xmlChar* idref = xmlGetProp(ref, BAD_CAST "idref");
    if (!idref) return ref;  // given inline
    std::string id = reinterpret_cast<const char*>(idref);
    xmlFree(idref);
    auto it = by_id_.find(id);
    if (it == by_id_.end()) {
      diagnostics_.push_back(make_warning("edci.unresolved-reference", "map",
                                          "idref '" + id + "' names nothing in the document",
                                          xsd::xpath_of(ref)));
      return nullptr;
    }
    referenced_.insert(it->second);
    return it->second;
  }

  // Extras of a shared node are reported at its first use only.
  NodeMeta finish_shared(ElementCursor& c, std::vector<std::string> types) {
    NodeMeta m = c.finish(kFormat, std::move(types));
    if (!finished_.insert(c.element()).second) m.extras.clear();
    return m;
  }

  Identifier identifier(const xmlNode* node, std::string role) {
    Identifier i;
    ElementCursor c(node);
    i.role = std::move(role);
    i.scheme_name = c.take_attribute("schemeID");
    i.notation = xml_text(node);
    i.meta = c.finish(kFormat, {"Identifier"});
    return i;
  }

  Agent organisation(const xmlNode* node) {
    Agent a;
    a.kind = Agent::Kind::Organisation;
    if (!node) return a;
    ElementCursor c(node);
    std::string id = c.take_attribute("id");
    for (const xmlNode* i : c.take_all("identifier"))
      a.identifiers.push_back(identifier(i, "identifier"));
    for (const xmlNode* i : c.take_all("registration"))
      a.identifiers.push_back(identifier(i, "registration"));
    a.legal_name = take_texts(c, "prefLabel");  // ELM v2 prefLabel -> ELM v3 legalName
    a.alt_label = take_texts(c, "altLabel");
    for (const xmlNode* h : c.take_all("homepage")) {
      ElementCursor hc(h);
      WebResource w;
      w.content_url = hc.take_attribute("uri");
      w.meta = hc.finish(kFormat, {"WebResource"});
      a.homepage.push_back(std::move(w));
    }
    if (const xmlNode* logo = c.take("logo")) {
      ElementCursor lc(logo);
      MediaObject m;
      if (const xmlNode* t = lc.take("contentType")) m.content_type = concept_of(t);
      if (const xmlNode* e = lc.take("contentEncoding")) m.content_encoding = concept_of(e);
      m.content_url = lc.take_text("contentUrl");
      m.content = lc.take_text("content");
      m.meta = lc.finish(kFormat, {"MediaObject"});
      a.logo = std::move(m);
    }
    a.meta = finish_shared(c, {"Organisation"});
    a.meta.id = id;
    return a;
  }

  Specification specification(const xmlNode* node) {
    Specification s;
    ElementCursor c(node);
    std::string local = reinterpret_cast<const char*>(node->name);
    s.kind = local == "qualification" ? Specification::Kind::Qualification
                                      : Specification::Kind::LearningAchievementSpecification;
    std::string id = c.take_attribute("id");
    s.title = take_texts(c, "title");
    s.description = take_texts(c, "description");
    if (const xmlNode* eqf = c.take("eqfLevel")) s.eqf_level = concept_of(eqf);
    for (const xmlNode* n : c.take_all("nqfLevel")) s.nqf_level.push_back(concept_of(n));
    for (const xmlNode* f : c.take_all("hasISCED-FCode")) s.thematic_area.push_back(concept_of(f));
    for (const xmlNode* l : c.take_all("language")) s.language.push_back(concept_of(l));
    s.volume_of_learning = c.take_text("volumeOfLearning");
    // ELM v2 hasECTSCreditPoints -> ELM v3 creditPoint with the ECTS framework
    std::string ects = c.take_text("hasECTSCreditPoints");
    if (!ects.empty()) {
      CreditPoint p;
      Concept framework;
      framework.meta.id = "http://data.europa.eu/snb/education-credit/6fcec5c5af";
      framework.notation = "ECTS";
      p.framework = framework;
      p.point = ects;
      p.meta.source_format = kFormat;
      s.credit_point.push_back(std::move(p));
    }
    for (const xmlNode* h : c.take_all("homepage")) {
      ElementCursor hc(h);
      WebResource w;
      w.content_url = hc.take_attribute("uri");
      w.meta = hc.finish(kFormat, {"WebResource"});
      s.homepage.push_back(std::move(w));
    }
    s.meta = finish_shared(c, {local});
    s.meta.id = id;
    return s;
  }

  Claim assessment(const xmlNode* node) {
    Claim a;
    a.kind = Claim::Kind::LearningAssessment;
    ElementCursor c(node);
    std::string id = c.take_attribute("id");
    a.title = take_texts(c, "title");
    a.description = take_texts(c, "description");
    std::string grade = c.take_text("grade");
    if (!grade.empty()) {
      a.grade.add(language_, grade);
      a.grade.plain = true;
    }
    a.meta = c.finish(kFormat, {"LearningAssessment"});
    a.meta.id = id;
    return a;
  }

  Claim activity(const xmlNode* node) {
    Claim a;
    a.kind = Claim::Kind::LearningActivity;
    ElementCursor c(node);
    std::string id = c.take_attribute("id");
    a.title = take_texts(c, "title");
    a.description = take_texts(c, "description");
    a.start_date = c.take_text("startedAtTime");
    a.end_date = c.take_text("endedAtTime");
    a.meta = c.finish(kFormat, {"LearningActivity"});
    a.meta.id = id;
    return a;
  }

  Claim achievement(const xmlNode* node) {
    Claim a;
    a.kind = Claim::Kind::LearningAchievement;
    ElementCursor c(node);
    std::string id = c.take_attribute("id");
    a.title = take_texts(c, "title");
    a.description = take_texts(c, "description");
    if (const xmlNode* spec = resolve(c, "specifiedBy")) a.specified_by = specification(spec);
    for (const xmlNode* d : c.take_all("wasDerivedFrom")) a.proven_by.push_back(assessment(d));
    for (const xmlNode* i : c.take_all("wasInfluencedBy")) a.influenced_by.push_back(activity(i));
    for (const xmlNode* h : c.take_all("hasPart")) {
      ElementCursor hc(h);
      for (const xmlNode* part : hc.take_all("learningAchievement"))
        a.has_part.push_back(achievement(part));
      NodeMeta m = hc.finish(kFormat);
      for (auto& e : m.extras) a.meta.extras.push_back(std::move(e));
    }
    std::vector<Extra> extras = std::move(a.meta.extras);
    a.meta = c.finish(kFormat, {"LearningAchievement"});
    a.meta.id = id;
    for (auto& e : extras) a.meta.extras.push_back(std::move(e));
    return a;
  }

  Agent person(const xmlNode* node, std::vector<Claim>& claims) {
    Agent p;
    p.kind = Agent::Kind::Person;
    ElementCursor c(node);
    std::string id = c.take_attribute("id");
    for (const xmlNode* i : c.take_all("identifier"))
      p.identifiers.push_back(identifier(i, "identifier"));
    p.full_name = take_texts(c, "fullName");
    p.given_name = take_texts(c, "givenNames");
    p.family_name = take_texts(c, "familyName");
    p.date_of_birth = c.take_text("dateOfBirth");
    if (const xmlNode* contact = c.take("contactPoint")) {
      ElementCursor cc(contact);
      for (const xmlNode* mail : cc.take_all("mailBox")) {
        ElementCursor mc(mail);
        p.emails.push_back(mc.take_attribute("uri"));
        NodeMeta m = mc.finish(kFormat);
        for (auto& e : m.extras) cc_extras_.push_back(std::move(e));
      }
      p.contact_point = cc.finish(kFormat, {"ContactPoint"});
      for (auto& e : cc_extras_) p.contact_point->extras.push_back(std::move(e));
      cc_extras_.clear();
    }
    if (const xmlNode* achievements = c.take("achievements")) {
      ElementCursor ac(achievements);
      for (const xmlNode* a : ac.take_all("learningAchievement")) claims.push_back(achievement(a));
      NodeMeta m = ac.finish(kFormat);
      for (auto& e : m.extras) p.meta.extras.push_back(std::move(e));
    }
    std::vector<Extra> extras = std::move(p.meta.extras);
    p.meta = c.finish(kFormat, {"Person"});
    p.meta.id = id;
    for (auto& e : extras) p.meta.extras.push_back(std::move(e));
    return p;
  }

  // Entries of the *References containers nobody referenced: kept, not dropped.
  void unreferenced(const xmlNode* container, std::vector<Extra>& extras) {
    for (const xmlNode* e = container->children; e; e = e->next)
      if (e->type == XML_ELEMENT_NODE && !referenced_.count(e))
        extras.push_back({reinterpret_cast<const char*>(e->name), xsd::xpath_of(e), xml_value(e)});
  }

 private:
  std::string language_;
  Diagnostics& diagnostics_;
  std::map<std::string, const xmlNode*> by_id_;
  std::set<const xmlNode*> referenced_;
  std::set<const xmlNode*> finished_;
  std::vector<Extra> cc_extras_;
};

}  // namespace

namespace {

// One europassCredential element (the root, or one inside a verifiablePresentation).
Credential read_credential(Reader& reader, const xmlNode* root) {
  ElementCursor c(root);
  Credential cred;
  std::string id = c.take_attribute("id");  // cred:id
  if (const xmlNode* issuer = reader.resolve(c, "issuer"))
    cred.issuer = reader.organisation(issuer);
  cred.valid_from = c.take_text("validFrom");
  cred.issued = c.take_text("issued");
  cred.valid_until = c.take_text("validUntil");
  LangString title = reader.take_texts(c, "title");
  LangString description = reader.take_texts(c, "description");
  if (!title.empty() || !description.empty()) {
    DisplayParameter d;
    d.title = std::move(title);
    d.description = std::move(description);
    d.meta.source_format = kFormat;
    d.meta.source_pointer = xsd::xpath_of(root);
    cred.display_parameter = std::move(d);
  }
  if (const xmlNode* subject = c.take("credentialSubject"))
    cred.subject.person = reader.person(subject, cred.subject.has_claim);
  // The XAdES seal: the envelope around the credential (verification works on the bytes).
  if (const xmlNode* proof = c.take("proof"))
    cred.envelope.push_back({"proof", xsd::xpath_of(proof), xml_value(proof)});
  std::vector<const xmlNode*> containers;
  for (const xmlNode* e = root->children; e; e = e->next)
    if (e->type == XML_ELEMENT_NODE &&
        std::string(reinterpret_cast<const char*>(e->name)).find("References") != std::string::npos)
      containers.push_back(e);
  for (const xmlNode* container : containers)
    c.take(reinterpret_cast<const char*>(container->name));
  cred.meta = c.finish(kFormat, {"europassCredential"});
  cred.meta.id = id;
  for (const xmlNode* container : containers) reader.unreferenced(container, cred.meta.extras);
  return cred;
}

}  // namespace

ReadResult read(const Sniff& sniff, const ReadOptions& options) {
  ReadResult out;
  xsd::ParsedXml parsed = xsd::parse_xml(sniff.bytes);
  if (!parsed.ok()) {
    out.diagnostics = std::move(parsed.diagnostics);
    return out;
  }
  const xmlNode* root = xmlDocGetRootElement(parsed.doc.get());
  std::string local = reinterpret_cast<const char*>(root->name);
  if (local != "europassCredential" && local != "verifiablePresentation") {
    out.diagnostics.push_back(make_error(
        "model.unsupported-type", "map",
        "the edci-xml reader reads europassCredential and verifiablePresentation, not " + local,
        xsd::xpath_of(root)));
    return out;
  }
  // Lenient: schema errors are warnings here (`credgate validate` makes them errors).
  xsd::ValidationResult v = xsd::SchemaCache::bundled().validate(sniff.bytes);
  for (auto& d : v.diagnostics) {
    if (d.severity != Severity::Error) continue;
    d.severity = Severity::Warning;
    d.code = d.code == "check.xsd.invalid" ? "edci.schema-invalid" : "edci." + d.code;
    d.message = "read although the schema rejects it: " + d.message;
    out.diagnostics.push_back(std::move(d));
  }
  Reader reader(parsed.doc.get(), options, out.diagnostics);
  if (local == "europassCredential") {
    out.credentials.push_back(read_credential(reader, root));
    return out;
  }
  // A verifiablePresentation (EDCI 1.x: a presenter, e.g. a mandated issuer, seals credentials
  // it presents): each europassCredential in it is read as a credential; the presentation's
  // own members (its type, its issuer, its proof, ...) are the envelope around each of them,
  // which every writer reports as not carried.
  ElementCursor vp(root);
  std::vector<const xmlNode*> inner = vp.take_all("europassCredential");
  std::vector<Extra> envelope;
  std::string vp_id = vp.take_attribute("id");
  for (const xmlNode* e = root->children; e; e = e->next)
    if (e->type == XML_ELEMENT_NODE && std::find(inner.begin(), inner.end(), e) == inner.end())
      envelope.push_back(
          {std::string("verifiablePresentation/") + reinterpret_cast<const char*>(e->name),
           xsd::xpath_of(e), xml_value(e)});
  if (!vp_id.empty())
    envelope.insert(envelope.begin(),
                    {"verifiablePresentation/@id", xsd::xpath_of(root) + "/@id", vp_id});
  if (inner.empty()) {
    out.diagnostics.push_back(make_error("model.missing-member", "map",
                                         "the verifiablePresentation holds no europassCredential",
                                         xsd::xpath_of(root)));
    return out;
  }
  for (const xmlNode* e : inner) {
    Credential cred = read_credential(reader, e);
    cred.envelope.insert(cred.envelope.begin(), envelope.begin(), envelope.end());
    out.credentials.push_back(std::move(cred));
  }
  return out;
}

}  // namespace credgate::edci_xml
