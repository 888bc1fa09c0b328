// Open Badges 3.0 (OpenBadgeCredential / AchievementCredential, VC 1.1 or 2.0) -> canonical
// model. OB conventions that name ELM notions are normalised here, once, for every writer:
// alignments to EQF / NQF / ISCED-F concept IRIs become ELM levels and fields, competency
// alignments become learning outcomes, `ext:` achievement types written by credgate restore
// the ELM claim and specification classes (docs/mappings/edc-ob3.md).
#include "mappers/ob3/ob3_reader.hpp"

#include "mappers/json_cursor.hpp"
#include "mappers/ob3/ob3_vocabulary.hpp"

namespace credgate::ob3 {
namespace {

using json = nlohmann::json;
using namespace model;

bool has_endorsement_type(const std::vector<std::string>& types) {
  for (const auto& t : types)
    if (t == "EndorsementCredential") return true;
  return false;
}

// The role carries an identifier's type to other formats; the type as written goes back
// unchanged to OB (even one the role would spell otherwise, like "studentId") and is the
// value of a loss entry when a format has no place for it.
void keep_type(Identifier& i, const std::string& type, const char* member) {
  i.type_as_written = type.empty() ? "-" : type;
  i.type_member = member;
}

class Reader {
 public:
  explicit Reader(ReadContext& context) : ctx_(context) {}

  MediaObject image(const json& v, const std::string& p) {
    MediaObject m;
    if (v.is_string()) {  // OB allows an image IRI in place of the Image object
      m.content_url = v.get<std::string>();
      m.meta.source_format = "ob3";
      m.meta.source_pointer = p;
      m.meta.as_iri = true;
      return m;
    }
    if (!expect_object(v, p, "an Image", ctx_)) return m;
    ObjectCursor o(v, p, ctx_);
    m.caption = o.take_string("caption");
    m.meta = o.finish({"Image"});
    m.content_url = m.meta.id;  // an Image's id is the image's URL or data: URI
    m.meta.id.clear();
    return m;
  }

  Address address(const json& v, const std::string& p) {
    Address a;
    if (!expect_object(v, p, "an Address", ctx_)) return a;
    ObjectCursor o(v, p, ctx_);
    a.street_address = o.take_string("streetAddress");
    a.locality = o.take_string("addressLocality");
    a.region = o.take_string("addressRegion");
    a.postal_code = o.take_string("postalCode");
    a.country_name = o.take_string("addressCountry");
    a.meta = o.finish({"Address"});
    return a;
  }

  Agent profile(const json& v, const std::string& p) {
    Agent a;
    a.kind = Agent::Kind::Profile;
    if (v.is_string()) {  // issuer as an IRI
      a.meta.id = v.get<std::string>();
      a.meta.source_format = "ob3";
      a.meta.source_pointer = p;
      a.meta.as_iri = true;
      return a;
    }
    if (!expect_object(v, p, "a Profile", ctx_)) return a;
    ObjectCursor o(v, p, ctx_);
    std::string name = o.take_string("name");
    if (!name.empty()) a.legal_name.add(ctx_.default_language, name);
    std::string description = o.take_string("description");
    if (!description.empty()) a.description.add(ctx_.default_language, description);
    std::string url = o.take_string("url");
    if (!url.empty()) {
      WebResource w;
      w.meta.source_format = "ob3";
      w.meta.source_pointer = o.member_pointer("url");
      w.content_url = url;
      a.homepage.push_back(std::move(w));
    }
    a.phone = o.take_string("phone");
    std::string email = o.take_string("email");
    if (!email.empty()) a.emails.push_back("mailto:" + email);
    if (const json* img = o.take("image")) a.logo = image(*img, o.member_pointer("image"));
    if (const json* addr = o.take("address"))
      a.address = address(*addr, o.member_pointer("address"));
    o.take_each("otherIdentifier", [&](const json& iv, const std::string& ip) {
      if (!expect_object(iv, ip, "an IdentifierEntry", ctx_)) return;
      ObjectCursor io(iv, ip, ctx_);
      Identifier i;
      i.notation = io.take_string("identifier");
      std::string type = io.take_string("identifierType");
      i.role = role_from_identifier_type(type);
      i.meta = io.finish({"IdentifierEntry"});
      keep_type(i, type, "identifierType");
      a.identifiers.push_back(std::move(i));
    });
    std::string given = o.take_string("givenName");
    if (!given.empty()) a.given_name.add(ctx_.default_language, given);
    std::string family = o.take_string("familyName");
    if (!family.empty()) a.family_name.add(ctx_.default_language, family);
    a.date_of_birth = o.take_string("dateOfBirth");
    a.meta = o.finish({"Profile"});
    return a;
  }

