// Sealing and verifying with the test PKI: JAdES B-B shape, trust verdicts (expired, revoked,
// no anchor, --at), tampering, the EC's sealed samples, VC-JWT claims, key files.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>

#include "signing/jose.hpp"
#include "signing/jws.hpp"
#include "signing/keys.hpp"
#include "signing/x509_trust.hpp"
#include "support/test_pki.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using namespace signing;
using json = nlohmann::json;
using test::data_path;
using test::read_file;
using test::test_pki;
using test::TestPki;

std::string credential() {
  return read_file(data_path("edc/Sample-CertOfPart-unsigned.jsonld"));
}

VerifyOptions trusted() {
  VerifyOptions options;
  Diagnostics d;
  options.trust = load_trust(test_pki().path("trust"), d);
  EXPECT_FALSE(has_error(d));
  return options;
}

// A seal with `key` (and `chain` in place of the key's own, when given).
SealResult seal_with(const Key& key, const std::string& method, const std::string& bytes,
                     const std::string& alg = {}, const std::vector<X509Ptr>* chain = nullptr) {
  SealOptions options;
  options.method = method;
  options.key = key;
  options.alg = alg;
  if (chain) options.chain = *chain;
  return seal_jose(bytes, options);
}

std::string seal(const Key& key, const std::string& method, const std::string& bytes,
                 const std::string& alg = {}) {
  SealResult r = seal_with(key, method, bytes, alg);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].to_line());
  return r.output;
}

json protected_header(const json& jws) {
  return json::parse(*b64url_decode_strict(jws["signatures"][0]["protected"].get<std::string>()));
}

TEST(JadesSeal, HeaderShapeFollowsTs119182) {
  std::string out = seal(test_pki().eseal, "jades", credential());
  json jws = json::parse(out);
  EXPECT_EQ(jws["payload"], credential());  // unencoded, exactly the input
  json h = protected_header(jws);
  EXPECT_EQ(h["alg"], "RS256");
  EXPECT_EQ(h["b64"], false);
  EXPECT_EQ(h["crit"], json::array({"b64", "sigT"}));
  EXPECT_EQ(h["typ"], "jose+json");
  EXPECT_EQ(h["cty"], "json");
  ASSERT_EQ(h["x5c"].size(), 2u);
  EXPECT_EQ(h["x5t#S256"],
            b64url_encode(sha256(certificate_der(test_pki().eseal.chain()[0].get()))));
  EXPECT_TRUE(parse_iso_utc(h["sigT"]));
  EXPECT_TRUE(h.contains("kid"));  // IssuerSerial, as the EC's seals carry it
  EXPECT_FALSE(jws["signatures"][0].contains("header"));  // B-B: no unsigned properties
}

// The payload member is escaped straight into the output: the bytes must be what
// nlohmann::json::dump(2) gives for the same JWS (quotes, backslashes, every control
// character, DEL, non-ASCII UTF-8), and the seal must verify.
TEST(JadesSeal, OutputIsNlohmannDumpOfTheJws) {
  std::string text = "{\"a\": \"q\\\" b\\\\ s/ \x7f \u00e9\u20ac\U0001F600";
  for (int c = 0; c < 0x20; ++c) {
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
    text += escaped;
  }
  text += "\",\n\t\"b\": [1, 2.5, null]\r\n}";
  ASSERT_TRUE(json::accept(text));
  std::string out = seal(test_pki().eseal, "jades", text);
  json jws = json::parse(out);
  EXPECT_EQ(jws["payload"], text);
  EXPECT_EQ(out, jws.dump(2) + "\n");
  // The protected header is written directly too: the compact dump of its own parse.
  std::string header = *b64url_decode_strict(jws["signatures"][0]["protected"].get<std::string>());
  EXPECT_EQ(header, json::parse(header).dump());
  EXPECT_EQ(verify_jose(out, trusted()).verdict, Verdict::TotalPassed);
}

TEST(JadesVerify, TrustedESealPasses) {
  std::string out = seal(test_pki().eseal, "jades", credential());
  VerifyReport r = verify_jose(out, trusted());
  EXPECT_TRUE(r.integrity) << r.to_json().dump(2);
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  EXPECT_EQ(r.method, "jades");
  ASSERT_TRUE(r.signer);
  EXPECT_EQ(r.signer->organization_identifier, "VATBE-0123456789");
  EXPECT_EQ(r.signer->country, "BE");
  EXPECT_TRUE(r.signer->qualified_eseal);
  EXPECT_NE(r.signer->subject.find("Example University eSeal"), std::string::npos);
  EXPECT_FALSE(r.signing_time.empty());
}

TEST(JadesVerify, WithoutAnchorsIndeterminate) {
  VerifyReport r = verify_jose(seal(test_pki().eseal, "jades", credential()), {});
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
  EXPECT_EQ(r.sub_indication, "NO_CERTIFICATE_CHAIN_FOUND");
}

TEST(JadesVerify, ChangedPayloadByteFails) {
  json jws = json::parse(seal(test_pki().eseal, "jades", credential()));
  std::string payload = jws["payload"];
  payload[payload.find("Participation")] = 'p';
  jws["payload"] = payload;
  VerifyReport r = verify_jose(jws.dump(), trusted());
  EXPECT_FALSE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  EXPECT_EQ(r.sub_indication, "SIG_CRYPTO_FAILURE");
}

TEST(JadesVerify, ChangedProtectedHeaderFails) {
  json jws = json::parse(seal(test_pki().eseal, "jades", credential()));
  json h = protected_header(jws);
  h["sigT"] = "2001-01-01T00:00:00Z";
  jws["signatures"][0]["protected"] = b64url_encode(h.dump());
  VerifyReport r = verify_jose(jws.dump(), trusted());
  EXPECT_FALSE(r.integrity);
  EXPECT_FALSE(r.find("jws.signature")->passed);
}

