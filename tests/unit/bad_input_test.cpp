// Every bad-input case of issue 2: a stable code, the JSON Pointer, and no document.
#include <gtest/gtest.h>

#include "gateway/pipeline.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

Diagnostic first_error(const std::string& bytes, const std::string& target = "ob3", InputLimits limits = {}) {
  ConvertRequest req;
  req.target = target;
  req.limits = limits;
  ConvertOutcome o = convert_bytes(bytes, req);
  EXPECT_FALSE(o.ok());
  EXPECT_TRUE(o.documents.empty());
  for (const auto& d : o.diagnostics)
    if (d.severity == Severity::Error) return d;
  ADD_FAILURE() << "no error";
  return {};
}

json mc() { return json::parse(test::read_file(test::data_path("edc/Sample-MC-Annex1-unsigned.jsonld"))); }
json ob() { return json::parse(test::read_file(test::data_path("ob3/basicOpenBadgeCredential.json"))); }

TEST(BadInput, MalformedJson) {
  Diagnostic d = first_error("{\"id\": \"x\", \"type\": [\"VerifiableCredential\",}");
  EXPECT_EQ(d.code, "json.syntax");
  EXPECT_EQ(d.location, "/type/0");  // the last value read before the error
  EXPECT_EQ(d.category(), ErrorCategory::Input);
}

TEST(BadInput, WrongJsonTypes) {
  json doc = mc();
  doc["credentialSubject"]["hasClaim"]["title"] = 42;
  Diagnostic d = first_error(doc.dump());
  EXPECT_EQ(d.code, "json.type");
  EXPECT_EQ(d.location, "/credentialSubject/hasClaim/title");

  doc = mc();
  doc["credentialSubject"] = "urn:someone";
  d = first_error(doc.dump());
  EXPECT_EQ(d.code, "json.type");
  EXPECT_EQ(d.location, "/credentialSubject");

  json badge = ob();
  badge["credentialSubject"]["achievement"]["name"] = json::array({"x"});
  d = first_error(badge.dump(), "edc");
  EXPECT_EQ(d.code, "json.type");
  EXPECT_EQ(d.location, "/credentialSubject/achievement/name");
}

TEST(BadInput, MissingRequiredMembers) {
  json doc = mc();
  doc.erase("issuer");
  Diagnostic d = first_error(doc.dump());
  EXPECT_EQ(d.code, "model.missing-member");
  EXPECT_EQ(d.location, "/issuer");

  json badge = ob();
  badge["credentialSubject"].erase("achievement");
  d = first_error(badge.dump(), "edc");
  EXPECT_EQ(d.code, "model.missing-member");
  EXPECT_EQ(d.location, "/credentialSubject/achievement");

  badge = ob();
  badge["credentialSubject"]["achievement"].erase("id");
  d = first_error(badge.dump(), "edc");
  EXPECT_EQ(d.code, "model.missing-member");
  EXPECT_EQ(d.location, "/credentialSubject/achievement/id");
}

TEST(BadInput, UnknownTypes) {
  json doc = mc();
  doc["credentialSubject"]["hasClaim"]["type"] = "LearningMiracle";
  Diagnostic d = first_error(doc.dump());
  EXPECT_EQ(d.code, "model.unknown-type");
  EXPECT_EQ(d.location, "/credentialSubject/hasClaim/type");

  doc = mc();
  doc["credentialSubject"]["hasClaim"]["specifiedBy"]["eqfLevel"]["type"] = "Level";
  d = first_error(doc.dump());
  EXPECT_EQ(d.code, "model.unknown-type");
  EXPECT_EQ(d.location, "/credentialSubject/hasClaim/specifiedBy/eqfLevel/type");

  // a credential no format recognises
  d = first_error(R"({"type": ["VerifiableCredential", "MysteryCredential"]})");
  EXPECT_EQ(d.code, "detect.unknown-format");
}

TEST(BadInput, SizeLimit) {
  InputLimits limits;
  limits.max_bytes = 1000;
  Diagnostic d = first_error(mc().dump(), "ob3", limits);
  EXPECT_EQ(d.code, "input.too-large");
}

TEST(BadInput, NestingLimit) {
  json doc = mc();
  json deep = "x";
  for (int i = 0; i < 200; ++i) deep = json::array({deep});
  doc["credentialSubject"]["hasClaim"]["note"] = deep;
  Diagnostic d = first_error(doc.dump());
  EXPECT_EQ(d.code, "json.too-deep");
  EXPECT_EQ(d.location.rfind("/credentialSubject/hasClaim/note/0/0", 0), 0u) << d.location;
}

TEST(BadInput, EnvelopeWithBrokenPayload) {
  json env = {{"payload", "{\"id\": "}, {"signatures", json::array({{{"protected", base64url_encode(R"({"alg":"RS256","b64":false,"crit":["b64","sigT"],"sigT":"2024-01-01T00:00:00Z"})")}, {"signature", "AA"}}})}};
  Diagnostic d = first_error(env.dump());
  EXPECT_EQ(d.code, "json.syntax");
  EXPECT_EQ(d.location.rfind("/payload", 0), 0u);
}

}  // namespace
}  // namespace credgate
