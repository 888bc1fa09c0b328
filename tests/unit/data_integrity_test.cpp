// Data Integrity proofs (eddsa-rdfc-2022, ecdsa-rdfc-2019): the 1EdTech OB 3.0 test vector
// and the W3C cryptosuite test vectors reproduced (byte-identical where the suite is
// deterministic) and verified; each negative case changes one thing and names the check that
// must fail.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include "jsonld/loaders.hpp"
#include "signing/di/data_integrity.hpp"
#include "signing/di/verification_method.hpp"
#include "signing/multikey.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using json = nlohmann::json;
namespace di = signing::di;
namespace mk = signing::multikey;
using signing::CheckKind;
using signing::Verdict;
using signing::VerifyReport;

std::vector<uint8_t> from_hex(const std::string& hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

std::string to_hex(const std::vector<uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

json load_vector(const std::string& relative) {
  return json::parse(test::read_file(test::vector_path(relative)));
}

// The id of the first failed check, "" if none failed.
std::string first_failure(const VerifyReport& r) {
  for (const auto& c : r.checks)
    if (!c.passed) return c.id;
  return "";
}

std::string dump(const VerifyReport& r) {
  return r.to_json().dump(2);
}

// A controller document for an https issuer, as an issuer registry would supply it.
json controller_document(const std::string& controller, const std::string& vm_id,
                         const std::string& public_key_multibase) {
  return {{"id", controller},
          {"verificationMethod",
           {{{"id", vm_id},
             {"type", "Multikey"},
             {"controller", controller},
             {"publicKeyMultibase", public_key_multibase}}}},
          {"assertionMethod", {vm_id}}};
}

// ---- 1EdTech OB 3.0 Data Integrity test vector ----------------------------------------

struct Ob3Vector {
  json v = load_vector("ob3-di/vector.json");
  json credential = json::parse(test::read_file(test::data_path("ob3-vectors/credential.json")));
  mk::KeyPtr key;
  Ob3Vector() {
    auto seed = from_hex(v["privateKeyHex"].get<std::string>().substr(0, 64));
    key.reset(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  }
  di::VerifyOptions verify_options() const {
    di::VerifyOptions o;
    o.controller_documents.push_back(controller_document(
        v["controller"], v["proofOptions"]["verificationMethod"], v["publicKeyMultibase"]));
    return o;
  }
  json signed_credential() const {
    json doc = credential;
    doc["proof"] = v["proofOptions"];
    doc["proof"]["proofValue"] = v["proofValue"];
    return doc;
  }
};

TEST(DataIntegrityOb3Vector, CanonicalFormsAndHashesAreTheVectors) {
  Ob3Vector t;
  json proof_config = t.v["proofOptions"];
  proof_config["@context"] = t.credential["@context"];
  auto h = di::hash_data(t.credential, proof_config, false, nullptr, "seal");
  ASSERT_TRUE(h.ok()) << h.diagnostics[0].message;
  EXPECT_EQ(h.document_canonical,
            test::read_file(test::data_path("ob3-vectors/document-canon.txt")));
  EXPECT_EQ(h.proof_canonical, test::read_file(test::data_path("ob3-vectors/proof-canon.txt")));
  EXPECT_EQ(to_hex(h.hash_data),
            t.v["proofHashHex"].get<std::string>() + t.v["documentHashHex"].get<std::string>());
}

TEST(DataIntegrityOb3Vector, SealingReproducesTheProofValueByteForByte) {
  Ob3Vector t;
  di::SealOptions o;
  o.created = t.v["proofOptions"]["created"];
  auto r = di::seal_data_integrity(t.credential, t.key.get(), di::Cryptosuite::EddsaRdfc2022,
                                   t.v["proofOptions"]["verificationMethod"], o);
  ASSERT_TRUE(r.ok()) << r.diagnostics[0].to_line();
  EXPECT_EQ(r.document["proof"]["proofValue"], t.v["proofValue"]);
  auto signature = mk::multibase_decode(r.document["proof"]["proofValue"].get<std::string>());
  ASSERT_TRUE(signature);
  EXPECT_EQ(to_hex(*signature), t.v["signatureHex"]);
  EXPECT_EQ(r.document, t.signed_credential());  // the whole signed credential of the vector
}

TEST(DataIntegrityOb3Vector, TheVectorVerifies) {
  Ob3Vector t;
  VerifyReport r = di::verify_data_integrity(t.signed_credential(), t.verify_options());
  EXPECT_TRUE(r.integrity) << dump(r);
  EXPECT_EQ(r.method, "di-eddsa-rdfc-2022");
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);  // no trusted controllers given
  EXPECT_EQ(r.signing_time, "2010-01-01T19:23:24Z");
  ASSERT_TRUE(r.signer);
  EXPECT_EQ(r.signer->key_id, t.v["proofOptions"]["verificationMethod"]);
  for (const char* id : {"di.proof", "di.proof-config", "di.context", "di.verification-method",
                         "jsonld.safe", "di.canonicalize", "di.signature"}) {
    const auto* c = r.find(id);
    ASSERT_TRUE(c) << id;
    EXPECT_TRUE(c->passed) << id << ": " << c->detail;
  }

  auto trusted = t.verify_options();
  trusted.trusted_controllers.push_back(t.v["controller"]);
  VerifyReport passed = di::verify_data_integrity(t.signed_credential(), trusted);
  EXPECT_EQ(passed.verdict, Verdict::TotalPassed) << dump(passed);

  trusted.trusted_controllers = {"https://other.example/issuer"};
  VerifyReport untrusted = di::verify_data_integrity(t.signed_credential(), trusted);
  EXPECT_EQ(untrusted.verdict, Verdict::Indeterminate);
  EXPECT_EQ(first_failure(untrusted), "di.trust");
}

// The CLR 2.0 vector of the same page set (same key, a ClrCredential with a nested, proved
// AchievementCredential; its proof is a one-element array).
TEST(DataIntegrityClrVector, ReproducedByteForByteAndVerified) {
  Ob3Vector key;  // the same key pair and controller
  json v = load_vector("clr-di/vector.json");
  json signed_doc = load_vector("clr-di/signed.json");
  ASSERT_TRUE(signed_doc["proof"].is_array());
  json unsigned_doc = signed_doc;
  unsigned_doc.erase("proof");
  json proof_config = signed_doc["proof"][0];
  proof_config.erase("proofValue");
  proof_config["@context"] = unsigned_doc["@context"];
  auto h = di::hash_data(unsigned_doc, proof_config, false, nullptr, "seal");
  ASSERT_TRUE(h.ok()) << h.diagnostics[0].to_line();
  EXPECT_EQ(h.document_canonical, test::read_file(test::vector_path("clr-di/document-canon.txt")));
  EXPECT_EQ(h.proof_canonical, test::read_file(test::vector_path("clr-di/proof-canon.txt")));
  EXPECT_EQ(to_hex(h.hash_data),
            v["proofHashHex"].get<std::string>() + v["documentHashHex"].get<std::string>());

  di::SealOptions o;
  o.created = proof_config["created"];
  auto sealed = di::seal_data_integrity(unsigned_doc, key.key.get(), di::Cryptosuite::EddsaRdfc2022,
                                        proof_config["verificationMethod"], o);
  ASSERT_TRUE(sealed.ok()) << sealed.diagnostics[0].to_line();
  EXPECT_EQ(sealed.document["proof"]["proofValue"], v["proofValue"]);
  EXPECT_EQ(sealed.document["proof"], signed_doc["proof"][0]);

  VerifyReport r = di::verify_data_integrity(signed_doc, key.verify_options());
  EXPECT_TRUE(r.integrity) << dump(r);
}

// ---- W3C vc-di-eddsa / vc-di-ecdsa test vectors ---------------------------------------

struct W3cVectors {
  jsonld::DirectoryLoader examples{test::vector_path("w3c-di/contexts")};
  di::VerifyOptions options(const json& signed_doc, const std::string& public_key) {
    di::VerifyOptions o;
    o.loader = &examples;
    o.controller_documents.push_back(controller_document(
        "https://vc.example/issuers/5678", signed_doc["proof"]["verificationMethod"], public_key));
    return o;
  }
};

TEST(DataIntegrityW3cVectors, EddsaRdfc2022ReproducesProofValueAndVerifies) {
  W3cVectors w;
  json signed_doc = load_vector("w3c-di/eddsa-rdfc-2022/signedDataInt.json");
  json keys = load_vector("w3c-di/keyPair.json");
  auto secret = mk::decode_secret_key(keys["privateKeyMultibase"].get<std::string>());
  ASSERT_TRUE(secret.ok());
  json unsigned_doc = signed_doc;
  unsigned_doc.erase("proof");

  json proof_config = signed_doc["proof"];
  proof_config.erase("proofValue");
  proof_config["@context"] = unsigned_doc["@context"];
  auto h = di::hash_data(unsigned_doc, proof_config, false, &w.examples, "seal");
  ASSERT_TRUE(h.ok()) << h.diagnostics[0].to_line();
  EXPECT_EQ(to_hex(h.hash_data),
            test::read_file(test::vector_path("w3c-di/eddsa-rdfc-2022/combinedHashDataInt.txt")));

  di::SealOptions o;
  o.created = signed_doc["proof"]["created"];
  o.loader = &w.examples;
  auto sealed =
      di::seal_data_integrity(unsigned_doc, secret.key.get(), di::Cryptosuite::EddsaRdfc2022,
                              signed_doc["proof"]["verificationMethod"], o);
  ASSERT_TRUE(sealed.ok()) << sealed.diagnostics[0].to_line();
  EXPECT_EQ(sealed.document["proof"]["proofValue"].get<std::string>(),
            test::read_file(test::vector_path("w3c-di/eddsa-rdfc-2022/sigBTC58DataInt.txt")));
  EXPECT_EQ(sealed.document, signed_doc);

  VerifyReport r =
      di::verify_data_integrity(signed_doc, w.options(signed_doc, keys["publicKeyMultibase"]));
  EXPECT_TRUE(r.integrity) << dump(r);
}

TEST(DataIntegrityW3cVectors, EcdsaRdfc2019P256AndP384HashesMatchAndSignaturesVerify) {
  // The vectors' proof names the did:key of the key pair (resolved offline here) while the
  // credential's issuer is an https URL, so the issuer binding is not asked for.
  W3cVectors w;
  struct Case {
    std::string dir, suffix, keys;
    bool sha384;
  };
  for (const Case& c : {Case{"ecdsa-rdfc-2019-p256", "P256", "p256KeyPair.json", false},
                        Case{"ecdsa-rdfc-2019-p384", "P384", "p384KeyPair.json", true}}) {
    json signed_doc = load_vector("w3c-di/" + c.dir + "/signedECDSA" + c.suffix + ".json");
    json keys = load_vector("w3c-di/" + c.keys);
    json unsigned_doc = signed_doc;
    unsigned_doc.erase("proof");
    json proof_config = signed_doc["proof"];
    proof_config.erase("proofValue");
    proof_config["@context"] = unsigned_doc["@context"];
    auto h = di::hash_data(unsigned_doc, proof_config, c.sha384, &w.examples, "seal");
    ASSERT_TRUE(h.ok()) << c.dir;
    EXPECT_EQ(to_hex(h.hash_data),
              test::read_file(
                  test::vector_path("w3c-di/" + c.dir + "/combinedHashECDSA" + c.suffix + ".txt")))
        << c.dir;
    EXPECT_EQ(signed_doc["proof"]["proofValue"].get<std::string>(),
              test::read_file(
                  test::vector_path("w3c-di/" + c.dir + "/sigBTC58ECDSA" + c.suffix + ".txt")));

    di::VerifyOptions vo;
    vo.loader = &w.examples;
    vo.require_issuer_controller = false;
    VerifyReport r = di::verify_data_integrity(signed_doc, vo);
    EXPECT_TRUE(r.integrity) << c.dir << dump(r);
    EXPECT_EQ(r.method, "di-ecdsa-rdfc-2019");
    EXPECT_EQ(r.find("di.issuer"), nullptr);
    // With the binding asked for, the same proof fails on it (and only on it).
    vo.require_issuer_controller = true;
    VerifyReport bound = di::verify_data_integrity(signed_doc, vo);
    EXPECT_EQ(first_failure(bound), "di.issuer");
    EXPECT_TRUE(bound.find("di.signature")->passed);

    // ECDSA is randomised: a fresh seal differs from the vector but verifies.
    std::string secret_mb = keys.contains("secretKeyMultibase") ? keys["secretKeyMultibase"]
                                                                : keys["privateKeyMultibase"];
    auto secret = mk::decode_secret_key(secret_mb);
    ASSERT_TRUE(secret.ok());
    di::SealOptions o;
    o.created = signed_doc["proof"]["created"];
    o.loader = &w.examples;
    auto sealed =
        di::seal_data_integrity(unsigned_doc, secret.key.get(), di::Cryptosuite::EcdsaRdfc2019,
                                signed_doc["proof"]["verificationMethod"], o);
    ASSERT_TRUE(sealed.ok()) << c.dir;
    std::string proof_value = sealed.document["proof"]["proofValue"];
    EXPECT_NE(proof_value, signed_doc["proof"]["proofValue"].get<std::string>());
    EXPECT_EQ(mk::multibase_decode(proof_value)->size(), c.sha384 ? 96u : 64u);
    vo.require_issuer_controller = false;
    EXPECT_TRUE(di::verify_data_integrity(sealed.document, vo).integrity) << c.dir;
  }
}

// ---- round trips with did:key and negative cases ---------------------------------------

struct Sealed {
  mk::KeyPtr key;
  json document;
};

Sealed seal_ob3(const char* algorithm, const char* curve, di::Cryptosuite suite) {
  Sealed s;
  s.key.reset(curve ? EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm, curve)
                    : EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm));
  json credential = json::parse(test::read_file(test::data_path("ob3-vectors/credential.json")));
  credential["issuer"]["id"] = mk::did_key_for(s.key.get());  // the issuer signs
  di::SealOptions o;
  o.created = "2026-01-02T03:04:05Z";
  auto r = di::seal_data_integrity(credential, s.key.get(), suite, "", o);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].to_line());
  s.document = r.document;
  return s;
}