TEST(JadesVerify, SwappedCertificateFails) {
  const TestPki& pki = test_pki();
  json jws = json::parse(seal(pki.eseal, "jades", credential()));
  json h = protected_header(jws);
  // Another certificate in x5c, x5t#S256 left as it was: mismatch and wrong key.
  h["x5c"][0] = b64_encode(certificate_der(pki.revoked.chain()[0].get()));
  std::string protected_b64 = b64url_encode(h.dump());
  jws["signatures"][0]["protected"] = protected_b64;
  jws["signatures"][0]["signature"] = b64url_encode(
      *pki.eseal.sign("RS256", protected_b64 + "." + jws["payload"].get<std::string>()));
  VerifyReport r = verify_jose(jws.dump(), trusted());
  EXPECT_FALSE(r.integrity);
  EXPECT_FALSE(r.find("jws.x5t#S256")->passed);
  EXPECT_FALSE(r.find("jws.signature")->passed);
  // And a seal refuses a certificate that is not the key's.
  SealOptions options;
  options.method = "jades";
  options.key = pki.eseal;
  options.chain = pki.revoked.chain();
  SealResult refused = seal_jose(credential(), options);
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(refused.diagnostics.at(0).code, "input.certificate");
}

// The certificate/key check is remembered for the last pair that matched: a different pair
// right after it is still checked, both ways, and the first pair is accepted again.
TEST(JadesSeal, CertificateMustBeTheKeysAfterAMatchingSeal) {
  const TestPki& pki = test_pki();
  auto jades = [&](const Key& key, const std::vector<X509Ptr>& chain) {
    return seal_with(key, "jades", credential(), {}, &chain);
  };
  for (int round = 0; round < 2; ++round) {
    EXPECT_TRUE(jades(pki.eseal, pki.eseal.chain()).ok());
    SealResult other_cert = jades(pki.eseal, pki.revoked.chain());
    ASSERT_FALSE(other_cert.ok());
    EXPECT_EQ(other_cert.diagnostics.at(0).code, "input.certificate");
    SealResult other_key = jades(pki.revoked, pki.eseal.chain());
    ASSERT_FALSE(other_key.ok());
    EXPECT_EQ(other_key.diagnostics.at(0).code, "input.certificate");
    EXPECT_TRUE(jades(pki.revoked, pki.revoked.chain()).ok());
  }
}

TEST(JadesVerify, ExpiredSignerWithoutTimestampIsOutOfBounds) {
  VerifyReport r = verify_jose(seal(test_pki().expired, "jades", credential()), trusted());
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
  EXPECT_EQ(r.sub_indication, "OUT_OF_BOUNDS_NO_POE");
}

TEST(JadesVerify, AtTimeInsideValidityPasses) {
  VerifyOptions options = trusted();
  options.at = std::time(nullptr) - 200 * 24 * 3600;
  VerifyReport r = verify_jose(seal(test_pki().expired, "jades", credential()), options);
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
}

TEST(JadesVerify, RevokedSignerIsIndeterminate) {
  VerifyReport r = verify_jose(seal(test_pki().revoked, "jades", credential()), trusted());
  EXPECT_TRUE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);
  EXPECT_EQ(r.sub_indication, "REVOKED_NO_POE");
}

TEST(JadesVerify, TimestampHooks) {
  // B-T hook at sealing, and a timestamp verifier proving a time inside the expired
  // certificate's validity: the proven time becomes the validation time.
  const TestPki& pki = test_pki();
  SealOptions options;
  options.method = "jades";
  options.key = pki.expired;
  std::string seen_signature;
  options.timestamper = [&](std::string_view signature_b64, Diagnostics&) -> std::optional<json> {
    seen_signature = signature_b64;
    return json{{"sigTst", {{"tstTokens", {{{"val", b64_encode("token")}}}}}}};
  };
  SealResult sealed = seal_jose(credential(), options);
  ASSERT_TRUE(sealed.ok());
  json jws = json::parse(sealed.output);
  EXPECT_EQ(sealed.output, jws.dump(2) + "\n");  // with the unsigned header, as dump(2) too
  EXPECT_EQ(seen_signature, jws["signatures"][0]["signature"]);
  ASSERT_TRUE(jws["signatures"][0]["header"]["etsiU"].is_array());

  VerifyOptions verify = trusted();
  std::string proven = iso_time(std::time(nullptr) - 100 * 24 * 3600);
  std::string imprint;
  verify.timestamps = [&](const std::string& type, std::string_view token, std::string_view input) {
    EXPECT_EQ(type, "sigTst");
    EXPECT_EQ(token, "token");
    imprint = input;
    return TimestampCheck{true, proven, "Test TSA", "stub"};
  };
  VerifyReport r = verify_jose(sealed.output, verify);
  EXPECT_EQ(imprint, seen_signature);
  EXPECT_EQ(r.signing_time, proven);
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  ASSERT_EQ(r.timestamps.size(), 1u);
  EXPECT_TRUE(r.timestamps[0].valid);
  // A failing timestamp fails the seal.
  verify.timestamps = [&](const std::string&, std::string_view, std::string_view) {
    return TimestampCheck{false, "", "", "imprint mismatch"};
  };
  EXPECT_EQ(verify_jose(sealed.output, verify).verdict, Verdict::TotalFailed);
}

class EcSample : public ::testing::TestWithParam<std::string> {};