  // An alignment: to an ELM concept scheme (EQF, NQF, ISCED-F), to a competency (learning
  // outcome), or kept as an OB alignment.
  void alignment(const json& v, const std::string& p, Specification& s) {
    if (!expect_object(v, p, "an Alignment", ctx_)) return;
    ObjectCursor o(v, p, ctx_);
    Alignment a;
    a.target_name = o.take_string("targetName");
    a.target_url = o.take_string("targetUrl");
    a.target_code = o.take_string("targetCode");
    a.target_type = o.take_string("targetType");
    a.target_framework = o.take_string("targetFramework");
    a.target_description = o.take_string("targetDescription");
    a.meta = o.finish({"Alignment"});
    ConceptTarget target = concept_target(a.target_url);
    if (target != ConceptTarget::None && a.target_description.empty()) {
      Concept c;
      c.meta = a.meta;
      c.meta.id = a.target_url;
      if (!a.target_name.empty()) c.pref_label.add(ctx_.default_language, a.target_name);
      c.notation = a.target_code;
      c.in_scheme = scheme_of(target);
      // framework/type are implied by the IRI; keep them for an exact OB round trip.
      if (!a.target_framework.empty())
        c.meta.extras.push_back(
            {"targetFramework", pointer_append(p, "targetFramework"), a.target_framework});
      if (!a.target_type.empty())
        c.meta.extras.push_back({"targetType", pointer_append(p, "targetType"), a.target_type});
      if (target == ConceptTarget::Eqf && !s.eqf_level)
        s.eqf_level = std::move(c);
      else if (target == ConceptTarget::Nqf)
        s.nqf_level.push_back(std::move(c));
      else if (target == ConceptTarget::IscedF)
        s.thematic_area.push_back(std::move(c));
      else
        s.alignment.push_back(std::move(a));
      return;
    }
    if (a.target_type == "ceasn:Competency") {
      LearningOutcome l;
      l.meta = a.meta;
      l.meta.id = a.target_url;
      if (!a.target_name.empty()) l.title.add(ctx_.default_language, a.target_name);
      l.target_code = a.target_code;
      l.target_framework = a.target_framework;
      l.target_description = a.target_description;
      s.learning_outcome.push_back(std::move(l));
      return;
    }
    s.alignment.push_back(std::move(a));
  }

