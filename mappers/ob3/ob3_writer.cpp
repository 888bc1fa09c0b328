// Canonical model -> Open Badges 3.0 OpenBadgeCredential(s). OB 3.0 holds one achievement per
// credential, so each claim of the holder becomes one credential. Field choices (OB's own
// fields before extensions) are tabled in docs/mappings/edc-ob3.md.
#include "mappers/ob3/ob3_writer.hpp"

#include <charconv>
#include <set>

#include "jsonld/term_check.hpp"
#include "mappers/composed_ids.hpp"
#include "mappers/json_emit.hpp"
#include "mappers/ob3/ob3_vocabulary.hpp"

namespace credgate::ob3 {
namespace {

using json = nlohmann::json;
using namespace model;

// The OB type of an identifier: as the source wrote it when OB -> OB needs that ("-": the
// source had none), else from the role.
void put_identifier_type(json& o, const char* key, const Identifier& i) {
  if (i.type_as_written == "-") return;
  o[key] = i.type_as_written.empty() ? identifier_type_from_role(i.role) : i.type_as_written;
}

std::string strip_mailto(const std::string& s) {
  return s.rfind("mailto:", 0) == 0 ? s.substr(7) : s;
}

class Writer {
 public:
  Writer(WriteContext& context, const WriteOptions& options, ComposedIds& ids)
      : language_(options.language.empty() ? "en" : options.language),
        ctx_(context),
        options_(options),
        ids_(ids) {}

  // OB text is one string: the best text for the output language; the others are reported.
  std::string text(const NodeMeta& owner, std::string_view key, const LangString& s) {
    if (s.empty()) return "";
    std::string chosen = s.best(language_);
    LangString rest;
    for (const auto& [tag, value] : s.entries)
      if (value != chosen) rest.add(tag, value);
    if (!rest.empty() && !ctx_.same_format(owner))
      ctx_.lose(owner, key, lang_json(rest),
                "OB 3.0 text holds one language; the other texts are not carried");
    return chosen;
  }

  // A concept as a loss value: what the ELM source said of it.
  static json concept_value(const Concept& c) {
    json v = {{"id", c.meta.id}};
    if (!c.pref_label.empty()) v["prefLabel"] = lang_json(c.pref_label);
    put(v, "notation", c.notation);
    put(v, "inScheme", c.in_scheme);
    return v;
  }

  // OB classes without an id (Address, IdentifierEntry, IdentityObject, Alignment, Result):
  // an ELM node's id has nowhere to go and is reported.
  json open_anonymous(const NodeMeta& meta, std::initializer_list<std::string_view> types,
                      bool array = false) {
    json o = ctx_.open(meta, types, array);
    if (!ctx_.same_format(meta) && o.contains("id")) {
      o.erase("id");
      ctx_.lose(meta, "id", meta.id, "OB 3.0 " + std::string(*types.begin()) + " has no id");
    }
    return o;
  }

  // An ELM node OB flattens away (Location, ContactPoint, Note, PeriodOfTime): its id and
  // extras are reported, its content is carried by the caller.
  void lose_wrapper(const NodeMeta& meta) {
    if (ctx_.same_format(meta)) return;
    if (!meta.id.empty())
      ctx_.lose(meta, "id", meta.id, "OB 3.0 flattens this ELM node; its id is not carried");
    ctx_.lose_extras(meta);
  }

  json image(const MediaObject& m) {
    if (m.meta.as_iri && ctx_.same_format(m.meta)) return m.content_url;
    json o = ctx_.open(m.meta, {"Image"});
    std::string id = m.content_url;
    if (id.empty() && !m.content.empty()) {
      std::string media = m.content_type ? media_type_for_file_type(m.content_type->meta.id) : "";
      if (media.empty()) media = "application/octet-stream";
      id = "data:" + media + ";base64," + m.content;  // OB Image.id may be a data: URI
    }
    o["id"] = id;
    put(o, "caption", m.caption);
    if (!ctx_.same_format(m.meta)) {
      if (!m.meta.id.empty()) ctx_.lose(m.meta, "id", m.meta.id, "OB Image id is the image itself");
      const char* reason = m.content_url.empty() ? "carried only as the data: URI media type"
                                                 : "OB Image has no media type or encoding";
      for (const auto* c : {&m.content_type, &m.content_encoding})
        if (*c) ctx_.lose_node((*c)->meta, (*c)->meta.id, reason);
      if (!m.content.empty() && !m.content_url.empty())
        ctx_.lose(m.meta, "content", m.content, "OB Image is one URL; contentURL was used");
    }
    ctx_.close(o, m.meta);
    return o;
  }