TEST_P(EcSample, IntegrityAndTamper) {
  std::string bytes = read_file(data_path(GetParam()));
  VerifyReport r = verify_jose(bytes, {});
  EXPECT_TRUE(r.integrity) << r.to_json().dump(2);
  EXPECT_EQ(r.method, "jades");
  ASSERT_TRUE(r.signer);
  EXPECT_TRUE(r.signer->qualified_eseal);
  EXPECT_FALSE(r.signer->organization_identifier.empty());
  EXPECT_GE(r.timestamps.size(), 2u);  // sigTst and arcTst at least
  for (const auto& t : r.timestamps) EXPECT_FALSE(t.time.empty()) << t.type;
  EXPECT_TRUE(r.find("jades.sigT")->passed);
  EXPECT_TRUE(r.find("jws.x5t#S256")->passed);
  EXPECT_TRUE(r.find("jws.crit")->passed);
  json doc = json::parse(bytes);
  std::string payload = doc["payload"];
  size_t at = payload.find("\"type\"");
  ASSERT_NE(at, std::string::npos);
  payload[at + 1] = 'T';
  doc["payload"] = payload;
  VerifyReport t = verify_jose(doc.dump(), {});
  EXPECT_FALSE(t.integrity);
  EXPECT_EQ(t.verdict, Verdict::TotalFailed);
}

INSTANTIATE_TEST_SUITE_P(Samples, EcSample,
                         ::testing::Values("jades/json_to_seal-signed-jades-baseline-lta.jades",
                                           "jades/json_sealed_advanced.jades",
                                           "edc/edc-software/credential-signed.jades.jsonld"));

// The algorithm/key check is remembered for the last pair that passed (jws.cpp): another
// algorithm with that key, or that algorithm with another key, is still checked.
TEST(JwsSeal, AlgorithmMustSuitTheKeyAfterAMatchingSeal) {
  const TestPki& pki = test_pki();
  auto jws = [&](const Key& key, const std::string& alg) {
    return seal_with(key, "jws", credential(), alg);
  };
  for (int round = 0; round < 2; ++round) {
    EXPECT_TRUE(jws(pki.ec, "ES256").ok());
    for (const char* alg : {"ES384", "RS256", "EdDSA"}) {
      SealResult other_alg = jws(pki.ec, alg);
      ASSERT_FALSE(other_alg.ok()) << alg;
      EXPECT_EQ(other_alg.diagnostics.at(0).code, "usage.alg") << alg;
    }
    EXPECT_TRUE(jws(pki.ec, "ES256").ok());
    SealResult other_key = jws(pki.eseal, "ES256");
    ASSERT_FALSE(other_key.ok());
    EXPECT_EQ(other_key.diagnostics.at(0).code, "usage.alg");
  }
}

TEST(JwsSeal, EcAndEd25519WithCertificates) {
  for (const Key* key : {&test_pki().ec, &test_pki().ed}) {
    std::string out = seal(*key, "jws", credential());
    VerifyReport r = verify_jose(out, trusted());
    EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
    // A compact JWS whose payload is a credential is a VC-JOSE token, as detection says.
    EXPECT_EQ(r.method, "vc-jwt");
  }
  VerifyReport plain = verify_jose(seal(test_pki().ec, "jws", R"({"hello":"world"})"), trusted());
  EXPECT_EQ(plain.method, "jws");
  EXPECT_EQ(plain.verdict, Verdict::TotalPassed);
  // PS256 with the RSA eSeal key.
  VerifyReport ps = verify_jose(seal(test_pki().eseal, "jws", credential(), "PS256"), trusted());
  EXPECT_EQ(ps.verdict, Verdict::TotalPassed);
}

TEST(VcJwt, Vc11ClaimsMatchCredential) {
  json vc = json::parse(read_file(data_path("ob3/basicOpenBadgeCredential.json")));
  vc["@context"][0] = "https://www.w3.org/2018/credentials/v1";
  vc["issuanceDate"] = vc["validFrom"];
  vc.erase("validFrom");
  vc["expirationDate"] = "2100-01-01T00:00:00Z";
  std::string out = seal(test_pki().ec, "vc-jwt", vc.dump());
  std::string token = out.substr(0, out.size() - 1);
  json header = json::parse(*b64url_decode_strict(token.substr(0, token.find('.'))));
  EXPECT_EQ(header["typ"], "JWT");
  EXPECT_TRUE(header.contains("x5c"));
  size_t a = token.find('.'), b = token.rfind('.');
  json claims = json::parse(*b64url_decode_strict(token.substr(a + 1, b - a - 1)));
  EXPECT_EQ(claims["iss"], vc["issuer"]["id"]);
  EXPECT_EQ(claims["sub"], vc["credentialSubject"]["id"]);
  EXPECT_EQ(claims["jti"], vc["id"]);
  EXPECT_EQ(claims["nbf"], 1262304000);
  EXPECT_EQ(claims["exp"], 4102444800);
  EXPECT_EQ(claims["vc"], vc);
  VerifyReport r = verify_jose(out, trusted());
  EXPECT_EQ(r.method, "vc-jwt");
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  EXPECT_TRUE(r.find("vc-jwt.claims")->passed);

  // iss that disagrees with the credential's issuer, correctly signed: claims check fails.
  claims["iss"] = "https://evil.example/";
  std::string input = token.substr(0, a) + "." + b64url_encode(claims.dump());
  std::string forged = input + "." + b64url_encode(*test_pki().ec.sign("ES256", input));
  VerifyReport f = verify_jose(forged, trusted());
  EXPECT_TRUE(f.find("jws.signature")->passed);
  EXPECT_FALSE(f.find("vc-jwt.claims")->passed);
  EXPECT_EQ(f.verdict, Verdict::TotalFailed);
}

