// Edge cases of the EDC <-> OB 3.0 mapping, each a small hand-made credential: one test per
// gap found in review, so none comes back.
#include <gtest/gtest.h>

#include <set>

#include "gateway/pipeline.hpp"
#include "support/loss_check.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

ConvertOutcome convert(const json& doc, const std::string& target, WriteOptions write = {}) {
  ConvertRequest req;
  req.target = target;
  req.write = write;
  ConvertOutcome o = convert_bytes(doc.dump(), req);
  EXPECT_TRUE(o.ok()) << (o.diagnostics.empty() ? "no output" : o.diagnostics.front().to_line());
  return o;
}

json first_doc(const ConvertOutcome& o) { return o.documents.empty() ? json() : json::parse(o.documents.front().text); }

bool has_loss(const ConvertOutcome& o, const std::string& pointer) {
  for (const auto& l : o.losses)
    if (l.pointer == pointer) return true;
  return false;
}

json edc() {
  return {{"@context", json::array({"https://www.w3.org/2018/credentials/v1",
                                    "http://data.europa.eu/snb/model/context/edc-ap"})},
          {"id", "urn:credential:1"},
          {"type", json::array({"VerifiableCredential", "EuropeanDigitalCredential"})},
          {"issuer", {{"id", "urn:org:1"}, {"type", "Organisation"}, {"legalName", {{"en", "Uni"}}}}},
          {"validFrom", "2024-01-01T00:00:00Z"},
          {"credentialSubject",
           {{"id", "urn:person:1"},
            {"type", "Person"},
            {"fullName", {{"en", "Ana A"}}},
            {"hasClaim",
             {{"id", "urn:claim:1"},
              {"type", "LearningAchievement"},
              {"title", {{"en", "Course"}}},
              {"specifiedBy",
               {{"id", "urn:spec:1"}, {"type", "LearningAchievementSpecification"}, {"title", {{"en", "Course"}}}}}}}}}};
}

json ob3() {
  return json::parse(test::read_file(test::data_path("ob3/basicOpenBadgeCredential.json")));
}

void expect_same_format_lossless(const json& doc, const std::string& format) {
  ConvertOutcome o = convert(doc, format);
  EXPECT_EQ(test::jsonld_normal(doc), test::jsonld_normal(first_doc(o)));
  EXPECT_TRUE(o.losses.empty());
}

TEST(MappingEdge, Ob3ShorthandsAndUnnamedAlignmentSurviveOb3RoundTrip) {
  json doc = ob3();
  doc["issuer"] = "https://example.com/issuers/876543";
  doc["image"] = "https://example.com/badge.png";
  doc["credentialSubject"]["achievement"]["alignment"] =
      json::array({{{"type", json::array({"Alignment"})}, {"targetUrl", "http://data.europa.eu/snb/eqf/5"}}});
  expect_same_format_lossless(doc, "ob3");
}

TEST(MappingEdge, EdcTypelessNodesForeignReferenceTypesAndNumbersSurviveEdcRoundTrip) {
  json doc = edc();
  auto& spec = doc["credentialSubject"]["hasClaim"]["specifiedBy"];
  spec["eqfLevel"] = {{"id", "http://data.europa.eu/snb/eqf/6"},  // no type, numeric notation
                      {"notation", 6},
                      {"inScheme", {{"id", "http://data.europa.eu/snb/eqf/25831c2"}}}};
  spec["creditPoint"] = {{"type", "CreditPoint"}, {"point", 5}};
  spec["learningOutcome"] = {{"id", "urn:lo:1"},
                             {"type", "LearningOutcome"},
                             {"title", {{"en", "Outcome"}}},
                             {"relatedESCOSkill", {{"id", "http://data.europa.eu/esco/skill/1"}, {"type", "Skill"}}}};
  doc["credentialSubject"]["contactPoint"] = {{"type", "ContactPoint"},
                                               {"emailAddress", {{"id", "mailto:a@example.org"}}}};
  expect_same_format_lossless(doc, "edc");
}