  json address(const Address& a) {
    json o = open_anonymous(a.meta, {"Address"}, true);
    std::string street = a.street_address;
    if (street.empty() && !a.full_address.empty())
      street =
          text(a.full_address_note ? *a.full_address_note : a.meta, "noteLiteral", a.full_address);
    put(o, "streetAddress", street);
    put(o, "addressLocality", a.locality);
    put(o, "addressRegion", a.region);
    put(o, "postalCode", a.postal_code);
    std::string country = a.country_name;
    if (country.empty() && a.country_code) country = a.country_code->pref_label.best(language_);
    put(o, "addressCountry", country);
    if (a.country_code) {
      ctx_.lose(a.meta, "countryCode", concept_value(*a.country_code),
                "OB addressCountryCode is ISO 3166-1 alpha-2; the country name is kept in "
                "addressCountry");
      ctx_.lose_extras(a.country_code->meta);
    }
    if (a.full_address_note) lose_wrapper(*a.full_address_note);
    ctx_.close(o, a.meta);
    return o;
  }

  json profile(const Agent& a) {
    if (a.meta.as_iri && ctx_.same_format(a.meta)) return a.meta.id;
    json o = ctx_.open(a.meta, {"Profile"}, true);
    // OB 3.0 requires a Profile id; a source without one (ELMO) gets a composed one.
    if (a.meta.id.empty() && !ctx_.same_format(a.meta))
      o["id"] = ids_.id_for("profile", a.meta.source_pointer);
    put(o, "name",
        text(a.meta, a.kind == Agent::Kind::Person ? "fullName" : "legalName",
             a.kind == Agent::Kind::Person && a.legal_name.empty() ? a.full_name : a.legal_name));
    put(o, "description", text(a.meta, "description", a.description));
    if (!a.homepage.empty()) {
      o["url"] = a.homepage.front().content_url;
      for (const auto& w : a.homepage) {
        if (!ctx_.same_format(w.meta) && !w.meta.id.empty())
          ctx_.lose(w.meta, "id", w.meta.id, "OB url is a plain URL");
        ctx_.lose_extras(w.meta);
      }
      for (size_t i = 1; i < a.homepage.size(); ++i)
        ctx_.lose_node(a.homepage[i].meta, a.homepage[i].content_url, "OB Profile has one url");
    }
    put(o, "phone", a.phone);
    if (!a.emails.empty()) o["email"] = strip_mailto(a.emails.front());
    const NodeMeta& mail_owner = a.contact_point ? *a.contact_point : a.meta;
    for (size_t i = 1; i < a.emails.size(); ++i)
      ctx_.lose_at(pointer_append(pointer_append(mail_owner.source_pointer, "emailAddress"), i),
                   a.emails[i], "OB Profile has one email");
    if (a.contact_point) lose_wrapper(*a.contact_point);
    if (a.logo) o["image"] = image(*a.logo);
    if (a.address) o["address"] = address(*a.address);
    if (a.location) lose_wrapper(*a.location);
    std::vector<json> ids;
    for (const auto& i : a.identifiers) {
      json io = open_anonymous(i.meta, {"IdentifierEntry"});
      io["identifier"] = i.notation;
      put_identifier_type(io, "identifierType", i);
      if (!i.scheme_name.empty())
        ctx_.lose(i.meta, "schemeName", i.scheme_name, "OB IdentifierEntry has no scheme name");
      ctx_.close(io, i.meta);
      ids.push_back(std::move(io));
    }
    if (!ids.empty()) o["otherIdentifier"] = std::move(ids);
    if (!a.alt_label.empty())
      ctx_.lose(a.meta, "altLabel", lang_json(a.alt_label), "OB Profile has no alternative name");
    put(o, "givenName", text(a.meta, "givenName", a.given_name));
    put(o, "familyName", text(a.meta, "familyName", a.family_name));
    put(o, "dateOfBirth", a.date_of_birth);
    ctx_.close(o, a.meta);
    return o;
  }

