// The EDCI writer: edci-xml -> model -> edci-xml -> model keeps the model (but the seal, an
// envelope); every output validates against the bundled EDCI schema; a model the schema
// cannot take (no issuer, no date of birth) is an error with a location and no document.
#include <gtest/gtest.h>

#include "gateway/pipeline.hpp"
#include "mappers/edci_xml/edci_xml_writer.hpp"
#include "support/mapped_fields.hpp"
#include "support/test_support.hpp"
#include "xsd/validator.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

using test::read_one;

using test::mapped_fields;

std::string sample(const std::string& rel) {
  return test::read_file(test::data_path(rel));
}

class EdciXmlRoundTrip : public testing::TestWithParam<std::string> {};

TEST_P(EdciXmlRoundTrip, KeepsTheModel) {
  model::Credential first = read_one(sample(GetParam()));
  WriteResult w = edci_xml::write(first, {});
  ASSERT_TRUE(w.ok()) << w.diagnostics[0].to_line();
  ASSERT_EQ(w.documents.size(), 1u);
  model::Credential second = read_one(w.documents[0].text);
  EXPECT_EQ(mapped_fields(second, false), mapped_fields(first, false));
  // A valid 0.10.0 source whose entries are in the writer's order keeps even the positions.
  if (GetParam() == "xml/edci/edci_credential_basic.xml") {
    EXPECT_EQ(mapped_fields(second), mapped_fields(first));
  }
  // and once more: the writer's own output is a fixed point
  WriteResult again = edci_xml::write(second, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.documents[0].text, w.documents[0].text);
  // The only loss is the seal (an envelope).
  ASSERT_EQ(w.losses.size(), 1u);
  EXPECT_EQ(w.losses[0].pointer, "/europassCredential/proof");
  EXPECT_EQ(w.losses[0].code, "edci.envelope");
}

// The basic sample is valid 0.10.0; the certificate of excellence is not (two
// learningAchievements in one hasPart: written back as one hasPart each), and lists its issuer
// second in agentReferences (written first).
INSTANTIATE_TEST_SUITE_P(Samples, EdciXmlRoundTrip,
                         testing::Values("xml/edci/edci_credential_basic.xml",
                                         "xml/edci/Ildiko_Mazar_Certificate_of_Excellence.xml"),
                         [](const auto& info) {
                           return info.param.find("basic") != std::string::npos ? "Basic"
                                                                                : "Excellence";
                         });

TEST(EdciXmlWriter, OutputsValidateAgainstTheBundledSchema) {
  for (const char* rel :
       {"xml/edci/edci_credential_basic.xml", "edc/Sample-CertOfPart-unsigned.jsonld",
        "edc/Sample-MC-Annex1-unsigned.jsonld", "xml/elmo/example.xml"}) {
    ConvertRequest req;
    req.target = "edci-xml";
    ConvertOutcome o = convert_bytes(sample(rel), req);
    ASSERT_TRUE(o.ok()) << rel << ": " << (o.diagnostics.empty() ? "" : o.diagnostics[0].to_line());
    xsd::ValidationResult v = xsd::SchemaCache::bundled().validate(o.documents[0].text);
    EXPECT_EQ(v.schema_set, "edci-0.10.0") << rel;
    EXPECT_TRUE(v.valid) << rel << ": "
                         << (v.diagnostics.empty() ? "" : v.diagnostics[0].to_line());
    // an unsigned proof, where `seal --method xades` puts the signature
    EXPECT_NE(o.documents[0].text.find("<proof/>"), std::string::npos) << rel;
  }
}

bool has(const WriteResult& w, const std::string& code, const std::string& location) {
  for (const auto& d : w.diagnostics)
    if (d.severity == Severity::Error && d.code == code && d.location == location) return true;
  return false;
}

TEST(EdciXmlWriter, NoIssuerIsAnErrorWithItsLocationAndNoDocument) {
  model::Credential c = read_one(sample("xml/edci/edci_credential_basic.xml"));
  c.issuer = model::Agent{};  // as the reader leaves it when cred:issuer names nothing
  WriteResult w = edci_xml::write(c, {});
  EXPECT_FALSE(w.ok());
  EXPECT_TRUE(w.documents.empty());
  EXPECT_TRUE(has(w, "map.missing-member", "/europassCredential/cred:issuer"));
}

