// PKCS#11 keys through OpenSSL's pkcs11 engine (libp11, Debian libengine-pkcs11-openssl).
//
// The ENGINE API is deprecated in OpenSSL 3, but bookworm ships no PKCS#11 provider
// (pkcs11-provider arrived after bookworm), so the engine is the only packaged way to sign
// with a token key. All ENGINE use is in this one file, which silences the deprecation
// warnings for that reason; swap this file for a provider-based loader when one is available.
// The private key never leaves the token: OpenSSL gets an EVP_PKEY whose operations the
// engine forwards to C_Sign.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#include <openssl/engine.h>
#include <openssl/err.h>

#include <cstdlib>
#include <mutex>

#include "signing/jose.hpp"
#include "signing/keys.hpp"

namespace credgate::signing {
namespace {

// Query attribute `module-path` (RFC 7512 section 2.3) or CREDGATE_PKCS11_MODULE picks the
// module; else the engine's default (p11-kit proxy).
std::string module_path(const std::string& uri) {
  size_t q = uri.find('?');
  if (q != std::string::npos) {
    std::string query = uri.substr(q + 1);
    size_t pos = 0;
    while (pos <= query.size()) {
      size_t amp = query.find('&', pos);
      std::string attr =
          query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
      if (attr.rfind("module-path=", 0) == 0) return attr.substr(12);
      if (amp == std::string::npos) break;
      pos = amp + 1;
    }
  }
  if (const char* env = std::getenv("CREDGATE_PKCS11_MODULE")) return env;
  return {};
}

std::mutex engine_mutex;

}  // namespace

KeyLoad load_pkcs11_key(const std::string& uri) {
  KeyLoad out;
  std::lock_guard<std::mutex> lock(engine_mutex);
  // The engine stays loaded for the life of the process: keys it hands out refer to it.
  static ENGINE* engine = nullptr;
  static std::string loaded_module;
  std::string module = module_path(uri);
  if (engine && module != loaded_module) {
    out.diagnostics.push_back(
        make_error("input.key", "seal",
                   "one PKCS#11 module per process: " + loaded_module + " is already loaded", uri));
    return out;
  }
  if (!engine) {
    ENGINE_load_builtin_engines();
    ENGINE* e = ENGINE_by_id("pkcs11");
    if (!e) {
      out.diagnostics.push_back(
          make_error("input.key", "seal",
                     "OpenSSL's pkcs11 engine is not installed (libengine-pkcs11-openssl): " +
                         openssl_error_text(),
                     uri));
      return out;
    }
    if (!module.empty() && !ENGINE_ctrl_cmd_string(e, "MODULE_PATH", module.c_str(), 0)) {
      out.diagnostics.push_back(make_error(
          "input.key", "seal", "the pkcs11 engine refused the module path " + module, uri));
      ENGINE_free(e);
      return out;
    }
    if (!ENGINE_init(e)) {
      out.diagnostics.push_back(
          make_error("input.key", "seal",
                     "cannot initialise the PKCS#11 module: " + openssl_error_text(), uri));
      ENGINE_free(e);
      return out;
    }
    engine = e;
    loaded_module = module;
  }
  // libp11 reads the token, object, id and pin-value attributes of the URI itself.
  EVP_PKEY* key = ENGINE_load_private_key(engine, uri.c_str(), nullptr, nullptr);
  if (!key) {
    out.diagnostics.push_back(
        make_error("input.key", "seal",
                   "no private key on the token for this URI: " + openssl_error_text(), uri));
    return out;
  }
  out.key = Key(wrap(key));
  out.key.source = "pkcs11";
  return out;
}

}  // namespace credgate::signing
