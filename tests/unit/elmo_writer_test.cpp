// The ELMO writer: ELMO -> ELMO keeps everything but the enveloped signature; every output
// validates against the bundled ELMO schema; what cannot make a valid ELMO is an error, with
// no document.
#include <gtest/gtest.h>

#include "gateway/pipeline.hpp"
#include "support/test_support.hpp"
#include "xsd/validator.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

ConvertOutcome to_elmo(const std::string& relative) {
  ConvertRequest req;
  req.target = "elmo";
  return convert_bytes(test::read_file(test::data_path(relative)), req);
}

// The model without source pointers and without the signature extra: what must survive.
json essentials(const std::string& bytes) {
  ConvertRequest req;
  ReadResult r = read_bytes(bytes, req);
  EXPECT_TRUE(r.ok());
  json dump = json::array();
  for (const auto& c : r.credentials) dump.push_back(model::dump(c));
  std::function<void(json&)> strip = [&](json& j) {
    if (j.is_object()) {
      j.erase("source_pointer");
      if (j.contains("extras")) {
        json kept = json::array();
        for (auto& e : j["extras"])
          if (e.value("key", "") != "Signature") kept.push_back(e);
        for (auto& e : kept) e.erase("pointer");
        j["extras"] = kept;
      }
      for (auto& [k, v] : j.items()) strip(v);
    } else if (j.is_array()) {
      for (auto& v : j) strip(v);
    }
  };
  strip(dump);
  return dump;
}

class ElmoRoundTrip : public testing::TestWithParam<std::string> {};

TEST_P(ElmoRoundTrip, KeepsEverythingButTheSignature) {
  std::string source = test::read_file(test::data_path(GetParam()));
  ConvertOutcome o = to_elmo(GetParam());
  ASSERT_TRUE(o.ok()) << (o.diagnostics.empty() ? "" : o.diagnostics[0].to_line());
  ASSERT_EQ(o.documents.size(), 1u);
  EXPECT_EQ(essentials(o.documents[0].text), essentials(source));
  for (const auto& l : o.losses)
    EXPECT_NE(l.reason.find("signature"), std::string::npos) << l.pointer;
}

INSTANTIATE_TEST_SUITE_P(Samples, ElmoRoundTrip, testing::Values("xml/elmo/example.xml"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (auto& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(ElmoWriter, OutputFromOtherFormatsValidates) {
  for (const char* file : {"xml/elmo/example.xml", "edc/Sample-MC-Annex1-unsigned.jsonld",
                           "xml/edci/Ildiko_Mazar_Certificate_of_Excellence.xml",
                           "xml/edci/edci_credential_basic.xml"}) {
    ConvertOutcome o = to_elmo(file);
    ASSERT_TRUE(o.ok()) << file << ": "
                        << (o.diagnostics.empty() ? "" : o.diagnostics[0].to_line());
    xsd::ValidationResult v = xsd::SchemaCache::bundled().validate(o.documents.at(0).text);
    EXPECT_EQ(v.schema_set, "elmo-1") << file;
    EXPECT_TRUE(v.valid) << file << ": "
                         << (v.diagnostics.empty() ? "" : v.diagnostics[0].to_line());
  }
}

TEST(ElmoWriter, EdcLossesPointIntoTheSource) {
  ConvertOutcome o = to_elmo("edc/Sample-MC-Annex1-unsigned.jsonld");
  ASSERT_TRUE(o.ok());
  bool outcomes = false;
  for (const auto& l : o.losses) {
    EXPECT_EQ(l.pointer.rfind("/", 0), 0u);
    outcomes |= l.pointer == "/credentialSubject/hasClaim/specifiedBy/learningOutcome";
  }
  EXPECT_TRUE(outcomes);
}

// Real files the schema rejects (issuer without url) read, but cannot be written back as valid
// ELMO: the writer says what is missing instead of handing out an invalid file.
TEST(ElmoWriter, SchemaInvalidSourceIsRefusedWithTheReason) {
  ConvertOutcome o = to_elmo("xml/elmo-real/elmo-tomcat-unsigned.xml");
  EXPECT_FALSE(o.ok());
  EXPECT_TRUE(o.documents.empty());
  bool issuer = false;
  for (const auto& d : o.diagnostics)
    issuer |= d.code == "model.elmo-invalid-output" && d.location == "/elmo/report/issuer" &&
              d.message.find("url") != std::string::npos;
  EXPECT_TRUE(issuer);
}

TEST(ElmoWriter, IssuerKnownByItsIriIsIdentifiedByIt) {
  // An OB 3.0 issuer has no identifiers, only its Profile id (https): ELMO requires an
  // identifier and a url (issuer: identifier+, title+, url), so the IRI serves as both.
  ConvertOutcome o = to_elmo("ob3/basicOpenBadgeCredential.json");
  ASSERT_TRUE(o.ok()) << o.diagnostics.at(0).to_line();
  const std::string& xml = o.documents.at(0).text;
  EXPECT_NE(xml.find("<identifier type=\"iri\">https://example.com/issuers/876543</identifier>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<url>https://example.com/issuers/876543</url>"), std::string::npos);
  for (const auto& l : o.losses) EXPECT_NE(l.pointer, "/issuer/id") << "the IRI is carried";
}

TEST(ElmoWriter, NoValidElmoIsAnErrorAndNoDocument) {
  // An issuer known by a DID only, without homepage: ELMO's required url has nothing to take.
  std::string badge = test::read_file(test::data_path("ob3/basicOpenBadgeCredential.json"));
  auto at = badge.find("https://example.com/issuers/876543");
  ASSERT_NE(at, std::string::npos);
  badge.replace(at, std::string("https://example.com/issuers/876543").size(), "did:example:876543");
  ConvertRequest req;
  req.target = "elmo";
  ConvertOutcome o = convert_bytes(badge, req);
  EXPECT_FALSE(o.ok());
  EXPECT_TRUE(o.documents.empty());
  ASSERT_FALSE(o.diagnostics.empty());
  bool named = false;
  for (const auto& d : o.diagnostics)
    named |=
        d.code == "model.elmo-invalid-output" && d.location.rfind("/elmo/report/issuer", 0) == 0;
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace credgate
