// RFC 3161 client and token verification against the loopback test TSA (tests/support/test_tsa).
#include <gtest/gtest.h>

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>

#include "signing/timestamp.hpp"
#include "support/test_support.hpp"
#include "support/test_tsa.hpp"

namespace credgate {
namespace {

namespace ts = signing::timestamp;
using signing::Check;

const Check* find(const ts::TokenVerification& v, const std::string& id) {
  for (const auto& c : v.checks)
    if (c.id == id) return &c;
  return nullptr;
}

ts::RequestOptions options_for(const test::TestTsa& tsa) {
  ts::RequestOptions o;
  o.url = tsa.url();
  o.total_timeout_ms = 5000;
  return o;
}

// What JAdES sigTst covers: the base64url signature value as it appears in the JWS.
const std::string kCovered = "MEUCIQDc9J3cPwnWJbm3Ts_z1Lq0pUQ2-Wq_example_signature_value";

TEST(Timestamp, RequestAndVerifyRoundTrip) {
  test::TestTsa tsa;
  ASSERT_TRUE(tsa.running());
  std::time_t before = std::time(nullptr);
  auto r = ts::request_timestamp(kCovered, options_for(tsa));
  ASSERT_TRUE(r.ok()) << r.diagnostics.at(0).to_line();
  EXPECT_EQ(tsa.requests(), 1);
  EXPECT_TRUE(r.info.valid);
  EXPECT_NE(r.info.tsa.find("CN=credgate test TSA"), std::string::npos) << r.info.tsa;

  ts::VerifyOptions vo;
  vo.type = "sigTst";
  auto v = ts::verify_token(r.token, kCovered, vo);
  EXPECT_TRUE(v.valid());
  EXPECT_TRUE(v.diagnostics.empty());
  for (const char* id : {"tst.signature", "tst.eku", "tst.imprint"}) {
    ASSERT_TRUE(find(v, id)) << id;
    EXPECT_TRUE(find(v, id)->passed) << id << ": " << find(v, id)->detail;
  }
  EXPECT_EQ(v.info.type, "sigTst");
  EXPECT_EQ(v.hash_algorithm, "SHA256");
  EXPECT_EQ(v.nonce.size(), 16u);
  ASSERT_TRUE(v.tsa_certificate);
  EXPECT_EQ(X509_cmp(v.tsa_certificate.get(), tsa.certificate()), 0);
  // genTime is now (ISO 8601 UTC, the TSA is on this machine).
  std::tm tm{};
  ASSERT_TRUE(strptime(v.info.time.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) << v.info.time;
  EXPECT_EQ(v.info.time.back(), 'Z');
  std::time_t gen = timegm(&tm);
  EXPECT_LE(std::abs(static_cast<long>(gen - before)), 60L) << v.info.time;

  signing::VerifyReport report;
  v.add_to(report);
  ASSERT_EQ(report.timestamps.size(), 1u);
  EXPECT_EQ(report.timestamps[0].to_json()["type"], "sigTst");
  EXPECT_TRUE(report.timestamps[0].valid);
}

TEST(Timestamp, TokenOverOtherBytesFailsTheImprint) {
  test::TestTsa tsa;
  auto r = ts::request_timestamp(kCovered, options_for(tsa));
  ASSERT_TRUE(r.ok());
  // e.g. the raw signature octets instead of their base64url form: a different input.
  auto v = ts::verify_token(r.token, kCovered + "x");
  EXPECT_FALSE(v.valid());
  EXPECT_FALSE(find(v, "tst.imprint")->passed);
  EXPECT_EQ(find(v, "tst.imprint")->sub_indication, "HASH_FAILURE");
  EXPECT_TRUE(find(v, "tst.signature")->passed);  // the token itself is fine
}

TEST(Timestamp, TamperedTokenFailsTheSignature) {
  test::TestTsa tsa;
  auto r = ts::request_timestamp(kCovered, options_for(tsa));
  ASSERT_TRUE(r.ok());
  // Flip one bit of the signed TSTInfo: its message imprint (the SHA-256 of the covered bytes).
  unsigned char hash[32];
  unsigned length = 0;
  EVP_Digest(kCovered.data(), kCovered.size(), hash, &length, EVP_sha256(), nullptr);
  auto at = std::search(r.token.begin(), r.token.end(), hash, hash + 32);
  ASSERT_NE(at, r.token.end());
  std::vector<uint8_t> tampered = r.token;
  tampered[static_cast<size_t>(at - r.token.begin()) + 5] ^= 0x01;
  auto v = ts::verify_token(tampered, kCovered);
  EXPECT_FALSE(v.valid());
  EXPECT_FALSE(find(v, "tst.signature")->passed) << find(v, "tst.signature")->detail;
  EXPECT_EQ(find(v, "tst.signature")->kind, signing::CheckKind::Timestamp);

  // The signature value (the token's last octets: no unsigned attributes).
  std::vector<uint8_t> bad_signature = r.token;
  bad_signature[bad_signature.size() - 3] ^= 0x40;
  EXPECT_FALSE(ts::verify_token(bad_signature, kCovered).valid());

  // Not a token at all.
  auto garbage = ts::verify_token({0x30, 0x03, 0x02, 0x01, 0x01}, kCovered);
  EXPECT_FALSE(garbage.valid());
  ASSERT_FALSE(garbage.diagnostics.empty());
  EXPECT_EQ(garbage.diagnostics[0].code, "timestamp.token");
}

// verify_token decodes the token's own certificates apart from the rest of it (through the
// certificate cache); what it accepts and rejects stays d2i_PKCS7's: trailing bytes, a
// certificate altered inside the token (its ESS signing-certificate hash no longer matches).
TEST(Timestamp, TokenCertificatesAreCheckedAsBefore) {
  test::TestTsa tsa;
  auto r = ts::request_timestamp(kCovered, options_for(tsa));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(ts::verify_token(r.token, kCovered).valid());
  EXPECT_TRUE(ts::verify_token(r.token, kCovered).valid());  // the cached certificate

  std::vector<uint8_t> trailing = r.token;
  trailing.push_back(0);
  auto t = ts::verify_token(trailing, kCovered);
  EXPECT_FALSE(t.valid());
  ASSERT_FALSE(t.diagnostics.empty());
  EXPECT_EQ(t.diagnostics[0].code, "timestamp.token");

  unsigned char* der = nullptr;
  int n = i2d_X509(tsa.certificate(), &der);
  ASSERT_GT(n, 0);
  auto at = std::search(r.token.begin(), r.token.end(), der, der + n);
  OPENSSL_free(der);
  ASSERT_NE(at, r.token.end());
  std::vector<uint8_t> altered = r.token;
  // The last octet of the certificate: its own signature value, so it still decodes.
  altered[static_cast<size_t>(at - r.token.begin()) + static_cast<size_t>(n) - 1] ^= 0x01;
  auto v = ts::verify_token(altered, kCovered);
  EXPECT_FALSE(v.valid());
  EXPECT_FALSE(find(v, "tst.signature")->passed);
}

// A TimeStampToken re-signed (CMS, eContentType id-ct-TSTInfo) by a certificate without the
// timeStamping extendedKeyUsage: what a misissued TSA certificate would produce.
TEST(Timestamp, SignerWithoutTimeStampingEkuFails) {
  test::TestTsa tsa;
  auto r = ts::request_timestamp(kCovered, options_for(tsa));
  ASSERT_TRUE(r.ok());
  const unsigned char* p = r.token.data();
  PKCS7* p7 = d2i_PKCS7(nullptr, &p, static_cast<long>(r.token.size()));
  ASSERT_TRUE(p7);
  TS_TST_INFO* tst = PKCS7_to_TS_TST_INFO(p7);
  unsigned char* tst_der = nullptr;
  int tst_length = i2d_TS_TST_INFO(tst, &tst_der);
  TS_TST_INFO_free(tst);
  PKCS7_free(p7);
  ASSERT_GT(tst_length, 0);

  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("not a TSA"), -1, -1, 0);
  X509_set_issuer_name(cert, X509_get_subject_name(cert));
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_sign(cert, key, EVP_sha256());
  BIO* content = BIO_new_mem_buf(tst_der, tst_length);
  CMS_ContentInfo* cms = CMS_sign(cert, key, nullptr, nullptr, CMS_BINARY | CMS_PARTIAL);
  ASSERT_TRUE(cms);
  CMS_set1_eContentType(cms, OBJ_nid2obj(NID_id_smime_ct_TSTInfo));
  ASSERT_EQ(CMS_final(cms, content, nullptr, CMS_BINARY), 1);
  unsigned char* der = nullptr;
  int length = i2d_CMS_ContentInfo(cms, &der);
  std::vector<uint8_t> token(der, der + length);
  OPENSSL_free(der);
  CMS_ContentInfo_free(cms);
  BIO_free(content);
  OPENSSL_free(tst_der);

  auto v = ts::verify_token(token, kCovered);
  EXPECT_FALSE(v.valid());
  ASSERT_TRUE(find(v, "tst.eku"));
  EXPECT_FALSE(find(v, "tst.eku")->passed) << find(v, "tst.eku")->detail;
  EXPECT_TRUE(find(v, "tst.imprint")->passed);  // same TSTInfo, same imprint
  EXPECT_NE(v.info.tsa.find("CN=not a TSA"), std::string::npos) << v.info.tsa;
  X509_free(cert);
  EVP_PKEY_free(key);
}

TEST(Timestamp, PolicyAndCertReqOptions) {
  test::TestTsa tsa;
  auto o = options_for(tsa);
  o.policy_oid = "1.3.6.1.4.1.4146.99.1";  // the test TSA's policy
  auto same = ts::request_timestamp(kCovered, o);
  ASSERT_TRUE(same.ok()) << same.diagnostics.at(0).to_line();
  EXPECT_NE(find(ts::verify_token(same.token, kCovered), "tst.info")
                ->detail.find("1.3.6.1.4.1.4146.99.1"),
            std::string::npos);
  o.policy_oid = "1.2.3.4.5";
  auto other = ts::request_timestamp(kCovered, o);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.diagnostics[0].code, "timestamp.rejected");
  EXPECT_NE(other.diagnostics[0].message.find("unacceptedPolicy"), std::string::npos)
      << other.diagnostics[0].message;

