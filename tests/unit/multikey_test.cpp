// Multikey / multibase / multicodec and offline did:key resolution, against the key pairs of
// the W3C cryptosuite test vectors and the 1EdTech OB 3.0 test vector.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <algorithm>

#include "signing/multikey.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;
namespace mk = signing::multikey;

std::vector<uint8_t> from_hex(const std::string& hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// header || body || fill bytes up to `total` (built by push_back: GCC 12 warns falsely
// (-Warray-bounds) on insert/resize after a two-element initializer list at -O2).
std::vector<uint8_t> concat(std::vector<uint8_t> header, const std::vector<uint8_t>& body,
                            size_t total = 0, uint8_t fill = 0) {
  std::vector<uint8_t> out;
  out.reserve(std::max(total, header.size() + body.size()));
  for (uint8_t b : header) out.push_back(b);
  for (uint8_t b : body) out.push_back(b);
  while (out.size() < total) out.push_back(fill);
  return out;
}

json load_vector(const std::string& relative) {
  return json::parse(test::read_file(test::vector_path(relative)));
}

TEST(Base58, KnownEncodings) {
  // The examples of the IETF draft "The Base58 Encoding Scheme" (draft-msporny-base58).
  std::string hello = "Hello World!";
  EXPECT_EQ(mk::base58btc_encode({hello.begin(), hello.end()}), "2NEpo7TZRRrLZSi2U");
  EXPECT_EQ(mk::base58btc_encode({0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd}), "11233QC4");
  EXPECT_EQ(mk::base58btc_encode({}), "");
  auto decoded = mk::base58btc_decode("11233QC4");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, (std::vector<uint8_t>{0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd}));
}

TEST(Base58, RoundTripsAndRejectsForeignCharacters) {
  for (size_t n = 0; n < 70; ++n) {
    std::vector<uint8_t> bytes(n);
    for (size_t i = 0; i < n; ++i) bytes[i] = static_cast<uint8_t>((i * 37 + n) % 256);
    if (n > 3) bytes[0] = 0;  // leading zero bytes too
    auto back = mk::base58btc_decode(mk::base58btc_encode(bytes));
    ASSERT_TRUE(back) << n;
    EXPECT_EQ(*back, bytes) << n;
  }
  EXPECT_FALSE(mk::base58btc_decode("abc0"));  // '0' is not in the alphabet
  EXPECT_FALSE(mk::base58btc_decode("OIl"));
  EXPECT_FALSE(mk::multibase_decode("u2NEpo7TZRRrLZSi2U"));  // base64url prefix
  EXPECT_FALSE(mk::multibase_decode(""));
}

TEST(Multikey, Ob3VectorEd25519KeyEncodesAsInTheVector) {
  json v = load_vector("ob3-di/vector.json");
  auto pub = from_hex(v["publicKeyHex"]);
  mk::KeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, pub.data(), pub.size()));
  ASSERT_TRUE(key);
  EXPECT_EQ(mk::encode_public_key(key.get()), v["publicKeyMultibase"]);

  // The vector's secretKeyMultibase is seed || public key (64 bytes, @digitalbazaar form).
  auto secret = mk::decode_secret_key(v["secretKeyMultibase"].get<std::string>());
  ASSERT_TRUE(secret.ok()) << secret.diagnostics[0].message;
  EXPECT_EQ(secret.type, mk::KeyType::Ed25519);
  EXPECT_EQ(mk::encode_public_key(secret.key.get()), v["publicKeyMultibase"]);
  auto seed = from_hex(v["privateKeyHex"].get<std::string>().substr(0, 64));
  EXPECT_EQ(mk::encode_secret_key(secret.key.get()),
            mk::multibase_encode(concat({0x80, 0x26}, seed)));

  auto decoded = mk::decode_public_key(v["publicKeyMultibase"].get<std::string>());
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(EVP_PKEY_eq(decoded.key.get(), key.get()), 1);
}

TEST(Multikey, W3cKeyPairsDeriveTheirPublicKeys) {
  for (const char* file :
       {"w3c-di/keyPair.json", "w3c-di/p256KeyPair.json", "w3c-di/p384KeyPair.json"}) {
    json pair = load_vector(file);
    std::string secret_mb = pair.contains("secretKeyMultibase") ? pair["secretKeyMultibase"]
                                                                : pair["privateKeyMultibase"];
    auto secret = mk::decode_secret_key(secret_mb);
    ASSERT_TRUE(secret.ok()) << file;
    EXPECT_EQ(mk::encode_public_key(secret.key.get()), pair["publicKeyMultibase"]) << file;
    EXPECT_EQ(mk::encode_secret_key(secret.key.get()), secret_mb) << file;
    auto pub = mk::decode_public_key(pair["publicKeyMultibase"].get<std::string>());
    ASSERT_TRUE(pub.ok()) << file;
    EXPECT_EQ(pub.type, secret.type);
    EXPECT_EQ(EVP_PKEY_eq(pub.key.get(), secret.key.get()), 1) << file;
  }
  EXPECT_EQ(mk::decode_public_key("zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP").type,
            mk::KeyType::P256);
}