  json alignment_from_concept(const Concept& c, ConceptTarget target) {
    json o = ctx_.open(c.meta, {"Alignment"}, true);
    o.erase("id");  // the concept IRI is the targetUrl
    o["targetUrl"] = c.meta.id;
    bool same = ctx_.same_format(c.meta);
    // OB requires targetName: a concept without a label is named by its IRI.
    put(o, "targetName",
        c.pref_label.empty() && !same ? c.meta.id : text(c.meta, "prefLabel", c.pref_label));
    std::string code = c.notation;
    if (code.empty() && !same && target == ConceptTarget::Eqf)
      code = c.meta.id.substr(c.meta.id.rfind('/') + 1);
    put(o, "targetCode", code);
    if (!ctx_.same_format(c.meta) && !c.in_scheme.empty())
      ctx_.lose(c.meta, "inScheme", c.in_scheme,
                "implied by the concept IRI; OB alignments have no scheme member");
    if (!ctx_.same_format(c.meta)) {
      o["targetFramework"] = framework_name(target);
      o["targetType"] = "ext:" + std::string(target == ConceptTarget::Eqf   ? "EQFLevel"
                                             : target == ConceptTarget::Nqf ? "NQFLevel"
                                                                            : "ISCEDF");
    }
    ctx_.close(o, c.meta);
    return o;
  }

  json alignment_from_outcome(const LearningOutcome& l) {
    json o = ctx_.open(l.meta, {"Alignment"}, true);
    o.erase("id");  // the outcome IRI is the targetUrl
    o["targetType"] = "ceasn:Competency";
    put(o, "targetName", text(l.meta, "title", l.title));
    std::string url = l.meta.id;
    bool skill_is_url = url.empty() && !l.related_esco_skill.empty();
    if (skill_is_url) url = l.related_esco_skill.front();
    put(o, "targetUrl", url);
    put(o, "targetCode", l.target_code);
    put(o, "targetFramework", l.target_framework);
    put(o, "targetDescription", l.target_description);
    if (!ctx_.same_format(l.meta)) {
      std::vector<std::string> rest(l.related_esco_skill.begin() + (skill_is_url ? 1 : 0),
                                    l.related_esco_skill.end());
      if (!rest.empty())
        ctx_.lose(l.meta, "relatedESCOSkill", rest, "OB alignment has one target URL");
    }
    ctx_.close(o, l.meta);
    return o;
  }

  // An ELM CreditPoint as the number OB 3.0 holds (creditsAvailable, creditsEarned). The
  // number keeps the source's spelling ("2" stays 2, "7.5" 7.5); what OB cannot hold is
  // reported: a non-numeric point, the credit framework, the node's id and extras.
  std::optional<json> credit_number(const CreditPoint& c, const char* target) {
    std::optional<json> out;
    double value = 0;
    const char* end = c.point.data() + c.point.size();
    auto r = std::from_chars(c.point.data(), end, value);
    // from_chars also takes "inf" and "nan", which JSON has no spelling for.
    bool json_number = !c.point.empty() &&
                       (std::isdigit(static_cast<unsigned char>(c.point[0])) || c.point[0] == '-');
    if (r.ec == std::errc() && r.ptr == end && json_number)
      out = json::parse(c.point, nullptr, false);
    if (out && out->is_discarded()) out.reset();
    if (!out)
      ctx_.lose(c.meta, "point", c.point,
                std::string("not a number; OB ") + target + " is numeric");
    if (!ctx_.same_format(c.meta)) {
      if (c.framework)
        ctx_.lose(c.meta, "framework", c.framework->meta.id,
                  std::string("OB ") + target + " has no credit framework (ECTS, ...)");
      if (!c.meta.id.empty())
        ctx_.lose(c.meta, "id", c.meta.id, std::string("OB ") + target + " is a number");
      ctx_.lose_extras(c.meta);
    }
    return out;
  }

