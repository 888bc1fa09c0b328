// Embedded OCSP responses: the EC's sealed samples' real responses make the signer "good" at
// the proven signing time; a changed byte makes a response unusable; responses made with the
// test PKI (signed by the intermediate CA) prove "revoked" -> REVOKED_NO_POE, a revocation after
// the validation time, a response about another certificate and a responder that is not the CA.
#include <gtest/gtest.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include <regex>

#include "signing/jose.hpp"
#include "signing/jws.hpp"
#include "signing/ocsp.hpp"
#include "signing/x509_trust.hpp"
#include "signing/xades.hpp"
#include "support/embedded_roots.hpp"
#include "support/test_pki.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using namespace signing;
using json = nlohmann::json;
using test::data_path;
using test::read_file;
using test::test_pki;

bool self_signed(X509* c) {
  return X509_NAME_cmp(X509_get_subject_name(c), X509_get_issuer_name(c)) == 0;
}

// The self-signed certificates of a sealed JAdES sample's xVals.
std::vector<X509Ptr> xvals_roots(const json& doc) {
  std::vector<X509Ptr> roots;
  for (const auto& element : doc["signatures"][0]["header"]["etsiU"]) {
    json e = json::parse(*b64url_decode_strict(element.get<std::string>()));
    if (!e.contains("xVals")) continue;
    for (const auto& x : e["xVals"]) {
      auto cert =
          parse_der_certificate(*b64_decode_strict(x["x509Cert"]["val"].get<std::string>()));
      if (cert && self_signed(cert->get())) roots.push_back(*cert);
    }
  }
  return roots;
}

// `der` (an OCSPResponse) with one byte of the response's signature value changed.
std::string flip_signature_byte(std::string der) {
  auto resp = parse_der_ocsp(der);
  EXPECT_TRUE(resp);
  if (!resp) return der;
  const ASN1_BIT_STRING* sig = OCSP_resp_get0_signature(resp->get());
  std::string value(reinterpret_cast<const char*>(ASN1_STRING_get0_data(sig)),
                    static_cast<size_t>(ASN1_STRING_length(sig)));
  size_t at = der.find(value);
  EXPECT_NE(at, std::string::npos);
  if (at == std::string::npos) return der;
  at += value.size() / 2;
  der[at] = static_cast<char>(der[at] ^ 0x01);
  return der;
}

VerifyOptions ec_jades_roots() {
  VerifyOptions options;
  for (const char* sample : {"jades/json_to_seal-signed-jades-baseline-lta.jades",
                             "edc/edc-software/credential-signed.jades.jsonld"})
    for (auto& root : xvals_roots(json::parse(read_file(data_path(sample)))))
      options.trust.anchors.push_back(root);
  return options;
}

class OcspEcJadesSample : public ::testing::TestWithParam<std::string> {};

TEST_P(OcspEcJadesSample, SignerGoodAtTheProvenTime) {
  VerifyReport r = verify_jose(read_file(data_path(GetParam())), ec_jades_roots());
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  ASSERT_FALSE(r.signing_time.empty());
  const Check* revocation = r.find("trust.revocation");
  ASSERT_TRUE(revocation);
  EXPECT_TRUE(revocation->passed);
  EXPECT_EQ(revocation->kind, CheckKind::Trust) << revocation->detail;
  EXPECT_NE(revocation->detail.find("good per OCSP at " + r.signing_time), std::string::npos)
      << revocation->detail;
  const Check* rvals = r.find("jades.rVals");
  ASSERT_TRUE(rvals);
  EXPECT_EQ(rvals->detail.find("0 OCSP"), std::string::npos) << rvals->detail;
}

INSTANTIATE_TEST_SUITE_P(Samples, OcspEcJadesSample,
                         ::testing::Values("jades/json_to_seal-signed-jades-baseline-lta.jades",
                                           "jades/json_sealed_advanced.jades",
                                           "edc/edc-software/credential-signed.jades.jsonld"));

