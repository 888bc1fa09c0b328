// Canonical model -> EDC (ELM v3 JSON-LD). Every member written is a term of the EDC
// application-profile context or of the VC 1.1 context, so that a JSON-LD processor in safe
// mode drops nothing (checked in tests with jsonld.js as an oracle).
#include "mappers/edc/edc_writer.hpp"

#include "jsonld/term_check.hpp"
#include "mappers/json_emit.hpp"

namespace credgate::edc {
namespace {

using json = nlohmann::json;
using namespace model;

class Writer {
 public:
  explicit Writer(WriteContext& context) : ctx_(context) {}


  json concept_json(const Concept& c) {
    json o = ctx_.open(c.meta, {"Concept"});
    put_lang(o, "prefLabel", c.pref_label);
    ctx_.put_scalar(o, c.meta, "notation", c.notation);
    if (!c.in_scheme.empty()) o["inScheme"] = {{"id", c.in_scheme}, {"type", "ConceptScheme"}};
    ctx_.close(o, c.meta);
    return o;
  }

  std::vector<json> concepts(const std::vector<Concept>& list) {
    std::vector<json> out;
    for (const auto& c : list) out.push_back(concept_json(c));
    return out;
  }

  json web_resource(const WebResource& w) {
    json o = ctx_.open(w.meta, {"WebResource"});
    put(o, "contentURL", w.content_url);
    ctx_.close(o, w.meta);
    return o;
  }

  std::vector<json> web_resources(const std::vector<WebResource>& list) {
    std::vector<json> out;
    for (const auto& w : list) out.push_back(web_resource(w));
    return out;
  }

  json media_object(const MediaObject& m) {
    json o = ctx_.open(m.meta, {"MediaObject"});
    put(o, "content", m.content);
    put(o, "contentURL", m.content_url);
    if (m.content_type) o["contentType"] = concept_json(*m.content_type);
    if (m.content_encoding) o["contentEncoding"] = concept_json(*m.content_encoding);
    if (!m.caption.empty()) ctx_.lose(m.meta, "caption", m.caption, "ELM MediaObject has no caption");
    ctx_.close(o, m.meta);
    return o;
  }

  // The ELM property an identifier goes under, and its class.
  static std::pair<std::string, const char*> identifier_slot(const std::string& role) {
    for (const char* legal : {"registration", "vatIdentifier", "eIDASIdentifier", "taxIdentifier"})
      if (role == legal) return {role, "LegalIdentifier"};
    if (role == "nationalID" || role == "nationalIdentityNumber")
      return {"nationalID", "LegalIdentifier"};
    return {"identifier", "Identifier"};
  }

  void agent_fields(json& o, const Agent& a) {
    put_lang(o, "legalName", a.legal_name);
    put_lang(o, "altLabel", a.alt_label);
    put_lang(o, "description", a.description);
    put_list(o, "homepage", web_resources(a.homepage));
    if (a.logo) o["logo"] = media_object(*a.logo);
    std::map<std::string, std::vector<json>> ids;
    for (const auto& i : a.identifiers) {
      auto [slot, cls] = identifier_slot(i.role);
      json io = ctx_.open(i.meta, {cls});
      ctx_.put_scalar(io, i.meta, "notation", i.notation);
      std::string scheme = i.scheme_name;
      // An OB identifierType has no ELM property of its own: it becomes the scheme name.
      if (scheme.empty() && slot == "identifier" && i.role != "identifier") scheme = i.role;
      if (!i.type_member.empty() && slot != "identifier")
        ctx_.lose(i.meta, i.type_member, i.type_as_written, "expressed by the ELM property " + slot);
      put(io, "schemeName", scheme);
      ctx_.close(io, i.meta);
      ids[slot].push_back(std::move(io));
    }
    for (auto& [slot, list] : ids) put_list(o, slot, std::move(list));
    if (a.address || a.location) {
      NodeMeta none;
      json lo = ctx_.open(a.location ? *a.location : none, {"Location"});
      if (a.address) lo["address"] = address(*a.address);
      if (a.location) ctx_.close(lo, *a.location);
      o["location"] = std::move(lo);
    }
    if (!a.emails.empty() || a.contact_point) {
      NodeMeta none;
      json cp = ctx_.open(a.contact_point ? *a.contact_point : none, {"ContactPoint"});
      std::vector<json> boxes;
      for (const auto& e : a.emails)
        boxes.push_back({{"id", e}, {"type", "Mailbox"}});  // readers store mailto: IRIs
      put_list(cp, "emailAddress", std::move(boxes));
      if (a.contact_point) ctx_.close(cp, *a.contact_point);
      o["contactPoint"] = std::move(cp);
    }
    if (!a.phone.empty()) ctx_.lose(a.meta, "phone", a.phone, "ELM keeps phones as Phone nodes; not mapped yet");
    put_lang(o, "givenName", a.given_name);
    put_lang(o, "familyName", a.family_name);
    put_lang(o, "fullName", a.full_name);
    put(o, "dateOfBirth", a.date_of_birth);
  }

