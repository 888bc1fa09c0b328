// JOSE building blocks shared by every JWS-based envelope (JWS, JAdES, VC-JWT, OB 2.0):
// strict base64url, the algorithm table keyed by JOSE `alg` name (xmlsec-style: the identifier
// selects a row, the crypto backend is OpenSSL's EVP behind one sign/verify interface), and
// the checks that tie an algorithm to a key type.
#pragma once

#include <openssl/evp.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "signing/base64url.hpp"

namespace credgate::signing {

// Standard base64 (x5c, tstTokens val): strict alphabet, padding required.
std::optional<std::string> b64_decode_strict(std::string_view text);
std::string b64_encode(std::string_view bytes);

enum class KeyFamily { Rsa, RsaPss, Ec, Ed25519 };

struct JoseAlg {
  const char* name;    // "RS256", ...
  KeyFamily family;    // which keys may sign with it (RSA keys serve RS* and PS*)
  const char* digest;  // OpenSSL digest name, nullptr for EdDSA
  const char* curve;   // EC curve group name, nullptr otherwise
  size_t coordinate;   // EC: bytes per coordinate in the JOSE R||S form
};

// nullptr when the name is unknown or refused by policy (none, HS*: a verifier must never
// accept a shared-secret MAC as a seal).
const JoseAlg* find_alg(std::string_view name);
bool is_forbidden_alg(std::string_view name);  // "none", "HS256", ...

// The algorithm a key signs with when the user gives none (RSA -> RS256, P-256 -> ES256,
// P-384 -> ES384, Ed25519 -> EdDSA); "" when the key type is not supported.
std::string default_alg_for(EVP_PKEY* key);
// Whether `alg` may be used with `key` (RS256 on an EC key: no; ES256 on P-384: no).
bool alg_matches_key(const JoseAlg& alg, EVP_PKEY* key, std::string* why = nullptr);

// Signs/verifies `input` with `key` in the JOSE signature format (ECDSA as R||S, RFC 7518
// section 3.4). Any key OpenSSL can drive works, including engine-held (PKCS#11) keys.
std::optional<std::string> jose_sign(const JoseAlg& alg, EVP_PKEY* key, std::string_view input,
                                     std::string* error = nullptr);
bool jose_verify(const JoseAlg& alg, EVP_PKEY* key, std::string_view input,
                 std::string_view signature);

// The same over a signing input given in pieces (protected header, ".", payload): the pieces
// are fed to the digest one after another (EVP_DigestSignUpdate), so the 100 KB payload of a
// seal is not copied into one string first. The signature is that of the pieces' concatenation.
// EdDSA (PureEdDSA hashes the message twice, and OpenSSL only signs it in one call) gets the
// concatenation, built here.
std::optional<std::string> jose_sign_parts(const JoseAlg& alg, EVP_PKEY* key,
                                           std::span<const std::string_view> parts,
                                           std::string* error = nullptr);
bool jose_verify_parts(const JoseAlg& alg, EVP_PKEY* key, std::span<const std::string_view> parts,
                       std::string_view signature);

std::string openssl_error_text();
std::string sha256(std::string_view bytes);  // raw 32 bytes

}  // namespace credgate::signing