// One byte of the LTA sample's OCSP response's signature changed: the response is reported
// unusable (its signature does not verify) and does not make the signer good.
TEST(OcspEcJades, ChangedResponseIsUnusable) {
  json doc =
      json::parse(read_file(data_path("jades/json_to_seal-signed-jades-baseline-lta.jades")));
  bool changed = false;
  for (auto& element : doc["signatures"][0]["header"]["etsiU"]) {
    json e = json::parse(*b64url_decode_strict(element.get<std::string>()));
    if (!e.contains("rVals")) continue;
    for (auto& o : e["rVals"]["ocspVals"]) {
      std::string der = flip_signature_byte(*b64_decode_strict(o["val"].get<std::string>()));
      ASSERT_TRUE(parse_der_ocsp(der));  // still a readable response
      o["val"] = b64_encode(der);
      changed = true;
    }
    element = b64url_encode(e.dump());
  }
  ASSERT_TRUE(changed);
  VerifyReport r = verify_jose(doc.dump(), ec_jades_roots());
  const Check* revocation = r.find("trust.revocation");
  ASSERT_TRUE(revocation);
  EXPECT_EQ(revocation->detail.find("good per OCSP"), std::string::npos) << revocation->detail;
  const Check* ocsp = r.find("trust.ocsp");
  ASSERT_TRUE(ocsp) << r.to_json().dump(2);
  EXPECT_EQ(ocsp->kind, CheckKind::Info);
  EXPECT_NE(ocsp->detail.find("signature or responder not verified"), std::string::npos)
      << ocsp->detail;
}

// The EC's XAdES-B-LT samples with their own roots (signer's and TSA's) as anchors.
// edci_credential_basic: a CRL decides for the signer; its one OCSP response is about the TSA's CA
// (ZETES), so without the CRLValues (unsigned, uncovered by the B-LT's timestamp) nothing decides
// for the signer. EDC_DiplomaSupplement_AA (no CRLs): the signer is good per its ANF OCSP response
// at the proven signing time.
VerifyOptions embedded_roots(const std::string& xml) {
  return test::xades_embedded_roots(xml);
}

TEST(OcspEcXades, CrlDecidesWhereEmbedded) {
  std::string xml = read_file(data_path("xml/edci/edci_credential_basic.xml"));
  VerifyReport r = verify_xades(xml, embedded_roots(xml));
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  const Check* revocation = r.find("trust.revocation");
  ASSERT_TRUE(revocation);
  EXPECT_TRUE(revocation->passed);
  EXPECT_EQ(revocation->detail.find("OCSP"), std::string::npos) << revocation->detail;
  EXPECT_FALSE(r.find("xades.ocsp-values"));  // every value readable
}

TEST(OcspEcXades, OcspAboutAnotherCertificateDoesNotDecide) {
  std::string xml = read_file(data_path("xml/edci/edci_credential_basic.xml"));
  size_t from = xml.find("<xades:CRLValues");
  size_t to = xml.find("</xades:CRLValues>");
  ASSERT_TRUE(from != std::string::npos && to != std::string::npos);
  xml.erase(from, to + std::string("</xades:CRLValues>").size() - from);
  VerifyReport r = verify_xades(xml, embedded_roots(xml));
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  const Check* revocation = r.find("trust.revocation");
  ASSERT_TRUE(revocation);
  EXPECT_EQ(revocation->kind, CheckKind::Info);
  EXPECT_NE(revocation->detail.find("no usable OCSP response for the signer"), std::string::npos)
      << revocation->detail;
}

TEST(OcspEcXades, SignerGoodPerOcsp) {
  std::string xml = read_file(data_path("xml/edci/EDC_DiplomaSupplement_AA.xml"));
  VerifyReport r = verify_xades(xml, embedded_roots(xml));
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  ASSERT_FALSE(r.signing_time.empty());
  const Check* revocation = r.find("trust.revocation");
  ASSERT_TRUE(revocation);
  EXPECT_TRUE(revocation->passed);
  EXPECT_EQ(revocation->kind, CheckKind::Trust);
  EXPECT_NE(revocation->detail.find("good per OCSP at " + r.signing_time), std::string::npos)
      << r.to_json().dump(2);
  EXPECT_FALSE(r.find("xades.ocsp-values"));

  // One byte of each response's signature changed: not used, reported why.
  std::regex value("(<xades:EncapsulatedOCSPValue[^>]*>)([^<]+)<");
  std::string changed;
  auto last = xml.cbegin();
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), value); it != std::sregex_iterator();
       ++it) {
    std::string b64;
    for (char c : (*it)[2].str())
      if (!isspace(static_cast<unsigned char>(c))) b64 += c;
    changed.append(last, (*it)[2].first);
    changed += b64_encode(flip_signature_byte(*b64_decode_strict(b64)));
    last = (*it)[2].second;
  }
  changed.append(last, xml.cend());
  VerifyReport bad = verify_xades(changed, embedded_roots(changed));
  revocation = bad.find("trust.revocation");
  ASSERT_TRUE(revocation);
  EXPECT_EQ(revocation->kind, CheckKind::Info) << revocation->detail;
  const Check* ocsp = bad.find("trust.ocsp");
  ASSERT_TRUE(ocsp) << bad.to_json().dump(2);
  EXPECT_NE(ocsp->detail.find("signature or responder not verified"), std::string::npos)
      << ocsp->detail;
}

