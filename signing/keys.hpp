// Keys for every sealing method: an EVP_PKEY (file-held or token-held) plus an optional
// certificate chain, signing and verifying through one interface. The Data Integrity and
// XAdES code take `pkey()`; the JOSE code calls sign/verify with a JOSE algorithm name.
//
// Sources: PEM (PKCS#8, traditional, encrypted; certificates in the same file become the
// chain), PKCS#12 (.p12/.pfx), JWK (JSON, RFC 7517/8037), and PKCS#11 URIs (RFC 7512) through
// OpenSSL's pkcs11 engine: a token key never leaves the token (signing/pkcs11_engine.cpp).
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mappers/model/diagnostic.hpp"

namespace credgate::signing {

using PkeyPtr = std::shared_ptr<EVP_PKEY>;
using X509Ptr = std::shared_ptr<X509>;

PkeyPtr wrap(EVP_PKEY* key);  // takes ownership
X509Ptr wrap(X509* cert);     // takes ownership

class Key {
 public:
  Key() = default;
  Key(PkeyPtr pkey, std::vector<X509Ptr> chain = {})
      : pkey_(std::move(pkey)), chain_(std::move(chain)) {}

  EVP_PKEY* pkey() const { return pkey_.get(); }
  const PkeyPtr& shared_pkey() const { return pkey_; }
  explicit operator bool() const { return static_cast<bool>(pkey_); }
  // chain[0] is the certificate of this key when one is known, then its issuers.
  const std::vector<X509Ptr>& chain() const { return chain_; }
  void set_chain(std::vector<X509Ptr> chain) { chain_ = std::move(chain); }
  bool is_private = true;
  std::string source;  // "pem", "pkcs12", "jwk", "pkcs11", "certificate"
  std::string kid;     // from a JWK

  // The JOSE algorithm this key signs with by default ("RS256", "ES256", "EdDSA", ...).
  std::string default_alg() const;
  // Refuses an algorithm that does not fit the key (RS256 on an EC key) with `error` set.
  std::optional<std::string> sign(std::string_view alg, std::string_view bytes,
                                  std::string* error = nullptr) const;
  bool verify(std::string_view alg, std::string_view bytes, std::string_view signature) const;
  // sign() over the concatenation of `parts`, streamed into the digest (jose_sign_parts).
  std::optional<std::string> sign_parts(std::string_view alg,
                                        std::span<const std::string_view> parts,
                                        std::string* error = nullptr) const;

 private:
  PkeyPtr pkey_;
  std::vector<X509Ptr> chain_;
};

struct KeyLoad {
  Key key;
  Diagnostics diagnostics;
};

// KEY as the CLI takes it: a file path (PEM, PKCS#12, JWK) or a pkcs11: URI. The password
// unlocks encrypted PEM and PKCS#12 files.
KeyLoad load_key(const std::string& spec, const std::string& password = {});
KeyLoad load_key_bytes(std::string_view bytes, const std::string& password,
                       const std::string& origin);
// A public key to verify with: a certificate (PEM/DER), a PEM public key or a JWK.
KeyLoad load_public_key_bytes(std::string_view bytes, const std::string& origin);
// A PKCS#11 key (engine-backed; signing/pkcs11_engine.cpp).
KeyLoad load_pkcs11_key(const std::string& uri);

// One or more certificates from a PEM file (or one DER certificate).
std::vector<X509Ptr> load_certificates(std::string_view bytes, Diagnostics& diagnostics,
                                       const std::string& origin);
std::optional<X509Ptr> parse_der_certificate(std::string_view der);
std::string certificate_der(X509* cert);
// The certificate's IssuerSerial (RFC 5035: issuer as a directoryName GeneralName, serial
// number), DER: a JAdES kid (base64) and the XAdES IssuerSerialV2 carry it. Empty on failure.
std::string issuer_serial_der(X509* cert);

// JWK (RFC 7517): RSA, EC P-256/P-384, OKP Ed25519; public or private.
std::optional<Key> key_from_jwk(const nlohmann::json& jwk, std::string* error = nullptr);
// The public JWK of a key (for a `jwk` header); nullopt when the key type has no JWK form.
std::optional<nlohmann::json> public_jwk(EVP_PKEY* key);
// Whether two keys are the same public key.
bool same_public_key(EVP_PKEY* a, EVP_PKEY* b);

}  // namespace credgate::signing
