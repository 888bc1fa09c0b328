// EDC (ELM v3 JSON-LD) -> canonical model. Term names are the EDC application-profile
// context's (http://data.europa.eu/snb/model/context/edc-ap); docs/mappings/edc-ob3.md lists
// them against the model and OB 3.0.
#include "mappers/edc/edc_reader.hpp"

#include "mappers/json_cursor.hpp"

namespace credgate::edc {
namespace {

using json = nlohmann::json;
using namespace model;

class Reader {
 public:
  explicit Reader(ReadContext& context) : ctx_(context) {}

  Concept concept_of(const json& v, const std::string& p) {
    Concept c;
    if (!expect_object(v, p, "a Concept", ctx_)) return c;
    ObjectCursor o(v, p, ctx_);
    c.pref_label = o.take_lang("prefLabel");
    c.notation = o.take_scalar_text("notation");
    // inScheme is kept typed only as a bare reference; anything richer stays an extra.
    if (o.has("inScheme") && ObjectCursor::is_reference(v["inScheme"], "ConceptScheme")) {
      o.take("inScheme");
      c.in_scheme = v["inScheme"]["id"].get<std::string>();
    }
    c.meta = o.finish({"Concept"});
    return c;
  }

  std::vector<Concept> concepts(ObjectCursor& o, std::string_view key) {
    std::vector<Concept> out;
    o.take_each(key, [&](const json& v, const std::string& p) { out.push_back(concept_of(v, p)); });
    return out;
  }

  std::optional<Concept> one_concept(ObjectCursor& o, std::string_view key) {
    auto all = concepts(o, key);
    if (all.empty()) return std::nullopt;
    if (all.size() > 1)
      ctx_.error("model.cardinality", "'" + std::string(key) + "' holds one Concept, got " +
                                          std::to_string(all.size()),
                 o.member_pointer(key));
    return all.front();
  }

  WebResource web_resource(const json& v, const std::string& p) {
    WebResource w;
    if (!expect_object(v, p, "a WebResource", ctx_)) return w;
    ObjectCursor o(v, p, ctx_);
    w.content_url = o.take_string("contentURL");
    w.meta = o.finish({"WebResource"});
    return w;
  }

  std::vector<WebResource> web_resources(ObjectCursor& o, std::string_view key) {
    std::vector<WebResource> out;
    o.take_each(key, [&](const json& v, const std::string& p) { out.push_back(web_resource(v, p)); });
    return out;
  }

  MediaObject media_object(const json& v, const std::string& p) {
    MediaObject m;
    if (!expect_object(v, p, "a MediaObject", ctx_)) return m;
    ObjectCursor o(v, p, ctx_);
    m.content = o.take_string("content");
    m.content_url = o.take_string("contentURL");
    m.content_type = one_concept(o, "contentType");
    m.content_encoding = one_concept(o, "contentEncoding");
    m.meta = o.finish({"MediaObject"});
    return m;
  }

  Identifier identifier(const json& v, const std::string& p, std::string role) {
    Identifier i;
    i.role = std::move(role);
    if (!expect_object(v, p, "an Identifier", ctx_)) return i;
    ObjectCursor o(v, p, ctx_);
    i.notation = o.take_scalar_text("notation");
    i.scheme_name = o.take_string("schemeName");
    i.meta = o.finish({"Identifier", "LegalIdentifier"});
    return i;
  }

  std::optional<LangString> note(const json& v, const std::string& p, std::optional<NodeMeta>& meta) {
    if (!expect_object(v, p, "a Note", ctx_)) return std::nullopt;
    ObjectCursor o(v, p, ctx_);
    LangString text = o.take_lang("noteLiteral");
    meta = o.finish({"Note"});
    return text;
  }

  Address address(const json& v, const std::string& p) {
    Address a;
    if (!expect_object(v, p, "an Address", ctx_)) return a;
    ObjectCursor o(v, p, ctx_);
    a.country_code = one_concept(o, "countryCode");
    if (const json* fa = o.take("fullAddress")) {
      if (auto text = note(*fa, o.member_pointer("fullAddress"), a.full_address_note))
        a.full_address = *text;
    }
    a.meta = o.finish({"Address"});
    return a;
  }