TEST(DataIntegrity, DidKeyRoundTripForEachSuiteAndCurve) {
  struct Case {
    const char* algorithm;
    const char* curve;
    di::Cryptosuite suite;
    const char* prefix;
  };
  for (const Case& c : {Case{"ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022, "did:key:z6Mk"},
                        Case{"EC", "P-256", di::Cryptosuite::EcdsaRdfc2019, "did:key:zDn"},
                        Case{"EC", "P-384", di::Cryptosuite::EcdsaRdfc2019, "did:key:z82"}}) {
    Sealed s = seal_ob3(c.algorithm, c.curve, c.suite);
    std::string vm = s.document["proof"]["verificationMethod"];
    EXPECT_EQ(vm.rfind(c.prefix, 0), 0u) << vm;
    VerifyReport r = di::verify_data_integrity(s.document);
    EXPECT_TRUE(r.integrity) << dump(r);
    EXPECT_EQ(r.method, di::method_name(c.suite));
    EXPECT_EQ(r.verdict, Verdict::Indeterminate);
  }
}

TEST(DataIntegrity, ChangedClaimFailsTheSignature) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  s.document["name"] = "Teamwork Badge (forged)";
  VerifyReport r = di::verify_data_integrity(s.document);
  EXPECT_FALSE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  EXPECT_EQ(first_failure(r), "di.signature");
  EXPECT_EQ(r.sub_indication, "SIG_CRYPTO_FAILURE");

  Sealed e = seal_ob3("EC", "P-256", di::Cryptosuite::EcdsaRdfc2019);
  e.document["credentialSubject"]["achievement"]["name"] = "Leadership";
  EXPECT_EQ(first_failure(di::verify_data_integrity(e.document)), "di.signature");
}