  // Without certReq the token carries no certificate: verification needs the caller's.
  ts::RequestOptions bare = options_for(tsa);
  bare.cert_req = false;
  auto alone = ts::request_timestamp(kCovered, bare);
  ASSERT_FALSE(alone.ok());  // the client cannot check the answer without the certificate
  EXPECT_EQ(alone.diagnostics[0].code, "timestamp.invalid-token");
  bare.tsa_certificates.push_back(tsa.certificate());
  auto r = ts::request_timestamp(kCovered, bare);
  ASSERT_TRUE(r.ok()) << r.diagnostics.at(0).to_line();
  auto without = ts::verify_token(r.token, kCovered);
  EXPECT_FALSE(without.valid());
  EXPECT_FALSE(find(without, "tst.signature")->passed);
  EXPECT_FALSE(without.tsa_certificate);
  ts::VerifyOptions with;
  with.extra_certificates.push_back(tsa.certificate());
  auto v = ts::verify_token(r.token, kCovered, with);
  EXPECT_TRUE(v.valid());
  ASSERT_TRUE(v.tsa_certificate);
  EXPECT_EQ(X509_cmp(v.tsa_certificate.get(), tsa.certificate()), 0);
  EXPECT_LT(r.token.size(), same.token.size());  // no certificate inside
}

TEST(Timestamp, TsaFailuresAreDiagnostics) {
  test::TestTsa tsa;
  tsa.set_mode(test::TestTsa::Mode::Reject);
  auto rejected = ts::request_timestamp(kCovered, options_for(tsa));
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.diagnostics[0].code, "timestamp.rejected");
  EXPECT_NE(rejected.diagnostics[0].message.find("badAlg"), std::string::npos)
      << rejected.diagnostics[0].message;