  json address(const Address& a) {
    json o = ctx_.open(a.meta, {"Address"});
    if (a.country_code) o["countryCode"] = concept_json(*a.country_code);
    LangString full = a.full_address;
    if (full.empty()) {
      // OB 3.0 addresses are structured; ELM has fullAddress text plus a country Concept.
      std::string text;
      const std::pair<const char*, const std::string*> parts[] = {
          {"streetAddress", &a.street_address}, {"postalCode", &a.postal_code},
          {"addressLocality", &a.locality},     {"addressRegion", &a.region},
          {"addressCountry", &a.country_name}};
      for (const auto& [key, part] : parts) {
        if (part->empty()) continue;
        text += (text.empty() ? "" : ", ") + *part;
        ctx_.lose(a.meta, key, *part, "ELM has no structured address here: carried inside fullAddress text");
      }
      if (!text.empty()) full.add(default_language_, text);
    }
    if (!full.empty()) {
      NodeMeta none;
      json note = ctx_.open(a.full_address_note ? *a.full_address_note : none, {"Note"});
      put_lang(note, "noteLiteral", full);
      if (a.full_address_note) ctx_.close(note, *a.full_address_note);
      o["fullAddress"] = std::move(note);
    }
    ctx_.close(o, a.meta);
    return o;
  }

  json agent(const Agent& a, const char* default_type) {
    const char* type = default_type;
    if (a.kind == Agent::Kind::Person) type = "Person";
    if (a.kind == Agent::Kind::Group) type = "Group";
    json o = ctx_.open(a.meta, {type});
    agent_fields(o, a);
    ctx_.close(o, a.meta);
    return o;
  }

  json credit_point(const CreditPoint& c) {
    json o = ctx_.open(c.meta, {"CreditPoint"});
    if (c.framework) o["framework"] = concept_json(*c.framework);
    ctx_.put_scalar(o, c.meta, "point", c.point);
    ctx_.close(o, c.meta);
    return o;
  }

  std::vector<json> credit_points(const std::vector<CreditPoint>& list) {
    std::vector<json> out;
    for (const auto& c : list) out.push_back(credit_point(c));
    return out;
  }

  json learning_outcome(const LearningOutcome& l) {
    json o = ctx_.open(l.meta, {"LearningOutcome"});
    put_lang(o, "title", l.title);
    std::vector<json> skills;
    for (const auto& s : l.related_esco_skill) skills.push_back({{"id", s}, {"type", "Concept"}});
    put_list(o, "relatedESCOSkill", std::move(skills));
    if (!l.target_code.empty()) ctx_.lose(l.meta, "targetCode", l.target_code, "ELM LearningOutcome has no code");
    if (!l.target_framework.empty())
      ctx_.lose(l.meta, "targetFramework", l.target_framework, "ELM LearningOutcome has no framework name");
    if (!l.target_description.empty())
      ctx_.lose(l.meta, "targetDescription", l.target_description, "ELM LearningOutcome has no description");
    ctx_.close(o, l.meta);
    return o;
  }

  static const char* spec_type(const Specification& s) {
    if (s.kind == Specification::Kind::Achievement)
      return "LearningAchievementSpecification";
    return kind_name(s.kind);
  }