TEST(DataIntegrity, ChangedProofConfigurationFailsTheSignature) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  s.document["proof"]["created"] = "2026-01-02T03:04:06Z";
  EXPECT_EQ(first_failure(di::verify_data_integrity(s.document)), "di.signature");
}

TEST(DataIntegrity, WrongKeyFailsTheSignature) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  mk::KeyPtr other(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  s.document["proof"]["verificationMethod"] = mk::did_key_verification_method(other.get());
  VerifyReport r = di::verify_data_integrity(s.document);
  EXPECT_EQ(first_failure(r), "di.signature") << dump(r);
}

TEST(DataIntegrity, IssuerMustControlTheKey) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  EXPECT_TRUE(di::verify_data_integrity(s.document).find("di.issuer")->passed);
  // Anyone can sign a credential naming someone else as its issuer: the signature verifies,
  // the proof does not.
  mk::KeyPtr mallory(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  json credential = s.document;
  credential.erase("proof");
  di::SealOptions o;
  o.created = "2026-01-02T03:04:05Z";
  auto forged =
      di::seal_data_integrity(credential, mallory.get(), di::Cryptosuite::EddsaRdfc2022, "", o);
  ASSERT_TRUE(forged.ok());
  VerifyReport r = di::verify_data_integrity(forged.document);
  EXPECT_TRUE(r.find("di.signature")->passed);
  EXPECT_EQ(first_failure(r), "di.issuer");
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
}