TEST(Multikey, GeneratedKeysRoundTrip) {
  for (const char* curve : {"P-256", "P-384"}) {
    mk::KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
    ASSERT_TRUE(key);
    auto pub = mk::decode_public_key(mk::encode_public_key(key.get()));
    ASSERT_TRUE(pub.ok()) << curve;
    EXPECT_EQ(EVP_PKEY_eq(pub.key.get(), key.get()), 1) << curve;
    auto secret = mk::decode_secret_key(mk::encode_secret_key(key.get()));
    ASSERT_TRUE(secret.ok()) << curve;
    EXPECT_EQ(EVP_PKEY_eq(secret.key.get(), key.get()), 1) << curve;
  }
  mk::KeyPtr rsa(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{1024}));
  EXPECT_EQ(mk::encode_public_key(rsa.get()), "");
  mk::KeyPtr k1(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "secp256k1"));
  EXPECT_FALSE(mk::key_type(k1.get()));
}

// Decoded public keys are cached by their text: a second decode gives the same key (a shared
// reference that outlives the first result), and a refused text stays refused.
TEST(Multikey, CachedPublicKeysAreTheSameKey) {
  mk::KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
  std::string text = mk::encode_public_key(key.get());
  {
    auto first = mk::decode_public_key(text);
    ASSERT_TRUE(first.ok());
  }
  auto second = mk::decode_public_key(text);
  auto third = mk::decode_public_key(text);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(second.type, mk::KeyType::P384);
  EXPECT_EQ(EVP_PKEY_eq(second.key.get(), key.get()), 1);
  EXPECT_EQ(EVP_PKEY_eq(third.key.get(), key.get()), 1);
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(mk::decode_public_key("not-multibase").diagnostics.at(0).code, "multikey.multibase");
}

TEST(Multikey, BadInputIsADiagnostic) {
  EXPECT_EQ(mk::decode_public_key("not-multibase").diagnostics.at(0).code, "multikey.multibase");
  // An X25519 key (multicodec 0xec) is not a signing key we support.
  EXPECT_EQ(mk::decode_public_key(mk::multibase_encode(concat({0xec, 0x01}, {}, 34, 7)))
                .diagnostics.at(0)
                .code,
            "multikey.unsupported-codec");
  std::vector<uint8_t> short_key = {0xed, 0x01, 1, 2, 3};
  EXPECT_EQ(mk::decode_public_key(mk::multibase_encode(short_key)).diagnostics.at(0).code,
            "multikey.key-length");
  // x = 2^256 - 1 is not a field element
  auto off_curve = concat({0x80, 0x24, 0x02}, {}, 35, 0xff);
  EXPECT_EQ(mk::decode_public_key(mk::multibase_encode(off_curve)).diagnostics.at(0).code,
            "multikey.invalid-point");
}

TEST(DidKey, ResolvesOfflineToAMultikeyControllerDocument) {
  std::string mb = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
  auto r = mk::resolve_did_key("did:key:" + mb + "#" + mb);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.document["id"], "did:key:" + mb);
  const json& vm = r.document["verificationMethod"][0];
  EXPECT_EQ(vm["id"], "did:key:" + mb + "#" + mb);
  EXPECT_EQ(vm["type"], "Multikey");
  EXPECT_EQ(vm["controller"], "did:key:" + mb);
  EXPECT_EQ(vm["publicKeyMultibase"], mb);
  EXPECT_EQ(r.document["assertionMethod"][0], vm["id"]);

  auto p256 = mk::resolve_did_key("did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP");
  EXPECT_TRUE(p256.ok());

  EXPECT_EQ(mk::resolve_did_key("did:web:example.com").diagnostics.at(0).code, "did.not-did-key");
  EXPECT_EQ(mk::resolve_did_key("did:key:" + mb + "#other").diagnostics.at(0).code,
            "did.invalid-fragment");
  EXPECT_EQ(mk::resolve_did_key("did:key:zzzz").diagnostics.at(0).code,
            "multikey.unsupported-codec");

  mk::KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  std::string vm_id = mk::did_key_verification_method(key.get());
  auto own = mk::resolve_did_key(vm_id);
  ASSERT_TRUE(own.ok());
  auto back = mk::decode_public_key(
      own.document["verificationMethod"][0]["publicKeyMultibase"].get<std::string>());
  EXPECT_EQ(EVP_PKEY_eq(back.key.get(), key.get()), 1);
}

}  // namespace
}  // namespace credgate
