#include "signing/di/data_integrity.hpp"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <regex>

#include "jsonld/canonize.hpp"
#include "jsonld/loaders.hpp"
#include "jsonld/rdfc10.hpp"
#include "signing/di/verification_method.hpp"
#include "signing/multikey.hpp"
#include "signing/utc_time.hpp"

namespace credgate::signing::di {

namespace {

using multikey::KeyType;
using nlohmann::json;

constexpr const char* kProofType = "DataIntegrityProof";
constexpr const char* kCredentialsV2 = "https://www.w3.org/ns/credentials/v2";
constexpr const char* kDataIntegrityV1 = "https://w3id.org/security/data-integrity/v1";
constexpr const char* kDataIntegrityV2 = "https://w3id.org/security/data-integrity/v2";

// The caller's loader first, then the bundled contexts.
class FallbackLoader : public jsonld::DocumentLoader {
 public:
  explicit FallbackLoader(jsonld::DocumentLoader* first) : first_(first) {}
  jsonld::LoadResult load(const std::string& url) override {
    if (first_) {
      auto result = first_->load(url);
      if (result.ok()) return result;
    }
    return bundled_.load(url);
  }
  // What load() returns, named as jsonld::ChainLoader names it: the caller's loader's answer
  // unless it fails, else the bundled one. Without this the processed contexts were never
  // shared between calls (the default fingerprint is "unknown"): every proof, and within one
  // proof the document and the proof configuration, processed the (large) contexts afresh.
  jsonld::LoadFingerprint fingerprint(const std::string& url) override {
    if (first_) {
      jsonld::LoadFingerprint f = first_->fingerprint(url);
      if (f.kind != jsonld::LoadFingerprint::Kind::fails) return f;
    }
    return bundled_.fingerprint(url);
  }

