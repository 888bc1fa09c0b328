#include "signing/multikey.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <array>
#include <cstring>
#include <memory>

#include "signing/bounded_cache.hpp"

namespace credgate::signing::multikey {

namespace {

constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// Multicodec headers (unsigned varints) of the keys we know.
struct Codec {
  KeyType type;
  bool secret;
  std::array<uint8_t, 2> header;
  size_t key_length;  // raw key bytes after the header
};
constexpr std::array<Codec, 6> kCodecs = {{
    {KeyType::Ed25519, false, {0xed, 0x01}, 32},  // ed25519-pub 0xed
    {KeyType::P256, false, {0x80, 0x24}, 33},     // p256-pub 0x1200, compressed point
    {KeyType::P384, false, {0x81, 0x24}, 49},     // p384-pub 0x1201, compressed point
    {KeyType::Ed25519, true, {0x80, 0x26}, 32},   // ed25519-priv 0x1300 (the seed)
    {KeyType::P256, true, {0x86, 0x26}, 32},      // p256-priv 0x1306 (the scalar)
    {KeyType::P384, true, {0x87, 0x26}, 48},      // p384-priv 0x1307
}};

const Codec* codec_for(KeyType type, bool secret) {
  for (const Codec& c : kCodecs)
    if (c.type == type && c.secret == secret) return &c;
  return nullptr;
}

const char* group_name(KeyType type) {
  return type == KeyType::P256 ? "P-256" : "P-384";
}
int curve_nid(KeyType type) {
  return type == KeyType::P256 ? NID_X9_62_prime256v1 : NID_secp384r1;
}

Diagnostic key_error(std::string code, std::string message) {
  return make_error(std::move(code), "verify", std::move(message));
}

KeyPtr ec_key_from_data(KeyType type, const std::vector<uint8_t>& point, const BIGNUM* priv) {
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  if (!bld) return nullptr;
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group_name(type), 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  if (priv) OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, priv);
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  OSSL_PARAM_BLD_free(bld);
  if (!params) return nullptr;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* key = nullptr;
  if (ctx && EVP_PKEY_fromdata_init(ctx) > 0)
    EVP_PKEY_fromdata(ctx, &key, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return KeyPtr(key);
}

// A provider-side copy of the public half of `key`, through its SubjectPublicKeyInfo: keys of
// OpenSSL's pkcs11 engine (signing/pkcs11_engine.cpp) are legacy keys that answer no
// OSSL_PARAM queries (group name, encoded point), but serialize their public part.
KeyPtr provider_public_copy(const EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(const_cast<EVP_PKEY*>(key), &der);
  if (length <= 0) return KeyPtr();
  const unsigned char* p = der;
  EVP_PKEY* copy = d2i_PUBKEY(nullptr, &p, length);
  OPENSSL_free(der);
  return KeyPtr(copy);
}

// The uncompressed or compressed point of an EC key, compressed ("02"/"03" || X).
std::vector<uint8_t> compressed_point(const EVP_PKEY* key, bool copied = false) {
  size_t length = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, nullptr, 0,
                                      &length) <= 0) {
    KeyPtr copy = copied ? KeyPtr() : provider_public_copy(key);
    return copy ? compressed_point(copy.get(), true) : std::vector<uint8_t>();
  }
  std::vector<uint8_t> point(length);
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point.data(),
                                      point.size(), &length) <= 0)
    return {};
  point.resize(length);
  if (!point.empty() && point[0] == 0x04 && point.size() % 2 == 1) {
    size_t coordinate = (point.size() - 1) / 2;
    std::vector<uint8_t> out(1 + coordinate);
    out[0] = (point.back() & 1) ? 0x03 : 0x02;
    std::memcpy(out.data() + 1, point.data() + 1, coordinate);
    return out;
  }
  return point;  // already compressed
}

}  // namespace

