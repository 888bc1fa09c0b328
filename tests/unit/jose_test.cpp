// JOSE building blocks and RFC vectors: base64url strictness, JWK import, the algorithm table,
// RFC 7515 A.1-A.3, RFC 7797 section 4.2, RFC 8037 A.4.
#include <gtest/gtest.h>
#include <openssl/hmac.h>

#include "signing/jose.hpp"
#include "signing/jws.hpp"
#include "signing/keys.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using namespace signing;
using test::data_path;
using test::read_file;

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

Key jwk_file(const std::string& name) {
  std::string why;
  auto key = key_from_jwk(nlohmann::json::parse(read_file(data_path("jose/" + name))), &why);
  EXPECT_TRUE(key) << why;
  return key ? *key : Key();
}

TEST(Base64Url, StrictDecoding) {
  EXPECT_EQ(b64url_decode_strict("SGk"), "Hi");
  EXPECT_EQ(b64url_decode_strict(""), "");
  EXPECT_FALSE(b64url_decode_strict("SGk="));  // padding
  EXPECT_FALSE(b64url_decode_strict("SG k"));  // whitespace
  EXPECT_FALSE(b64url_decode_strict("SGl"));   // non-zero trailing bits
  EXPECT_FALSE(b64url_decode_strict("S"));     // impossible length
  EXPECT_FALSE(b64url_decode_strict("a+b/"));  // standard alphabet
  EXPECT_EQ(b64url_encode("\xfb\xff"), "-_8");
  // The table coder against OpenSSL's standard base64, every tail length, every byte value.
  for (size_t n = 0; n < 70; ++n) {
    std::string bytes;
    for (size_t i = 0; i < n; ++i) bytes += static_cast<char>((i * 37 + n * 11) & 0xFF);
    std::string expected = b64_encode(bytes);
    while (!expected.empty() && expected.back() == '=') expected.pop_back();
    for (auto& c : expected) c = c == '+' ? '-' : c == '/' ? '_' : c;
    EXPECT_EQ(b64url_encode(bytes), expected) << n;
    EXPECT_EQ(b64url_decode_strict(expected), bytes) << n;
    for (size_t i = 0; i < expected.size(); i += 5) {  // a bad character anywhere is refused
      std::string bad = expected;
      bad[i] = i % 2 ? '=' : '.';
      EXPECT_FALSE(b64url_decode_strict(bad)) << n << " " << i;
    }
  }
  EXPECT_EQ(b64_decode_strict("+/8="), "\xfb\xff");
  EXPECT_FALSE(b64_decode_strict("-_8="));
}

