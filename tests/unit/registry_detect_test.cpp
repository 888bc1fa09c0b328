// The registry and detection of every format, with and without envelopes, and no false
// detection of one format's samples as another.
#include <gtest/gtest.h>

#include "gateway/pipeline.hpp"
#include "mappers/registry.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;

struct Seen {
  std::string format, envelope;
};

Seen detect(const std::string& bytes) {
  DetectOutcome d = detect_bytes(bytes, InputLimits{});
  return {d.format ? d.format->id : "", d.envelope};
}

std::string sample(const std::string& rel) { return test::read_file(test::data_path(rel)); }

TEST(Registry, HoldsTheSevenContractFormatsInPriorityOrder) {
  std::vector<std::string> ids;
  for (const auto& f : formats()) ids.push_back(f.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"edc", "ob3", "clr2", "ob2", "edci-xml", "elmo", "csv"}));
  ASSERT_NE(find_format("edc"), nullptr);
  EXPECT_TRUE(find_format("edc")->read && find_format("edc")->write);
  EXPECT_TRUE(find_format("ob3")->read && find_format("ob3")->write);
  // The XML formats read and write (issue 5).
  EXPECT_TRUE(find_format("elmo")->read && find_format("elmo")->write);
  EXPECT_TRUE(find_format("edci-xml")->read && find_format("edci-xml")->write);
  EXPECT_EQ(find_format("nope"), nullptr);
  json table = formats_json();
  EXPECT_EQ(table.size(), 7u);
  EXPECT_EQ(table[1]["outputMultiplicity"], "one credential per achievement");
  EXPECT_TRUE(table[4]["write"].get<bool>());
  EXPECT_EQ(table[4]["outputMultiplicity"], "one");
  EXPECT_FALSE(table[4].contains("planned"));  // presentations are written too
}

TEST(Detect, EdcPlainUploadFormAndJades) {
  EXPECT_EQ(detect(sample("edc/Sample-MC-Annex1-unsigned.jsonld")).format, "edc");
  EXPECT_EQ(detect(sample("edc/Sample-MC-Annex1-unsigned-uploadable.json")).format, "edc");
  Seen jades = detect(sample("edc/edc-software/credential-signed.jades.jsonld"));
  EXPECT_EQ(jades.format, "edc");
  EXPECT_EQ(jades.envelope, "jades");
  DetectOutcome ebsi = detect_bytes(sample("edc/ebsi/DigiComp_Generic.json"), InputLimits{});
  EXPECT_EQ(ebsi.version, "3 (VC 2.0)");
}

TEST(Detect, Ob3PlainVcJwtVcJoseAndDataIntegrity) {
  std::string ob3 = sample("ob3/basicOpenBadgeCredential.json");
  EXPECT_EQ(detect(ob3).format, "ob3");
  EXPECT_EQ(detect(ob3).envelope, "");
  json cred = json::parse(ob3);

  // VC-JWT (VC 1.1 encoding): the credential in the `vc` claim.
  json header = {{"alg", "ES256"}, {"typ", "JWT"}};
  json claims = {{"iss", "https://example.com/issuers/876543"}, {"vc", cred}};
  std::string jwt = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump()) + ".c2ln";
  Seen s = detect(jwt + "\n");
  EXPECT_EQ(s.format, "ob3");
  EXPECT_EQ(s.envelope, "vc-jwt");

  // VC-JOSE (VC 2.0): typ vc+jwt, the payload is the credential.
  json jose = {{"alg", "EdDSA"}, {"typ", "vc+jwt"}};
  s = detect(base64url_encode(jose.dump()) + "." + base64url_encode(cred.dump()) + ".c2ln");
  EXPECT_EQ(s.format, "ob3");
  EXPECT_EQ(s.envelope, "vc-jwt");

  json proofed = cred;
  proofed["proof"] = {{"type", "DataIntegrityProof"}, {"cryptosuite", "eddsa-rdfc-2022"}};
  s = detect(proofed.dump());
  EXPECT_EQ(s.format, "ob3");
  EXPECT_EQ(s.envelope, "data-integrity");
}

TEST(Detect, JwsJsonWithoutEtsiHeadersIsPlainJws) {
  json cred = json::parse(sample("edc/rdf-credential-sample.jsonld"));
  json env = {{"payload", base64url_encode(cred.dump())},
              {"signatures", json::array({{{"protected", base64url_encode(R"({"alg":"RS256"})")}, {"signature", "AA"}}})}};
  Seen s = detect(env.dump());
  EXPECT_EQ(s.format, "edc");
  EXPECT_EQ(s.envelope, "jws");
}