TEST(DataIntegrity, WrongCryptosuiteFails) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  json relabelled = s.document;
  relabelled["proof"]["cryptosuite"] = "ecdsa-rdfc-2019";  // an Ed25519 key cannot be ECDSA
  EXPECT_EQ(first_failure(di::verify_data_integrity(relabelled)), "di.verification-method");
  json unknown = s.document;
  unknown["proof"]["cryptosuite"] = "eddsa-jcs-2022";
  VerifyReport r = di::verify_data_integrity(unknown);
  EXPECT_EQ(first_failure(r), "di.proof-config");
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  json other_type = s.document;
  other_type["proof"]["type"] = "Ed25519Signature2020";
  EXPECT_EQ(first_failure(di::verify_data_integrity(other_type)), "di.proof-config");

  // And at sealing time: the key must fit the suite.
  mk::KeyPtr p256(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  json credential = json::parse(test::read_file(test::data_path("ob3-vectors/credential.json")));
  auto sealed = di::seal_data_integrity(credential, p256.get(), di::Cryptosuite::EddsaRdfc2022, "");
  ASSERT_FALSE(sealed.ok());
  EXPECT_EQ(sealed.diagnostics[0].code, "di.key-type");
}

TEST(DataIntegrity, UndefinedTermFailsSafeModeNotJustTheSignature) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  // Without safe mode JSON-LD would drop this member and the signature would still verify.
  s.document["credentialSubject"]["undefinedTerm"] = "not in any context";
  VerifyReport r = di::verify_data_integrity(s.document);
  EXPECT_EQ(first_failure(r), "jsonld.safe") << dump(r);
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
  EXPECT_NE(r.find("jsonld.safe")->detail.find("/credentialSubject/undefinedTerm"),
            std::string::npos)
      << r.find("jsonld.safe")->detail;

  // In the proof too.
  Sealed p = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  p.document["proof"]["note"] = "x";
  EXPECT_EQ(first_failure(di::verify_data_integrity(p.document)), "jsonld.safe");

  // Sealing refuses such a credential.
  json credential = json::parse(test::read_file(test::data_path("ob3-vectors/credential.json")));
  credential["undefinedTerm"] = 1;
  mk::KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  auto sealed = di::seal_data_integrity(credential, key.get(), di::Cryptosuite::EddsaRdfc2022, "");
  ASSERT_FALSE(sealed.ok());
  EXPECT_EQ(sealed.diagnostics[0].code, "jsonld.safe-mode-dropped");
  EXPECT_EQ(sealed.diagnostics[0].stage, "seal");
}