TEST(MappingEdge, OrganisationPersonMembersAndHolderDetailsAreNotDroppedSilently) {
  json doc = edc();
  doc["issuer"]["givenName"] = {{"en", "Odd"}};
  doc["issuer"]["dateOfBirth"] = "1900-01-01T00:00:00Z";
  auto& p = doc["credentialSubject"];
  p["altLabel"] = {{"en", "Ana"}};
  p["description"] = {{"en", "A learner"}};
  p["homepage"] = {{"id", "urn:web:1"}, {"type", "WebResource"}, {"contentURL", "https://ana.example"}};
  p["location"] = {{"id", "urn:loc:1"},
                   {"type", "Location"},
                   {"address",
                    {{"id", "urn:addr:1"},
                     {"type", "Address"},
                     {"fullAddress", {{"id", "urn:note:1"}, {"type", "Note"}, {"noteLiteral", {{"en", "1 Main St"}}}}}}}};
  ConvertOutcome o = convert(doc, "ob3");
  test::expect_nothing_silently_dropped(doc, "", o);
  json badge = first_doc(o);
  EXPECT_EQ(badge["issuer"]["givenName"], "Odd");
  for (const auto& l : o.losses) {
    if (l.pointer == "/credentialSubject/location") {
      EXPECT_EQ(l.value["fullAddress"]["en"], "1 Main St");
    }
  }
  EXPECT_TRUE(has_loss(o, "/credentialSubject/location"));
}

TEST(MappingEdge, Ob3SubjectCreditsAndDatesLandOnTheClaim) {
  json doc = ob3();
  doc["credentialSubject"]["creditsEarned"] = 7.5;
  doc["credentialSubject"]["activityStartDate"] = "2024-01-01T00:00:00Z";
  doc["credentialSubject"]["activityEndDate"] = "2024-02-01T00:00:00Z";
  ConvertOutcome o = convert(doc, "edc");
  json claim = first_doc(o)["credentialSubject"]["hasClaim"];
  EXPECT_EQ(claim["creditReceived"]["point"], "7.5");
  EXPECT_EQ(claim["temporal"]["startDate"], "2024-01-01T00:00:00Z");
  EXPECT_EQ(claim["temporal"]["endDate"], "2024-02-01T00:00:00Z");
  test::expect_nothing_silently_dropped(doc, "", o);
  expect_same_format_lossless(doc, "ob3");

  doc["credentialSubject"]["creditsEarned"] = "5";
  ConvertRequest req;
  req.target = "edc";
  ConvertOutcome bad = convert_bytes(doc.dump(), req);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.diagnostics.front().code, "json.type");
  EXPECT_EQ(bad.diagnostics.front().location, "/credentialSubject/creditsEarned");
}

TEST(MappingEdge, FieldOfStudyCriteriaMembersAndUnreferencedResultDescriptionsAreReported) {
  json doc = ob3();
  auto& a = doc["credentialSubject"]["achievement"];
  a["fieldOfStudy"] = "Physics";
  a["alignment"] = json::array({{{"type", json::array({"Alignment"})},
                                 {"targetUrl", "http://data.europa.eu/snb/isced-f/0533"},
                                 {"targetName", "Physics and astronomy"}}});
  a["criteria"]["id"] = "https://example.com/criteria";
  a["resultDescription"] = json::array({{{"id", "urn:rd:1"},
                                         {"type", json::array({"ResultDescription"})},
                                         {"name", "Grade"},
                                         {"resultType", "LetterGrade"}},
                                        {{"id", "urn:rd:2"},
                                         {"type", json::array({"ResultDescription"})},
                                         {"name", "Unused"},
                                         {"resultType", "Status"}}});
  doc["credentialSubject"]["result"] =
      json::array({{{"type", json::array({"Result"})}, {"resultDescription", "urn:rd:1"}, {"value", "A"}}});
  ConvertOutcome o = convert(doc, "edc");
  test::expect_nothing_silently_dropped(doc, "", o);
  EXPECT_TRUE(has_loss(o, "/credentialSubject/achievement/fieldOfStudy"));
  EXPECT_TRUE(has_loss(o, "/credentialSubject/achievement/resultDescription/1/id"));
  EXPECT_FALSE(has_loss(o, "/credentialSubject/achievement/resultDescription/0/id"));  // a result carries it
  json assessment = first_doc(o)["credentialSubject"]["hasClaim"]["provenBy"];
  EXPECT_EQ(assessment["specifiedBy"]["id"], "urn:rd:1");
  EXPECT_EQ(assessment["grade"]["noteLiteral"]["en"], "A");
}

TEST(MappingEdge, UnusualClaimSpecificationPairIsReported) {
  json doc = edc();
  auto& claim = doc["credentialSubject"]["hasClaim"];
  claim["type"] = "LearningActivity";
  claim["specifiedBy"]["type"] = "Qualification";
  ConvertOutcome o = convert(doc, "ob3");
  EXPECT_EQ(first_doc(o)["credentialSubject"]["achievement"]["achievementType"], "ext:LearningActivity");
  EXPECT_TRUE(has_loss(o, "/credentialSubject/hasClaim/specifiedBy/type"));
}