  // `results`: the OB results of the claim; a result description they refer to travels with
  // them (as an assessment specification), the others are reported.
  json specification(const Specification& s, const std::vector<Result>& results = {}) {
    json o = ctx_.open(s.meta, {spec_type(s)});
    put_lang(o, "title", s.title);
    put_lang(o, "description", s.description);
    if (s.eqf_level) o["eqfLevel"] = concept_json(*s.eqf_level);
    put_list(o, "nqfLevel", concepts(s.nqf_level));
    put_list(o, "thematicArea", concepts(s.thematic_area));
    put_list(o, "creditPoint", credit_points(s.credit_point));
    std::vector<json> outcomes;
    for (const auto& l : s.learning_outcome) outcomes.push_back(learning_outcome(l));
    put_list(o, "learningOutcome", std::move(outcomes));
    put_list(o, "language", concepts(s.language));
    put_list(o, "homepage", web_resources(s.homepage));
    put(o, "volumeOfLearning", s.volume_of_learning);
    // OB 3.0 Achievement members without an ELM property.
    auto lose = [&](std::string_view key, json value, const char* reason) {
      ctx_.lose(s.meta, key, std::move(value), reason);
    };
    if (!s.achievement_type.empty())
      lose("achievementType", s.achievement_type, "ELM has no achievement type vocabulary shared with OB 3.0");
    if (s.criteria) {
      json c = {{"narrative", s.criteria->narrative}};
      if (!s.criteria->meta.id.empty()) c["id"] = s.criteria->meta.id;
      for (const auto& e : s.criteria->meta.extras) c[e.key] = e.value;
      ctx_.lose_node(s.criteria->meta, c, "ELM specifications have no criteria");
    }
    for (const auto& a : s.alignment)
      ctx_.lose_node(a.meta, alignment_json(a), "alignment to a framework ELM has no property for");
    for (const auto& r : s.result_description) {
      bool referenced = std::any_of(results.begin(), results.end(), [&](const Result& x) {
        return !r.meta.id.empty() && x.result_description == r.meta.id;
      });
      result_description_lost(r, referenced);
    }
    if (s.image) ctx_.lose(s.meta, "image", s.image->content_url, "ELM specifications have no image");
    if (s.creator)
      ctx_.lose(s.meta, "creator", s.creator->meta.id.empty() ? json(s.creator->legal_name.best()) : json(s.creator->meta.id),
                "ELM specifications have no creator (the awarding body is on the claim)");
    bool field_is_area = std::any_of(s.thematic_area.begin(), s.thematic_area.end(), [&](const Concept& c) {
      return c.pref_label.best(default_language_) == s.field_of_study;
    });
    if (!s.field_of_study.empty() && !field_is_area)
      lose("fieldOfStudy", s.field_of_study, "free-text field of study; ELM thematicArea needs an ISCED-F concept");
    if (!s.specialization.empty()) lose("specialization", s.specialization, "no ELM equivalent");
    if (!s.human_code.empty()) lose("humanCode", s.human_code, "no ELM equivalent");
    if (!s.version.empty()) lose("version", s.version, "no ELM equivalent");
    if (!s.in_language.empty())
      lose("inLanguage", s.in_language, "ELM language needs a Publications Office language concept");
    if (!s.tag.empty()) lose("tag", s.tag, "no ELM equivalent");
    for (size_t i = 0; i < s.endorsement.size(); ++i)
      ctx_.losses().push_back({pointer_append(pointer_append(s.meta.source_pointer, "endorsement"), i),
                               "ELM has no endorsements", s.endorsement[i]});
    ctx_.close(o, s.meta);
    return o;
  }

  // The alignment as its source had it (for the loss report).
  static json alignment_json(const Alignment& a) {
    json j = json::object();
    put(j, "id", a.meta.id);
    for (const auto& e : a.meta.extras) j[e.key] = e.value;
    put(j, "targetName", a.target_name);
    put(j, "targetUrl", a.target_url);
    put(j, "targetCode", a.target_code);
    put(j, "targetFramework", a.target_framework);
    put(j, "targetType", a.target_type);
    put(j, "targetDescription", a.target_description);
    return j;
  }