  Specification achievement(const json& v, const std::string& p, Claim& claim) {
    Specification s;
    s.kind = Specification::Kind::Achievement;
    if (!expect_object(v, p, "an Achievement", ctx_)) return s;
    ObjectCursor o(v, p, ctx_);
    o.require({"id", "name"}, "an Achievement");
    std::string name = o.take_string("name");
    if (!name.empty()) s.title.add(ctx_.default_language, name);
    std::string description = o.take_string("description");
    if (!description.empty()) s.description.add(ctx_.default_language, description);
    if (const json* c = o.take("criteria")) {
      std::string cp = o.member_pointer("criteria");
      if (expect_object(*c, cp, "criteria", ctx_)) {
        ObjectCursor co(*c, cp, ctx_);
        Criteria crit;
        crit.narrative = co.take_string("narrative");
        crit.meta = co.finish({"Criteria"});
        s.criteria = std::move(crit);
      }
    }
    s.achievement_type = o.take_string("achievementType");
    if (auto kinds = kinds_from_achievement_type(s.achievement_type)) {
      claim.kind = kinds->first;
      s.kind = kinds->second;
      s.achievement_type.clear();
    }
    o.take_each("alignment", [&](const json& av, const std::string& ap) { alignment(av, ap, s); });
    if (const json* credits = o.take("creditsAvailable")) {
      CreditPoint c;
      c.meta.source_format = "ob3";
      c.meta.source_pointer = o.member_pointer("creditsAvailable");
      if (credits->is_number())
        c.point = credits->dump();
      else
        ctx_.error(
            "json.type",
            "'creditsAvailable' must be a number, got " + std::string(json_type_name(*credits)),
            c.meta.source_pointer);
      s.credit_point.push_back(std::move(c));
    }
    s.field_of_study = o.take_string("fieldOfStudy");
    s.specialization = o.take_string("specialization");
    s.human_code = o.take_string("humanCode");
    s.version = o.take_string("version");
    s.in_language = o.take_string("inLanguage");
    s.tag = o.take_strings("tag");
    if (const json* img = o.take("image")) s.image = image(*img, o.member_pointer("image"));
    if (const json* creator = o.take("creator"))
      s.creator = profile(*creator, o.member_pointer("creator"));
    o.take_each("resultDescription", [&](const json& rv, const std::string& rp) {
      if (!expect_object(rv, rp, "a ResultDescription", ctx_)) return;
      ObjectCursor ro(rv, rp, ctx_);
      ResultDescription r;
      r.name = ro.take_string("name");
      r.result_type = ro.take_string("resultType");
      r.allowed_value = ro.take_strings("allowedValue");
      r.required_value = ro.take_string("requiredValue");
      r.meta = ro.finish({"ResultDescription"});
      s.result_description.push_back(std::move(r));
    });
    o.take_each("endorsement",
                [&](const json& e, const std::string&) { s.endorsement.push_back(e); });
    s.meta = o.finish({"Achievement"});
    return s;
  }

  void subject(const json& v, const std::string& p, Credential& c) {
    if (!expect_object(v, p, "credentialSubject", ctx_)) return;
    ObjectCursor o(v, p, ctx_);
    Subject& s = c.subject;
    s.person.kind = Agent::Kind::Person;
    Claim claim;
    claim.meta.source_format = "ob3";
    claim.meta.source_pointer = p;
    o.require({"achievement"}, "an AchievementSubject");
    if (const json* a = o.take("achievement"))
      claim.specified_by = achievement(*a, o.member_pointer("achievement"), claim);
    o.take_each("identifier", [&](const json& iv, const std::string& ip) {
      if (!expect_object(iv, ip, "an IdentityObject", ctx_)) return;
      ObjectCursor io(iv, ip, ctx_);
      std::string value = io.take_string("identityHash");
      std::string type = io.take_string("identityType");
      bool hashed = false;
      if (const json* h = io.take("hashed")) hashed = h->is_boolean() && h->get<bool>();
      NodeMeta meta = io.finish({"IdentityObject"});
      // Only the canonical plain form becomes the holder's name or email; anything else (an id,
      // a salt, a type array, no `hashed`) stays an identifier so that OB -> OB keeps it as is.
      bool plain = !hashed && iv.contains("hashed") && meta.extras.empty() && meta.id.empty() &&
                   !meta.type_array && meta.types == std::vector<std::string>{"IdentityObject"};
      if (plain && type == "name" && s.person.full_name.empty()) {
        s.person.full_name.add(ctx_.default_language, value);
        return;
      }
      if (plain && type == "emailAddress") {
        s.person.emails.push_back("mailto:" + value);
        return;
      }
      Identifier i;
      i.notation = value;
      i.role = role_from_identifier_type(type);
      i.meta = std::move(meta);
      if (iv.contains("hashed"))
        i.meta.extras.push_back({"hashed", pointer_append(ip, "hashed"), hashed});
      keep_type(i, type, "identityType");
      s.person.identifiers.push_back(std::move(i));
    });
    o.take_each("result", [&](const json& rv, const std::string& rp) {
      if (!expect_object(rv, rp, "a Result", ctx_)) return;
      ObjectCursor ro(rv, rp, ctx_);
      Result r;
      r.result_description = ro.take_string("resultDescription");
      r.value = ro.take_string("value");
      r.status = ro.take_string("status");
      r.achieved_level = ro.take_string("achievedLevel");
      r.meta = ro.finish({"Result"});
      claim.results.push_back(std::move(r));
    });
    if (const json* credits = o.take("creditsEarned")) {
      if (credits->is_number()) {
        CreditPoint c;
        c.meta.source_format = "ob3";
        c.meta.source_pointer = o.member_pointer("creditsEarned");
        c.point = credits->dump();
        claim.credit_received.push_back(std::move(c));
      } else
        ctx_.error("json.type",
                   "'creditsEarned' must be a number, got " + std::string(json_type_name(*credits)),
                   o.member_pointer("creditsEarned"));
    }
    claim.start_date = o.take_string("activityStartDate");
    claim.end_date = o.take_string("activityEndDate");
    s.term = o.take_string("term");
    s.role = o.take_string("role");
    s.license_number = o.take_string("licenseNumber");
    s.person.meta = o.finish({"AchievementSubject"});
    s.subject_meta.source_format = "ob3";
    s.subject_meta.source_pointer = p;
    if (claim.specified_by) {
      // OB names the achievement; the claim of it has the same title.
      claim.title = claim.specified_by->title;
    }
    s.has_claim.push_back(std::move(claim));
  }

