// The EDCI presentation writer (--edci-presentation shared|mandated): the europassCredential
// inside an EDCI 1.0 vp:verifiablePresentation, valid against the set its xsi:schemaLocation
// names; read back, the same credential as written plain; the presenter of a source
// presentation carried over; sealed with XAdES into vp:proof, it validates and verifies.
#include <gtest/gtest.h>

#include "gateway/pipeline.hpp"
#include "mappers/edci_xml/edci_xml_writer.hpp"
#include "signing/x509_trust.hpp"
#include "signing/xades.hpp"
#include "support/mapped_fields.hpp"
#include "support/test_pki.hpp"
#include "support/test_support.hpp"
#include "xsd/validator.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

const std::string kPresenterSample = "xml/edci-vp/edci_presentation_shared_presenter.xml";

using test::read_one;

WriteResult write(const model::Credential& c, const std::string& presentation) {
  WriteOptions options;
  options.edci_presentation = presentation;
  return edci_xml::write(c, options);
}

std::string only_document(const WriteResult& w) {
  EXPECT_TRUE(w.ok()) << (w.diagnostics.empty() ? "" : w.diagnostics[0].to_line());
  EXPECT_EQ(w.documents.size(), 1u);
  return w.documents.empty() ? "" : w.documents.front().text;
}

bool lost_at(const WriteResult& w, const std::string& pointer) {
  for (const auto& l : w.losses)
    if (l.pointer == pointer) return true;
  return false;
}

struct Case {
  std::string sample, kind, schema_set, type_uri;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.sample << " as " << c.kind;
}

class EdciPresentation : public testing::TestWithParam<Case> {};

TEST_P(EdciPresentation, ValidReadsBackAsThePlainCredential) {
  const Case& c = GetParam();
  model::Credential source = read_one(test::read_file(test::data_path(c.sample)));
  std::string plain = only_document(write(source, ""));
  std::string vp = only_document(write(source, c.kind));
  xsd::ValidationResult v = xsd::SchemaCache::bundled().validate(vp);
  EXPECT_TRUE(v.valid) << (v.diagnostics.empty() ? "" : v.diagnostics[0].to_line());
  EXPECT_EQ(v.schema_set, c.schema_set);
  EXPECT_EQ(v.root, "{http://data.europa.eu/snb/vp}verifiablePresentation");
  EXPECT_NE(vp.find("uri=\"" + c.type_uri + "\""), std::string::npos);
  EXPECT_NE(vp.find("<vp:proof/>"), std::string::npos);
  model::Credential from_plain = read_one(plain), from_vp = read_one(vp);
  EXPECT_EQ(test::mapped_fields(from_vp, false), test::mapped_fields(from_plain, false));
  // Read back, the presentation's own members are the envelope again.
  bool type_in_envelope = false;
  for (const auto& e : from_vp.envelope) type_in_envelope |= e.key == "verifiablePresentation/type";
  EXPECT_TRUE(type_in_envelope);
}

INSTANTIATE_TEST_SUITE_P(
    Samples, EdciPresentation,
    testing::Values(Case{"edc/Sample-CertOfPart-unsigned.jsonld", "shared", "edci-vp-shared-1.0",
                         "http://data.europa.eu/snb/verifiable-presentation/c_409018f7"},
                    Case{"edc/Sample-CertOfPart-unsigned.jsonld", "mandated",
                         "edci-vp-mandated-1.0",
                         "http://data.europa.eu/snb/verifiable-presentation/c_825cddc0"},
                    Case{"xml/edci/edci_credential_basic.xml", "shared", "edci-vp-shared-1.0",
                         "http://data.europa.eu/snb/verifiable-presentation/c_409018f7"},
                    Case{"xml/edci/edci_credential_basic.xml", "mandated", "edci-vp-mandated-1.0",
                         "http://data.europa.eu/snb/verifiable-presentation/c_825cddc0"}));

TEST(EdciPresentationWriter, CarriesTheSourcePresenter) {
  model::Credential source = read_one(test::read_file(test::data_path(kPresenterSample)));
  WriteResult w = write(source, "mandated");
  std::string vp = only_document(w);
  EXPECT_NE(vp.find("<vp:issuer id=\"urn:epass:org:vp:1\">"), std::string::npos);
  EXPECT_NE(vp.find("VATES-B00000000"), std::string::npos);
  EXPECT_FALSE(lost_at(w, "/vp:verifiablePresentation/vp:issuer"));
  EXPECT_TRUE(lost_at(w, "/vp:verifiablePresentation/@id"));  // a new presentation
  EXPECT_TRUE(xsd::SchemaCache::bundled().validate(vp).valid);
}