TEST(MappingEdge, CreditsKeepTheirSpellingAndNonNumbersAreReported) {
  json doc = edc();
  auto& spec = doc["credentialSubject"]["hasClaim"]["specifiedBy"];
  spec["creditPoint"] = {{"type", "CreditPoint"}, {"point", "2"}};
  EXPECT_EQ(first_doc(convert(doc, "ob3"))["credentialSubject"]["achievement"]["creditsAvailable"], json(2));
  spec["creditPoint"]["point"] = "7.5 ECTS";
  ConvertOutcome o = convert(doc, "ob3");
  EXPECT_FALSE(first_doc(o)["credentialSubject"]["achievement"].contains("creditsAvailable"));
  EXPECT_TRUE(has_loss(o, "/credentialSubject/hasClaim/specifiedBy/creditPoint/point"));
  spec["creditPoint"]["point"] = "inf";
  EXPECT_TRUE(has_loss(convert(doc, "ob3"), "/credentialSubject/hasClaim/specifiedBy/creditPoint/point"));
}

TEST(MappingEdge, OutcomeWithoutIriIsReportedNotWrittenAsAnEmptyTarget) {
  json doc = edc();
  doc["credentialSubject"]["hasClaim"]["specifiedBy"]["learningOutcome"] =
      json::array({{{"type", "LearningOutcome"}, {"title", {{"en", "No IRI"}}}},
                   {{"type", "LearningOutcome"},
                    {"title", {{"en", "Skill only"}}},
                    {"relatedESCOSkill", {{"id", "http://data.europa.eu/esco/skill/9"}, {"type", "Concept"}}}}});
  ConvertOutcome o = convert(doc, "ob3");
  json alignments = first_doc(o)["credentialSubject"]["achievement"]["alignment"];
  ASSERT_EQ(alignments.size(), 1u);
  EXPECT_EQ(alignments[0]["targetUrl"], "http://data.europa.eu/esco/skill/9");
  EXPECT_TRUE(has_loss(o, "/credentialSubject/hasClaim/specifiedBy/learningOutcome/0"));
  EXPECT_FALSE(has_loss(o, "/credentialSubject/hasClaim/specifiedBy/learningOutcome/1/relatedESCOSkill"));
}

TEST(MappingEdge, ClaimTitleUsedAsTheNameIsNotReportedLost) {
  json doc = edc();
  doc["credentialSubject"]["hasClaim"]["specifiedBy"].erase("title");
  ConvertOutcome o = convert(doc, "ob3");
  EXPECT_EQ(first_doc(o)["credentialSubject"]["achievement"]["name"], "Course");
  EXPECT_FALSE(has_loss(o, "/credentialSubject/hasClaim/title"));
}

TEST(MappingEdge, OutputLanguageChoosesAndTagsText) {
  json doc = edc();
  doc["credentialSubject"]["hasClaim"]["specifiedBy"]["title"] = {{"en", "Course"}, {"fr", "Cours"}};
  WriteOptions fr;
  fr.language = "fr";
  ConvertOutcome o = convert(doc, "ob3", fr);
  EXPECT_EQ(first_doc(o)["credentialSubject"]["achievement"]["name"], "Cours");
  EXPECT_TRUE(has_loss(o, "/credentialSubject/hasClaim/specifiedBy/title"));

  json badge = ob3();
  badge["credentialSubject"]["result"] = json::array({{{"type", json::array({"Result"})}, {"value", "A"}}});
  ConvertOutcome back = convert(badge, "edc", fr);
  EXPECT_EQ(first_doc(back)["credentialSubject"]["hasClaim"]["provenBy"]["grade"]["noteLiteral"]["fr"], "A");
}

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

TEST(MappingEdge, Ob3InsideVcJwtConvertsAndReportsTheEnvelope) {
  json cred = ob3();
  json header = {{"alg", "ES256"}, {"typ", "JWT"}, {"kid", "https://example.com/issuers/876543#key-1"}};
  json claims = {{"iss", "https://example.com/issuers/876543"}, {"nbf", 1262304000}, {"vc", cred}};
  std::string jwt = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump()) + ".c2lnbmF0dXJl";
  ConvertRequest req;
  req.target = "edc";
  ConvertOutcome o = convert_bytes(jwt, req);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.envelope, "vc-jwt");
  json doc = first_doc(o);
  EXPECT_EQ(doc["issuer"]["id"], "https://example.com/issuers/876543");
  EXPECT_TRUE(has_loss(o, "/iss"));
  EXPECT_TRUE(has_loss(o, "/nbf"));
  // Pointers into the credential start at the `vc` claim.
  EXPECT_TRUE(has_loss(o, "/vc/credentialSubject/achievement/criteria"));
  // VC 1.1 needs issuanceDate: validFrom carries over.
  EXPECT_EQ(doc["issuanceDate"], cred["validFrom"]);
  EXPECT_EQ(doc["validFrom"], cred["validFrom"]);
}

}  // namespace
}  // namespace credgate

