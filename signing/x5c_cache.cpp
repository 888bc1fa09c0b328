#include "signing/x5c_cache.hpp"

#include "signing/base64url.hpp"
#include "signing/bounded_cache.hpp"
#include "signing/cert_cache.hpp"
#include "signing/jose.hpp"
#include "signing/x509_trust.hpp"

namespace credgate::signing {
namespace {

// x5t#S256 (RFC 7515 section 4.1.8) of a certificate's DER.
std::string thumbprint(std::string_view der) {
  return b64url_encode(sha256(der));
}

}  // namespace

std::shared_ptr<const X5cCertificate> cached_x5c_certificate(std::string_view base64) {
  static BoundedCache<std::string, std::shared_ptr<const X5cCertificate>> cache(512);
  if (auto hit = cache.find(base64)) return *hit;
  auto der = b64_decode_strict(base64);
  if (!der) return nullptr;
  auto cert = cached_certificate(*der);
  if (!cert) return nullptr;
  auto entry = std::make_shared<X5cCertificate>();
  entry->cert = *cert;
  entry->x5t_s256 = thumbprint(*der);
  entry->signer = signer_info(cert->get());
  cache.put(std::string(base64), entry);
  return entry;
}

std::shared_ptr<const HeaderCertificate> header_certificate(const X509Ptr& cert) {
  static BoundedCache<const X509*, std::shared_ptr<const HeaderCertificate>> cache(512);
  if (!cert) return nullptr;
  if (auto hit = cache.find(cert.get())) return *hit;
  std::string der = certificate_der(cert.get());
  if (der.empty()) return nullptr;
  auto entry = std::make_shared<HeaderCertificate>();
  entry->cert = cert;
  entry->x5c = b64_encode(der);
  entry->x5t_s256 = thumbprint(der);
  entry->issuer_serial_b64 = b64_encode(issuer_serial_der(cert.get()));
  cache.put(cert.get(), entry);
  return entry;
}

}  // namespace credgate::signing
