// The x5c cache gives what the verifier computed before it existed: the certificate, its
// x5t#S256 and the signer facts, for the exact base64 text, and nothing for text that is not
// one DER certificate.
#include "signing/x5c_cache.hpp"

#include <gtest/gtest.h>
#include <openssl/ess.h>

#include "signing/base64url.hpp"
#include "signing/jose.hpp"
#include "signing/x509_trust.hpp"
#include "tests/support/test_pki.hpp"

namespace credgate::signing {
namespace {

std::string standard_base64(const std::string& bytes) {
  std::string url = b64url_encode(bytes);
  for (char& c : url) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (url.size() % 4) url += '=';
  return url;
}

TEST(X5cCache, GivesTheCertificateItsThumbprintAndItsSigner) {
  const auto& pki = test::test_pki();
  X509* leaf = pki.eseal.chain().at(0).get();
  std::string der = certificate_der(leaf);
  std::string text = standard_base64(der);

  auto entry = cached_x5c_certificate(text);
  ASSERT_TRUE(entry);
  EXPECT_EQ(X509_cmp(entry->cert.get(), leaf), 0);
  EXPECT_EQ(entry->x5t_s256, b64url_encode(sha256(der)));
  SignerInfo expected = signer_info(leaf);
  EXPECT_EQ(entry->signer.subject, expected.subject);
  EXPECT_EQ(entry->signer.organization_identifier, expected.organization_identifier);
  EXPECT_FALSE(entry->signer.organization_identifier.empty());
  EXPECT_EQ(entry->signer.serial, expected.serial);
  EXPECT_EQ(entry->signer.not_after, expected.not_after);
  EXPECT_TRUE(entry->signer.qualified_eseal);
  EXPECT_TRUE(entry->signer.key_id.empty());

  // The same text again: the same entry, not a new decoding.
  EXPECT_EQ(cached_x5c_certificate(text).get(), entry.get());
  // Another certificate: another entry.
  auto other = cached_x5c_certificate(standard_base64(certificate_der(pki.ec.chain().at(0).get())));
  ASSERT_TRUE(other);
  EXPECT_NE(other->x5t_s256, entry->x5t_s256);
}

TEST(X5cCache, RefusesWhatIsNotOneCertificate) {
  const auto& pki = test::test_pki();
  std::string der = certificate_der(pki.eseal.chain().at(0).get());
  EXPECT_FALSE(cached_x5c_certificate(""));
  EXPECT_FALSE(cached_x5c_certificate("not base64!"));
  EXPECT_FALSE(cached_x5c_certificate(b64url_encode(der)));          // base64url, not base64
  EXPECT_FALSE(cached_x5c_certificate(standard_base64(der + "x")));  // trailing byte
  EXPECT_FALSE(cached_x5c_certificate(standard_base64(der.substr(0, 100))));
}

TEST(X5cCache, GivesASealersCertificateAsItsHeadersCarryIt) {
  const auto& pki = test::test_pki();
  const X509Ptr& leaf = pki.eseal.chain().at(0);
  std::string der = certificate_der(leaf.get());
  auto entry = header_certificate(leaf);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->x5c, standard_base64(der));
  EXPECT_EQ(entry->x5t_s256, b64url_encode(sha256(der)));
  EXPECT_EQ(header_certificate(leaf).get(), entry.get());
  // What a verifier reads back from the x5c text is the same certificate and thumbprint.
  auto read = cached_x5c_certificate(entry->x5c);
  ASSERT_TRUE(read);
  EXPECT_EQ(X509_cmp(read->cert.get(), leaf.get()), 0);
  EXPECT_EQ(read->x5t_s256, entry->x5t_s256);
  // The kid is base64 of the IssuerSerial, as OpenSSL's ESS parser reads and re-encodes it.
  std::string issuer_serial = issuer_serial_der(leaf.get());
  EXPECT_EQ(entry->issuer_serial_b64, standard_base64(issuer_serial));
  const unsigned char* p = reinterpret_cast<const unsigned char*>(issuer_serial.data());
  ESS_ISSUER_SERIAL* parsed =
      d2i_ESS_ISSUER_SERIAL(nullptr, &p, static_cast<long>(issuer_serial.size()));
  ASSERT_NE(parsed, nullptr);
  EXPECT_EQ(p, reinterpret_cast<const unsigned char*>(issuer_serial.data()) + issuer_serial.size());
  unsigned char* again = nullptr;
  int n = i2d_ESS_ISSUER_SERIAL(parsed, &again);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(again), static_cast<size_t>(n)), issuer_serial);
  OPENSSL_free(again);
  ESS_ISSUER_SERIAL_free(parsed);
  EXPECT_FALSE(header_certificate(nullptr));
}

}  // namespace
}  // namespace credgate::signing