// Second review round.
namespace credgate {
namespace {

TEST(MappingEdge, UnusualIdentityObjectsAndTypesSurviveOb3RoundTrip) {
  json doc = ob3();
  doc["credentialSubject"]["identifier"] = json::array(
      {{{"type", json::array({"IdentityObject"})}, {"hashed", false}, {"identityHash", "Ana"}, {"identityType", "name"}},
       {{"type", "IdentityObject"}, {"identityHash", "a@example.org"}, {"identityType", "emailAddress"}},
       {{"type", "IdentityObject"}, {"hashed", false}, {"identityHash", "42"}, {"identityType", "studentId"}}});
  doc["issuer"] = {{"id", "https://example.com/issuers/1"},
                   {"type", json::array({"Profile"})},
                   {"name", "X"},
                   {"otherIdentifier", json::array({{{"type", "IdentifierEntry"},
                                                     {"identifier", "7"},
                                                     {"identifierType", "ext:campusCode"}}})}};
  expect_same_format_lossless(doc, "ob3");
  ConvertOutcome o = convert(doc, "edc");
  test::expect_nothing_silently_dropped(doc, "", o);
}

TEST(MappingEdge, Ob3VcOneOneDatesSurviveOb3RoundTrip) {
  json doc = ob3();
  doc["@context"][0] = "https://www.w3.org/2018/credentials/v1";
  doc["@context"][1] = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";
  doc["issuanceDate"] = "2010-01-01T00:00:00Z";
  doc["validFrom"] = "2011-01-01T00:00:00Z";
  doc["awardedDate"] = "2009-12-01T00:00:00Z";
  expect_same_format_lossless(doc, "ob3");
}

TEST(MappingEdge, AwardedDateOnlyWhereTheOb3ContextDefinesIt) {
  json doc = edc();
  doc["issued"] = "2024-02-01T00:00:00Z";
  WriteOptions old;
  old.ob3_context = "3.0.2";
  ConvertOutcome o = convert(doc, "ob3", old);
  EXPECT_FALSE(first_doc(o).contains("awardedDate"));
  EXPECT_TRUE(has_loss(o, "/issued"));
  ConvertOutcome current = convert(doc, "ob3");
  EXPECT_EQ(first_doc(current)["awardedDate"], "2024-02-01T00:00:00Z");
  EXPECT_FALSE(has_loss(current, "/issued"));
}

TEST(MappingEdge, SeveralEmailsAndHolderAddressPartsAreEachReported) {
  json doc = edc();
  doc["issuer"]["contactPoint"] = {
      {"id", "urn:cp:1"},
      {"type", "ContactPoint"},
      {"emailAddress", json::array({{{"id", "mailto:a@uni.example"}, {"type", "Mailbox"}},
                                    {{"id", "mailto:b@uni.example"}, {"type", "Mailbox"}},
                                    {{"id", "mailto:c@uni.example"}, {"type", "Mailbox"}}})}};
  doc["credentialSubject"]["location"] = {
      {"id", "urn:loc:1"},
      {"type", "Location"},
      {"address", {{"id", "urn:addr:1"}, {"type", "Address"}, {"fullAddress", {{"id", "urn:note:1"}, {"type", "Note"}, {"noteLiteral", {{"en", "1 Main St"}}}}}}}};
  ConvertOutcome o = convert(doc, "ob3");
  EXPECT_EQ(first_doc(o)["issuer"]["email"], "a@uni.example");
  EXPECT_TRUE(has_loss(o, "/issuer/contactPoint/emailAddress/1"));
  EXPECT_TRUE(has_loss(o, "/issuer/contactPoint/emailAddress/2"));
  EXPECT_TRUE(has_loss(o, "/credentialSubject/location/address/id"));
  EXPECT_TRUE(has_loss(o, "/credentialSubject/location/address/fullAddress/id"));
}

TEST(MappingEdge, PlainStringTextSurvivesEdcRoundTrip) {
  json doc = edc();
  doc["credentialSubject"]["hasClaim"]["title"] = "Course";  // no language: kept so
  expect_same_format_lossless(doc, "edc");
}

TEST(MappingEdge, LostAlignmentValueIsTheWholeAlignment) {
  json doc = ob3();
  doc["credentialSubject"]["achievement"]["alignment"] =
      json::array({{{"type", json::array({"Alignment"})},
                    {"id", "urn:al:1"},
                    {"targetName", "T"},
                    {"targetUrl", "https://example.org/t"},
                    {"targetType", "CFItem"}}});
  ConvertOutcome o = convert(doc, "edc");
  for (const auto& l : o.losses) {
    if (l.pointer == "/credentialSubject/achievement/alignment/0") {
      EXPECT_EQ(l.value["id"], "urn:al:1");
      EXPECT_EQ(l.value["targetType"], "CFItem");
    }
  }
  EXPECT_TRUE(has_loss(o, "/credentialSubject/achievement/alignment/0"));
}

TEST(MappingEdge, TypelessSpecificationTakesItsClaimsClass) {
  json doc = edc();
  auto& claim = doc["credentialSubject"]["hasClaim"];
  claim["type"] = "LearningActivity";
  claim["specifiedBy"].erase("type");
  ConvertOutcome o = convert(doc, "ob3");
  EXPECT_EQ(first_doc(o)["credentialSubject"]["achievement"]["achievementType"], "ext:LearningActivity");
  EXPECT_FALSE(has_loss(o, "/credentialSubject/hasClaim/specifiedBy/type"));
  expect_same_format_lossless(doc, "edc");
}

// OB 3.0 requires a Profile id: a source without one gets a composed URN, said in a warning
// (not a loss: nothing of the source is dropped).
TEST(MappingEdge, ProfileWithoutIdGetsAComposedIdAndAWarning) {
  json doc = edc();
  doc["issuer"].erase("id");
  ConvertOutcome o = convert(doc, "ob3");
  bool warned = false;
  for (const auto& d : o.diagnostics)
    warned = warned || (d.code == "map.composed-id" && d.location == "/issuer");
  EXPECT_TRUE(warned);
  EXPECT_EQ(first_doc(o)["issuer"]["id"], "urn:credgate:profile:1");
  json badge = ob3();
  badge["issuer"].erase("id");
  expect_same_format_lossless(badge, "ob3");
}

TEST(MappingEdge, CriteriaNarrativeIsNeverEmpty) {
  json doc = edc();
  doc["credentialSubject"]["hasClaim"]["specifiedBy"]["learningOutcome"] = {{"type", "LearningOutcome"}, {"id", "urn:lo:9"}};
  ConvertOutcome o = convert(doc, "ob3");
  EXPECT_EQ(first_doc(o)["credentialSubject"]["achievement"]["criteria"]["narrative"], "Course");
}

}  // namespace
}  // namespace credgate