  // ELM has no criteria; OB requires them. The narrative lists the learning outcomes (what
  // the learner had to show), else repeats the description, else the achievement's name.
  std::string criteria_narrative(const Specification& s, const Claim& claim,
                                 const std::string& name) {
    std::string outcomes;
    for (const auto& l : s.learning_outcome)
      if (!l.title.empty()) outcomes += "\n- " + l.title.best(language_);
    if (!outcomes.empty()) return "Learning outcomes:" + outcomes;
    for (const auto* text : {&claim.description, &s.description})
      if (!text->empty()) return text->best(language_);
    return name;
  }

  json achievement(const Claim& claim, const Specification* spec_ptr) {
    Specification empty;
    const Specification& s = spec_ptr ? *spec_ptr : empty;
    json o = ctx_.open(s.meta, {"Achievement"}, true);
    if (o.value("id", "").empty()) {
      if (!claim.meta.id.empty()) {
        o["id"] = claim.meta.id;
      } else {  // neither the specification nor the claim has one (ELMO): composed
        o["id"] = ids_.id_for("achievement", claim.meta.source_pointer);
      }
    }
    std::string name = text(s.meta, "title", s.title);
    if (name.empty()) name = text(claim.meta, "title", claim.title);
    o["name"] = name;
    std::string description = text(s.meta, "description", s.description);
    if (description.empty()) description = text(claim.meta, "description", claim.description);
    if (description.empty()) description = name;  // required by OB 3.0
    o["description"] = description;
    if (s.criteria) {
      json c = ctx_.open(s.criteria->meta, {});
      put(c, "narrative", s.criteria->narrative);
      ctx_.close(c, s.criteria->meta);
      o["criteria"] = std::move(c);
    } else {
      json c = {{"narrative", criteria_narrative(s, claim, name)}};
      if (!s.homepage.empty()) c["id"] = s.homepage.front().content_url;
      o["criteria"] = std::move(c);
    }
    for (const auto& w : s.homepage) lose_wrapper(w.meta);
    for (size_t i = 1; i < s.homepage.size(); ++i)
      ctx_.lose_node(s.homepage[i].meta, s.homepage[i].content_url, "OB criteria has one URL");
    std::string type = s.achievement_type;
    if (type.empty()) type = achievement_type_for(claim.kind, s.kind);
    put(o, "achievementType", type);

    json alignments = json::array();
    if (s.eqf_level) alignments.push_back(alignment_from_concept(*s.eqf_level, ConceptTarget::Eqf));
    for (const auto& c : s.nqf_level)
      alignments.push_back(alignment_from_concept(c, ConceptTarget::Nqf));
    for (const auto& c : s.thematic_area)
      alignments.push_back(alignment_from_concept(c, ConceptTarget::IscedF));
    for (const auto& l : s.learning_outcome) {
      // OB requires targetName and targetUrl; an outcome without an IRI or a title cannot be one.
      bool usable = !l.title.empty() && (!l.meta.id.empty() || !l.related_esco_skill.empty());
      if (usable || ctx_.same_format(l.meta))
        alignments.push_back(alignment_from_outcome(l));
      else
        ctx_.lose_node(l.meta, lang_json(l.title),
                       "an OB alignment needs a title and a target URL");
    }
    for (const auto& a : s.alignment) {
      json al = ctx_.open(a.meta, {"Alignment"}, true);
      put(al, "targetName", a.target_name);
      put(al, "targetUrl", a.target_url);
      put(al, "targetCode", a.target_code);
      put(al, "targetFramework", a.target_framework);
      put(al, "targetType", a.target_type);
      put(al, "targetDescription", a.target_description);
      ctx_.close(al, a.meta);
      alignments.push_back(std::move(al));
    }
    if (!alignments.empty()) o["alignment"] = std::move(alignments);

    if (!s.credit_point.empty()) {
      if (auto v = credit_number(s.credit_point.front(), "creditsAvailable"))
        o["creditsAvailable"] = *v;
      for (size_t i = 1; i < s.credit_point.size(); ++i)
        ctx_.lose_node(s.credit_point[i].meta, s.credit_point[i].point,
                       "OB Achievement has one creditsAvailable");
    }
    std::string field = s.field_of_study;
    if (field.empty() && !s.thematic_area.empty())
      field = s.thematic_area.front().pref_label.best(language_);
    put(o, "fieldOfStudy", field);
    put(o, "specialization", s.specialization);
    put(o, "humanCode", s.human_code);
    put(o, "version", s.version);
    put(o, "inLanguage", s.in_language);
    if (!s.tag.empty()) o["tag"] = s.tag;
    if (s.image) o["image"] = image(*s.image);
    if (s.creator) o["creator"] = profile(*s.creator);
    if (!s.endorsement.empty()) o["endorsement"] = s.endorsement;

    // Result descriptions: the source's, then one per graded ELM assessment (its result is
    // written by subject()).
    json rds = json::array();
    for (const auto& r : s.result_description) {
      json ro = ctx_.open(r.meta, {"ResultDescription"}, true);
      put(ro, "name", r.name);
      put(ro, "resultType", r.result_type);
      if (!r.allowed_value.empty()) ro["allowedValue"] = r.allowed_value;
      put(ro, "requiredValue", r.required_value);
      ctx_.close(ro, r.meta);
      rds.push_back(std::move(ro));
    }
    for (const auto& a : claim.proven_by) {
      if (a.grade.empty()) continue;
      json ro = {{"type", json::array({"ResultDescription"})}, {"resultType", "Result"}};
      ro["id"] = assessment_key(a);
      std::string title = a.title.best(language_);
      if (title.empty() && a.specified_by) title = a.specified_by->title.best(language_);
      ro["name"] = title.empty() ? std::string("Grade") : title;
      rds.push_back(std::move(ro));
    }
    if (!rds.empty()) o["resultDescription"] = std::move(rds);

    // ELM specification members OB 3.0 has no field for.
    if (!s.language.empty() && !ctx_.same_format(s.meta)) {
      json ls = json::array();
      for (const auto& l : s.language) ls.push_back(l.meta.id);
      ctx_.lose(s.meta, "language", ls,
                "OB inLanguage is a BCP 47 tag; ELM uses Publications Office language concepts");
    }
    if (!s.volume_of_learning.empty())
      ctx_.lose(s.meta, "volumeOfLearning", s.volume_of_learning, "no OB 3.0 equivalent");
    // achievementType names a claim/specification pair; an unusual pairing (a LearningActivity
    // specified by a Qualification) reads back as the usual one, so the class is reported.
    if (spec_ptr && !ctx_.same_format(s.meta) && s.achievement_type.empty()) {
      auto kinds = kinds_from_achievement_type(type);
      auto expected = kinds ? kinds->second : Specification::Kind::LearningAchievementSpecification;
      if (s.kind != expected)
        ctx_.lose(s.meta, "type", s.meta.types,
                  std::string("OB achievementType cannot say this claim is specified by a ") +
                      kind_name(s.kind));
    }
    ctx_.close(o, s.meta);
    return o;
  }