// ---- responses made with the test PKI ----------------------------------------------------

constexpr long kHour = 3600;

// A DER OCSPResponse saying `status` about `cert` (issued by the intermediate CA), signed by
// `signer`.
std::string make_response(X509* cert, int status, long revoked_offset, X509* signer_cert,
                          EVP_PKEY* signer_key, const EVP_MD* id_md = EVP_sha256()) {
  X509* issuer = test_pki().intermediate.chain()[0].get();
  OCSP_BASICRESP* bs = OCSP_BASICRESP_new();
  OCSP_CERTID* id = OCSP_cert_to_id(id_md, cert, issuer);
  ASN1_TIME* this_update = X509_gmtime_adj(nullptr, -kHour);
  ASN1_TIME* next_update = X509_gmtime_adj(nullptr, 7 * 24 * kHour);
  ASN1_TIME* revoked = X509_gmtime_adj(nullptr, revoked_offset);
  EXPECT_TRUE(OCSP_basic_add1_status(bs, id, status, OCSP_REVOKED_STATUS_KEYCOMPROMISE,
                                     status == V_OCSP_CERTSTATUS_REVOKED ? revoked : nullptr,
                                     this_update, next_update));
  EXPECT_EQ(OCSP_basic_sign(bs, signer_cert, signer_key, EVP_sha256(), nullptr, 0), 1);
  OCSP_RESPONSE* resp = OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, bs);
  unsigned char* der = nullptr;
  int len = i2d_OCSP_RESPONSE(resp, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(len));
  OPENSSL_free(der);
  OCSP_RESPONSE_free(resp);
  OCSP_BASICRESP_free(bs);
  OCSP_CERTID_free(id);
  ASN1_TIME_free(this_update);
  ASN1_TIME_free(next_update);
  ASN1_TIME_free(revoked);
  return out;
}

std::string by_ca(const Key& leaf, int status, long revoked_offset = -2 * kHour,
                  const EVP_MD* id_md = EVP_sha256()) {
  const Key& ca = test_pki().intermediate;
  return make_response(leaf.chain()[0].get(), status, revoked_offset, ca.chain()[0].get(),
                       ca.pkey(), id_md);
}

// Trust for `leaf` with the test root as the only anchor, no CRL, and these responses.
VerifyReport trust_with(const Key& leaf, const std::vector<std::string>& responses,
                        std::optional<std::time_t> at = std::nullopt) {
  TrustStore store;
  store.anchors.push_back(test_pki().root.chain()[0]);
  TrustInput input;
  input.leaf = leaf.chain()[0];
  input.untrusted.assign(leaf.chain().begin() + 1, leaf.chain().end());
  for (const auto& der : responses) {
    auto resp = parse_der_ocsp(der);
    EXPECT_TRUE(resp);
    if (resp) input.ocsp.push_back(*resp);
  }
  input.at = at;
  VerifyReport r;
  evaluate_trust(input, store, r);
  return r;
}

TEST(OcspGenerated, GoodPassesRevocation) {
  for (const EVP_MD* md : {EVP_sha1(), EVP_sha256()}) {
    VerifyReport r =
        trust_with(test_pki().eseal, {by_ca(test_pki().eseal, V_OCSP_CERTSTATUS_GOOD, 0, md)});
    const Check* c = r.find("trust.revocation");
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->passed);
    EXPECT_EQ(c->kind, CheckKind::Trust);
    EXPECT_NE(c->detail.find("good per OCSP"), std::string::npos) << c->detail;
  }
}

