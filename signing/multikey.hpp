// Multikey (W3C Controller Documents 1.0, section 2.2.2): public and secret keys as multibase
// base58btc ('z') strings of a multicodec header plus the raw key, and offline did:key
// resolution (did:key method v0.7) to the controller document of the key.
//
// Supported: Ed25519 (public 0xed, secret 0x1300), P-256 (public 0x1200, compressed point;
// secret 0x1306) and P-384 (public 0x1201, compressed point; secret 0x1307).
// Keys are OpenSSL 3 EVP_PKEYs; the key-loading code (PEM, PKCS#12, JWK, PKCS#11) lives in
// signing/keys.* and hands an EVP_PKEY* to the sealing functions.
#pragma once

#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/model/diagnostic.hpp"

namespace credgate::signing::multikey {

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

enum class KeyType { Ed25519, P256, P384 };
const char* key_type_name(KeyType type);  // "Ed25519", "P-256", "P-384"

// The type of an OpenSSL key, or nullopt for any other algorithm or curve.
std::optional<KeyType> key_type(const EVP_PKEY* key);

// base58 with the Bitcoin alphabet, leading zero bytes as leading '1's. Written by hand: no
// Debian bookworm package offers it, and it is not cryptography (only an encoding).
std::string base58btc_encode(const std::vector<uint8_t>& bytes);
std::optional<std::vector<uint8_t>> base58btc_decode(std::string_view text);

// Multibase with the base58btc prefix 'z' only (the one Data Integrity uses for proofValue
// and Multikey). Decoding rejects any other prefix.
std::string multibase_encode(const std::vector<uint8_t>& bytes);
std::optional<std::vector<uint8_t>> multibase_decode(std::string_view text);

struct KeyResult {
  KeyPtr key;
  KeyType type = KeyType::Ed25519;
  Diagnostics diagnostics;  // multikey.* errors, stage "verify"
  bool ok() const { return key != nullptr && !has_error(diagnostics); }
};

// publicKeyMultibase -> public key. Errors: multikey.multibase (not 'z' base58btc),
// multikey.unsupported-codec, multikey.key-length, multikey.invalid-point.
KeyResult decode_public_key(std::string_view public_key_multibase);
// secretKeyMultibase -> key pair (the public half derived).
KeyResult decode_secret_key(std::string_view secret_key_multibase);

// The publicKeyMultibase of a key ("" for an unsupported key type).
std::string encode_public_key(const EVP_PKEY* key);
// The secretKeyMultibase of a private key ("" for an unsupported type or a public-only key).
std::string encode_secret_key(const EVP_PKEY* key);

// "did:key:" + publicKeyMultibase ("" for an unsupported key type).
std::string did_key_for(const EVP_PKEY* key);
// The verification method id of a did:key: "did:key:z...#z...".
std::string did_key_verification_method(const EVP_PKEY* key);

struct DidDocumentResult {
  nlohmann::json document;  // a controller document: id, verificationMethod, relationships
  // The public key of the document's one verification method, decoded while resolving (a
  // verifier need not decode its publicKeyMultibase again: for P-256/P-384 that is a point
  // decompression, the costliest step of resolving).
  KeyResult key;
  Diagnostics diagnostics;  // did.* errors
  bool ok() const { return !has_error(diagnostics); }
};

// Offline did:key resolution: `did` is "did:key:z6Mk..." (Ed25519), "did:key:zDn..." (P-256)
// or "did:key:z82..." (P-384), optionally with a "#fragment", which must then equal the
// multibase value. The document holds one Multikey verification method with id
// "did:key:MB#MB", listed under authentication, assertionMethod, capabilityInvocation and
// capabilityDelegation (did:key v0.7, 3.1.2 "Document Creation Algorithm"; keyAgreement is not
// derived). Errors: did.not-did-key, did.invalid-fragment and the multikey.* decode errors.
DidDocumentResult resolve_did_key(std::string_view did);

}  // namespace credgate::signing::multikey