  static std::string assessment_key(const Claim& a) {
    if (a.specified_by && !a.specified_by->meta.id.empty()) return a.specified_by->meta.id;
    return a.meta.id;
  }

  json subject(const Credential& c, const Claim& claim) {
    const Agent& p = c.subject.person;
    json o = ctx_.open(p.meta, {"AchievementSubject"}, true);
    json ids = json::array();
    std::string full = text(p.meta, "fullName", p.full_name);
    if (full.empty()) {
      std::string given = p.given_name.best(language_), family = p.family_name.best(language_);
      full = given + (given.empty() || family.empty() ? "" : " ") + family;
    }
    if (!ctx_.same_format(p.meta)) {
      const char* why = p.full_name.empty()
                            ? "OB holds one name: given and family name are joined into it"
                            : "OB subject holds the full name only";
      if (!p.given_name.empty()) ctx_.lose(p.meta, "givenName", lang_json(p.given_name), why);
      if (!p.family_name.empty()) ctx_.lose(p.meta, "familyName", lang_json(p.family_name), why);
    }
    if (!full.empty())
      ids.push_back({{"type", "IdentityObject"},
                     {"identityType", "name"},
                     {"hashed", false},
                     {"identityHash", full}});
    for (const auto& e : p.emails)
      ids.push_back({{"type", "IdentityObject"},
                     {"identityType", "emailAddress"},
                     {"hashed", false},
                     {"identityHash", strip_mailto(e)}});
    if (p.contact_point) lose_wrapper(*p.contact_point);
    for (const auto& i : p.identifiers) {
      json io = open_anonymous(i.meta, {"IdentityObject"});
      put_identifier_type(io, "identityType", i);
      io["identityHash"] = i.notation;
      if (!ctx_.same_format(i.meta)) io["hashed"] = false;  // ELM identifiers are plain values
      if (!i.scheme_name.empty())
        ctx_.lose(i.meta, "schemeName", i.scheme_name, "OB IdentityObject has no scheme name");
      ctx_.close(io, i.meta);
      ids.push_back(std::move(io));
    }
    if (!ids.empty()) o["identifier"] = std::move(ids);
    if (!ctx_.same_format(p.meta)) {
      if (!p.date_of_birth.empty())
        ctx_.lose(p.meta, "dateOfBirth", p.date_of_birth,
                  "OB AchievementSubject has no date of birth");
      if (p.address) {
        json where = json::object();
        if (!p.address->full_address.empty())
          where["fullAddress"] = lang_json(p.address->full_address);
        if (p.address->country_code) where["countryCode"] = concept_value(*p.address->country_code);
        ctx_.lose(p.meta, "location", where, "OB AchievementSubject has no address");
        lose_wrapper(p.address->meta);
        if (p.address->full_address_note) lose_wrapper(*p.address->full_address_note);
        if (p.address->country_code) ctx_.lose_extras(p.address->country_code->meta);
      }
      if (p.location) lose_wrapper(*p.location);
      const char* none = "OB AchievementSubject has no such member";
      if (!p.legal_name.empty()) ctx_.lose(p.meta, "legalName", lang_json(p.legal_name), none);
      if (!p.alt_label.empty()) ctx_.lose(p.meta, "altLabel", lang_json(p.alt_label), none);
      if (!p.description.empty()) ctx_.lose(p.meta, "description", lang_json(p.description), none);
      for (const auto& w : p.homepage) ctx_.lose_node(w.meta, w.content_url, none);
      if (p.logo)
        ctx_.lose(p.meta, "logo",
                  p.logo->content_url.empty() ? json(p.logo->meta.id) : json(p.logo->content_url),
                  none);
      if (!p.phone.empty()) ctx_.lose(p.meta, "phone", p.phone, none);
    }

    o["achievement"] = achievement(claim, claim.specified_by ? &*claim.specified_by : nullptr);
    json results = json::array();
    for (const auto& r : claim.results) {
      json ro = open_anonymous(r.meta, {"Result"}, true);
      put(ro, "resultDescription", r.result_description);
      put(ro, "value", r.value);
      put(ro, "status", r.status);
      put(ro, "achievedLevel", r.achieved_level);
      ctx_.close(ro, r.meta);
      results.push_back(std::move(ro));
    }
    for (const auto& a : claim.proven_by) {
      if (a.grade.empty()) {
        ctx_.lose_node(a.meta, a.meta.id, "ungraded assessment: OB 3.0 results need a value");
        continue;
      }
      results.push_back({{"type", json::array({"Result"})},
                         {"resultDescription", assessment_key(a)},
                         {"value", a.grade.best(language_)}});
      ctx_.lose_node(a.meta, a.meta.id,
                     "assessment carried as a result (title and grade); its other members are not");
    }
    if (!results.empty()) o["result"] = std::move(results);
    if (!claim.credit_received.empty()) {
      if (auto v = credit_number(claim.credit_received.front(), "creditsEarned"))
        o["creditsEarned"] = *v;
      for (size_t i = 1; i < claim.credit_received.size(); ++i)
        ctx_.lose_node(claim.credit_received[i].meta, claim.credit_received[i].point,
                       "OB has one creditsEarned");
    }
    put(o, "activityStartDate", claim.start_date);
    put(o, "activityEndDate", claim.end_date);
    if (claim.period) lose_wrapper(*claim.period);
    put(o, "term", c.subject.term);
    put(o, "role", c.subject.role);
    put(o, "licenseNumber", c.subject.license_number);
    ctx_.close(o, p.meta);
    return o;
  }