TEST(DataIntegrity, ProofPurposeAndTimesAreChecked) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  di::VerifyOptions o;
  o.expected_proof_purpose = "authentication";
  EXPECT_EQ(first_failure(di::verify_data_integrity(s.document, o)), "di.proof-config");

  json bad_created = s.document;
  bad_created["proof"]["created"] = "2026-01-02 03:04:05";  // no 'T', no time zone
  EXPECT_EQ(first_failure(di::verify_data_integrity(bad_created)), "di.proof-config");

  // An expired proof (expires is signed over, so seal with it).
  mk::KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  json credential = json::parse(test::read_file(test::data_path("ob3-vectors/credential.json")));
  credential["issuer"]["id"] = mk::did_key_for(key.get());
  di::SealOptions so;
  so.created = "2026-01-01T00:00:00Z";
  so.expires = "2026-06-01T00:00:00Z";
  auto sealed =
      di::seal_data_integrity(credential, key.get(), di::Cryptosuite::EddsaRdfc2022, "", so);
  ASSERT_TRUE(sealed.ok());
  di::VerifyOptions before, after;
  before.now = "2026-05-31T23:59:59Z";
  after.now = "2026-06-01T02:00:01+02:00";  // 00:00:01Z
  EXPECT_TRUE(di::verify_data_integrity(sealed.document, before).integrity);
  EXPECT_EQ(first_failure(di::verify_data_integrity(sealed.document, after)), "di.proof-config");
}