TEST(JoseAlgs, TableAndPolicy) {
  for (const char* name :
       {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"})
    EXPECT_NE(find_alg(name), nullptr) << name;
  EXPECT_EQ(find_alg("HS256"), nullptr);
  EXPECT_EQ(find_alg("none"), nullptr);
  EXPECT_TRUE(is_forbidden_alg("none"));
  EXPECT_TRUE(is_forbidden_alg("HS512"));
  Key ec = jwk_file("rfc7515-a3-ec.jwk");
  Key rsa = jwk_file("rfc7515-a2-rsa.jwk");
  EXPECT_EQ(ec.default_alg(), "ES256");
  EXPECT_EQ(rsa.default_alg(), "RS256");
  std::string why;
  EXPECT_FALSE(alg_matches_key(*find_alg("RS256"), ec.pkey(), &why));
  EXPECT_NE(why.find("RSA"), std::string::npos);
  EXPECT_FALSE(alg_matches_key(*find_alg("ES384"), ec.pkey(), &why));
  EXPECT_FALSE(ec.sign("RS256", "x"));
}

TEST(JoseAlgs, EveryAlgorithmRoundTrips) {
  Key rsa = jwk_file("rfc7515-a2-rsa.jwk");
  Key ec = jwk_file("rfc7515-a3-ec.jwk");
  Key ed = jwk_file("rfc8037-a1-ed25519.jwk");
  Key ec384(wrap(EVP_EC_gen("P-384")));
  struct Case {
    const char* alg;
    const Key* key;
  };
  for (Case c : {Case{"RS256", &rsa},
                 {"RS384", &rsa},
                 {"RS512", &rsa},
                 {"PS256", &rsa},
                 {"PS384", &rsa},
                 {"PS512", &rsa},
                 {"ES256", &ec},
                 {"ES384", &ec384},
                 {"EdDSA", &ed}}) {
    std::string error;
    auto sig = c.key->sign(c.alg, "signing input", &error);
    ASSERT_TRUE(sig) << c.alg << ": " << error;
    EXPECT_TRUE(c.key->verify(c.alg, "signing input", *sig)) << c.alg;
    EXPECT_FALSE(c.key->verify(c.alg, "signing inpuT", *sig)) << c.alg;
  }
  auto es = ec.sign("ES256", "x");
  ASSERT_TRUE(es);
  EXPECT_EQ(es->size(), 64u);  // R||S, not DER
}

TEST(Jwk, PublicJwkRoundTrip) {
  for (const char* f : {"rfc7515-a2-rsa.jwk", "rfc7515-a3-ec.jwk", "rfc8037-a1-ed25519.jwk"}) {
    Key k = jwk_file(f);
    auto pub = public_jwk(k.pkey());
    ASSERT_TRUE(pub) << f;
    auto original = nlohmann::json::parse(read_file(data_path(std::string("jose/") + f)));
    for (const char* m : {"n", "e", "x", "y", "crv", "kty"})
      if (original.contains(m)) {
        EXPECT_EQ((*pub)[m], original[m]) << f << " " << m;
      }
    EXPECT_FALSE(pub->contains("d"));
  }
  EXPECT_FALSE(key_from_jwk(nlohmann::json{{"kty", "oct"}, {"k", "AAAA"}}));
  EXPECT_FALSE(
      key_from_jwk(nlohmann::json{{"kty", "EC"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}}));
  // Ed25519: x must belong to d.
  auto bad = nlohmann::json::parse(read_file(data_path("jose/rfc8037-a1-ed25519.jwk")));
  bad["x"] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
  EXPECT_FALSE(key_from_jwk(bad));
}

TEST(RfcVectors, Rfc7515A2Rs256Verifies) {
  VerifyOptions options;
  options.key = jwk_file("rfc7515-a2-rsa.jwk");
  std::string jws = read_file(data_path("jose/rfc7515-a2-rs256.jws"));
  VerifyReport r = verify_jose(jws, options);
  EXPECT_TRUE(r.integrity) << r.to_json().dump(2);
  EXPECT_EQ(r.method, "jws");
  // No certificate: integrity without trust.
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
  // One changed payload byte.
  std::string tampered = jws;
  tampered[30] = tampered[30] == 'A' ? 'B' : 'A';
  VerifyReport t = verify_jose(tampered, options);
  EXPECT_FALSE(t.integrity);
  EXPECT_EQ(t.verdict, Verdict::TotalFailed);
  EXPECT_EQ(t.sub_indication, "SIG_CRYPTO_FAILURE");
}

TEST(RfcVectors, Rfc7515A2SignatureIsReproduced) {
  // RS256 is deterministic: signing the RFC's input with its key gives its signature.
  Key rsa = jwk_file("rfc7515-a2-rsa.jwk");
  std::string jws = trimmed(read_file(data_path("jose/rfc7515-a2-rs256.jws")));
  size_t dot = jws.rfind('.');
  auto sig = rsa.sign("RS256", jws.substr(0, dot));
  ASSERT_TRUE(sig);
  EXPECT_EQ(b64url_encode(*sig), jws.substr(dot + 1));
}

TEST(RfcVectors, Rfc7515A3Es256Verifies) {
  VerifyOptions options;
  options.key = jwk_file("rfc7515-a3-ec.jwk");
  std::string jws = read_file(data_path("jose/rfc7515-a3-es256.jws"));
  EXPECT_TRUE(verify_jose(jws, options).integrity);
  // The RSA key does not fit ES256: refused, not merely unverified.
  options.key = jwk_file("rfc7515-a2-rsa.jwk");
  VerifyReport r = verify_jose(jws, options);
  EXPECT_FALSE(r.integrity);
  const Check* alg = r.find("jws.alg");
  ASSERT_NE(alg, nullptr);
  EXPECT_FALSE(alg->passed);
}

TEST(RfcVectors, Rfc7515A1Hs256IsRefused) {
  VerifyReport r = verify_jose(read_file(data_path("jose/rfc7515-a1-hs256.jws")), {});
  EXPECT_FALSE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  EXPECT_EQ(r.sub_indication, "CRYPTO_CONSTRAINTS_FAILURE");
}

TEST(RfcVectors, Rfc8037A4EdDsa) {
  Key ed = jwk_file("rfc8037-a1-ed25519.jwk");
  std::string jws = trimmed(read_file(data_path("jose/rfc8037-a4-eddsa.jws")));
  size_t dot = jws.rfind('.');
  auto sig = ed.sign("EdDSA", jws.substr(0, dot));  // Ed25519 is deterministic (A.4)
  ASSERT_TRUE(sig);
  EXPECT_EQ(b64url_encode(*sig), jws.substr(dot + 1));
  VerifyOptions options;
  options.key = ed;
  EXPECT_TRUE(verify_jose(jws, options).integrity);  // A.5
}

TEST(RfcVectors, Rfc7797UnencodedPayloadSigningInput) {
  // The example is HS256, which the verifier refuses; the signing input it defines
  // (protected '.' raw payload) is checked with OpenSSL's HMAC and the RFC 7515 A.1 key.
  auto doc = nlohmann::json::parse(read_file(data_path("jose/rfc7797-4.2-hs256.jws.txt")));
  VerifyReport r = verify_jose(doc.dump(), {});
  EXPECT_FALSE(r.integrity);
  const Check* crit = r.find("jws.crit");
  ASSERT_NE(crit, nullptr);
  EXPECT_TRUE(crit->passed) << crit->detail;  // b64 in crit is understood
  auto key = b64url_decode_strict(trimmed(read_file(data_path("jose/rfc7515-a1-hmac-key.b64u"))));
  ASSERT_TRUE(key);
  std::string input = doc["signatures"][0]["protected"].get<std::string>() + "." +
                      doc["payload"].get<std::string>();
  unsigned char mac[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  EXPECT_EQ(b64url_encode(std::string(reinterpret_cast<char*>(mac), len)),
            doc["signatures"][0]["signature"]);
}

TEST(RfcVectors, Rfc7520RsaInEverySerialization) {
  // 4.1 (RS256) in its compact, general JSON and flattened JSON forms (4.1.3), 4.2 (PS384).
  std::string why;
  auto key = key_from_jwk(
      nlohmann::json::parse(read_file(data_path("jose/rfc7520-3.3-rsa-public.jwk"))), &why);
  ASSERT_TRUE(key) << why;
  VerifyOptions options;
  options.key = *key;
  std::string compact = trimmed(read_file(data_path("jose/rfc7520-4.1-rs256.jws")));
  size_t a = compact.find('.'), b = compact.rfind('.');
  nlohmann::json flattened = {{"payload", compact.substr(a + 1, b - a - 1)},
                              {"protected", compact.substr(0, a)},
                              {"signature", compact.substr(b + 1)}};
  nlohmann::json general = {
      {"payload", flattened["payload"]},
      {"signatures",
       {{{"protected", flattened["protected"]}, {"signature", flattened["signature"]}}}}};
  for (const std::string& form : {compact, flattened.dump(), general.dump()}) {
    VerifyReport r = verify_jose(form, options);
    EXPECT_TRUE(r.integrity) << form.substr(0, 40);
    ASSERT_TRUE(r.signer);
    EXPECT_EQ(r.signer->key_id, "bilbo.baggins@hobbiton.example");
  }
  EXPECT_TRUE(verify_jose(read_file(data_path("jose/rfc7520-4.2-ps384.jws")), options).integrity);
  // PS384 verified as PS256 would not be: the header's alg is what the table applies.
  std::string ps = trimmed(read_file(data_path("jose/rfc7520-4.2-ps384.jws")));
  std::string relabelled = b64url_encode(R"({"alg":"PS256"})") + ps.substr(ps.find('.'));
  EXPECT_FALSE(verify_jose(relabelled, options).integrity);
}

TEST(JwsPolicy, AlgNoneAndUnknownCritAndHeaderLimits) {
  Key ec = jwk_file("rfc7515-a3-ec.jwk");
  VerifyOptions options;
  options.key = ec;
  auto make = [&](const nlohmann::json& header, const std::string& payload) {
    std::string input = b64url_encode(header.dump()) + "." + b64url_encode(payload);
    auto sig = ec.sign("ES256", input);
    return input + "." + b64url_encode(sig.value_or(""));
  };
  VerifyReport ok = verify_jose(make({{"alg", "ES256"}}, "{}"), options);
  EXPECT_TRUE(ok.integrity);
  VerifyReport none =
      verify_jose(b64url_encode(R"({"alg":"none"})") + "." + b64url_encode("{}") + ".", options);
  EXPECT_FALSE(none.integrity);
  VerifyReport crit =
      verify_jose(make({{"alg", "ES256"}, {"crit", {"exp"}}, {"exp", 1}}, "{}"), options);
  EXPECT_FALSE(crit.integrity);
  EXPECT_FALSE(crit.find("jws.crit")->passed);
  VerifyReport missing = verify_jose(make({{"alg", "ES256"}, {"crit", {"sigT"}}}, "{}"), options);
  EXPECT_FALSE(missing.integrity);
  VerifyReport b64_no_crit = verify_jose(make({{"alg", "ES256"}, {"b64", true}}, "{}"), options);
  EXPECT_FALSE(b64_no_crit.integrity);
  // Duplicate header member names are malformed input.
  std::string dup_header = R"({"alg":"ES256","alg":"ES256"})";
  std::string input = b64url_encode(dup_header) + "." + b64url_encode("{}");
  VerifyReport dup = verify_jose(input + "." + b64url_encode(*ec.sign("ES256", input)), options);
  EXPECT_TRUE(has_error(dup.diagnostics));
  EXPECT_NE(dup.diagnostics[0].message.find("repeats a member name"), std::string::npos);
  // Also inside a member's object, and on the path nlohmann takes (a number beyond 64 bits).
  for (std::string header : {R"({"alg":"ES256","jwk":{"kty":"EC","kty":"RSA"}})",
                             R"({"alg":"ES256","n":123456789012345678901234567890,"alg":"x"})"}) {
    std::string in = b64url_encode(header) + "." + b64url_encode("{}");
    VerifyReport r = verify_jose(in + "." + b64url_encode(*ec.sign("ES256", in)), options);
    ASSERT_TRUE(has_error(r.diagnostics)) << header;
    EXPECT_NE(r.diagnostics[0].message.find("repeats a member name"), std::string::npos)
        << header << ": " << r.diagnostics[0].message;
  }
  // Size limit on the protected header.
  options.limits.max_header_bytes = 16;
  VerifyReport big =
      verify_jose(make({{"alg", "ES256"}, {"kid", std::string(64, 'k')}}, "{}"), options);
  ASSERT_FALSE(big.diagnostics.empty());
  EXPECT_EQ(big.diagnostics[0].code, "input.too-large");
  // Padding in the signature: not strict base64url.
  std::string padded = make({{"alg", "ES256"}}, "{}") + "=";
  options.limits = {};
  EXPECT_TRUE(has_error(verify_jose(padded, options).diagnostics));
}

TEST(XsdDateTime, Parses) {
  EXPECT_EQ(parse_xsd_datetime("2011-03-22T00:00:00Z"), 1300752000);
  EXPECT_EQ(parse_xsd_datetime("2011-03-22T01:00:00.123+01:00"), 1300752000);
  EXPECT_FALSE(parse_xsd_datetime("2011-03-22"));
  EXPECT_FALSE(parse_iso_utc("2023-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_iso_utc("2023-02-01T00:00:00"));
}

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

// Every single-byte change of a compact JWS (header, payload or signature part) must lose
// integrity: either the text is no longer strict base64url/JSON (malformed) or the signature
// fails. Also guards the parser against crashing on near-valid input.
TEST(JwsPolicy, EveryByteOfACompactJwsMatters) {
  std::string why;
  auto key = signing::key_from_jwk(
      nlohmann::json::parse(test::read_file(test::data_path("jose/rfc7515-a3-ec.jwk"))), &why);
  ASSERT_TRUE(key);
  signing::VerifyOptions options;
  options.key = *key;
  std::string jws = test::read_file(test::data_path("jose/rfc7515-a3-es256.jws"));
  while (!jws.empty() && jws.back() == '\n') jws.pop_back();
  ASSERT_TRUE(signing::verify_jose(jws, options).integrity);
  for (size_t i = 0; i < jws.size(); ++i) {
    for (char replacement : {'A', '_', '.', '='}) {
      if (jws[i] == replacement) continue;
      std::string changed = jws;
      changed[i] = replacement;
      EXPECT_FALSE(signing::verify_jose(changed, options).integrity) << i << " " << replacement;
    }
  }
}

}  // namespace
}  // namespace credgate