  // Claim members OB 3.0 cannot hold: reported once per claim.
  void claim_losses(const Claim& claim) {
    if (ctx_.same_format(claim.meta)) return;
    ctx_.lose_extras(claim.meta);
    if (claim.awarded_by)
      ctx_.lose_node(claim.awarded_by->meta, claim.awarded_by->meta.id,
                     "OB 3.0: the credential's issuer is the awarding body");
    for (const auto& a : claim.influenced_by)
      ctx_.lose_node(a.meta, a.meta.id, "OB 3.0 has no learning activities under an achievement");
    for (const auto& a : claim.has_part)
      ctx_.lose_node(a.meta, a.meta.id,
                     "OB 3.0 achievements have no parts (CLR 2.0 can carry them)");
    if (claim.grade_note) lose_wrapper(*claim.grade_note);
    if (!claim.meta.id.empty() && claim.specified_by && !claim.specified_by->meta.id.empty())
      ctx_.lose(claim.meta, "id", claim.meta.id,
                "OB 3.0 has no claim node; the achievement carries the specification's id");
    // The achievement takes the specification's title and description; the claim's own are
    // reported when they say something else.
    if (claim.specified_by) {
      if (!claim.title.empty() && !claim.specified_by->title.empty() &&
          lang_json(claim.title) != lang_json(claim.specified_by->title))
        ctx_.lose(claim.meta, "title", lang_json(claim.title),
                  "OB 3.0 names the achievement, not the award of it");
      if (!claim.description.empty() && !claim.specified_by->description.empty() &&
          lang_json(claim.description) != lang_json(claim.specified_by->description))
        ctx_.lose(claim.meta, "description", lang_json(claim.description),
                  "OB 3.0 describes the achievement, not the award of it");
    }
    if (!claim.grade.empty())
      ctx_.lose(claim.meta, "grade", lang_json(claim.grade), "grade of the claim itself");
    if (claim.specified_by && !ctx_.same_format(claim.specified_by->meta))
      ctx_.lose_extras(claim.specified_by->meta);
  }