TEST(EdciXmlWriter, WhatTheSchemaRequiresAndOb3LacksIsNamed) {
  ConvertRequest req;
  req.target = "edci-xml";
  ConvertOutcome o = convert_bytes(sample("ob3/basicOpenBadgeCredential.json"), req);
  EXPECT_FALSE(o.ok());
  EXPECT_TRUE(o.documents.empty());
  std::set<std::string> seen;
  for (const auto& d : o.diagnostics)
    if (d.severity == Severity::Error) seen.insert(d.code + " " + d.location);
  EXPECT_TRUE(seen.count("map.missing-member /credentialSubject")) << "date of birth";
  EXPECT_TRUE(seen.count("map.missing-member /issuer")) << "registration";
}

TEST(EdciXmlWriter, ElmoWithoutIdsGetsComposedIdsAndSaysSo) {
  ConvertRequest req;
  req.target = "edci-xml";
  ConvertOutcome o = convert_bytes(sample("xml/elmo/example.xml"), req);
  ASSERT_TRUE(o.ok());
  bool warned = false;
  for (const auto& d : o.diagnostics)
    warned |= d.code == "map.composed-id" && d.location == "/elmo/report";
  EXPECT_TRUE(warned);
  EXPECT_NE(o.documents[0].text.find("cred:id=\"urn:credgate:credential:1\""), std::string::npos);
}

// A source written for a later schema (1.2) keeps 1.x elements the reader could not map; the
// 0.10.0 output drops exactly those into the loss report, and is valid.
TEST(EdciXmlWriter, ElementsOfALaterSchemaVersionAreLossesNotInvalidOutput) {
  ConvertRequest req;
  req.target = "edci-xml";
  ConvertOutcome o = convert_bytes(sample("xml/edci-1x/EDC_WileECoyote_Simple.xml"), req);
  ASSERT_TRUE(o.ok()) << (o.diagnostics.empty() ? "" : o.diagnostics.back().to_line());
  EXPECT_TRUE(xsd::SchemaCache::bundled().validate(o.documents[0].text).valid);
  std::set<std::string> losses;
  for (const auto& l : o.losses) losses.insert(l.code + " " + l.pointer);
  EXPECT_EQ(losses,
            (std::set<std::string>{"edci.envelope /europassCredential/proof",
                                   "edci.schema-rejected /europassCredential/primaryLanguage",
                                   "edci.schema-rejected /europassCredential/availableLanguages"}));
  EXPECT_EQ(o.documents[0].text.find("primaryLanguage"), std::string::npos);
}

// An optional code the schema rejects (here: its framework is not an http(s) URL, as
// targetFrameworkUrl must be) is a loss, not an invalid output.
TEST(EdciXmlWriter, CodesOutsideTheSchemaListsAreLosses) {
  model::Credential c = read_one(sample("edc/Sample-MC-Annex1-unsigned.jsonld"));
  auto& spec = *c.subject.has_claim.at(0).specified_by;
  ASSERT_FALSE(spec.thematic_area.empty());
  spec.thematic_area[0].in_scheme = "urn:example:isced";
  std::string uri = spec.thematic_area[0].meta.id;
  WriteResult w = edci_xml::write(c, {});
  ASSERT_TRUE(w.ok()) << w.diagnostics[0].to_line();
  EXPECT_TRUE(xsd::SchemaCache::bundled().validate(w.documents[0].text).valid);
  EXPECT_EQ(w.documents[0].text.find("urn:example:isced"), std::string::npos);
  bool lost = false;
  for (const auto& l : w.losses)
    lost |= l.value == uri && l.code == "edci.schema-rejected" &&
            l.pointer == spec.thematic_area[0].meta.source_pointer;
  EXPECT_TRUE(lost);
}

TEST(EdciXmlWriter, LanguagesOutsideTheSchemaListAreLosses) {
  model::Credential c = read_one(sample("xml/edci/edci_credential_basic.xml"));
  c.display_parameter->title.add("x-klingon", "Qapla'");
  c.display_parameter->title.add("de-AT", "Abschluss");
  WriteResult w = edci_xml::write(c, {});
  ASSERT_TRUE(w.ok());
  EXPECT_NE(w.documents[0].text.find("lang=\"de\""), std::string::npos);
  bool lost = false;
  for (const auto& l : w.losses) lost |= l.value == "Qapla'" && l.code == "edci.text-language";
  EXPECT_TRUE(lost);
}

}  // namespace
}  // namespace credgate