TEST(VcJwt, Vc2IsVcJose) {
  std::string vc = read_file(data_path("ob3/basicOpenBadgeCredential.json"));
  SealOptions options;
  options.method = "vc-jwt";
  options.key = Key(test_pki().ed);
  options.key.set_chain({});  // no certificate: the public JWK goes into the header
  SealResult r = seal_jose(vc, options);
  ASSERT_TRUE(r.ok());
  std::string token = r.output.substr(0, r.output.size() - 1);
  json header = json::parse(*b64url_decode_strict(token.substr(0, token.find('.'))));
  EXPECT_EQ(header["typ"], "vc+jwt");
  EXPECT_EQ(header["alg"], "EdDSA");
  EXPECT_EQ(header["jwk"]["kty"], "OKP");
  VerifyReport v = verify_jose(r.output, {});
  EXPECT_TRUE(v.integrity);
  EXPECT_EQ(v.method, "vc-jwt");
  EXPECT_EQ(v.verdict, Verdict::Indeterminate);  // a bare key is not an identity
}

// The compact forms' protected header is written directly (jws.cpp): for every way of naming
// the key and every typ/cty, it is the compact dump of its own parse, with the members a
// json object would hold.
TEST(JwsSeal, CompactHeaderIsNlohmannDumpOfItsParse) {
  const TestPki& pki = test_pki();
  std::string vc11 = read_file(data_path("ob3/basicOpenBadgeCredential.json"));
  json v = json::parse(vc11);
  v["@context"][0] = "https://www.w3.org/2018/credentials/v1";
  v["issuanceDate"] = v["validFrom"];
  struct Case {
    const char* method;
    std::string credential;
    const char* name;  // how the key is named: x5c, kid, jwk or none
    json expected;     // the header's members besides the key's name
  };
  const Case cases[] = {
      {"jws", credential(), "x5c", {{"alg", "ES256"}}},
      {"jws", credential(), "kid", {{"alg", "ES256"}}},
      {"jws", credential(), "jwk", {{"alg", "ES256"}}},
      {"vc-jwt", vc11, "x5c", {{"alg", "ES256"}, {"typ", "vc+jwt"}, {"cty", "vc"}}},
      {"vc-jwt", vc11, "kid", {{"alg", "ES256"}, {"typ", "vc+jwt"}, {"cty", "vc"}}},
      {"vc-jwt", v.dump(), "jwk", {{"alg", "ES256"}, {"typ", "JWT"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.name);
    SealOptions options;
    options.method = c.method;
    options.key = Key(pki.ec);
    if (std::string(c.name) != "x5c") options.key.set_chain({});
    if (std::string(c.name) == "kid") options.key.kid = "did:example:\"issuer\"#key-1 \u00e9";
    SealResult r = seal_jose(c.credential, options);
    ASSERT_TRUE(r.ok()) << r.diagnostics.at(0).to_line();
    std::string text = *b64url_decode_strict(r.output.substr(0, r.output.find('.')));
    json header = json::parse(text);
    EXPECT_EQ(text, header.dump());
    json expected = c.expected;
    if (std::string(c.name) == "x5c") {
      ASSERT_TRUE(header.contains("x5c"));
      EXPECT_EQ(header["x5c"].size(), pki.ec.chain().size());
      expected["x5c"] = header["x5c"];
    } else if (std::string(c.name) == "kid") {
      expected["kid"] = options.key.kid;
    } else {
      ASSERT_TRUE(header.contains("jwk"));
      EXPECT_EQ(header["jwk"]["kty"], "EC");
      expected["jwk"] = header["jwk"];
    }
    EXPECT_EQ(header, expected);
  }
  // OB 2.0 names its key by verification.creator: the header holds alg alone.
  json assertion = {{"verification", {{"type", "SignedBadge"}, {"creator", "https://x/k"}}}};
  std::string ob2 = seal(pki.eseal, "ob2-jws", assertion.dump(), "RS256");
  std::string text = *b64url_decode_strict(ob2.substr(0, ob2.find('.')));
  EXPECT_EQ(text, R"({"alg":"RS256"})");
}

TEST(Keys, FilesAndPasswords) {
  const TestPki& pki = test_pki();
  KeyLoad p12 = load_key(pki.path("eseal.p12"), "secret");
  ASSERT_FALSE(has_error(p12.diagnostics)) << p12.diagnostics[0].to_line();
  EXPECT_TRUE(same_public_key(p12.key.pkey(), pki.eseal.pkey()));
  EXPECT_EQ(p12.key.chain().size(), 2u);
  KeyLoad wrong = load_key(pki.path("eseal.p12"), "nope");
  EXPECT_TRUE(has_error(wrong.diagnostics));
  KeyLoad enc = load_key(pki.path("eseal.enc.key.pem"), "secret");
  EXPECT_FALSE(has_error(enc.diagnostics));
  EXPECT_TRUE(has_error(load_key(pki.path("eseal.enc.key.pem"), "").diagnostics));
  KeyLoad pem = load_key(pki.path("ed.key.pem"));
  EXPECT_EQ(pem.key.default_alg(), "EdDSA");
  KeyLoad missing = load_key(pki.path("no-such-key.pem"));
  ASSERT_TRUE(has_error(missing.diagnostics));
  EXPECT_EQ(missing.diagnostics[0].code, "io.read");
}

TEST(Trust, SignerInfoOfTheEcSample) {
  json doc = json::parse(read_file(data_path("edc/edc-software/credential-signed.jades.jsonld")));
  json h = json::parse(*b64url_decode_strict(doc["signatures"][0]["protected"].get<std::string>()));
  auto cert = parse_der_certificate(*b64_decode_strict(h["x5c"][0].get<std::string>()));
  ASSERT_TRUE(cert);
  SignerInfo s = signer_info(cert->get());
  EXPECT_TRUE(s.qualified_eseal);
  EXPECT_FALSE(s.country.empty());
  EXPECT_FALSE(s.not_after.empty());
}

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

using namespace signing;
using json = nlohmann::json;

json ob2_assertion() {
  return json{{"@context", "https://w3id.org/openbadges/v2"},
              {"type", "Assertion"},
              {"id", "urn:uuid:a953081a-4bbd-4927-9653-7219bca00e3b"},
              {"recipient", {{"type", "email"}, {"hashed", false}, {"identity", "a@example.org"}}},
              {"issuedOn", "2016-12-31T23:59:59Z"},
              {"badge", "https://example.org/robotics-badge.json"},
              {"verification",
               {{"type", "SignedBadge"}, {"creator", "https://example.org/publicKey.json"}}}};
}

TEST(Ob2Jws, SealAndVerifyWithTheCreatorKey) {
  const test::TestPki& pki = test::test_pki();
  SealOptions options;
  options.method = "ob2-jws";
  options.key = pki.eseal;
  SealResult sealed = seal_jose(ob2_assertion().dump(2), options);
  ASSERT_TRUE(sealed.ok());
  std::string token = sealed.output.substr(0, sealed.output.size() - 1);
  EXPECT_EQ(json::parse(*b64url_decode_strict(token.substr(0, token.find('.')))),
            json({{"alg", "RS256"}}));

  // No key: the creator's key is not fetched.
  VerifyReport none = verify_jose(sealed.output, {});
  EXPECT_EQ(none.method, "ob2-jws");
  EXPECT_FALSE(none.integrity);
  bool creator_noted = false;
  for (const auto& c : none.checks) creator_noted |= c.id == "ob2.creator";
  EXPECT_TRUE(creator_noted);

  // The CryptographicKey document (publicKeyPem) as the verifier's key.
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, pki.eseal.pkey());
  char* pem = nullptr;
  long len = BIO_get_mem_data(bio, &pem);
  json crypto_key = {{"type", "CryptographicKey"}, {"publicKeyPem", std::string(pem, len)}};
  BIO_free(bio);
  KeyLoad loaded = load_public_key_bytes(crypto_key.dump(), "publicKey.json");
  ASSERT_FALSE(has_error(loaded.diagnostics));
  VerifyOptions verify;
  verify.key = loaded.key;
  VerifyReport r = verify_jose(sealed.output, verify);
  EXPECT_TRUE(r.integrity) << r.to_json().dump(2);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);  // a bare key

  // The signer's certificate as the key: trust is evaluated on it.
  Diagnostics d;
  verify.trust = load_trust(pki.path("trust"), d);
  verify.key =
      Key(pki.eseal.chain()[0] ? wrap(X509_get_pubkey(pki.eseal.chain()[0].get())) : nullptr,
          {pki.eseal.chain()});
  VerifyReport trusted = verify_jose(sealed.output, verify);
  EXPECT_EQ(trusted.verdict, Verdict::TotalPassed) << trusted.to_json().dump(2);

  // A changed byte of the assertion.
  std::string tampered = token;
  tampered[token.find('.') + 10] ^= 1;
  EXPECT_FALSE(verify_jose(tampered, verify).integrity);

  // Refusals: not RS256, no SignedBadge verification.
  options.alg = "PS256";
  EXPECT_FALSE(seal_jose(ob2_assertion().dump(), options).ok());
  options.alg.clear();
  json hosted = ob2_assertion();
  hosted["verification"] = {{"type", "HostedBadge"}};
  EXPECT_FALSE(seal_jose(hosted.dump(), options).ok());
}

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

