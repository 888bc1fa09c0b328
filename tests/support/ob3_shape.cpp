#include "support/ob3_shape.hpp"

#include <algorithm>
#include <initializer_list>

namespace credgate::test {
namespace {

using json = nlohmann::json;

class Shape {
 public:
  std::vector<std::string> out;

  void fail(const std::string& where, const std::string& what) { out.push_back(where + ": " + what); }

  bool has_type(const json& o, const std::string& t) {
    if (!o.contains("type")) return false;
    const json& v = o["type"];
    if (v.is_string()) return v == t;
    if (v.is_array()) return std::find(v.begin(), v.end(), json(t)) != v.end();
    return false;
  }

  void require(const json& o, const std::string& where, std::initializer_list<const char*> members) {
    for (const char* m : members)
      if (!o.contains(m)) fail(where, std::string("missing '") + m + "'");
  }

  void typed(const json& o, const std::string& where, const std::string& type) {
    if (!o.is_object()) return fail(where, "must be an object");
    if (!has_type(o, type)) fail(where, "type must include " + type);
  }

  void string_member(const json& o, const std::string& where, const char* m) {
    if (o.contains(m) && !o[m].is_string()) fail(where + "/" + m, "must be a string");
  }

  void enum_ext(const json& o, const std::string& where, const char* m, std::initializer_list<const char*> values) {
    if (!o.contains(m)) return;
    if (!o[m].is_string()) return fail(where + "/" + m, "must be a string");
    std::string v = o[m];
    if (v.rfind("ext:", 0) == 0 && v.size() > 4) return;
    for (const char* e : values)
      if (v == e) return;
    fail(where + "/" + m, "'" + v + "' is not in the enumeration and has no ext: prefix");
  }

  template <typename Fn>
  void each(const json& o, const std::string& where, const char* m, Fn fn) {
    if (!o.contains(m)) return;
    const json& v = o[m];
    if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i) fn(v[i], where + "/" + m + "/" + std::to_string(i));
    } else {
      fn(v, where + "/" + m);
    }
  }

  void image(const json& v, const std::string& where) {
    if (v.is_string()) return;  // an IRI
    typed(v, where, "Image");
    require(v, where, {"id"});
  }

  void profile(const json& v, const std::string& where) {
    if (v.is_string()) return;  // an IRI
    typed(v, where, "Profile");
    require(v, where, {"id"});
    each(v, where, "image", [&](const json& i, const std::string& w) { image(i, w); });
    each(v, where, "otherIdentifier", [&](const json& i, const std::string& w) {
      typed(i, w, "IdentifierEntry");
      require(i, w, {"identifier", "identifierType"});
      enum_ext(i, w, "identifierType", kIdentifierTypes);
    });
    each(v, where, "address", [&](const json& a, const std::string& w) { typed(a, w, "Address"); });
  }

  void alignment(const json& v, const std::string& where) {
    typed(v, where, "Alignment");
    require(v, where, {"targetName", "targetUrl"});
    enum_ext(v, where, "targetType",
             {"ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric", "CFRubricCriterion",
              "CFRubricCriterionLevel", "CTDL"});
  }

  void achievement(const json& v, const std::string& where) {
    typed(v, where, "Achievement");
    require(v, where, {"id", "name", "description", "criteria"});
    for (const char* m : {"id", "name", "description", "fieldOfStudy", "humanCode"}) string_member(v, where, m);
    if (v.contains("criteria") && !(v["criteria"].contains("id") || v["criteria"].contains("narrative")))
      fail(where + "/criteria", "needs an id or a narrative");
    enum_ext(v, where, "achievementType",
             {"Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree", "Award",
              "Badge", "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification",
              "CommunityService", "Competency", "Course", "CoCurricular", "Degree", "Diploma", "DoctoralDegree",
              "Fieldwork", "GeneralEducationDevelopment", "JourneymanCertificate", "LearningProgram", "License",
              "Membership", "ProfessionalDoctorate", "QualityAssuranceCredential", "MasterCertificate",
              "MasterDegree", "MicroCredential", "ResearchDoctorate", "SecondarySchoolDiploma"});
    if (v.contains("creditsAvailable") && !v["creditsAvailable"].is_number())
      fail(where + "/creditsAvailable", "must be a number");
    each(v, where, "alignment", [&](const json& a, const std::string& w) { alignment(a, w); });
    each(v, where, "image", [&](const json& i, const std::string& w) { image(i, w); });
    each(v, where, "creator", [&](const json& p, const std::string& w) { profile(p, w); });
    each(v, where, "resultDescription", [&](const json& r, const std::string& w) {
      typed(r, w, "ResultDescription");
      require(r, w, {"id", "name", "resultType"});
      enum_ext(r, w, "resultType",
               {"GradePointAverage", "LetterGrade", "Percent", "PerformanceLevel", "PredictedScore", "RawScore",
                "Result", "RubricCriterion", "RubricCriterionLevel", "RubricScore", "ScaledScore", "Status"});
    });
  }