TEST(DataIntegrity, ProofContextMustPrefixTheDocumentContext) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  json with_context = s.document;
  with_context["proof"]["@context"] = {"https://www.w3.org/ns/credentials/v2"};
  // The prefix matches, but the proof was made without @context in the proof: the signed
  // proof configuration differs only if the contexts differ, so this still verifies ...
  VerifyReport ok = di::verify_data_integrity(with_context);
  EXPECT_TRUE(ok.find("di.context")->passed);
  // ... while a proof @context the document does not start with fails.
  json mismatch = s.document;
  mismatch["proof"]["@context"] = {"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"};
  EXPECT_EQ(first_failure(di::verify_data_integrity(mismatch)), "di.context");
  json no_di = s.document;
  no_di["@context"] = {"https://www.w3.org/2018/credentials/v1"};
  EXPECT_EQ(first_failure(di::verify_data_integrity(no_di)), "di.context");
}

TEST(DataIntegrity, VerificationMethodResolution) {
  Ob3Vector t;
  // An https controller without a supplied document and without remote resolution.
  VerifyReport r = di::verify_data_integrity(t.signed_credential());
  EXPECT_EQ(first_failure(r), "di.verification-method");
  EXPECT_NE(r.find("di.verification-method")->detail.find("di.vm-remote-disabled"),
            std::string::npos);
  EXPECT_FALSE(r.integrity);
  EXPECT_EQ(r.verdict, Verdict::Indeterminate);  // not checked, not broken
  EXPECT_EQ(r.sub_indication, "NO_SIGNING_CERTIFICATE_FOUND");

  // Remote resolution through the hook, when enabled.
  di::VerifyOptions remote;
  remote.allow_remote_resolution = true;
  int fetched = 0;
  remote.fetch_controller_document = [&](const std::string& url) -> std::optional<json> {
    ++fetched;
    if (url != t.v["controller"]) return std::nullopt;
    return controller_document(url, t.v["proofOptions"]["verificationMethod"],
                               t.v["publicKeyMultibase"]);
  };
  EXPECT_TRUE(di::verify_data_integrity(t.signed_credential(), remote).integrity);
  EXPECT_EQ(fetched, 1);

  // The method must be authorised for the purpose by its controller.
  auto o = t.verify_options();
  o.controller_documents[0].erase("assertionMethod");
  o.controller_documents[0]["authentication"] = {t.v["proofOptions"]["verificationMethod"]};
  VerifyReport purpose = di::verify_data_integrity(t.signed_credential(), o);
  EXPECT_NE(purpose.find("di.verification-method")->detail.find("di.vm-purpose"),
            std::string::npos);

  // A key controlled by someone else.
  auto other = t.verify_options();
  other.controller_documents[0]["verificationMethod"][0]["controller"] = "https://evil.example";
  VerifyReport evil = di::verify_data_integrity(t.signed_credential(), other);
  EXPECT_EQ(first_failure(evil), "di.verification-method");
  EXPECT_EQ(evil.verdict, Verdict::TotalFailed);
}