using namespace signing;
using json = nlohmann::json;

// The EC's sealed credential against its own root (the self-signed ANF Global Root CA among
// its xVals) at a given --at: TOTAL-PASSED at the signing time, OUT_OF_BOUNDS_NO_POE in 2025
// (the ANF test certificate expired in 2023; --at overrides the time the sigTst proves).
TEST(EcSampleTrust, ChainsToAnfRootAtSigningTime) {
  std::string bytes =
      test::read_file(test::data_path("edc/edc-software/credential-signed.jades.jsonld"));
  json doc = json::parse(bytes);
  VerifyOptions options;
  for (const auto& entry : doc["signatures"][0]["header"]["etsiU"]) {
    json e = json::parse(*b64url_decode_strict(entry.get<std::string>()));
    if (!e.contains("xVals")) continue;
    for (const auto& x : e["xVals"]) {
      auto cert =
          parse_der_certificate(*b64_decode_strict(x["x509Cert"]["val"].get<std::string>()));
      ASSERT_TRUE(cert);
      if (X509_check_issued(cert->get(), cert->get()) == X509_V_OK &&
          signer_info(cert->get()).subject.find("ANF Global Root CA") != std::string::npos)
        options.trust.anchors.push_back(*cert);
    }
  }
  ASSERT_EQ(options.trust.anchors.size(), 1u);
  options.at = parse_iso_utc("2022-12-21T18:50:21Z");
  VerifyReport then = verify_jose(bytes, options);
  EXPECT_EQ(then.verdict, Verdict::TotalPassed) << then.to_json().dump(2);
  options.at = parse_iso_utc("2025-06-01T00:00:00Z");
  VerifyReport later = verify_jose(bytes, options);
  EXPECT_EQ(later.verdict, Verdict::Indeterminate);
  EXPECT_EQ(later.sub_indication, "OUT_OF_BOUNDS_NO_POE");
}

}  // namespace
}  // namespace credgate