  void result_description_lost(const ResultDescription& r, bool referenced) {
    // Name and id travel as the LearningAssessmentSpecification of the assessment a result
    // becomes (assessment_from_result); the rest has no ELM counterpart.
    if (!referenced) {
      if (!r.meta.id.empty()) ctx_.lose(r.meta, "id", r.meta.id, "no result refers to this result description");
      if (!r.name.empty()) ctx_.lose(r.meta, "name", r.name, "no result refers to this result description");
    }
    if (!r.result_type.empty()) ctx_.lose(r.meta, "resultType", r.result_type, "no ELM equivalent");
    if (!r.allowed_value.empty())
      ctx_.lose(r.meta, "allowedValue", r.allowed_value, "ELM grading schemes are free text");
    if (!r.required_value.empty())
      ctx_.lose(r.meta, "requiredValue", r.required_value, "no ELM equivalent");
    ctx_.lose_extras(r.meta);
  }

  json awarding_process(const AwardingProcess& a) {
    json o = ctx_.open(a.meta, {"AwardingProcess"});
    std::vector<json> bodies;
    for (const auto& b : a.awarding_body) bodies.push_back(agent(b, "Organisation"));
    put_list(o, "awardingBody", std::move(bodies));
    put(o, "awardingDate", a.awarding_date);
    ctx_.close(o, a.meta);
    return o;
  }

  std::vector<json> claims(const std::vector<Claim>& list) {
    std::vector<json> out;
    for (const auto& c : list) out.push_back(claim(c));
    return out;
  }

  // OB 3.0 results become graded LearningAssessments proving the achievement.
  json assessment_from_result(const Result& r, const Specification* spec) {
    const ResultDescription* rd = nullptr;
    if (spec)
      for (const auto& d : spec->result_description)
        if (d.meta.id == r.result_description) rd = &d;
    json o = ctx_.open(r.meta, {"LearningAssessment"});
    if (rd) {
      LangString t;
      t.add(default_language_, rd->name);
      put_lang(o, "title", t);
      json s = {{"type", "LearningAssessmentSpecification"}};
      if (!rd->meta.id.empty()) s["id"] = rd->meta.id;
      put_lang(s, "title", t);
      o["specifiedBy"] = std::move(s);
    } else if (!r.result_description.empty()) {
      ctx_.lose(r.meta, "resultDescription", r.result_description, "result description not found in the achievement");
    }
    if (!r.value.empty()) {
      LangString g;
      g.add(default_language_, r.value);
      o["grade"] = {{"type", "Note"}, {"noteLiteral", lang_json(g)}};
    }
    if (!r.status.empty()) ctx_.lose(r.meta, "status", r.status, "no ELM equivalent");
    if (!r.achieved_level.empty()) ctx_.lose(r.meta, "achievedLevel", r.achieved_level, "no ELM equivalent");
    ctx_.close(o, r.meta);
    return o;
  }

  json claim(const Claim& c) {
    json o = ctx_.open(c.meta, {kind_name(c.kind)});
    put_lang(o, "title", c.title);
    put_lang(o, "description", c.description);
    if (c.specified_by) o["specifiedBy"] = specification(*c.specified_by, c.results);
    if (c.awarded_by) o["awardedBy"] = awarding_process(*c.awarded_by);
    std::vector<json> proven = claims(c.proven_by);
    for (const auto& r : c.results)
      proven.push_back(assessment_from_result(r, c.specified_by ? &*c.specified_by : nullptr));
    put_list(o, "provenBy", std::move(proven));
    put_list(o, "influencedBy", claims(c.influenced_by));
    put_list(o, "hasPart", claims(c.has_part));
    put_list(o, "creditReceived", credit_points(c.credit_received));
    if (!c.grade.empty()) {
      NodeMeta none;
      json g = ctx_.open(c.grade_note ? *c.grade_note : none, {"Note"});
      put_lang(g, "noteLiteral", c.grade);
      if (c.grade_note) ctx_.close(g, *c.grade_note);
      o["grade"] = std::move(g);
    }
    if (!c.start_date.empty() || !c.end_date.empty() || c.period) {
      NodeMeta none;
      json t = ctx_.open(c.period ? *c.period : none, {"PeriodOfTime"});
      put(t, "startDate", c.start_date);
      put(t, "endDate", c.end_date);
      if (c.period) ctx_.close(t, *c.period);
      o["temporal"] = std::move(t);
    }
    ctx_.close(o, c.meta);
    return o;
  }