  Agent agent(const json& v, const std::string& p, std::initializer_list<std::string_view> allowed) {
    Agent a;
    if (!expect_object(v, p, "an Agent", ctx_)) return a;
    ObjectCursor o(v, p, ctx_);
    agent_fields(o, v, a);
    a.meta = o.finish(allowed);
    return a;
  }

  // The members of Organisation, Person and Group; the caller finishes the cursor.
  void agent_fields(ObjectCursor& o, const json& v, Agent& a) {
    for (const auto& t : o.peek_types()) {
      if (t == "Person") a.kind = Agent::Kind::Person;
      if (t == "Group") a.kind = Agent::Kind::Group;
    }
    a.legal_name = o.take_lang("legalName");
    a.alt_label = o.take_lang("altLabel");
    a.description = o.take_lang("description");
    a.homepage = web_resources(o, "homepage");
    if (const json* logo = o.take("logo")) a.logo = media_object(*logo, o.member_pointer("logo"));
    for (const char* role : {"identifier", "registration", "vatIdentifier", "eIDASIdentifier",
                             "taxIdentifier", "nationalID"}) {
      o.take_each(role, [&](const json& iv, const std::string& ip) {
        a.identifiers.push_back(identifier(iv, ip, role));
      });
    }
    // location -> Location{address}: one location with one address is kept typed.
    if (o.has("location") && v["location"].is_object()) {
      const json& loc = v["location"];
      std::string lp = o.member_pointer("location");
      o.take("location");
      ObjectCursor lo(loc, lp, ctx_);
      if (loc.contains("address") && loc["address"].is_object())
        a.address = address(*lo.take("address"), lo.member_pointer("address"));
      a.location = lo.finish({"Location"});
    }
    // contactPoint -> ContactPoint{emailAddress: Mailbox(mailto:...)}: kept typed when its
    // mailboxes are bare references.
    if (o.has("contactPoint") && v["contactPoint"].is_object()) {
      const json& cp = v["contactPoint"];
      bool simple = true;
      if (cp.contains("emailAddress")) {
        const json& e = cp["emailAddress"];
        auto bare = [](const json& m) { return ObjectCursor::is_reference(m, "Mailbox"); };
        if (e.is_array()) {
          for (const auto& m : e) simple = simple && bare(m);
        } else {
          simple = bare(e);
        }
      }
      if (simple) {
        std::string cpp = o.member_pointer("contactPoint");
        o.take("contactPoint");
        ObjectCursor co(cp, cpp, ctx_);
        co.take_each("emailAddress", [&](const json& m, const std::string&) {
          a.emails.push_back(m["id"].get<std::string>());
        });
        a.contact_point = co.finish({"ContactPoint"});
      }
    }
    a.given_name = o.take_lang("givenName");
    a.family_name = o.take_lang("familyName");
    a.full_name = o.take_lang("fullName");
    a.date_of_birth = o.take_string("dateOfBirth");
  }

  CreditPoint credit_point(const json& v, const std::string& p) {
    CreditPoint c;
    if (!expect_object(v, p, "a CreditPoint", ctx_)) return c;
    ObjectCursor o(v, p, ctx_);
    c.framework = one_concept(o, "framework");
    c.point = o.take_scalar_text("point");
    c.meta = o.finish({"CreditPoint"});
    return c;
  }

  std::vector<CreditPoint> credit_points(ObjectCursor& o, std::string_view key) {
    std::vector<CreditPoint> out;
    o.take_each(key, [&](const json& v, const std::string& p) { out.push_back(credit_point(v, p)); });
    return out;
  }

  LearningOutcome learning_outcome(const json& v, const std::string& p) {
    LearningOutcome l;
    if (!expect_object(v, p, "a LearningOutcome", ctx_)) return l;
    ObjectCursor o(v, p, ctx_);
    l.title = o.take_lang("title");
    // relatedESCOSkill holds Concepts; their IRIs are what OB alignments can carry.
    if (o.has("relatedESCOSkill")) {
      bool bare = true;
      const json& r = v["relatedESCOSkill"];
      auto is_bare = [](const json& c) { return ObjectCursor::is_reference(c, "Concept"); };
      if (r.is_array()) {
        for (const auto& c : r) bare = bare && is_bare(c);
      } else {
        bare = is_bare(r);
      }
      if (bare)
        o.take_each("relatedESCOSkill", [&](const json& c, const std::string&) {
          l.related_esco_skill.push_back(c["id"].get<std::string>());
        });
    }
    l.meta = o.finish({"LearningOutcome"});
    return l;
  }