// Third review round.
namespace credgate {
namespace {

TEST(MappingEdge, IdentifiersWithoutTypeAndPlainNotesSurviveTheirRoundTrips) {
  json badge = ob3();
  badge["credentialSubject"]["identifier"] =
      json::array({{{"type", "IdentityObject"}, {"hashed", false}, {"identityHash", "x"}}});
  expect_same_format_lossless(badge, "ob3");

  json doc = edc();
  doc["credentialSubject"]["hasClaim"]["provenBy"] = {{"id", "urn:as:1"},
                                                        {"type", "LearningAssessment"},
                                                        {"grade", {{"id", "urn:note:2"}, {"type", "Note"}, {"noteLiteral", "B"}}}};
  expect_same_format_lossless(doc, "edc");
}

TEST(MappingEdge, UnusualOb3IdentifierTypeIsCarriedOnceIntoElm) {
  json badge = ob3();
  badge["issuer"] = {{"id", "https://example.com/i"},
                     {"type", json::array({"Profile"})},
                     {"name", "X"},
                     {"otherIdentifier", json::array({{{"type", "IdentifierEntry"}, {"identifier", "7"}, {"identifierType", "registration"}},
                                                      {{"type", "IdentifierEntry"}, {"identifier", "8"}, {"identifierType", "studentId"}}})}};
  ConvertOutcome o = convert(badge, "edc");
  std::set<std::string> pointers;
  for (const auto& l : o.losses) EXPECT_TRUE(pointers.insert(l.pointer).second) << l.pointer;
  json issuer = first_doc(o)["issuer"];
  EXPECT_EQ(issuer["registration"]["notation"], "7");
  EXPECT_EQ(issuer["identifier"]["schemeName"], "studentId");
  test::expect_nothing_silently_dropped(badge, "", o);
}

}  // namespace
}  // namespace credgate