  test::TestTsa replaying;
  replaying.set_mode(test::TestTsa::Mode::Replay);
  ASSERT_TRUE(ts::request_timestamp(kCovered, options_for(replaying)).ok());
  auto replayed = ts::request_timestamp(kCovered, options_for(replaying));
  ASSERT_FALSE(replayed.ok());
  EXPECT_EQ(replayed.diagnostics[0].code, "timestamp.nonce");

  test::TestTsa not_tsa;
  not_tsa.set_mode(test::TestTsa::Mode::NotTsa);
  auto garbage = ts::request_timestamp(kCovered, options_for(not_tsa));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.diagnostics[0].code, "timestamp.response");

  tsa.set_mode(test::TestTsa::Mode::Grant);
  auto small = options_for(tsa);
  small.max_response_bytes = 64;
  auto too_big = ts::request_timestamp(kCovered, small);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.diagnostics[0].code, "timestamp.http");
  EXPECT_NE(too_big.diagnostics[0].message.find("exceeds 64 bytes"), std::string::npos);

  ts::RequestOptions closed;
  {
    test::TestTsa gone;
    closed.url = gone.url();
  }
  closed.connect_timeout_ms = 2000;
  auto unreachable = ts::request_timestamp(kCovered, closed);
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.diagnostics[0].code, "timestamp.http");
}