TEST(EdciPresentationWriter, PlainOutputOfAPresentationLosesThePresenter) {
  model::Credential source = read_one(test::read_file(test::data_path(kPresenterSample)));
  WriteResult w = write(source, "");
  std::string xml = only_document(w);
  EXPECT_EQ(xml.find("verifiablePresentation"), std::string::npos);
  EXPECT_TRUE(lost_at(w, "/vp:verifiablePresentation/vp:issuer"));
  EXPECT_EQ(xsd::SchemaCache::bundled().validate(xml).schema_set, "edci-0.10.0");
}

TEST(EdciPresentationWriter, PresenterTheSchemaRejectsIsALoss) {
  std::string bytes = test::read_file(test::data_path(kPresenterSample));
  std::string at = "<registration spatialID=\"ES\">";
  ASSERT_NE(bytes.find(at), std::string::npos);
  bytes.insert(bytes.find(at), "<notInTheSchema>x</notInTheSchema>");
  model::Credential source = read_one(bytes);
  WriteResult w = write(source, "shared");
  std::string vp = only_document(w);
  EXPECT_EQ(vp.find("vp:issuer"), std::string::npos);
  bool rejected = false;
  for (const auto& l : w.losses)
    rejected |=
        l.pointer == "/vp:verifiablePresentation/vp:issuer" && l.code == "edci.schema-rejected";
  EXPECT_TRUE(rejected);
  EXPECT_TRUE(xsd::SchemaCache::bundled().validate(vp).valid);
}

TEST(EdciPresentationWriter, UnknownKindIsAUsageErrorWithoutDocument) {
  model::Credential source =
      read_one(test::read_file(test::data_path("xml/edci/edci_credential_basic.xml")));
  WriteResult w = write(source, "notarised");
  EXPECT_TRUE(w.documents.empty());
  ASSERT_FALSE(w.diagnostics.empty());
  EXPECT_EQ(w.diagnostics[0].code, "usage.edci-presentation");
  EXPECT_EQ(w.diagnostics[0].category(), ErrorCategory::Usage);
}

// XAdES on a presentation: the signature goes into the root's vp:proof (as in the EC's sealed
// presentations), the sealed file is still valid against its set, and verifies.
TEST(EdciPresentationXades, SealedIntoVpProofValidatesAndVerifies) {
  model::Credential source =
      read_one(test::read_file(test::data_path("edc/Sample-CertOfPart-unsigned.jsonld")));
  std::string vp = only_document(write(source, "shared"));
  signing::XadesSealOptions options;
  options.key = test::test_pki().eseal;
  signing::SealResult sealed = signing::seal_xades(vp, options);
  ASSERT_TRUE(sealed.ok()) << sealed.diagnostics[0].to_line();
  const std::string& out = sealed.output;
  EXPECT_NE(out.find("<vp:proof><ds:Signature"), std::string::npos);
  EXPECT_NE(out.find("</ds:Signature></vp:proof>"), std::string::npos);
  EXPECT_NE(out.find("<proof/>"), std::string::npos);  // the credential's own, left empty
  xsd::ValidationResult v = xsd::SchemaCache::bundled().validate(out);
  EXPECT_TRUE(v.valid) << (v.diagnostics.empty() ? "" : v.diagnostics[0].to_line());
  EXPECT_EQ(v.schema_set, "edci-vp-shared-1.0");
  signing::VerifyOptions verify;
  Diagnostics d;
  verify.trust = signing::load_trust(test::test_pki().path("trust"), d);
  ASSERT_FALSE(has_error(d));
  EXPECT_EQ(signing::verify_xades(out, verify).verdict, signing::Verdict::TotalPassed);
  std::string tampered = out;
  size_t at = tampered.find("Ana Andromeda");
  ASSERT_NE(at, std::string::npos);
  tampered[at + 1] = 'm';  // "Ama Andromeda"
  signing::VerifyReport r = signing::verify_xades(tampered, verify);
  EXPECT_EQ(r.verdict, signing::Verdict::TotalFailed);
  EXPECT_FALSE(r.integrity);
}

}  // namespace
}  // namespace credgate