const char* key_type_name(KeyType type) {
  switch (type) {
    case KeyType::Ed25519:
      return "Ed25519";
    case KeyType::P256:
      return "P-256";
    case KeyType::P384:
      return "P-384";
  }
  return "?";
}

namespace {
std::optional<KeyType> key_type_of(const EVP_PKEY* key, bool copied) {
  if (!key) return std::nullopt;
  if (EVP_PKEY_is_a(key, "ED25519")) return KeyType::Ed25519;
  if (!EVP_PKEY_is_a(key, "EC")) return std::nullopt;
  char name[64] = {0};
  size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &length) <=
      0) {
    KeyPtr copy = copied ? KeyPtr() : provider_public_copy(key);
    return copy ? key_type_of(copy.get(), true) : std::nullopt;
  }
  int nid = OBJ_sn2nid(name);
  if (nid == NID_undef) nid = EC_curve_nist2nid(name);
  if (nid == NID_X9_62_prime256v1) return KeyType::P256;
  if (nid == NID_secp384r1) return KeyType::P384;
  return std::nullopt;
}
}  // namespace

std::optional<KeyType> key_type(const EVP_PKEY* key) {
  return key_type_of(key, false);
}

std::string base58btc_encode(const std::vector<uint8_t>& bytes) {
  size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;
  // Repeated division of the big-endian number by 58, digits collected little-endian.
  std::vector<uint8_t> digits;
  digits.reserve(bytes.size() * 138 / 100 + 1);
  for (size_t i = zeros; i < bytes.size(); ++i) {
    unsigned carry = bytes[i];
    for (uint8_t& d : digits) {
      carry += static_cast<unsigned>(d) << 8;
      d = static_cast<uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry) {
      digits.push_back(static_cast<uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(kAlphabet[*it]);
  return out;
}

std::optional<std::vector<uint8_t>> base58btc_decode(std::string_view text) {
  size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == '1') ++zeros;
  std::vector<uint8_t> bytes;  // little-endian base-256 digits
  bytes.reserve(text.size() * 733 / 1000 + 1);
  for (size_t i = zeros; i < text.size(); ++i) {
    size_t value = kAlphabet.find(text[i]);
    if (value == std::string_view::npos) return std::nullopt;
    unsigned carry = static_cast<unsigned>(value);
    for (uint8_t& b : bytes) {
      carry += static_cast<unsigned>(b) * 58;
      b = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry) {
      bytes.push_back(static_cast<uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  std::vector<uint8_t> out(zeros, 0);
  out.insert(out.end(), bytes.rbegin(), bytes.rend());
  return out;
}

std::string multibase_encode(const std::vector<uint8_t>& bytes) {
  return "z" + base58btc_encode(bytes);
}

std::optional<std::vector<uint8_t>> multibase_decode(std::string_view text) {
  if (text.empty() || text[0] != 'z') return std::nullopt;
  return base58btc_decode(text.substr(1));
}

namespace {

KeyResult decode_key(std::string_view text, bool secret) {
  KeyResult result;
  const char* what = secret ? "secretKeyMultibase" : "publicKeyMultibase";
  auto bytes = multibase_decode(text);
  if (!bytes) {
    result.diagnostics.push_back(key_error(
        "multikey.multibase", std::string(what) + " is not multibase base58btc ('z...')"));
    return result;
  }
  const Codec* codec = nullptr;
  for (const Codec& c : kCodecs)
    if (c.secret == secret && bytes->size() >= 2 && (*bytes)[0] == c.header[0] &&
        (*bytes)[1] == c.header[1])
      codec = &c;
  if (!codec) {
    result.diagnostics.push_back(key_error("multikey.unsupported-codec",
                                           std::string(what) + ": multicodec header is not " +
                                               (secret ? "ed25519-priv, p256-priv or p384-priv"
                                                       : "ed25519-pub, p256-pub or p384-pub")));
    return result;
  }
  std::vector<uint8_t> raw(bytes->begin() + 2, bytes->end());
  // @digitalbazaar/ed25519-multikey writes Ed25519 secret keys as seed || public key (64
  // bytes); accept that form when its public half is the one the seed derives.
  std::vector<uint8_t> expected_public;
  if (secret && codec->type == KeyType::Ed25519 && raw.size() == 64) {
    expected_public.assign(raw.begin() + 32, raw.end());
    raw.resize(32);
  }
  if (raw.size() != codec->key_length) {
    result.diagnostics.push_back(key_error(
        "multikey.key-length", std::string(what) + ": " + key_type_name(codec->type) + " key of " +
                                   std::to_string(raw.size()) + " bytes, expected " +
                                   std::to_string(codec->key_length)));
    return result;
  }
  result.type = codec->type;
  if (codec->type == KeyType::Ed25519) {
    result.key.reset(
        secret ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, raw.data(), raw.size())
               : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw.data(), raw.size()));
  } else if (!secret) {
    result.key = ec_key_from_data(codec->type, raw, nullptr);
  } else {
    // Derive the public point d*G so that the EVP_PKEY is a complete key pair.
    BIGNUM* d = BN_bin2bn(raw.data(), static_cast<int>(raw.size()), nullptr);
    EC_GROUP* group = EC_GROUP_new_by_curve_name(curve_nid(codec->type));
    EC_POINT* q = group ? EC_POINT_new(group) : nullptr;
    std::vector<uint8_t> point;
    if (d && q && !BN_is_zero(d) && BN_cmp(d, EC_GROUP_get0_order(group)) < 0 &&
        EC_POINT_mul(group, q, d, nullptr, nullptr, nullptr) == 1) {
      size_t n = EC_POINT_point2oct(group, q, POINT_CONVERSION_UNCOMPRESSED, nullptr, 0, nullptr);
      point.resize(n);
      EC_POINT_point2oct(group, q, POINT_CONVERSION_UNCOMPRESSED, point.data(), n, nullptr);
      result.key = ec_key_from_data(codec->type, point, d);
    }
    EC_POINT_free(q);
    EC_GROUP_free(group);
    BN_clear_free(d);
  }
  if (result.key && !expected_public.empty()) {
    std::vector<uint8_t> derived(32);
    size_t length = derived.size();
    if (EVP_PKEY_get_raw_public_key(result.key.get(), derived.data(), &length) <= 0 ||
        derived != expected_public) {
      result.key.reset();
      result.diagnostics.push_back(key_error(
          "multikey.key-mismatch", "secretKeyMultibase: the public half does not match the seed"));
      return result;
    }
  }
  if (!result.key)
    result.diagnostics.push_back(
        key_error("multikey.invalid-point",
                  std::string(what) + ": not a valid " + key_type_name(codec->type) + " key"));
  return result;
}

}  // namespace

// Decoded public keys are kept by their multibase text (at most 256, the whole cache dropped
// when full; signing/bounded_cache.hpp, as for certificates): importing a key goes through
// OpenSSL 3's EVP_PKEY_fromdata and, for P-256/P-384, a point decompression (a fifth of a Data
// Integrity verification of a small credential), and a verifier sees the same issuers' keys
// again and again. A public EVP_PKEY is not modified once built, so one can be shared
// between verifications and threads (each caller holds its own reference).
KeyResult decode_public_key(std::string_view text) {
  struct Cached {
    KeyPtr key;  // the cache's own reference
    KeyType type;
  };
  static BoundedCache<std::string, std::shared_ptr<const Cached>> cache(256);
  auto share = [](const Cached& c) {
    KeyResult out;
    EVP_PKEY_up_ref(c.key.get());
    out.key.reset(c.key.get());
    out.type = c.type;
    return out;
  };
  if (auto hit = cache.find(text)) return share(**hit);
  KeyResult decoded = decode_key(text, false);
  if (!decoded.ok()) return decoded;
  EVP_PKEY_up_ref(decoded.key.get());
  cache.put(std::string(text),
            std::make_shared<const Cached>(Cached{KeyPtr(decoded.key.get()), decoded.type}));
  return decoded;
}
KeyResult decode_secret_key(std::string_view text) {
  return decode_key(text, true);
}

std::string encode_public_key(const EVP_PKEY* key) {
  auto type = key_type(key);
  if (!type) return {};
  std::vector<uint8_t> raw;
  if (*type == KeyType::Ed25519) {
    size_t length = 32;
    raw.resize(length);
    if (EVP_PKEY_get_raw_public_key(key, raw.data(), &length) <= 0) return {};
    raw.resize(length);
  } else {
    raw = compressed_point(key);
  }
  const Codec* codec = codec_for(*type, false);
  if (raw.size() != codec->key_length) return {};
  std::vector<uint8_t> bytes(codec->header.begin(), codec->header.end());
  bytes.insert(bytes.end(), raw.begin(), raw.end());
  return multibase_encode(bytes);
}

std::string encode_secret_key(const EVP_PKEY* key) {
  auto type = key_type(key);
  if (!type) return {};
  const Codec* codec = codec_for(*type, true);
  std::vector<uint8_t> raw(codec->key_length);
  if (*type == KeyType::Ed25519) {
    size_t length = raw.size();
    if (EVP_PKEY_get_raw_private_key(key, raw.data(), &length) <= 0 || length != raw.size())
      return {};
  } else {
    BIGNUM* d = nullptr;
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) <= 0) return {};
    int ok = BN_bn2binpad(d, raw.data(), static_cast<int>(raw.size()));
    BN_clear_free(d);
    if (ok < 0) return {};
  }
  std::vector<uint8_t> bytes(codec->header.begin(), codec->header.end());
  bytes.insert(bytes.end(), raw.begin(), raw.end());
  return multibase_encode(bytes);
}

std::string did_key_for(const EVP_PKEY* key) {
  std::string mb = encode_public_key(key);
  return mb.empty() ? std::string() : "did:key:" + mb;
}

std::string did_key_verification_method(const EVP_PKEY* key) {
  std::string mb = encode_public_key(key);
  return mb.empty() ? std::string() : "did:key:" + mb + "#" + mb;
}

DidDocumentResult resolve_did_key(std::string_view did_url) {
  DidDocumentResult result;
  constexpr std::string_view prefix = "did:key:";
  if (did_url.substr(0, prefix.size()) != prefix) {
    result.diagnostics.push_back(
        make_error("did.not-did-key", "verify", "not a did:key: " + std::string(did_url)));
    return result;
  }
  std::string_view rest = did_url.substr(prefix.size());
  std::string_view fragment;
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  if (rest.find_first_of("?/;") != std::string_view::npos) {
    result.diagnostics.push_back(make_error(
        "did.not-did-key", "verify",
        "did:key with a path, query or parameters is not supported: " + std::string(did_url)));
    return result;
  }
  if (!fragment.empty() && fragment != rest) {
    result.diagnostics.push_back(make_error(
        "did.invalid-fragment", "verify",
        "did:key fragment must repeat the key's multibase value: " + std::string(did_url)));
    return result;
  }
  result.key = decode_public_key(rest);
  if (!result.key.ok()) {
    result.diagnostics = std::move(result.key.diagnostics);
    return result;
  }
  std::string did = "did:key:" + std::string(rest);
  std::string vm_id = did + "#" + std::string(rest);
  result.document = {
      {"@context", {"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"}},
      {"id", did},
      {"verificationMethod",
       {{{"id", vm_id},
         {"type", "Multikey"},
         {"controller", did},
         {"publicKeyMultibase", std::string(rest)}}}},
      {"authentication", {vm_id}},
      {"assertionMethod", {vm_id}},
      {"capabilityInvocation", {vm_id}},
      {"capabilityDelegation", {vm_id}},
  };
  return result;
}

}  // namespace credgate::signing::multikey