  Credential credential(const json& v, const std::string& p) {
    Credential c;
    if (!expect_object(v, p, "the credential", ctx_)) return c;
    ObjectCursor o(v, p, ctx_);
    if (o.peek_types().size() > 0 && has_endorsement_type(o.peek_types())) {
      ctx_.error("model.unsupported-type",
                 "an EndorsementCredential endorses another credential or profile; it holds no "
                 "achievement for the canonical model",
                 o.member_pointer("type"));
      return c;
    }
    c.context = o.take_context_urls();
    o.require({"credentialSubject", "issuer"}, "an OpenBadgeCredential");
    std::string name = o.take_string("name");
    std::string description = o.take_string("description");
    if (!name.empty() || !description.empty()) {
      DisplayParameter d;
      d.meta.source_format = "ob3";
      // Where the title comes from (the description, when there is no name).
      d.meta.source_pointer = o.member_pointer(name.empty() ? "description" : "name");
      if (!name.empty()) d.title.add(ctx_.default_language, name);
      if (!description.empty()) d.description.add(ctx_.default_language, description);
      c.display_parameter = std::move(d);
    }
    if (const json* img = o.take("image")) c.image = image(*img, o.member_pointer("image"));
    if (const json* issuer = o.take("issuer"))
      c.issuer = profile(*issuer, o.member_pointer("issuer"));
    c.valid_from = o.take_string("validFrom");
    c.valid_until = o.take_string("validUntil");
    c.issuance_date = o.take_string("issuanceDate");
    c.expiration_date = o.take_string("expirationDate");
    c.issued = o.take_string("awardedDate");
    if (const json* s = o.take("credentialSubject"))
      subject(*s, o.member_pointer("credentialSubject"), c);
    o.take_each("endorsement",
                [&](const json& e, const std::string&) { c.endorsement.push_back(e); });
    c.meta = o.finish({"VerifiableCredential", "OpenBadgeCredential", "AchievementCredential"});
    bool is_ob = false;
    for (const auto& t : c.meta.types)
      is_ob = is_ob || t == "OpenBadgeCredential" || t == "AchievementCredential";
    if (!is_ob)
      ctx_.error("model.unknown-type",
                 "type must include OpenBadgeCredential or AchievementCredential",
                 o.member_pointer("type"));
    return c;
  }

 private:
  ReadContext& ctx_;
};

}  // namespace

ReadResult read(const Sniff& sniff, const ReadOptions& options) {
  return read_single_credential<Reader>(sniff, options, "ob3");
}

}  // namespace credgate::ob3