  json credential(const Credential& c, const Claim& claim, size_t index, size_t count) {
    bool vc11 = options_.vc_version == "1.1";
    if (ctx_.same_format(c.meta) && options_.vc_version.empty())
      vc11 = std::find(c.context.begin(), c.context.end(), kVc11Context) != c.context.end();
    json o = json::object();
    std::string ob_version = options_.ob3_context.empty() ? "3.0.3" : options_.ob3_context;
    // An OB 3.0 source normalised without new context options keeps its contexts and dates.
    bool keep = ctx_.same_format(c.meta) && !c.context.empty() && options_.ob3_context.empty() &&
                options_.vc_version.empty();
    if (keep) {
      o["@context"] = c.context;
    } else {
      o["@context"] = json::array({vc11 ? kVc11Context : kVc2Context, context_url(ob_version)});
    }
    json head = ctx_.open(c.meta, {"VerifiableCredential", "OpenBadgeCredential"});
    for (auto& [k, v] : head.items()) o[k] = v;
    // OB 3.0 requires the credential's id too (not a same-format source: it stays as it was).
    if (!o.contains("id") && !ctx_.same_format(c.meta))
      o["id"] = ids_.id_for("credential", c.meta.source_pointer);
    if (count > 1 && o.contains("id")) {
      o["id"] = o["id"].get<std::string>() + "#claim-" + std::to_string(index + 1);
      ctx_.lose(c.meta, "id", c.meta.id, "one credential per claim: ids get a #claim-N fragment");
    }
    std::string name = c.display_parameter
                           ? text(c.display_parameter->meta, "title", c.display_parameter->title)
                           : "";
    if (name.empty() && claim.specified_by) name = claim.specified_by->title.best(language_);
    if (name.empty()) name = claim.title.best(language_);
    o["name"] = name;
    if (c.display_parameter) {
      put(o, "description",
          text(c.display_parameter->meta, "description", c.display_parameter->description));
      if (!ctx_.same_format(c.display_parameter->meta)) lose_wrapper(c.display_parameter->meta);
    }
    if (c.image) o["image"] = image(*c.image);
    o["issuer"] = profile(c.issuer);

    if (keep)
      put_dates_as_is(o, c);
    else
      put_dates(o, c, vc11, context_url(ob_version));
    o["credentialSubject"] = subject(c, claim);
    if (!c.endorsement.empty()) o["endorsement"] = c.endorsement;
    ctx_.close(o, c.meta);
    return o;
  }