TEST(OcspGenerated, RevokedFailsWithRevokedNoPoe) {
  const Key& revoked = test_pki().revoked;
  VerifyReport r = trust_with(revoked, {by_ca(revoked, V_OCSP_CERTSTATUS_REVOKED)});
  const Check* c = r.find("trust.revocation");
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->passed);
  EXPECT_EQ(c->kind, CheckKind::Trust);
  EXPECT_EQ(c->sub_indication, "REVOKED_NO_POE");
  EXPECT_NE(c->detail.find("revoked at"), std::string::npos) << c->detail;

  // Validated at a time before the revocation: not revoked then.
  VerifyReport before = trust_with(revoked, {by_ca(revoked, V_OCSP_CERTSTATUS_REVOKED)},
                                   std::time(nullptr) - 3 * kHour);
  c = before.find("trust.revocation");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->passed) << c->detail;
  EXPECT_NE(c->detail.find("revoked later"), std::string::npos) << c->detail;
}

TEST(OcspGenerated, ResponseForAnotherCertificateIsNotUsed) {
  const Key& revoked = test_pki().revoked;
  VerifyReport r = trust_with(revoked, {by_ca(test_pki().eseal, V_OCSP_CERTSTATUS_GOOD)});
  const Check* c = r.find("trust.revocation");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kind, CheckKind::Info);
  EXPECT_EQ(c->detail.find("good per OCSP"), std::string::npos) << c->detail;
  EXPECT_FALSE(r.find("trust.ocsp"));
  auto resp = parse_der_ocsp(by_ca(test_pki().eseal, V_OCSP_CERTSTATUS_GOOD));
  ASSERT_TRUE(resp);
  EXPECT_EQ(ocsp_status(resp->get(), revoked.chain()[0].get(), revoked.chain()[1].get(),
                        {test_pki().root.chain()[0]}, {}, std::time(nullptr))
                .kind,
            OcspStatus::Kind::NotFound);
}

TEST(OcspGenerated, UnusableResponses) {
  const Key& eseal = test_pki().eseal;
  // Signed by another leaf (not the CA, no id-kp-OCSPSigning).
  std::string by_leaf = make_response(eseal.chain()[0].get(), V_OCSP_CERTSTATUS_GOOD, 0,
                                      test_pki().ec.chain()[0].get(), test_pki().ec.pkey());
  // A changed byte in the signature.
  std::string changed = flip_signature_byte(by_ca(eseal, V_OCSP_CERTSTATUS_GOOD));
  for (const std::string& der : {by_leaf, changed}) {
    VerifyReport r = trust_with(eseal, {der});
    const Check* c = r.find("trust.revocation");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->detail.find("good per OCSP"), std::string::npos) << c->detail;
    const Check* ocsp = r.find("trust.ocsp");
    ASSERT_TRUE(ocsp);
    EXPECT_EQ(ocsp->kind, CheckKind::Info);
    EXPECT_NE(ocsp->detail.find("not verified"), std::string::npos) << ocsp->detail;
  }
  // Not current at the validation time (a year after nextUpdate).
  VerifyReport late = trust_with(eseal, {by_ca(eseal, V_OCSP_CERTSTATUS_GOOD)},
                                 std::time(nullptr) + 300 * 24 * kHour);
  const Check* ocsp = late.find("trust.ocsp");
  ASSERT_TRUE(ocsp);
  EXPECT_NE(ocsp->detail.find("not current"), std::string::npos) << ocsp->detail;
  // Unknown status is not "good".
  VerifyReport unknown = trust_with(eseal, {by_ca(eseal, V_OCSP_CERTSTATUS_UNKNOWN)});
  EXPECT_EQ(unknown.find("trust.revocation")->kind, CheckKind::Info);
}

TEST(OcspGenerated, ParseRejectsOtherData) {
  std::string error;
  EXPECT_FALSE(parse_der_ocsp("not DER", &error));
  EXPECT_FALSE(error.empty());
  // A bare BasicOCSPResponse is accepted too.
  auto resp = parse_der_ocsp(by_ca(test_pki().eseal, V_OCSP_CERTSTATUS_GOOD));
  ASSERT_TRUE(resp);
  unsigned char* der = nullptr;
  int len = i2d_OCSP_BASICRESP(resp->get(), &der);
  std::string basic(reinterpret_cast<char*>(der), static_cast<size_t>(len));
  OPENSSL_free(der);
  EXPECT_TRUE(parse_der_ocsp(basic));
}

}  // namespace
}  // namespace credgate