namespace credgate {
namespace {

using namespace signing;
using json = nlohmann::json;

// A general JWS JSON with two signatures: every one is checked, one bad one fails the file.
TEST(JwsJson, EverySignatureOfAGeneralJwsCounts) {
  const test::TestPki& pki = test::test_pki();
  std::string payload = b64url_encode(R"({"hello":"world"})");
  auto signature = [&](const Key& key, const std::string& alg) {
    json header = {{"alg", alg}, {"x5c", json::array()}};
    for (const auto& c : key.chain()) header["x5c"].push_back(b64_encode(certificate_der(c.get())));
    std::string protected_b64 = b64url_encode(header.dump());
    return json{{"protected", protected_b64},
                {"signature", b64url_encode(*key.sign(alg, protected_b64 + "." + payload))}};
  };
  json jws = {{"payload", payload},
              {"signatures", {signature(pki.eseal, "RS256"), signature(pki.ec, "ES256")}}};
  Diagnostics d;
  VerifyOptions options;
  options.trust = load_trust(pki.path("trust"), d);
  VerifyReport both = verify_jose(jws.dump(), options);
  EXPECT_EQ(both.verdict, Verdict::TotalPassed) << both.to_json().dump(2);
  size_t signature_checks = 0;
  for (const auto& c : both.checks) signature_checks += c.id == "jws.signature";
  EXPECT_EQ(signature_checks, 2u);
  jws["signatures"][1]["signature"] = jws["signatures"][0]["signature"];
  EXPECT_EQ(verify_jose(jws.dump(), options).verdict, Verdict::TotalFailed);
}

}  // namespace
}  // namespace credgate

// Baseline B-T with the loopback test TSA: sigTst made at sealing, every timestamp verified
// (signature, EKU, imprint over the base64url signature value) and its TSA checked against
// the anchors at its genTime; a trusted sigTst's genTime is the proven signing time.
#include "gateway/seal_command.hpp"
#include "signing/timestamp.hpp"
#include "support/test_tsa.hpp"

namespace credgate {
namespace {

using namespace signing;
using json = nlohmann::json;

std::string seal_bt(const Key& key, const std::string& url) {
  SealOptions options;
  options.method = "jades";
  options.key = key;
  options.timestamper = tsa_timestamper(url);
  SealResult r =
      seal_jose(test::read_file(test::data_path("edc/Sample-CertOfPart-unsigned.jsonld")), options);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].to_line());
  return r.output;
}

VerifyOptions anchors(X509* tsa_certificate) {
  VerifyOptions options;
  Diagnostics d;
  options.trust = load_trust(test::test_pki().path("trust"), d);
  EXPECT_FALSE(has_error(d));
  if (tsa_certificate) {
    X509_up_ref(tsa_certificate);
    options.trust.anchors.push_back(wrap(tsa_certificate));
  }
  return options;
}

// The etsiU sigTst entry of a B-T seal, decoded; and the JWS with it replaced.
json sig_tst_of(const json& jws) {
  return json::parse(
      *b64url_decode_strict(jws["signatures"][0]["header"]["etsiU"][0].get<std::string>()));
}
std::string with_sig_tst(json jws, const json& entry) {
  jws["signatures"][0]["header"]["etsiU"][0] = b64url_encode(entry.dump());
  return jws.dump();
}

TEST(JadesBT, SealWithTestTsaVerifiesAndProvesTheTime) {
  test::TestTsa tsa;
  ASSERT_TRUE(tsa.running());
  std::string sealed = seal_bt(test::test_pki().eseal, tsa.url());
  json jws = json::parse(sealed);
  json entry = sig_tst_of(jws);
  ASSERT_TRUE(entry.contains("sigTst"));
  ASSERT_TRUE(entry["sigTst"]["tstTokens"][0]["val"].is_string());
  EXPECT_EQ(tsa.requests(), 1);

  VerifyReport r = verify_jose(sealed, anchors(tsa.certificate()));
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  ASSERT_EQ(r.timestamps.size(), 1u);
  EXPECT_EQ(r.timestamps[0].type, "sigTst");
  EXPECT_TRUE(r.timestamps[0].valid);
  EXPECT_NE(r.timestamps[0].tsa.find("credgate test TSA"), std::string::npos);
  EXPECT_EQ(r.signing_time, r.timestamps[0].time);
  EXPECT_TRUE(r.find("jades.sigTst")->passed);
  EXPECT_TRUE(r.find("jades.sigTst.tsa")->passed);

  // The TSA not among the anchors: the token verifies but proves nothing; the signer is still
  // trusted now, so the seal passes with the claimed sigT as its time.
  VerifyReport untrusted = verify_jose(sealed, anchors(nullptr));
  EXPECT_EQ(untrusted.verdict, Verdict::TotalPassed) << untrusted.to_json().dump(2);
  ASSERT_EQ(untrusted.timestamps.size(), 1u);
  EXPECT_FALSE(untrusted.timestamps[0].valid);
  EXPECT_FALSE(untrusted.find("jades.sigTst.tsa")->passed);
}

