#include "signing/x5c_cache.hpp"

#include <map>
#include <mutex>

#include "signing/base64url.hpp"
#include "signing/cert_cache.hpp"
#include "signing/jose.hpp"
#include "signing/x509_trust.hpp"

namespace credgate::signing {

std::shared_ptr<const X5cCertificate> cached_x5c_certificate(std::string_view base64) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const X5cCertificate>, std::less<>> cache;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(base64);
    if (it != cache.end()) return it->second;
  }
  auto der = b64_decode_strict(base64);
  if (!der) return nullptr;
  auto cert = cached_certificate(*der);
  if (!cert) return nullptr;
  auto entry = std::make_shared<X5cCertificate>();
  entry->cert = *cert;
  entry->x5t_s256 = b64url_encode(sha256(*der));
  entry->signer = signer_info(cert->get());
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= 512) cache.clear();
  cache.emplace(std::string(base64), entry);
  return entry;
}

std::shared_ptr<const HeaderCertificate> header_certificate(const X509Ptr& cert) {
  static std::mutex mutex;
  static std::map<const X509*, std::shared_ptr<const HeaderCertificate>> cache;
  if (!cert) return nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(cert.get());
    if (it != cache.end()) return it->second;
  }
  std::string der = certificate_der(cert.get());
  if (der.empty()) return nullptr;
  auto entry = std::make_shared<HeaderCertificate>();
  entry->cert = cert;
  entry->x5c = b64_encode(der);
  entry->x5t_s256 = b64url_encode(sha256(der));
  entry->issuer_serial_b64 = b64_encode(issuer_serial_der(cert.get()));
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= 512) cache.clear();
  cache.emplace(cert.get(), entry);
  return entry;
}

}  // namespace credgate::signing
