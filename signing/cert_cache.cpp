#include "signing/cert_cache.hpp"

#include <string>

#include "signing/bounded_cache.hpp"

namespace credgate::signing {

std::optional<X509Ptr> cached_certificate(std::string_view der) {
  static BoundedCache<std::string, X509Ptr> cache(512);
  if (auto hit = cache.find(der)) return hit;
  auto cert = parse_der_certificate(der);
  if (!cert) return std::nullopt;
  cache.put(std::string(der), *cert);
  return cert;
}

}  // namespace credgate::signing