TEST(JadesBT, ExpiredSignerWithTimestampBeforeExpiryPasses) {
  test::TestTsa tsa;
  std::time_t then = std::time(nullptr) - 100 * 24 * 3600;  // the signer expired 30 days ago
  tsa.set_time(then);
  std::string sealed = seal_bt(test::test_pki().expired, tsa.url());
  VerifyReport r = verify_jose(sealed, anchors(tsa.certificate()));
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  EXPECT_EQ(r.signing_time, iso_time(then));
  ASSERT_EQ(r.timestamps.size(), 1u);
  EXPECT_TRUE(r.timestamps[0].valid);
  EXPECT_EQ(r.timestamps[0].time, iso_time(then));
  // Without the TSA as an anchor the time is not proven: as if there were no timestamp.
  VerifyReport unproven = verify_jose(sealed, anchors(nullptr));
  EXPECT_EQ(unproven.verdict, Verdict::Indeterminate);
  EXPECT_EQ(unproven.sub_indication, "OUT_OF_BOUNDS_NO_POE");
  // A timestamp made after the expiry proves nothing useful either.
  tsa.set_time(0);
  VerifyReport late =
      verify_jose(seal_bt(test::test_pki().expired, tsa.url()), anchors(tsa.certificate()));
  EXPECT_TRUE(late.integrity);
  EXPECT_EQ(late.verdict, Verdict::Indeterminate);
  EXPECT_EQ(late.sub_indication, "OUT_OF_BOUNDS_NO_POE");
}

TEST(JadesBT, ChangedTokenOrSignatureFails) {
  test::TestTsa tsa;
  std::string sealed = seal_bt(test::test_pki().eseal, tsa.url());
  json jws = json::parse(sealed);
  json entry = sig_tst_of(jws);
  std::string der = *b64_decode_strict(entry["sigTst"]["tstTokens"][0]["val"].get<std::string>());
  // One byte of the token, at several places (the CMS signature, the TSTInfo, the end).
  for (size_t at : {der.size() / 3, der.size() / 2, der.size() - 5}) {
    std::string bad = der;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    json changed = entry;
    changed["sigTst"]["tstTokens"][0]["val"] = b64_encode(bad);
    VerifyReport r = verify_jose(with_sig_tst(jws, changed), anchors(tsa.certificate()));
    EXPECT_EQ(r.verdict, Verdict::TotalFailed) << "byte " << at << r.to_json().dump(2);
    for (const auto& t : r.timestamps) EXPECT_FALSE(t.valid) << "byte " << at;
  }
  // One byte of the signature: the signature and the sigTst imprint both fail.
  json bad_sig = jws;
  std::string signature = bad_sig["signatures"][0]["signature"];
  signature[10] = signature[10] == 'A' ? 'B' : 'A';
  bad_sig["signatures"][0]["signature"] = signature;
  VerifyReport r = verify_jose(bad_sig.dump(), anchors(tsa.certificate()));
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  EXPECT_FALSE(r.find("jws.signature")->passed);
  EXPECT_FALSE(r.find("jades.sigTst")->passed);
}

TEST(JadesBT, TimestampOverOtherDataFails) {
  test::TestTsa tsa;
  std::string sealed = seal_bt(test::test_pki().eseal, tsa.url());
  json jws = json::parse(sealed);
  timestamp::RequestOptions request;
  request.url = tsa.url();
  // A genuine token of the same TSA, over other bytes: the raw signature octets.
  std::string raw = *b64url_decode_strict(jws["signatures"][0]["signature"].get<std::string>());
  timestamp::TokenResult other = timestamp::request_timestamp(raw, request);
  ASSERT_TRUE(other.ok());
  json entry = {
      {"sigTst",
       {{"tstTokens", json::array({{{"val", b64_encode(std::string(other.token.begin(),
                                                                   other.token.end()))}}})}}}};
  VerifyReport r = verify_jose(with_sig_tst(jws, entry), anchors(tsa.certificate()));
  EXPECT_EQ(r.verdict, Verdict::TotalFailed) << r.to_json().dump(2);
  EXPECT_TRUE(r.find("jws.signature")->passed);  // the signature itself is fine
  EXPECT_FALSE(r.find("jades.sigTst")->passed);
  EXPECT_NE(r.find("jades.sigTst")->detail.find("tst.imprint"), std::string::npos);
}

TEST(JadesBT, TsaUrlPolicy) {
  EXPECT_FALSE(timestamp::check_tsa_url("https://tsa.example.org/"));
  EXPECT_FALSE(timestamp::check_tsa_url("http://127.0.0.1:8080/tsa"));
  EXPECT_FALSE(timestamp::check_tsa_url("http://localhost/tsa"));
  EXPECT_TRUE(timestamp::check_tsa_url("http://tsa.example.org/"));
  EXPECT_TRUE(timestamp::check_tsa_url("ftp://tsa.example.org/"));
  EXPECT_TRUE(timestamp::check_tsa_url("not a url"));
  timestamp::RequestOptions request;
  request.url = "http://tsa.example.org/";
  auto refused = timestamp::request_timestamp("x", request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.diagnostics.at(0).code, "timestamp.url");
}

// The self-signed certificates among a sealed sample's xVals (its roots and, for one, a
// self-signed TSA).
std::vector<X509Ptr> xvals_roots(const json& doc) {
  std::vector<X509Ptr> roots;
  for (const auto& element : doc["signatures"][0]["header"]["etsiU"]) {
    json e = json::parse(*b64url_decode_strict(element.get<std::string>()));
    if (!e.contains("xVals")) continue;
    for (const auto& x : e["xVals"]) {
      auto cert =
          parse_der_certificate(*b64_decode_strict(x["x509Cert"]["val"].get<std::string>()));
      EXPECT_TRUE(cert);
      if (cert &&
          X509_NAME_cmp(X509_get_subject_name(cert->get()), X509_get_issuer_name(cert->get())) == 0)
        roots.push_back(*cert);
    }
  }
  return roots;
}

// The EC's sealed samples with the self-signed certificates of the samples' xVals as anchors
// (ANF Global Root CA, the DSS test PKI's Nowina root-ca and self-signed-tsa; one sample does
// not carry its TSA's root, another sample does) and no --at: every timestamp verifies and is
// valid, the sigTst proves the signing time, and the ANF-rooted signer chain (expired since
// 2023) validates at that proven time.
class EcSampleProvenTime : public ::testing::TestWithParam<std::string> {};