  // `claim`: the kind of the claim it specifies; a specification without a `type` is the one
  // that kind of claim has (specifiedBy's range in ELM).
  Specification specification(const json& v, const std::string& p, Claim::Kind claim) {
    Specification s;
    switch (claim) {
      case Claim::Kind::LearningActivity:
        s.kind = Specification::Kind::LearningActivitySpecification;
        break;
      case Claim::Kind::LearningAssessment:
        s.kind = Specification::Kind::LearningAssessmentSpecification;
        break;
      case Claim::Kind::LearningEntitlement:
        s.kind = Specification::Kind::LearningEntitlementSpecification;
        break;
      case Claim::Kind::LearningAchievement:
        break;
    }
    if (!expect_object(v, p, "a Specification", ctx_)) return s;
    ObjectCursor o(v, p, ctx_);
    for (const auto& t : o.peek_types()) {
      if (t == "LearningAchievementSpecification")
        s.kind = Specification::Kind::LearningAchievementSpecification;
      if (t == "Qualification") s.kind = Specification::Kind::Qualification;
      if (t == "LearningActivitySpecification")
        s.kind = Specification::Kind::LearningActivitySpecification;
      if (t == "LearningAssessmentSpecification")
        s.kind = Specification::Kind::LearningAssessmentSpecification;
      if (t == "LearningEntitlementSpecification")
        s.kind = Specification::Kind::LearningEntitlementSpecification;
    }
    s.title = o.take_lang("title");
    s.description = o.take_lang("description");
    s.eqf_level = one_concept(o, "eqfLevel");
    s.nqf_level = concepts(o, "nqfLevel");
    s.thematic_area = concepts(o, "thematicArea");
    s.credit_point = credit_points(o, "creditPoint");
    o.take_each("learningOutcome", [&](const json& lv, const std::string& lp) {
      s.learning_outcome.push_back(learning_outcome(lv, lp));
    });
    s.language = concepts(o, "language");
    s.homepage = web_resources(o, "homepage");
    s.volume_of_learning = o.take_string("volumeOfLearning");
    s.meta = o.finish({"LearningAchievementSpecification", "Qualification",
                       "LearningActivitySpecification", "LearningAssessmentSpecification",
                       "LearningEntitlementSpecification"});
    return s;
  }

  AwardingProcess awarding_process(const json& v, const std::string& p) {
    AwardingProcess a;
    if (!expect_object(v, p, "an AwardingProcess", ctx_)) return a;
    ObjectCursor o(v, p, ctx_);
    o.take_each("awardingBody", [&](const json& bv, const std::string& bp) {
      a.awarding_body.push_back(agent(bv, bp, {"Organisation", "Person", "Group"}));
    });
    a.awarding_date = o.take_string("awardingDate");
    a.meta = o.finish({"AwardingProcess"});
    return a;
  }

  std::vector<Claim> claims(ObjectCursor& o, std::string_view key) {
    std::vector<Claim> out;
    o.take_each(key, [&](const json& v, const std::string& p) { out.push_back(claim(v, p)); });
    return out;
  }

