// W3C Verifiable Credential Data Integrity 1.0 proofs with the RDFC-1.0 cryptosuites:
//   di-eddsa-rdfc-2022  Data Integrity EdDSA Cryptosuites v1.0, eddsa-rdfc-2022 (Ed25519)
//   di-ecdsa-rdfc-2019  Data Integrity ECDSA Cryptosuites v1.0, ecdsa-rdfc-2019 (P-256 with
//                       SHA-256, P-384 with SHA-384)
// The CLI's seal/verify commands call seal_data_integrity() and verify_data_integrity(); see
// docs/data-integrity.md for the proof shape, the checks and the choices made where the
// specifications leave freedom.
#pragma once

#include <openssl/evp.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "jsonld/document_loader.hpp"
#include "mappers/model/diagnostic.hpp"
#include "signing/verify_report.hpp"

namespace credgate::signing::di {

enum class Cryptosuite { EddsaRdfc2022, EcdsaRdfc2019 };

// "eddsa-rdfc-2022" / "ecdsa-rdfc-2019" (the proof's cryptosuite value).
const char* cryptosuite_name(Cryptosuite suite);
// "di-eddsa-rdfc-2022" / "di-ecdsa-rdfc-2019" (the CLI's seal method and the report's method).
const char* method_name(Cryptosuite suite);
// Accepts both spellings above.
std::optional<Cryptosuite> parse_cryptosuite(std::string_view name);

struct SealOptions {
  // Proof `created` (XML Schema dateTimeStamp, e.g. "2024-01-01T00:00:00Z"); "" = now, UTC,
  // whole seconds. Tests and reproducible builds pass a fixed value.
  std::string created;
  std::string proof_purpose = "assertionMethod";
  std::string expires;    // optional proof `expires`, same format
  std::string domain;     // optional proof `domain`
  std::string challenge;  // optional proof `challenge`
  // Contexts beyond the bundled ones (nullptr: jsonld::BundledLoader only). Never fetched
  // remotely unless the caller passes a loader that does.
  jsonld::DocumentLoader* loader = nullptr;
};

struct SealResult {
  nlohmann::json document;  // the credential with `proof` added (null on error)
  Diagnostics diagnostics;  // di.*, jsonld.*, rdfc.*, multikey.* errors, stage "seal"
  bool ok() const { return !document.is_null() && !has_error(diagnostics); }
};

// Adds a DataIntegrityProof to `credential`. The key must fit the suite (Ed25519 for
// eddsa-rdfc-2022; P-256 or P-384 for ecdsa-rdfc-2019). `verification_method` is the URL a
// verifier resolves to the public key ("" = the did:key of `key`). A credential whose
// @context does not define DataIntegrityProof (VC 1.1) gets
// "https://w3id.org/security/data-integrity/v2" appended to its @context first. A credential
// that already has a proof gets a second one (proof set, Data Integrity 1.0 section 2.1.2).
// Sealing runs JSON-LD in safe mode: a credential with a term its contexts do not define
// cannot be sealed (jsonld.safe-mode-dropped).
SealResult seal_data_integrity(const nlohmann::json& credential, EVP_PKEY* key, Cryptosuite suite,
                               const std::string& verification_method,
                               const SealOptions& options = {});

// What a verification method resolves to: the controller document that lists it. The
// resolver hook fetches one for a URL (without fragment); it returns nullopt when it has none.
using ControllerDocumentFetcher =
    std::function<std::optional<nlohmann::json>(const std::string& controller_url)>;

struct VerifyOptions {
  std::string expected_proof_purpose = "assertionMethod";
  std::string expected_domain;     // when set, proof.domain must equal it
  std::string expected_challenge;  // when set, proof.challenge must equal it
  // The time to check `created`/`expires` against, ISO 8601 UTC; "" = now.
  std::string now;
  jsonld::DocumentLoader* loader = nullptr;  // as in SealOptions
  // Controller documents the caller supplies (an issuer registry, a --controller file): used
  // before anything else. did:key needs none (resolved offline).
  std::vector<nlohmann::json> controller_documents;
  // did:web and https controller documents are fetched only when remote resolution is
  // enabled AND a fetcher is given (the gateway plugs its allow-listed HTTP client in here).
  // Otherwise their resolution fails with di.vm-remote-disabled.
  bool allow_remote_resolution = false;
  ControllerDocumentFetcher fetch_controller_document;
  // For assertionMethod proofs of a document with an `issuer`: the verification method's
  // controller must be the issuer (check "di.issuer"). Off only where the issuer is bound to
  // the key some other way (the W3C ECDSA test vectors sign an https issuer's credential with
  // a did:key).
  bool require_issuer_controller = true;
  // Controllers (DIDs or URLs) the caller trusts as issuers. A proof whose verification
  // method's controller is listed gets a passed Trust check ("di.trust"); with the list empty
  // there is no Trust check, and a proof that verifies is INDETERMINATE (integrity, no trust).
  std::vector<std::string> trusted_controllers;
};

// Verifies every proof of `secured` (one object or a proof set array) and fills one report:
// method "di-eddsa-rdfc-2022" or "di-ecdsa-rdfc-2019" (of the first proof), checks
// "di.proof" (structure), "di.proof-config" (type, cryptosuite, purpose, created, expires,
// domain, challenge), "di.context" (the document's @context starts with the proof's and
// defines DataIntegrityProof), "jsonld.safe" (nothing dropped by JSON-LD), "di.canonicalize",
// "di.verification-method" (resolution, controller, purpose, key type), "di.signature",
// "di.issuer" (for assertionMethod proofs of a document with an issuer: the issuer is the
// method's controller) and "di.trust" (see trusted_controllers). With several proofs each check's
// detail begins with "proof[i]: ". signer.key_id is the verification method, signing_time the
// proof's created.
VerifyReport verify_data_integrity(const nlohmann::json& secured,
                                   const VerifyOptions& options = {});

// The data the suites sign, exposed for test vectors: hash(canonical proof config) ||
// hash(canonical document without proof), with SHA-256 (SHA-384 for a P-384 key when
// `sha384` is set). `proof_config` must hold no proofValue and carry the document's @context.
struct HashDataResult {
  std::string proof_canonical;
  std::string document_canonical;
  std::vector<uint8_t> hash_data;
  Diagnostics diagnostics;
  bool ok() const { return !has_error(diagnostics); }
};
HashDataResult hash_data(const nlohmann::json& unsecured_document,
                         const nlohmann::json& proof_config, bool sha384,
                         jsonld::DocumentLoader* loader, const std::string& stage);

}  // namespace credgate::signing::di