TEST_P(EcSampleProvenTime, PassesAtTheSigTstTime) {
  std::string bytes = test::read_file(test::data_path(GetParam()));
  VerifyOptions options;
  for (const char* sample : {"jades/json_to_seal-signed-jades-baseline-lta.jades",
                             "edc/edc-software/credential-signed.jades.jsonld"})
    for (auto& root : xvals_roots(json::parse(test::read_file(test::data_path(sample)))))
      options.trust.anchors.push_back(root);
  ASSERT_EQ(options.trust.anchors.size(), 4u);  // ANF twice, root-ca, self-signed-tsa
  VerifyReport r = verify_jose(bytes, options);
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  std::string sig_tst_time;
  ASSERT_GE(r.timestamps.size(), 2u);
  for (const auto& t : r.timestamps) {
    EXPECT_TRUE(t.valid) << t.type;
    if (t.type == "sigTst") sig_tst_time = t.time;
  }
  EXPECT_FALSE(sig_tst_time.empty());
  EXPECT_EQ(r.signing_time, sig_tst_time);
  for (const char* id : {"jades.sigTst", "jades.arcTst", "jades.sigTst.tsa"})
    EXPECT_TRUE(r.find(id) && r.find(id)->passed) << id;
}

INSTANTIATE_TEST_SUITE_P(Samples, EcSampleProvenTime,
                         ::testing::Values("jades/json_to_seal-signed-jades-baseline-lta.jades",
                                           "jades/json_sealed_advanced.jades",
                                           "edc/edc-software/credential-signed.jades.jsonld"));

// The LTA sealed EDC: 2022-12-21 (sigTst), the three timestamps (Nowina test TSA) valid; with
// the ANF root alone the TSA is not trusted, nothing proves the time and the expired chain is
// INDETERMINATE; a changed token byte, or an earlier etsiU element re-encoded, fails.
TEST(EcSampleTimestamps, LtaSampleTimesAndTampering) {
  std::string bytes =
      test::read_file(test::data_path("edc/edc-software/credential-signed.jades.jsonld"));
  json doc = json::parse(bytes);
  VerifyOptions options;
  options.trust.anchors = xvals_roots(doc);
  VerifyReport r = verify_jose(bytes, options);
  EXPECT_EQ(r.verdict, Verdict::TotalPassed) << r.to_json().dump(2);
  ASSERT_EQ(r.timestamps.size(), 3u);
  EXPECT_EQ(r.signing_time, "2022-12-21T18:50:35Z");
  for (const char* id : {"jades.sigTst", "jades.adoTst", "jades.arcTst"})
    EXPECT_TRUE(r.find(id) && r.find(id)->passed) << id;

  VerifyOptions anf_only;
  for (const auto& a : options.trust.anchors)
    if (signer_info(a.get()).subject.find("ANF Global Root CA") != std::string::npos)
      anf_only.trust.anchors.push_back(a);
  ASSERT_EQ(anf_only.trust.anchors.size(), 1u);
  VerifyReport unproven = verify_jose(bytes, anf_only);
  EXPECT_EQ(unproven.verdict, Verdict::Indeterminate);
  EXPECT_EQ(unproven.sub_indication, "OUT_OF_BOUNDS_NO_POE");
  for (const auto& t : unproven.timestamps) EXPECT_FALSE(t.valid) << t.type;

  // One byte of the sigTst token changed: TOTAL-FAILED.
  json changed = doc;
  json& etsiu = changed["signatures"][0]["header"]["etsiU"];
  for (auto& element : etsiu) {
    json e = json::parse(*b64url_decode_strict(element.get<std::string>()));
    if (!e.contains("sigTst")) continue;
    std::string der = *b64_decode_strict(e["sigTst"]["tstTokens"][0]["val"].get<std::string>());
    der[der.size() / 2] = static_cast<char>(der[der.size() / 2] ^ 0x01);
    e["sigTst"]["tstTokens"][0]["val"] = b64_encode(der);
    element = b64url_encode(e.dump());
  }
  VerifyReport t = verify_jose(changed.dump(), options);
  EXPECT_EQ(t.verdict, Verdict::TotalFailed);
  // The arcTst covers the earlier etsiU elements as carried: re-encoding the sigTst element
  // alone (same content, other bytes) already breaks it.
  json reencoded = doc;
  json& first = reencoded["signatures"][0]["header"]["etsiU"][0];
  first = b64url_encode(json::parse(*b64url_decode_strict(first.get<std::string>())).dump(2));
  VerifyReport a = verify_jose(reencoded.dump(), options);
  EXPECT_EQ(a.verdict, Verdict::TotalFailed);
  EXPECT_TRUE(a.find("jades.sigTst")->passed);
  EXPECT_FALSE(a.find("jades.arcTst")->passed);
  // One character of the signature: the signature, the sigTst and the arcTst all fail.
  json bad_sig = doc;
  std::string signature = bad_sig["signatures"][0]["signature"];
  signature[20] = signature[20] == 'A' ? 'B' : 'A';
  bad_sig["signatures"][0]["signature"] = signature;
  VerifyReport b = verify_jose(bad_sig.dump(), options);
  EXPECT_EQ(b.verdict, Verdict::TotalFailed);
  EXPECT_FALSE(b.find("jws.signature")->passed);
  EXPECT_FALSE(b.find("jades.sigTst")->passed);
  EXPECT_FALSE(b.find("jades.arcTst")->passed);
}

}  // namespace
}  // namespace credgate