TEST(Detect, XmlFormatsAndSignatures) {
  std::string edci = R"(<?xml version="1.0"?><europassCredential xmlns="http://data.europa.eu/snb" id="x"/>)";
  EXPECT_EQ(detect(edci).format, "edci-xml");
  EXPECT_EQ(detect(edci).envelope, "");
  std::string signed_edci =
      R"(<europassCredential xmlns="http://data.europa.eu/snb"><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"/></ds:Object></ds:Signature></europassCredential>)";
  EXPECT_EQ(detect(signed_edci).format, "edci-xml");
  EXPECT_EQ(detect(signed_edci).envelope, "xades");
  std::string vp = R"(<vp:verifiablePresentation xmlns:vp="http://data.europa.eu/europass/model/presentations#"/>)";
  EXPECT_EQ(detect(vp).format, "edci-xml");
  std::string elmo =
      R"(<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1"><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/></elmo>)";
  EXPECT_EQ(detect(elmo).format, "elmo");
  EXPECT_EQ(detect(elmo).envelope, "xmldsig");
  EXPECT_EQ(detect("<elmo><learner/></elmo>").format, "elmo");  // old files without namespace
  EXPECT_EQ(detect("<html><body/></html>").format, "");
}

TEST(Detect, Ob2JsonJwsAndBakedImages) {
  json assertion = {{"@context", "https://w3id.org/openbadges/v2"},
                    {"type", "Assertion"},
                    {"id", "https://example.org/assertions/1"},
                    {"recipient", {{"type", "email"}, {"identity", "a@example.org"}, {"hashed", false}}},
                    {"badge", "https://example.org/badges/1"}};
  EXPECT_EQ(detect(assertion.dump()).format, "ob2");
  std::string jws = base64url_encode(R"({"alg":"RS256"})") + "." + base64url_encode(assertion.dump()) + ".c2ln";
  Seen s = detect(jws);
  EXPECT_EQ(s.format, "ob2");
  EXPECT_EQ(s.envelope, "jws");
  // A minimal PNG: signature, then an iTXt chunk with the keyword "openbadges", then IEND.
  std::string text = std::string("openbadges") + '\0' + '\0' + '\0' + '\0' + '\0' + "https://example.org/assertions/1";
  std::string png = "\x89PNG\r\n\x1a\n";
  auto be32 = [](uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
  const std::string crc(4, '\0');  // detection does not check CRCs
  png += be32(uint32_t(text.size())) + "iTXt" + text + crc + be32(0) + "IEND" + crc;
  EXPECT_EQ(detect(png).format, "ob2");
  std::string plain_png = "\x89PNG\r\n\x1a\n" + be32(0) + "IEND" + crc;
  EXPECT_EQ(detect(plain_png).format, "");
  EXPECT_EQ(detect(R"(<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="x"/></svg>)").format,
            "ob2");
}

TEST(Detect, Clr2AndCsv) {
  json clr = {{"@context", json::array({"https://www.w3.org/ns/credentials/v2",
                                        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"})},
              {"type", json::array({"VerifiableCredential", "ClrCredential"})},
              {"credentialSubject", {{"type", "ClrSubject"}}}};
  EXPECT_EQ(detect(clr.dump()).format, "clr2");
  EXPECT_EQ(detect("student_id,course,grade,ects\n1,Maths,A,5\n2,Physics,B,5\n").format, "csv");
  EXPECT_EQ(detect("just one line of prose, with a comma\n").format, "");
  EXPECT_EQ(detect("hello world\nthis is text\n").format, "");
}

TEST(Detect, NoFormatClaimsAnotherFormatsSamples) {
  for (const auto& f : test::data_files("edc")) EXPECT_EQ(detect(sample(f)).format, "edc") << f;
  for (const auto& f : test::data_files("ob3")) EXPECT_EQ(detect(sample(f)).format, "ob3") << f;
}

TEST(Detect, GarbageGivesADiagnosticNotACrash) {
  EXPECT_EQ(detect("").format, "");
  EXPECT_EQ(detect(std::string("\x00\x01\x02garbage", 10)).format, "");
  DetectOutcome d = detect_bytes("{\"type\": [\"EuropeanDigitalCredential\"", InputLimits{});
  ASSERT_FALSE(d.diagnostics.empty());
  EXPECT_EQ(d.diagnostics[0].code, "json.syntax");
  EXPECT_EQ(detect("<a><b></a>").format, "");
}

}  // namespace
}  // namespace credgate