std::vector<uint8_t> base64_decode(const std::string& text, bool url) {
  std::string b64 = text;
  if (url) {
    std::replace(b64.begin(), b64.end(), '-', '+');
    std::replace(b64.begin(), b64.end(), '_', '/');
  }
  while (b64.size() % 4) b64.push_back('=');
  std::vector<uint8_t> out(b64.size() / 4 * 3);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(b64.data()),
                          static_cast<int>(b64.size()));
  if (n < 0) return {};
  size_t pad = b64.size() >= 2 ? (b64[b64.size() - 1] == '=') + (b64[b64.size() - 2] == '=') : 0;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

// The EC's JAdES-LTA sealed EDC (european-digital-credentials test resources): its adoTst,
// sigTst and arcTst verify over exactly the inputs timestamp.hpp documents (ETSI TS 119 182-1).
TEST(Timestamp, EcJadesSampleTokensCoverWhatTheHeaderSays) {
  using json = nlohmann::json;
  json jades = json::parse(
      test::read_file(test::data_path("edc/edc-software/credential-signed.jades.jsonld")));
  const json& sig = jades["signatures"][0];
  std::string payload = jades["payload"];  // b64: false, so the payload octets themselves
  std::string protected_b64 = sig["protected"];
  std::string signature_b64 = sig["signature"];
  auto bytes = base64_decode(protected_b64, true);
  json header = json::parse(std::string(bytes.begin(), bytes.end()));
  ASSERT_EQ(header["b64"], false);

  auto token_of = [&](const json& tst) {
    return base64_decode(tst["tstTokens"][0]["val"].get<std::string>(), false);
  };
  auto check = [&](const std::vector<uint8_t>& token, const std::string& covered,
                   const char* type) {
    ts::VerifyOptions o;
    o.type = type;
    auto v = ts::verify_token(token, covered, o);
    EXPECT_TRUE(v.valid()) << type;
    for (const auto& c : v.checks) EXPECT_TRUE(c.passed) << type << " " << c.id << ": " << c.detail;
    EXPECT_FALSE(v.info.time.empty());
    EXPECT_TRUE(v.tsa_certificate) << type;
    return v;
  };

  // adoTst: the JWS Payload as carried (unencoded here).
  auto ado = check(token_of(header["adoTst"]), payload, "adoTst");
  // sigTst: the base64url-encoded signature value, not the raw signature octets.
  std::string etsiu_before_arc;
  bool found_sig = false, found_arc = false;
  for (const auto& element : sig["header"]["etsiU"]) {
    std::string encoded = element;
    auto decoded = base64_decode(encoded, true);
    json component = json::parse(std::string(decoded.begin(), decoded.end()));
    if (component.contains("sigTst")) {
      found_sig = true;
      check(token_of(component["sigTst"]), signature_b64, "sigTst");
      auto raw = base64_decode(signature_b64, true);
      EXPECT_FALSE(
          ts::verify_token(token_of(component["sigTst"]), std::string(raw.begin(), raw.end()))
              .valid());
    }
    if (component.contains("arcTst")) {
      found_arc = true;
      // arcTst: payload . protected . signature . every etsiU element before it, as carried.
      check(token_of(component["arcTst"]),
            payload + "." + protected_b64 + "." + signature_b64 + "." + etsiu_before_arc, "arcTst");
      break;
    }
    etsiu_before_arc += encoded;
  }
  EXPECT_TRUE(found_sig);
  EXPECT_TRUE(found_arc);
  EXPECT_EQ(ado.info.time.substr(0, 10), "2022-12-21") << ado.info.time;
}

}  // namespace
}  // namespace credgate