  Claim claim(const json& v, const std::string& p) {
    Claim c;
    if (!expect_object(v, p, "a Claim", ctx_)) return c;
    if (++depth_ > 64) {
      ctx_.error("json.too-deep", "claims nested deeper than 64 levels", p);
      return c;
    }
    ObjectCursor o(v, p, ctx_);
    for (const auto& t : o.peek_types()) {
      if (t == "LearningActivity") c.kind = Claim::Kind::LearningActivity;
      if (t == "LearningAssessment") c.kind = Claim::Kind::LearningAssessment;
      if (t == "LearningEntitlement") c.kind = Claim::Kind::LearningEntitlement;
    }
    c.title = o.take_lang("title");
    c.description = o.take_lang("description");
    if (const json* s = o.take("specifiedBy"))
      c.specified_by = specification(*s, o.member_pointer("specifiedBy"), c.kind);
    if (const json* a = o.take("awardedBy"))
      c.awarded_by = awarding_process(*a, o.member_pointer("awardedBy"));
    c.proven_by = claims(o, "provenBy");
    c.influenced_by = claims(o, "influencedBy");
    c.has_part = claims(o, "hasPart");
    c.credit_received = credit_points(o, "creditReceived");
    if (const json* g = o.take("grade")) {
      if (auto text = note(*g, o.member_pointer("grade"), c.grade_note)) c.grade = *text;
    }
    // One period is kept typed; several stay as they are (extras).
    if (const json* t = o.has("temporal") && v["temporal"].is_object() ? o.take("temporal") : nullptr) {
      std::string tp = o.member_pointer("temporal");
      if (expect_object(*t, tp, "a PeriodOfTime", ctx_)) {
        ObjectCursor to(*t, tp, ctx_);
        c.start_date = to.take_string("startDate");
        c.end_date = to.take_string("endDate");
        c.period = to.finish({"PeriodOfTime"});
      }
    }
    c.meta = o.finish({"LearningAchievement", "LearningActivity", "LearningAssessment",
                       "LearningEntitlement"});
    --depth_;
    return c;
  }

  DisplayParameter display_parameter(const json& v, const std::string& p) {
    DisplayParameter d;
    if (!expect_object(v, p, "a DisplayParameter", ctx_)) return d;
    ObjectCursor o(v, p, ctx_);
    d.title = o.take_lang("title");
    d.description = o.take_lang("description");
    d.meta = o.finish({"DisplayParameter"});
    return d;
  }

  Credential credential(const json& v, const std::string& p) {
    Credential c;
    if (!expect_object(v, p, "the credential", ctx_)) return c;
    ObjectCursor o(v, p, ctx_);
    c.context = o.take_context_urls();
    o.require({"credentialSubject", "issuer"}, "an EDC credential");
    if (const json* issuer = o.take("issuer")) {
      if (issuer->is_string()) {
        c.issuer.meta.id = issuer->get<std::string>();
        c.issuer.meta.as_iri = true;
        c.issuer.meta.source_format = "edc";
        c.issuer.meta.source_pointer = o.member_pointer("issuer");
      }
      else
        c.issuer = agent(*issuer, o.member_pointer("issuer"), {"Organisation"});
    }
    if (const json* subject = o.take("credentialSubject")) {
      std::string sp = o.member_pointer("credentialSubject");
      if (expect_object(*subject, sp, "credentialSubject", ctx_)) {
        ObjectCursor so(*subject, sp, ctx_);
        c.subject.has_claim = claims(so, "hasClaim");
        agent_fields(so, *subject, c.subject.person);
        c.subject.person.kind = Agent::Kind::Person;
        c.subject.person.meta = so.finish({"Person"});
      }
    }
    c.issuance_date = o.take_string("issuanceDate");
    c.issued = o.take_string("issued");
    c.valid_from = o.take_string("validFrom");
    c.valid_until = o.take_string("validUntil");
    c.expiration_date = o.take_string("expirationDate");
    if (const json* d = o.take("displayParameter"))
      c.display_parameter = display_parameter(*d, o.member_pointer("displayParameter"));
    c.meta = o.finish({"VerifiableCredential", "EuropeanDigitalCredential",
                       "VerifiableAttestation", "VerifiablePresentation"});
    bool is_edc = false;
    for (const auto& t : c.meta.types) is_edc = is_edc || t == "EuropeanDigitalCredential";
    if (!is_edc)
      ctx_.error("model.unknown-type", "type must include EuropeanDigitalCredential",
                 o.member_pointer("type"));
    return c;
  }

 private:
  ReadContext& ctx_;
  int depth_ = 0;
};

}  // namespace

ReadResult read(const Sniff& sniff, const ReadOptions& options) {
  return read_single_credential<Reader>(sniff, options, "edc");
}

}  // namespace credgate::edc
