#include "signing/cert_cache.hpp"

#include <map>
#include <mutex>
#include <string>

namespace credgate::signing {

std::optional<X509Ptr> cached_certificate(std::string_view der) {
  static std::mutex mutex;
  static std::map<std::string, X509Ptr, std::less<>> cache;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(der);
    if (it != cache.end()) return it->second;
  }
  auto cert = parse_der_certificate(der);
  if (!cert) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= 512) cache.clear();
  cache.emplace(std::string(der), *cert);
  return cert;
}

}  // namespace credgate::signing
