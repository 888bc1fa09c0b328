// The EDCI v2 reader: idref resolution, lenient reading of the schema-invalid EC sample (with
// an XPath-located warning), the seal kept as the envelope, presentations read with the
// presentation as the envelope.
#include <gtest/gtest.h>

#include <algorithm>

#include "gateway/pipeline.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using namespace model;

ReadResult read_edci(const std::string& file) {
  ConvertRequest req;
  std::string format;
  ReadResult r = read_bytes(test::read_file(test::data_path("xml/edci/" + file)), req, &format);
  EXPECT_EQ(format, "edci-xml");
  return r;
}

TEST(EdciXmlReader, BasicCredentialIssuerSubjectAndSeal) {
  ReadResult r = read_edci("edci_credential_basic.xml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  for (const auto& d : r.diagnostics) EXPECT_NE(d.code, "edci.schema-invalid") << d.to_line();
  const Credential& c = r.credentials.at(0);
  EXPECT_EQ(c.meta.id, "urn:credential:e38481b6-5233-4a3a-bff0-d2578223b9a7");
  EXPECT_EQ(c.issued, "2020-10-06T12:30:34+02:00");
  EXPECT_EQ(c.valid_from, "2020-07-01T00:00:00+02:00");
  // issuer idref="urn:epass:org:1" resolved in agentReferences
  EXPECT_EQ(c.issuer.meta.id, "urn:epass:org:1");
  EXPECT_EQ(c.issuer.legal_name.best(), "ANTHONY FISHER CAMILLERI S.P.");
  ASSERT_EQ(c.issuer.identifiers.size(), 1u);
  EXPECT_EQ(c.issuer.identifiers[0].role, "registration");
  EXPECT_EQ(c.issuer.identifiers[0].notation, "VATSI-61038750");
  ASSERT_TRUE(c.issuer.logo);
  EXPECT_EQ(c.issuer.logo->content.rfind("/9j/4AAQ", 0), 0u);
  EXPECT_EQ(c.subject.person.full_name.best(), "Anna Andromeda");
  EXPECT_EQ(c.subject.person.date_of_birth, "1995-10-20");
  EXPECT_EQ(c.subject.person.emails, std::vector<std::string>{"mailto:ildiko.mazar.sa@everis.com"});
  ASSERT_TRUE(c.display_parameter);
  EXPECT_EQ(c.display_parameter->title.best(), "Certificate of Completion");
  ASSERT_EQ(c.envelope.size(), 1u);
  EXPECT_EQ(c.envelope[0].pointer, "/europassCredential/proof");
  EXPECT_NE(c.envelope[0].value.get<std::string>().find("xades:QualifyingProperties"),
            std::string::npos);
}

TEST(EdciXmlReader, SchemaInvalidSampleReadsWithAWarningWhereItIs) {
  ReadResult r = read_edci("Ildiko_Mazar_Certificate_of_Excellence.xml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().to_line();
  std::vector<Diagnostic> warnings;
  for (const auto& d : r.diagnostics)
    if (d.code == "edci.schema-invalid") warnings.push_back(d);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].severity, Severity::Warning);
  EXPECT_EQ(warnings[0].location,
            "/europassCredential/credentialSubject/achievements/learningAchievement/hasPart/"
            "learningAchievement[2]");
  const auto& claims = r.credentials.at(0).subject.has_claim;
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].title.best(), "Joint achievement");
  ASSERT_EQ(claims[0].has_part.size(), 2u);  // both parts read, although the schema allows one
  const Claim& writing = claims[0].has_part[0];
  EXPECT_EQ(writing.title.best(), "Creative Writing");
  ASSERT_TRUE(writing.specified_by);
  EXPECT_EQ(writing.specified_by->meta.id, "urn:epass:qualification:1");
  EXPECT_EQ(writing.specified_by->kind, Specification::Kind::Qualification);
  ASSERT_EQ(writing.proven_by.size(), 1u);
  EXPECT_EQ(writing.proven_by[0].grade.best(), "88%");
  ASSERT_EQ(writing.influenced_by.size(), 1u);
  EXPECT_EQ(writing.influenced_by[0].start_date, "2019-09-02T00:00:00+02:00");
}

// A verifiablePresentation: its europassCredential is read; the presentation's own members
// (id, type, its issuer, its proof) become the credential's envelope, which writers report.
TEST(EdciXmlReader, PresentationYieldsItsCredentialWithThePresentationAsEnvelope) {
  ReadResult r = read_edci("EDC_DiplomaSupplement_AA.xml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().to_line();
  ASSERT_EQ(r.credentials.size(), 1u);
  const Credential& c = r.credentials[0];
  EXPECT_EQ(c.meta.id.rfind("urn:credential:", 0), 0u) << c.meta.id;
  EXPECT_EQ(c.subject.person.meta.id, "urn:epass:person:1");
  EXPECT_EQ(c.issuer.meta.id, "urn:epass:org:47");  // the credential's issuer, not the presenter
  std::vector<std::string> envelope;
  for (const auto& e : c.envelope) envelope.push_back(e.key + " " + e.pointer);
  auto has = [&](const std::string& entry) {
    return std::find(envelope.begin(), envelope.end(), entry) != envelope.end();
  };
  EXPECT_TRUE(has("verifiablePresentation/@id /vp:verifiablePresentation/@id"));
  EXPECT_TRUE(has("verifiablePresentation/type /vp:verifiablePresentation/vp:type"));
  EXPECT_TRUE(has("verifiablePresentation/issuer /vp:verifiablePresentation/vp:issuer"));
  EXPECT_TRUE(has("verifiablePresentation/proof /vp:verifiablePresentation/vp:proof"));
  EXPECT_EQ(envelope.size(), 4u);
}

TEST(EdciXmlReader, PresentationWithoutCredentialIsAnError) {
  std::string xml =
      "<vp:verifiablePresentation xmlns:vp=\"http://data.europa.eu/snb/vp\" id=\"urn:x\">"
      "<vp:type uri=\"http://data.europa.eu/snb/verifiable-presentation/25831c2\"/>"
      "</vp:verifiablePresentation>";
  ConvertRequest req;
  std::string format;
  ReadResult r = read_bytes(xml, req, &format);
  EXPECT_EQ(format, "edci-xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.back().code, "model.missing-member");
  EXPECT_EQ(r.diagnostics.back().location, "/vp:verifiablePresentation");
}

}  // namespace
}  // namespace credgate
