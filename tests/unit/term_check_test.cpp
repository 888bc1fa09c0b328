#include <gtest/gtest.h>

#include "jsonld/bundled_contexts.hpp"
#include "jsonld/term_check.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

json edc_doc() {
  return {{"@context", json::array({"https://www.w3.org/2018/credentials/v1",
                                    "http://data.europa.eu/snb/model/context/edc-ap"})},
          {"type", json::array({"VerifiableCredential", "EuropeanDigitalCredential"})},
          {"credentialSubject",
           {{"type", "Person"},
            {"fullName", {{"en", "Ana"}, {"fr", "Ana"}}},  // language map keys are data
            {"cred:extra", "x"},                            // a compact IRI with a known prefix
            {"http://example.org/p", "y"}}}};               // an absolute IRI
}

TEST(BundledContexts, EveryIndexEntryIsEmbeddedAndParses) {
  EXPECT_GE(jsonld::bundled_contexts().size(), 16u);
  for (const auto& c : jsonld::bundled_contexts()) {
    json doc = json::parse(c.text, nullptr, false);
    EXPECT_FALSE(doc.is_discarded()) << c.url;
    EXPECT_TRUE(doc.contains("@context")) << c.url;
  }
  ASSERT_NE(jsonld::find_bundled_context("http://data.europa.eu/snb/model/context/edc-ap"), nullptr);
  EXPECT_EQ(jsonld::find_bundled_context("https://example.org/nope"), nullptr);
}

TEST(TermCheck, DefinedTermsMapsAndIrisPass) { EXPECT_TRUE(jsonld::undefined_terms(edc_doc()).empty()); }

TEST(TermCheck, UndefinedMemberIsAWarningWithItsPointer) {
  json doc = edc_doc();
  doc["credentialSubject"]["nickName"] = "A";
  Diagnostics d = jsonld::undefined_terms(doc);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "jsonld.undefined-term");
  EXPECT_EQ(d[0].severity, Severity::Warning);
  EXPECT_EQ(d[0].location, "/credentialSubject/nickName");
}

TEST(TermCheck, EmbeddedDocumentsAreCheckedAgainstTheirOwnContexts) {
  json doc = {{"@context", json::array({"https://www.w3.org/2018/credentials/v1",
                                        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"})},
              {"type", json::array({"VerifiableCredential", "OpenBadgeCredential"})},
              {"endorsement",
               json::array({{{"@context", json::array({"https://www.w3.org/ns/credentials/v2",
                                                       "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"})},
                             {"type", json::array({"VerifiableCredential", "EndorsementCredential"})},
                             {"proof", {{"type", "DataIntegrityProof"}, {"cryptosuite", "eddsa-rdfc-2022"}}}}})}};
  EXPECT_TRUE(jsonld::undefined_terms(doc).empty());
  doc["endorsement"][0]["proof"]["madeUp"] = 1;
  Diagnostics d = jsonld::undefined_terms(doc);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location, "/endorsement/0/proof/madeUp");
}

TEST(TermCheck, UnbundledContextIsANoteNotAVerdict) {
  json doc = edc_doc();
  doc["@context"][1] = "http://dev.example.org/other-context";
  doc["anything"] = 1;
  Diagnostics d = jsonld::undefined_terms(doc);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "jsonld.context-not-bundled");
  EXPECT_EQ(d[0].severity, Severity::Info);
}

}  // namespace
}  // namespace credgate