 private:
  jsonld::DocumentLoader* first_;
  jsonld::BundledLoader bundled_;
};

std::vector<uint8_t> digest(bool sha384, std::string_view data) {
  std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
  unsigned length = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &length, sha384 ? EVP_sha384() : EVP_sha256(),
             nullptr);
  out.resize(length);
  return out;
}

// RDFC-1.0 canonical N-Quads of `document` in JSON-LD safe mode, base IRI null (Data Integrity
// 1.0, 4.1: "the base URL is set to null").
std::string canonical(const json& document, jsonld::DocumentLoader* loader, bool sha384,
                      const std::string& what, Diagnostics& diagnostics) {
  FallbackLoader chain(loader);
  jsonld::JsonLdOptions options;
  options.safe = true;
  options.loader = &chain;
  jsonld::CanonicalizeOptions canon;
  canon.hash = sha384 ? jsonld::HashAlgorithm::Sha384 : jsonld::HashAlgorithm::Sha256;
  // Expansion, toRdf and RDFC-1.0 in one call: the quads point into the expanded tree instead
  // of being copied into a Dataset first.
  auto c = jsonld::canonize(document, options, canon);
  if (!c.ok()) {
    for (auto& d : c.diagnostics) {
      if (d.severity != Severity::Error) continue;
      d.message = what + ": " + d.message;
      diagnostics.push_back(std::move(d));
    }
    return {};
  }
  return std::move(c.nquads);
}

// XML Schema dateTimeStamp (a dateTime with a time zone) -> seconds since the epoch.
std::optional<int64_t> parse_date_time_stamp(const std::string& text) {
  static const std::regex pattern(
      R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  int year = std::stoi(m[1]), month = std::stoi(m[2]), day = std::stoi(m[3]);
  int hour = std::stoi(m[4]), minute = std::stoi(m[5]), second = std::stoi(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return std::nullopt;
  if (hour == 24 && (minute != 0 || second != 0)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (!ymd.ok()) return std::nullopt;
  int64_t seconds = std::chrono::sys_days(ymd).time_since_epoch().count() * 86400LL +
                    hour * 3600LL + minute * 60LL + second;
  if (m[8] != "Z") {
    int64_t offset = std::stoi(m[10]) * 3600LL + std::stoi(m[11]) * 60LL;
    seconds += m[9] == "+" ? -offset : offset;
  }
  return seconds;
}

std::string utc_now() {
  return iso_time(std::time(nullptr));
}

std::vector<json> context_list(const json& document) {
  if (!document.contains("@context")) return {};
  const json& c = document["@context"];
  if (c.is_array()) return c.get<std::vector<json>>();
  return {c};
}

bool defines_data_integrity_proof(const std::vector<json>& contexts) {
  return std::any_of(contexts.begin(), contexts.end(), [](const json& c) {
    return c == kCredentialsV2 || c == kDataIntegrityV2 || c == kDataIntegrityV1;
  });
}

bool suite_accepts(Cryptosuite suite, KeyType type) {
  return suite == Cryptosuite::EddsaRdfc2022 ? type == KeyType::Ed25519
                                             : type == KeyType::P256 || type == KeyType::P384;
}

size_t signature_length(KeyType type) {
  return type == KeyType::P384 ? 96 : 64;
}

// Ed25519 (pure, over the data) or ECDSA with SHA-256 / SHA-384 over the data, the signature
// as IEEE P1363 r || s (ecdsa-rdfc-2019, 3.2.4 Proof Serialization).
std::optional<std::vector<uint8_t>> sign(EVP_PKEY* key, KeyType type,
                                         const std::vector<uint8_t>& data) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const EVP_MD* md = type == KeyType::Ed25519 ? nullptr
                     : type == KeyType::P384  ? EVP_sha384()
                                              : EVP_sha256();
  std::vector<uint8_t> der;
  size_t length = 0;
  bool ok = ctx && EVP_DigestSignInit(ctx, nullptr, md, nullptr, key) == 1 &&
            EVP_DigestSign(ctx, nullptr, &length, data.data(), data.size()) == 1;
  if (ok) {
    der.resize(length);
    ok = EVP_DigestSign(ctx, der.data(), &length, data.data(), data.size()) == 1;
    der.resize(length);
  }
  EVP_MD_CTX_free(ctx);
  if (!ok) return std::nullopt;
  if (type == KeyType::Ed25519) return der;
  const unsigned char* p = der.data();
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  if (!sig) return std::nullopt;
  size_t half = signature_length(type) / 2;
  std::vector<uint8_t> raw(2 * half);
  ok = BN_bn2binpad(ECDSA_SIG_get0_r(sig), raw.data(), static_cast<int>(half)) > 0 &&
       BN_bn2binpad(ECDSA_SIG_get0_s(sig), raw.data() + half, static_cast<int>(half)) > 0;
  ECDSA_SIG_free(sig);
  if (!ok) return std::nullopt;
  return raw;
}

bool verify_signature(EVP_PKEY* key, KeyType type, const std::vector<uint8_t>& data,
                      const std::vector<uint8_t>& signature) {
  if (signature.size() != signature_length(type)) return false;
  std::vector<uint8_t> der = signature;
  if (type != KeyType::Ed25519) {
    size_t half = signature.size() / 2;
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(signature.data(), static_cast<int>(half), nullptr);
    BIGNUM* s = BN_bin2bn(signature.data() + half, static_cast<int>(half), nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
      BN_free(r);
      BN_free(s);
      ECDSA_SIG_free(sig);
      return false;
    }
    unsigned char* out = nullptr;
    int n = i2d_ECDSA_SIG(sig, &out);
    ECDSA_SIG_free(sig);
    if (n <= 0) return false;
    der.assign(out, out + n);
    OPENSSL_free(out);
  }
  const EVP_MD* md = type == KeyType::Ed25519 ? nullptr
                     : type == KeyType::P384  ? EVP_sha384()
                                              : EVP_sha256();
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, der.data(), der.size(), data.data(), data.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

std::string first_messages(const Diagnostics& diagnostics) {
  std::string out;
  size_t shown = 0;
  for (const auto& d : diagnostics) {
    if (shown == 3) {
      out += "; ... (" + std::to_string(diagnostics.size()) + " in all)";
      break;
    }
    if (!out.empty()) out += "; ";
    out += d.code + ": " + d.message;
    if (!d.location.empty()) out += " (" + d.location + ")";
    ++shown;
  }
  return out;
}

}  // namespace

const char* cryptosuite_name(Cryptosuite suite) {
  return suite == Cryptosuite::EddsaRdfc2022 ? "eddsa-rdfc-2022" : "ecdsa-rdfc-2019";
}

const char* method_name(Cryptosuite suite) {
  return suite == Cryptosuite::EddsaRdfc2022 ? "di-eddsa-rdfc-2022" : "di-ecdsa-rdfc-2019";
}

std::optional<Cryptosuite> parse_cryptosuite(std::string_view name) {
  if (name == "eddsa-rdfc-2022" || name == "di-eddsa-rdfc-2022") return Cryptosuite::EddsaRdfc2022;
  if (name == "ecdsa-rdfc-2019" || name == "di-ecdsa-rdfc-2019") return Cryptosuite::EcdsaRdfc2019;
  return std::nullopt;
}

HashDataResult hash_data(const json& unsecured_document, const json& proof_config, bool sha384,
                         jsonld::DocumentLoader* loader, const std::string& stage) {
  HashDataResult result;
  // Transformation (3.3.3 / 3.2.3) and proof configuration (3.3.5 / 3.2.5) canonicalize
  // with RDFC-1.0; hashing (3.3.4 / 3.2.4) puts the proof configuration hash first.
  result.document_canonical =
      canonical(unsecured_document, loader, sha384, "document", result.diagnostics);
  result.proof_canonical =
      canonical(proof_config, loader, sha384, "proof configuration", result.diagnostics);
  for (auto& d : result.diagnostics) d.stage = stage;
  if (!result.ok()) return result;
  result.hash_data = digest(sha384, result.proof_canonical);
  auto document_hash = digest(sha384, result.document_canonical);
  result.hash_data.insert(result.hash_data.end(), document_hash.begin(), document_hash.end());
  return result;
}

SealResult seal_data_integrity(const json& credential, EVP_PKEY* key, Cryptosuite suite,
                               const std::string& verification_method, const SealOptions& options) {
  SealResult result;
  auto fail = [&](std::string code, std::string message, std::string location = {}) {
    result.diagnostics.push_back(
        make_error(std::move(code), "seal", std::move(message), std::move(location)));
    result.document = nullptr;
    return result;
  };
  if (!credential.is_object()) return fail("di.not-object", "the credential is not a JSON object");
  auto type = multikey::key_type(key);
  if (!type || !suite_accepts(suite, *type))
    return fail(
        "di.key-type",
        std::string(cryptosuite_name(suite)) + " needs " +
            (suite == Cryptosuite::EddsaRdfc2022 ? "an Ed25519 key" : "a P-256 or P-384 key") +
            ", got " + (type ? multikey::key_type_name(*type) : "another key type"));
  std::string created = options.created.empty() ? utc_now() : options.created;
  if (!parse_date_time_stamp(created))
    return fail("di.created", "created is not an XML Schema dateTimeStamp: " + created);
  if (!options.expires.empty() && !parse_date_time_stamp(options.expires))
    return fail("di.expires", "expires is not an XML Schema dateTimeStamp: " + options.expires);
  std::string vm = verification_method.empty() ? multikey::did_key_verification_method(key)
                                               : verification_method;
  if (vm.find(':') == std::string::npos)
    return fail("di.vm-invalid", "verificationMethod is not an absolute URL: " + vm);

  json unsecured = credential;
  json existing_proofs = unsecured.contains("proof") ? unsecured["proof"] : json();
  unsecured.erase("proof");
  // VC 1.1 credentials do not define DataIntegrityProof: add the Data Integrity context
  // (as @digitalbazaar/data-integrity does), so that the proof's terms are defined.
  auto contexts = context_list(unsecured);
  if (contexts.empty()) return fail("di.context", "the credential has no @context", "/@context");
  if (!defines_data_integrity_proof(contexts)) {
    contexts.push_back(kDataIntegrityV2);
    unsecured["@context"] = contexts;
  }

  json proof = {{"type", kProofType},
                {"cryptosuite", cryptosuite_name(suite)},
                {"created", created},
                {"verificationMethod", vm},
                {"proofPurpose", options.proof_purpose}};
  if (!options.expires.empty()) proof["expires"] = options.expires;
  if (!options.domain.empty()) proof["domain"] = options.domain;
  if (!options.challenge.empty()) proof["challenge"] = options.challenge;
  json proof_config = proof;
  proof_config["@context"] = unsecured["@context"];

  auto hashed = hash_data(unsecured, proof_config, *type == KeyType::P384, options.loader, "seal");
  if (!hashed.ok()) {
    result.diagnostics = std::move(hashed.diagnostics);
    result.document = nullptr;
    return result;
  }
  auto signature = sign(key, *type, hashed.hash_data);
  if (!signature)
    return fail("di.sign-failed", std::string("OpenSSL could not sign with the ") +
                                      multikey::key_type_name(*type) +
                                      " key (is it a private key?)");
  proof["proofValue"] = multikey::multibase_encode(*signature);

  result.document = std::move(unsecured);
  if (existing_proofs.is_null()) {
    result.document["proof"] = std::move(proof);
  } else {
    json set = existing_proofs.is_array() ? existing_proofs : json::array({existing_proofs});
    set.push_back(std::move(proof));
    result.document["proof"] = std::move(set);
  }
  return result;
}

namespace {

void verify_one(const json& secured, const json& proof, const std::string& prefix,
                const std::string& location, const VerifyOptions& options, VerifyReport& report) {
  auto add = [&](const char* id, bool passed, const std::string& detail,
                 CheckKind kind = CheckKind::Format, std::string sub = {}) {
    report.add(id, passed, prefix + detail, kind, std::move(sub));
    return passed;
  };

  // Structure (Data Integrity 1.0, 2.1 Proofs; 4.4 Verify Proof steps 1-3).
  if (!proof.is_object())
    return (void)add("di.proof", false, "proof is not an object (" + location + ")");
  for (const char* member :
       {"type", "cryptosuite", "verificationMethod", "proofPurpose", "proofValue"}) {
    if (!proof.contains(member) || !proof[member].is_string())
      return (void)add(
          "di.proof", false,
          std::string("proof.") + member + " is missing or not a string (" + location + ")");
  }
  add("di.proof", true, "type, cryptosuite, verificationMethod, proofPurpose, proofValue present");

  const std::string type = proof["type"];
  const std::string suite_name = proof["cryptosuite"];
  const std::string vm = proof["verificationMethod"];
  const std::string purpose = proof["proofPurpose"];
  auto suite = parse_cryptosuite(suite_name);
  if (report.method.empty() && suite) report.method = method_name(*suite);
  if (!report.signer) {
    SignerInfo signer;
    signer.key_id = vm;
    report.signer = signer;
  }

  // Proof configuration checks.
  std::vector<std::string> problems;
  if (type != kProofType) problems.push_back("type is " + type + ", not DataIntegrityProof");
  if (!suite || suite_name.rfind("di-", 0) == 0)
    problems.push_back("cryptosuite " + suite_name +
                       " is not supported (eddsa-rdfc-2022, ecdsa-rdfc-2019)");
  if (purpose != options.expected_proof_purpose)
    problems.push_back("proofPurpose is " + purpose + ", expected " +
                       options.expected_proof_purpose);
  std::optional<int64_t> now = parse_date_time_stamp(options.now.empty() ? utc_now() : options.now);
  if (proof.contains("created")) {
    if (!proof["created"].is_string() ||
        !parse_date_time_stamp(proof["created"].get<std::string>()))
      problems.push_back("created is not an XML Schema dateTimeStamp");
    else if (report.signing_time.empty())
      report.signing_time = proof["created"].get<std::string>();
  }
  if (proof.contains("expires")) {
    std::optional<int64_t> expires;
    if (proof["expires"].is_string()) expires = parse_date_time_stamp(proof["expires"]);
    if (!expires)
      problems.push_back("expires is not an XML Schema dateTimeStamp");
    else if (now && *expires < *now)
      problems.push_back("the proof expired at " + proof["expires"].get<std::string>());
  }
  if (!options.expected_domain.empty() &&
      proof.value("domain", json()) != json(options.expected_domain) &&
      !(proof.contains("domain") && proof["domain"].is_array() &&
        std::count(proof["domain"].begin(), proof["domain"].end(), options.expected_domain)))
    problems.push_back("domain does not match " + options.expected_domain);
  if (!options.expected_challenge.empty() &&
      proof.value("challenge", json()) != json(options.expected_challenge))
    problems.push_back("challenge does not match");
  if (!problems.empty()) {
    std::string detail;
    for (const auto& p : problems) detail += (detail.empty() ? "" : "; ") + p;
    add("di.proof-config", false, detail);
    return;
  }
  add("di.proof-config", true,
      std::string("DataIntegrityProof, ") + suite_name + ", " + purpose +
          (proof.contains("created") ? ", created " + proof["created"].get<std::string>() : ""));

  // Context: a proof's own @context must be where the document's starts (eddsa-rdfc-2022
  // 3.3.2 / ecdsa-rdfc-2019 3.2.2 step 4), and DataIntegrityProof must be defined.
  json unsecured = secured;
  unsecured.erase("proof");
  json proof_options = proof;
  proof_options.erase("proofValue");
  auto document_contexts = context_list(secured);
  if (proof_options.contains("@context")) {
    auto proof_contexts = context_list(proof_options);
    bool starts =
        proof_contexts.size() <= document_contexts.size() &&
        std::equal(proof_contexts.begin(), proof_contexts.end(), document_contexts.begin());
    if (!starts) {
      add("di.context", false, "the document's @context does not start with the proof's @context");
      return;
    }
    unsecured["@context"] = proof_options["@context"];
  }
  if (!defines_data_integrity_proof(context_list(unsecured))) {
    add("di.context", false,
        "@context includes none of " + std::string(kCredentialsV2) + ", " + kDataIntegrityV2 +
            ", " + kDataIntegrityV1 + ": DataIntegrityProof is undefined");
    return;
  }
  add("di.context", true, "DataIntegrityProof defined by the document's @context");

  // Verification method first: the key type decides the hash (SHA-384 for P-384).
  auto method = resolve_verification_method(vm, purpose, options);
  if (!method.ok()) {
    // Not found (remote resolution off, no controller document): the signature cannot be
    // checked, INDETERMINATE. Found but unfit (wrong controller, purpose, key): TOTAL-FAILED.
    bool not_found =
        std::any_of(method.diagnostics.begin(), method.diagnostics.end(), [](const Diagnostic& d) {
          return d.code == "di.vm-remote-disabled" || d.code == "di.vm-unresolvable";
        });
    add("di.verification-method", false, first_messages(method.diagnostics),
        not_found ? CheckKind::Trust : CheckKind::Format,
        not_found ? "NO_SIGNING_CERTIFICATE_FOUND" : "");
    return;
  }
  if (!suite_accepts(*suite, method.type)) {
    add("di.verification-method", false,
        vm + " is a " + multikey::key_type_name(method.type) + " key, which " + suite_name +
            " does not use");
    return;
  }
  add("di.verification-method", true,
      vm + ": " + multikey::key_type_name(method.type) + " Multikey, controller " +
          method.controller + ", " + method.source);

  json proof_config = proof_options;
  proof_config["@context"] = unsecured["@context"];
  auto hashed =
      hash_data(unsecured, proof_config, method.type == KeyType::P384, options.loader, "verify");
  bool jsonld_failed =
      std::any_of(hashed.diagnostics.begin(), hashed.diagnostics.end(),
                  [](const Diagnostic& d) { return d.code.rfind("jsonld.", 0) == 0; });
  if (jsonld_failed) {
    add("jsonld.safe", false, "JSON-LD safe mode: " + first_messages(hashed.diagnostics),
        CheckKind::Format);
    return;
  }
  add("jsonld.safe", true, "nothing dropped by JSON-LD expansion (safe mode)");
  if (!hashed.ok()) {
    add("di.canonicalize", false, first_messages(hashed.diagnostics));
    return;
  }
  add("di.canonicalize", true,
      "RDFC-1.0 with " + std::string(method.type == KeyType::P384 ? "SHA-384" : "SHA-256"));

  auto signature = multikey::multibase_decode(proof["proofValue"].get<std::string>());
  if (!signature) {
    add("di.signature", false, "proofValue is not multibase base58btc", CheckKind::Integrity,
        "FORMAT_FAILURE");
    return;
  }
  if (!verify_signature(method.key.get(), method.type, hashed.hash_data, *signature)) {
    add("di.signature", false,
        signature->size() != signature_length(method.type)
            ? "signature of " + std::to_string(signature->size()) + " bytes, expected " +
                  std::to_string(signature_length(method.type))
            : std::string(suite == Cryptosuite::EddsaRdfc2022 ? "Ed25519" : "ECDSA") +
                  " signature does not verify with " + vm,
        CheckKind::Integrity, "SIG_CRYPTO_FAILURE");
    return;
  }
  add("di.signature", true,
      std::string(*suite == Cryptosuite::EddsaRdfc2022 ? "Ed25519" : "ECDSA ") +
          (*suite == Cryptosuite::EddsaRdfc2022 ? "" : multikey::key_type_name(method.type)) +
          " signature over hash(proof config) || hash(document) verifies",
      CheckKind::Integrity);

  // A credential asserted by someone else's key proves nothing about its issuer: the
  // verification method's controller must be the issuer (VC Data Model 2.0, 8.2 "Issuer";
  // @digitalbazaar/vc's CredentialIssuancePurpose makes the same check).
  if (options.require_issuer_controller && purpose == "assertionMethod" &&
      secured.contains("issuer")) {
    const json& issuer = secured["issuer"];
    std::string issuer_id = issuer.is_string()   ? issuer.get<std::string>()
                            : issuer.is_object() ? issuer.value("id", std::string())
                                                 : std::string();
    if (!add("di.issuer", issuer_id == method.controller,
             issuer_id == method.controller
                 ? "the issuer " + issuer_id + " controls " + vm
                 : "the issuer " + (issuer_id.empty() ? std::string("(no id)") : issuer_id) +
                       " is not the controller " + method.controller + " of " + vm))
      return;
  }

  if (!options.trusted_controllers.empty()) {
    bool trusted = std::count(options.trusted_controllers.begin(),
                              options.trusted_controllers.end(), method.controller) > 0;
    add("di.trust", trusted,
        trusted ? method.controller + " is a trusted controller"
                : method.controller + " is not among the trusted controllers",
        CheckKind::Trust, trusted ? "" : "NO_CERTIFICATE_CHAIN_FOUND");
  }
}

}  // namespace

VerifyReport verify_data_integrity(const json& secured, const VerifyOptions& options) {
  VerifyReport report;
  if (!secured.is_object() || !secured.contains("proof")) {
    report.add(
        "di.proof", false,
        secured.is_object() ? "the document has no proof" : "the document is not a JSON object");
    report.finish();
    return report;
  }
  const json& proof = secured["proof"];
  if (proof.is_array()) {
    if (proof.empty()) report.add("di.proof", false, "proof is an empty array");
    for (size_t i = 0; i < proof.size(); ++i)
      verify_one(secured, proof[i], proof.size() > 1 ? "proof[" + std::to_string(i) + "]: " : "",
                 "/proof/" + std::to_string(i), options, report);
  } else {
    verify_one(secured, proof, "", "/proof", options, report);
  }
  if (report.method.empty()) report.method = "data-integrity";
  report.finish();
  return report;
}

}  // namespace credgate::signing::di