TEST(DataIntegrity, DidWebDocumentUrls) {
  EXPECT_EQ(di::did_web_document_url("did:web:w3c-ccg.github.io"),
            "https://w3c-ccg.github.io/.well-known/did.json");
  EXPECT_EQ(di::did_web_document_url("did:web:w3c-ccg.github.io:user:alice"),
            "https://w3c-ccg.github.io/user/alice/did.json");
  EXPECT_EQ(di::did_web_document_url("did:web:example.com%3A3000:issuer"),
            "https://example.com:3000/issuer/did.json");
  EXPECT_FALSE(di::did_web_document_url("did:key:z6Mk"));
  EXPECT_FALSE(di::did_web_document_url("did:web:example.com::x"));
  EXPECT_FALSE(di::did_web_document_url("did:web:example.com:..:etc"));
  EXPECT_FALSE(di::did_web_document_url("did:web:evil.example%40good.example"));

  // did:web resolution through the hook: the fetcher gets the DID and maps it itself.
  Ob3Vector t;
  std::string did = "did:web:example.edu:issuers:565049";
  std::string vm = did + "#key-1";
  json credential = t.credential;
  credential["issuer"]["id"] = did;
  di::SealOptions so;
  so.created = "2026-01-02T03:04:05Z";
  auto sealed =
      di::seal_data_integrity(credential, t.key.get(), di::Cryptosuite::EddsaRdfc2022, vm, so);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(di::verify_data_integrity(sealed.document).verdict, Verdict::Indeterminate);
  di::VerifyOptions o;
  o.allow_remote_resolution = true;
  std::string fetched_url;
  o.fetch_controller_document = [&](const std::string& id) -> std::optional<json> {
    fetched_url = di::did_web_document_url(id).value_or("");
    return controller_document(id, vm, t.v["publicKeyMultibase"]);
  };
  VerifyReport r = di::verify_data_integrity(sealed.document, o);
  EXPECT_TRUE(r.integrity) << dump(r);
  EXPECT_EQ(fetched_url, "https://example.edu/issuers/565049/did.json");
}

TEST(DataIntegrity, Ob3SpecExampleProofIsRejectedForItsCryptosuite) {
  // The OB 3.0 specification's example endorsement carries an illustrative proof whose
  // cryptosuite is misspelt ("eddsa-rdf-2022") and whose proofValue is a copy of the key.
  json full = json::parse(test::read_file(test::data_path("ob3/fullOpenBadge.json")));
  const json& endorsement = full["endorsement"][0];
  ASSERT_EQ(endorsement["proof"][0]["cryptosuite"], "eddsa-rdf-2022");
  VerifyReport r = di::verify_data_integrity(endorsement);
  EXPECT_EQ(first_failure(r), "di.proof-config");
  EXPECT_NE(r.find("di.proof-config")->detail.find("eddsa-rdf-2022"), std::string::npos);
  EXPECT_EQ(r.verdict, Verdict::TotalFailed);
}

TEST(DataIntegrity, ProofValueDamageAndMissingMembers) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  json not_base58 = s.document;
  not_base58["proof"]["proofValue"] =
      "u" + not_base58["proof"]["proofValue"].get<std::string>().substr(1);
  EXPECT_EQ(first_failure(di::verify_data_integrity(not_base58)), "di.signature");
  json truncated = s.document;
  std::string pv = truncated["proof"]["proofValue"];
  truncated["proof"]["proofValue"] = pv.substr(0, pv.size() - 2);
  EXPECT_EQ(first_failure(di::verify_data_integrity(truncated)), "di.signature");
  json missing = s.document;
  missing["proof"].erase("proofPurpose");
  EXPECT_EQ(first_failure(di::verify_data_integrity(missing)), "di.proof");
  json unsigned_doc = s.document;
  unsigned_doc.erase("proof");
  VerifyReport none = di::verify_data_integrity(unsigned_doc);
  EXPECT_EQ(first_failure(none), "di.proof");
  EXPECT_EQ(none.verdict, Verdict::TotalFailed);
}

