#include "mappers/ob3/ob3_vocabulary.hpp"

namespace credgate::ob3 {

using model::Claim;
using model::Specification;

std::string context_url(const std::string& version) {
  if (version == "3.0.0") return "https://purl.imsglobal.org/spec/ob/v3p0/context.json";
  if (version == "3.0.1" || version == "3.0.2" || version == "3.0.3")
    return "https://purl.imsglobal.org/spec/ob/v3p0/context-" + version + ".json";
  return "";
}

static bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

ConceptTarget concept_target(const std::string& iri) {
  if (starts_with(iri, "http://data.europa.eu/snb/eqf/")) return ConceptTarget::Eqf;
  if (starts_with(iri, "http://data.europa.eu/snb/qdr/")) return ConceptTarget::Nqf;
  if (starts_with(iri, "http://data.europa.eu/snb/isced-f/")) return ConceptTarget::IscedF;
  return ConceptTarget::None;
}

std::string scheme_of(ConceptTarget target) {
  switch (target) {
    case ConceptTarget::Eqf:
      return "http://data.europa.eu/snb/eqf/25831c2";
    case ConceptTarget::Nqf:
      return "http://data.europa.eu/snb/qdr/25831c2";
    case ConceptTarget::IscedF:
      return "http://data.europa.eu/snb/isced-f/25831c2";
    case ConceptTarget::None:
      break;
  }
  return "";
}

std::string framework_name(ConceptTarget target) {
  switch (target) {
    case ConceptTarget::Eqf:
      return "European Qualifications Framework";
    case ConceptTarget::Nqf:
      return "National Qualifications Framework";
    case ConceptTarget::IscedF:
      return "ISCED-F 2013";
    case ConceptTarget::None:
      break;
  }
  return "";
}

std::string role_from_identifier_type(const std::string& type) {
  if (type == "nationalIdentityNumber") return "nationalID";
  // The ELM identifier properties credgate writes as ext: types come back as those properties;
  // any other ext: type stays as written.
  for (const char* elm : {"registration", "vatIdentifier", "eIDASIdentifier", "taxIdentifier"})
    if (type == std::string("ext:") + elm) return elm;
  return type;
}

std::string identifier_type_from_role(const std::string& role) {
  if (role == "nationalID") return "nationalIdentityNumber";
  static const char* kEnum[] = {
      "name",        "sourcedId",       "systemId",           "productId",    "userName",
      "accountId",   "emailAddress",    "nationalIdentityNumber", "isbn",     "issn",
      "lisSourcedId", "oneRosterSourcedId", "sisSourcedId",   "ltiContextId", "ltiDeploymentId",
      "ltiToolId",   "ltiPlatformId",   "ltiUserId",          "identifier"};
  for (const char* e : kEnum)
    if (role == e) return role;
  if (starts_with(role, "ext:")) return role;
  return "ext:" + role;
}

std::optional<std::pair<Claim::Kind, Specification::Kind>> kinds_from_achievement_type(
    const std::string& t) {
  using C = Claim::Kind;
  using S = Specification::Kind;
  if (t == "ext:Qualification") return std::pair{C::LearningAchievement, S::Qualification};
  if (t == "ext:LearningActivity")
    return std::pair{C::LearningActivity, S::LearningActivitySpecification};
  if (t == "Assessment") return std::pair{C::LearningAssessment, S::LearningAssessmentSpecification};
  if (t == "ext:LearningEntitlement")
    return std::pair{C::LearningEntitlement, S::LearningEntitlementSpecification};
  return std::nullopt;
}

std::string achievement_type_for(Claim::Kind claim, Specification::Kind spec) {
  switch (claim) {
    case Claim::Kind::LearningActivity:
      return "ext:LearningActivity";
    case Claim::Kind::LearningAssessment:
      return "Assessment";
    case Claim::Kind::LearningEntitlement:
      return "ext:LearningEntitlement";
    case Claim::Kind::LearningAchievement:
      break;
  }
  return spec == Specification::Kind::Qualification ? "ext:Qualification" : "";
}

std::string media_type_for_file_type(const std::string& iri) {
  auto slash = iri.rfind('/');
  std::string code = slash == std::string::npos ? iri : iri.substr(slash + 1);
  if (code == "PNG") return "image/png";
  if (code == "JPEG" || code == "JPG") return "image/jpeg";
  if (code == "SVG") return "image/svg+xml";
  if (code == "GIF") return "image/gif";
  if (code == "PDF") return "application/pdf";
  return "";
}

}  // namespace credgate::ob3