  json credential(const Credential& c, const WriteOptions& options) {
    default_language_ = options.language.empty() ? "en" : options.language;
    json o = json::object();
    if (ctx_.same_format(c.meta) && !c.context.empty())
      o["@context"] = c.context;
    else
      o["@context"] = json::array({kVc11Context, kEdcContext});
    json head = ctx_.open(c.meta, {"VerifiableCredential", "EuropeanDigitalCredential"});
    for (auto& [k, v] : head.items()) o[k] = v;
    if (c.issuer.meta.as_iri && ctx_.same_format(c.issuer.meta))
      o["issuer"] = c.issuer.meta.id;
    else
      o["issuer"] = agent(c.issuer, "Organisation");

    json subject = ctx_.open(c.subject.person.meta, {"Person"});
    agent_fields(subject, c.subject.person);
    std::vector<json> claim_list = claims(c.subject.has_claim);
    put_list(subject, "hasClaim", std::move(claim_list));
    ctx_.close(subject, c.subject.person.meta);
    subject_losses(c.subject);
    o["credentialSubject"] = std::move(subject);

    // VC 1.1 (the EDC context's base) requires issuanceDate; VC 2.0's validFrom is its
    // successor, so a credential from another format without one gets its validFrom.
    std::string issuance = c.issuance_date;
    if (issuance.empty() && !ctx_.same_format(c.meta)) issuance = c.valid_from;
    put(o, "issuanceDate", issuance);
    put(o, "issued", c.issued);
    put(o, "validFrom", c.valid_from);
    put(o, "validUntil", c.valid_until);
    put(o, "expirationDate", c.expiration_date);
    if (c.display_parameter) {
      const auto& d = *c.display_parameter;
      json dp = ctx_.open(d.meta, {"DisplayParameter"});
      put_lang(dp, "title", d.title);
      put_lang(dp, "description", d.description);
      ctx_.close(dp, d.meta);
      o["displayParameter"] = std::move(dp);
    }
    if (c.image) ctx_.lose_node(c.image->meta, c.image->content_url, "ELM credentials carry images in displayParameter, not mapped from OB yet");
    for (size_t i = 0; i < c.endorsement.size(); ++i)
      ctx_.losses().push_back({pointer_append(pointer_append(c.meta.source_pointer, "endorsement"), i),
                               "ELM has no endorsements", c.endorsement[i]});
    ctx_.close(o, c.meta);
    return o;
  }

  // OB 3.0 AchievementSubject members without an ELM property.
  void subject_losses(const Subject& s) {
    const NodeMeta& m = s.subject_meta;
    if (!s.term.empty()) ctx_.lose(m, "term", s.term, "no ELM equivalent");
    if (!s.role.empty()) ctx_.lose(m, "role", s.role, "no ELM equivalent");
    if (!s.license_number.empty()) ctx_.lose(m, "licenseNumber", s.license_number, "no ELM equivalent");
  }

 private:
  WriteContext& ctx_;
  std::string default_language_ = "en";
};

}  // namespace

WriteResult write(const model::Credential& credential, const WriteOptions& options) {
  WriteResult out;
  WriteContext ctx("edc");
  Writer writer(ctx);
  json doc = writer.credential(credential, options);
  // Envelope members (JAdES signatures) do not survive a conversion: the seal covered the
  // source bytes. Re-sealing is `credgate seal`.
  for (const auto& e : credential.envelope)
    ctx.losses().push_back({e.pointer, "envelope not carried: a converted credential must be sealed anew", e.value});
  // Members the EDC context does not define can only come from a source's own extras
  // (EDC -> EDC keeps them): said as a warning, since a JSON-LD processor would drop them.
  out.diagnostics = jsonld::undefined_terms(doc);
  out.documents.push_back({doc.dump(2), ""});
  out.losses = ctx.take_losses();
  return out;
}

}  // namespace credgate::edc