TEST(DataIntegrity, MalformedInputGivesReportsNotExceptions) {
  Sealed s = seal_ob3("ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022);
  const json odd[] = {json(42),   json(nullptr), json::array({1, "x"}), json::object({{"k", 1}}),
                      json(true), json("")};
  size_t runs = 0;
  auto must_fail = [&](const json& doc, const std::string& what) {
    VerifyReport r;
    EXPECT_NO_THROW(r = di::verify_data_integrity(doc)) << what;
    EXPECT_FALSE(r.integrity) << what;
    EXPECT_NE(r.verdict, Verdict::TotalPassed) << what;
    ++runs;
  };
  for (const auto& [member, value] : s.document["proof"].items()) {
    for (const json& v : odd) {
      json doc = s.document;
      doc["proof"][member] = v;
      must_fail(doc, "proof." + member + " = " + v.dump());
    }
  }
  for (const char* member : {"@context", "issuer", "credentialSubject"}) {
    for (const json& v : odd) {
      json doc = s.document;
      doc[member] = v;
      must_fail(doc, std::string(member) + " = " + v.dump());
    }
  }
  for (const json& v : odd) {
    json doc = s.document;
    doc["proof"] = v;
    must_fail(doc, "proof = " + v.dump());
  }
  must_fail(json::array({s.document}), "an array");
  EXPECT_GT(runs, 50u);

  // Controller documents of the wrong shapes.
  Ob3Vector t;
  for (const json& v : odd) {
    for (const char* member : {"verificationMethod", "assertionMethod", "id"}) {
      di::VerifyOptions o = t.verify_options();
      o.controller_documents[0][member] = v;
      VerifyReport r;
      EXPECT_NO_THROW(r = di::verify_data_integrity(t.signed_credential(), o)) << member;
      EXPECT_FALSE(r.integrity) << member << " = " << v.dump();
    }
  }
}

TEST(DataIntegrity, ProofSetsAndVc11Credentials) {
  // One issuer with two keys (Ed25519 and P-384) in its controller document signs twice.
  Ob3Vector t;
  mk::KeyPtr p384(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
  std::string controller = t.v["controller"];
  std::string ed_vm = t.v["proofOptions"]["verificationMethod"];
  std::string ec_vm = controller + "#p384";
  di::VerifyOptions vo = t.verify_options();
  vo.controller_documents[0]["verificationMethod"].push_back(
      {{"id", "#p384"},
       {"type", "Multikey"},
       {"controller", controller},
       {"publicKeyMultibase", mk::encode_public_key(p384.get())}});
  vo.controller_documents[0]["assertionMethod"].push_back("#p384");  // relative reference
  di::SealOptions o;
  o.created = "2026-01-02T03:04:05Z";
  auto first =
      di::seal_data_integrity(t.credential, t.key.get(), di::Cryptosuite::EddsaRdfc2022, ed_vm, o);
  ASSERT_TRUE(first.ok());
  auto both =
      di::seal_data_integrity(first.document, p384.get(), di::Cryptosuite::EcdsaRdfc2019, ec_vm, o);
  ASSERT_TRUE(both.ok());
  ASSERT_TRUE(both.document["proof"].is_array());
  EXPECT_EQ(both.document["proof"].size(), 2u);
  VerifyReport r = di::verify_data_integrity(both.document, vo);
  EXPECT_TRUE(r.integrity) << dump(r);
  EXPECT_EQ(r.method, "di-eddsa-rdfc-2022");
  json broken = both.document;
  broken["proof"][1]["proofValue"] = broken["proof"][0]["proofValue"];
  VerifyReport b = di::verify_data_integrity(broken, vo);
  EXPECT_FALSE(b.integrity);
  EXPECT_EQ(b.find("di.signature")->passed, true);  // proof[0] still fine
  bool second_failed = false;
  for (const auto& c : b.checks)
    if (c.id == "di.signature" && !c.passed) second_failed = c.detail.rfind("proof[1]: ", 0) == 0;
  EXPECT_TRUE(second_failed) << dump(b);

  // A VC 1.1 OB 3.0 credential: the Data Integrity context is appended.
  json vc11 = json::parse(test::read_file(test::data_path("ob3-vectors/credential.json")));
  vc11["@context"] = {"https://www.w3.org/2018/credentials/v1",
                      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"};
  vc11.erase("validFrom");
  vc11["issuanceDate"] = "2010-01-01T00:00:00Z";
  mk::KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  vc11["issuer"]["id"] = mk::did_key_for(key.get());
  auto sealed = di::seal_data_integrity(vc11, key.get(), di::Cryptosuite::EddsaRdfc2022, "", o);
  ASSERT_TRUE(sealed.ok()) << sealed.diagnostics[0].to_line();
  EXPECT_EQ(sealed.document["@context"].back(), "https://w3id.org/security/data-integrity/v2");
  EXPECT_TRUE(di::verify_data_integrity(sealed.document).integrity);
}

}  // namespace
}  // namespace credgate