  void subject(const json& v, const std::string& where) {
    typed(v, where, "AchievementSubject");
    require(v, where, {"achievement"});
    if (!v.contains("id") && !v.contains("identifier")) fail(where, "needs an id or an identifier");
    if (v.contains("achievement")) achievement(v["achievement"], where + "/achievement");
    if (v.contains("creditsEarned") && !v["creditsEarned"].is_number()) fail(where + "/creditsEarned", "must be a number");
    each(v, where, "identifier", [&](const json& i, const std::string& w) {
      typed(i, w, "IdentityObject");
      require(i, w, {"hashed", "identityHash", "identityType"});
      if (i.contains("hashed") && !i["hashed"].is_boolean()) fail(w + "/hashed", "must be a boolean");
      enum_ext(i, w, "identityType", kIdentifierTypes);
      for (auto it = i.begin(); it != i.end(); ++it)  // additionalProperties: false
        if (it.key() != "type" && it.key() != "hashed" && it.key() != "identityHash" &&
            it.key() != "identityType" && it.key() != "salt")
          fail(w + "/" + it.key(), "not a member of IdentityObject");
    });
    each(v, where, "result", [&](const json& r, const std::string& w) { typed(r, w, "Result"); });
  }

  static constexpr std::initializer_list<const char*> kIdentifierTypes = {
      "name", "sourcedId", "systemId", "productId", "userName", "accountId", "emailAddress",
      "nationalIdentityNumber", "isbn", "issn", "lisSourcedId", "oneRosterSourcedId", "sisSourcedId",
      "ltiContextId", "ltiDeploymentId", "ltiToolId", "ltiPlatformId", "ltiUserId", "identifier"};
};

}  // namespace

std::vector<std::string> ob3_shape_violations(const json& c) {
  Shape s;
  if (!c.is_object()) return {": a credential must be an object"};
  s.require(c, "", {"@context", "id", "type", "name", "credentialSubject", "issuer"});
  if (c.contains("@context")) {
    const json& cx = c["@context"];
    bool vc2 = cx.is_array() && !cx.empty() && cx[0] == "https://www.w3.org/ns/credentials/v2";
    bool vc1 = cx.is_array() && !cx.empty() && cx[0] == "https://www.w3.org/2018/credentials/v1";
    if (!vc1 && !vc2) s.fail("/@context", "must be an array starting with the VC 1.1 or 2.0 context");
    bool ob = false;
    for (const auto& u : cx)
      ob = ob || (u.is_string() && u.get<std::string>().rfind("https://purl.imsglobal.org/spec/ob/v3p0/context", 0) == 0);
    if (!ob) s.fail("/@context", "must hold an OB 3.0 context");
    if (vc2 && !c.contains("validFrom")) s.fail("", "missing 'validFrom' (VC 2.0)");
    if (vc1 && !c.contains("issuanceDate")) s.fail("", "missing 'issuanceDate' (VC 1.1)");
  }
  if (!s.has_type(c, "VerifiableCredential") ||
      !(s.has_type(c, "OpenBadgeCredential") || s.has_type(c, "AchievementCredential")))
    s.fail("/type", "must include VerifiableCredential and OpenBadgeCredential or AchievementCredential");
  if (c.contains("issuer")) s.profile(c["issuer"], "/issuer");
  if (c.contains("credentialSubject")) s.subject(c["credentialSubject"], "/credentialSubject");
  if (c.contains("image")) s.image(c["image"], "/image");
  return s.out;
}

}  // namespace credgate::test
