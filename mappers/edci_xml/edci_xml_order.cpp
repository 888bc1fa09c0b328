#include "mappers/edci_xml/edci_xml_order.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace credgate::edci_xml {
namespace {

using Names = std::vector<std::string>;

// The specification elements both learningSpecification and qualification start with
// (the schema's LearningSpecificationElements group).
Names specification_order(Names tail) {
  Names out = {"identifier",
               "type",
               "title",
               "altLabel",
               "definition",
               "description",
               "additionalNote",
               "homepage",
               "supplementaryDoc",
               "hasISCED-FCode",
               "hasEducationSubject",
               "volumeOfLearning",
               "hasECTSCreditPoints",
               "hasCreditPoints",
               "hasEducationLevel",
               "language",
               "mode",
               "learningSettingType",
               "duration",
               "targetGroup",
               "entryRequirementsNote",
               "learningOutcomes",
               "learningActivitySpecification",
               "assessmentSpecification",
               "entitlementSpecification",
               "awardingOpportunities"};
  out.insert(out.end(), tail.begin(), tail.end());
  return out;
}

const Names kAchievement = {"identifier",
                            "title",
                            "description",
                            "additionalNote",
                            "wasDerivedFrom",
                            "wasInfluencedBy",
                            "wasAwardedBy",
                            "hasPart",
                            "entitlesTo",
                            "specifiedBy",
                            "associatedLearningOpportunity"};

// Every CodeType (type, gender, eqfLevel, language, contentType, ...) has this sequence.
const Names kCode = {"targetName", "targetDescription", "targetFrameworkName"};

const std::map<std::string, Names>& table() {
  static const std::map<std::string, Names> t = {
      {"europassCredential",
       {"identifier",
        "type",
        "validFrom",
        "issued",
        "validUntil",
        "issuer",
        "title",
        "description",
        "credentialSubject",
        "learningSpecificationReferences",
        "learningOutcomeReferences",
        "learningActivitySpecificationReferences",
        "assessmentSpecificationReferences",
        "entitlementSpecificationReferences",
        "learningOpportunityReferences",
        "agentReferences",
        "awardingProcessReferences",
        "accreditationReferences",
        "scoringSchemeReferences",
        "semanticFrameworkReferences",
        "displayParameters",
        "attachmentList",
        "proof",
        "childCredentials"}},
      {"credentialSubject",
       {"identifier",         "type",           "prefLabel",    "altLabel",     "additionalNote",
        "contactPoint",       "nationalId",     "fullName",     "givenNames",   "familyName",
        "birthName",          "patronymicName", "dateOfBirth",  "placeOfBirth", "gender",
        "citizenshipCountry", "hasLocation",    "achievements", "activities",   "entitlements"}},
      {"organization",
       {"identifier", "type", "additionalNote", "contactPoint", "registration", "vatIdentifier",
        "taxIdentifier", "prefLabel", "altLabel", "homepage", "hasLocation", "hasAccreditation",
        "hasUnit", "unitOf", "logo"}},
      {"contactPoint",
       {"note", "description", "address", "phone", "mailBox", "webresource", "wallet"}},
      {"logo", {"contentType", "contentEncoding", "contentSize", "contentUrl", "content"}},
      {"hasLocation", {"id", "identifier", "name", "description", "hasAddress", "spatialCode"}},
      {"hasAddress", {"id", "identifier", "fullAddress", "country"}},
      {"learningAchievement", kAchievement},
      {"qualificationAward", kAchievement},
      {"learningSpecification", specification_order({"hasPart", "specializationOf"})},
      {"qualification",
       specification_order({"isPartialQualification", "eqfLevel", "nqfLevel", "hasAccreditation",
                            "qualificationCode", "hasPart", "specializationOf"})},
      {"learningOutcome",
       {"identifier", "prefLabel", "description", "learningOutcomeType", "reusabilityLevel",
        "relatedEscoSkill"}},
      {"wasDerivedFrom",
       {"identifier", "title", "description", "additionalNote", "grade", "shortenedGrading",
        "resultDistribution", "issuedDate", "idVerificationMethod", "assessedBy", "specifiedBy",
        "hasPart"}},
      {"wasInfluencedBy",
       {"identifier", "title", "description", "additionalNote", "workload", "startedAtTime",
        "endedAtTime", "directedBy", "location", "specifiedBy", "usedLearningOpportunity",
        "influenced", "hasPart"}},
      {"awardingProcess",
       {"identifier", "description", "additionalNote", "used", "awardingBody", "location", "date"}},
  };
  return t;
}

std::string name_of(xmlNodePtr n) {
  return reinterpret_cast<const char*>(n->name);
}

}  // namespace

void sort_into_schema_order(xmlNodePtr parent) {
  std::vector<xmlNodePtr> children;
  for (xmlNodePtr c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) children.push_back(c);
  for (xmlNodePtr c : children) sort_into_schema_order(c);
  auto it = table().find(name_of(parent));
  const Names* names = it != table().end() ? &it->second : nullptr;
  if (!names) {  // a code element, else nothing to sort
    bool code = std::any_of(children.begin(), children.end(),
                            [](xmlNodePtr c) { return name_of(c) == "targetName"; });
    if (!code) return;
    names = &kCode;
  }
  auto rank = [&](xmlNodePtr n) {
    return std::find(names->begin(), names->end(), name_of(n)) - names->begin();
  };
  std::stable_sort(children.begin(), children.end(),
                   [&](xmlNodePtr a, xmlNodePtr b) { return rank(a) < rank(b); });
  for (xmlNodePtr c : children) {
    xmlUnlinkNode(c);
    xmlAddChild(parent, c);
  }
}

}  // namespace credgate::edci_xml