  void put_dates_as_is(json& o, const Credential& c) {
    put(o, "issuanceDate", c.issuance_date);
    put(o, "validFrom", c.valid_from);
    put(o, "validUntil", c.valid_until);
    put(o, "expirationDate", c.expiration_date);
    put(o, "awardedDate", c.issued);
  }

  // VC 2.0: validFrom / validUntil; VC 1.1: issuanceDate / expirationDate; awardedDate where
  // the OB context defines it (the bundled 3.0.1 and 3.0.3 do; 3.0.0 and 3.0.2 do not). A
  // second, different date of
  // the same kind, and an award date the context cannot hold, are reported.
  void put_dates(json& o, const Credential& c, bool vc11, const std::string& ob_context) {
    bool awarded = jsonld::defines_term(ob_context, "awardedDate");
    std::vector<std::pair<const char*, const std::string*>> unused;
    auto pick = [&](std::initializer_list<std::pair<const char*, const std::string*>> order) {
      std::string chosen;
      for (auto [key, value] : order) {
        if (value->empty()) continue;
        if (chosen.empty())
          chosen = *value;
        else if (*value != chosen)
          unused.emplace_back(key, value);
      }
      return chosen;
    };
    if (vc11) {
      put(o, "issuanceDate",
          pick({{"issuanceDate", &c.issuance_date}, {"validFrom", &c.valid_from}}));
      put(o, "expirationDate",
          pick({{"expirationDate", &c.expiration_date}, {"validUntil", &c.valid_until}}));
    } else {
      put(o, "validFrom", pick({{"validFrom", &c.valid_from}, {"issuanceDate", &c.issuance_date}}));
      put(o, "validUntil",
          pick({{"validUntil", &c.valid_until}, {"expirationDate", &c.expiration_date}}));
    }
    const char* issued_key = c.meta.source_format == "ob3" ? "awardedDate" : "issued";
    if (awarded)
      put(o, "awardedDate", c.issued);
    else if (!c.issued.empty())
      ctx_.lose(c.meta, issued_key, c.issued, "this OB 3.0 context version has no awardedDate");
    for (auto [key, value] : unused)
      if (!(awarded && *value == c.issued))
        ctx_.lose(c.meta, key, *value, "a second, different date of the same kind");
  }

  std::string language_;
  Diagnostics diagnostics_;
  WriteContext& ctx_;
  const WriteOptions& options_;
  ComposedIds& ids_;
};

}  // namespace

WriteResult write(const Credential& credential, const WriteOptions& options) {
  WriteResult out;
  const auto& claims = credential.subject.has_claim;
  if (claims.empty()) {
    out.diagnostics.push_back(
        make_error("map.no-achievement", "map",
                   "OB 3.0 needs an achievement: the credential has no claim to carry",
                   pointer_append(credential.subject.person.meta.source_pointer, "hasClaim")));
    return out;
  }
  std::set<std::pair<std::string, std::string>> seen;
  ComposedIds ids("OB 3.0");  // shared by the documents: one issuer, one id
  for (size_t i = 0; i < claims.size(); ++i) {
    WriteContext ctx("ob3");
    Writer writer(ctx, options, ids);
    json doc = writer.credential(credential, claims[i], i, claims.size());
    writer.claim_losses(claims[i]);
    for (auto& d : writer.diagnostics_) out.diagnostics.push_back(std::move(d));
    for (auto& d : jsonld::undefined_terms(doc)) out.diagnostics.push_back(std::move(d));
    out.documents.push_back({doc.dump(2), doc.value("id", "")});
    // Members shared by all outputs (issuer, holder) are reported once.
    for (auto& loss : ctx.take_losses())
      if (seen.emplace(loss.pointer, loss.reason).second) out.losses.push_back(std::move(loss));
  }
  ids.report(out.diagnostics);
  for (const auto& e : credential.envelope)
    out.losses.push_back(
        {e.pointer, "envelope not carried: a converted credential must be sealed anew", e.value});
  return out;
}

}  // namespace credgate::ob3
