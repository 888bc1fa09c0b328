// One verification report for every envelope (JAdES, JWS, VC-JWT, Data Integrity, OB 2.0,
// XAdES), shaped as the `verify` output of ../shared/design/cli.md. Each verifier appends
// checks; the verdict is derived from them (ETSI EN 319 102-1) by finish(), so no verifier
// decides TOTAL-PASSED on its own.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/model/diagnostic.hpp"

namespace credgate::signing {

enum class Verdict { TotalPassed, Indeterminate, TotalFailed };
const char* verdict_name(Verdict verdict);

// What a check is about decides how its failure counts towards the verdict.
enum class CheckKind {
  Integrity,  // signature value, signed references, digests: failure -> TOTAL-FAILED
  Format,     // header/proof structure, crit, algorithm policy: failure -> TOTAL-FAILED
  Trust,      // chain to an anchor, validity at the proven time, revocation: -> INDETERMINATE
  Timestamp,  // a timestamp's own signature/imprint: failure -> TOTAL-FAILED (it was signed over)
  Info,       // recorded for the reader, never changes the verdict
};

struct Check {
  std::string id;  // stable, dotted: "jws.signature", "x5t#S256", "trust.chain", ...
  bool passed = false;
  std::string detail;
  CheckKind kind = CheckKind::Integrity;
  // ETSI sub-indication this failure implies (e.g. "HASH_FAILURE", "SIG_CRYPTO_FAILURE",
  // "NO_CERTIFICATE_CHAIN_FOUND", "OUT_OF_BOUNDS_NO_POE", "REVOKED_NO_POE"); "" = generic.
  std::string sub_indication;
};

struct SignerInfo {
  std::string subject;                  // RFC 4514 string
  std::string organization_identifier;  // 2.5.4.97, e.g. "VATBE-0123456789"
  std::string country;                  // C
  std::string issuer;
  std::string serial;                 // hex
  std::string not_before, not_after;  // ISO 8601 UTC
  bool qualified_eseal = false;       // QcStatements claims QcCompliance + QcType eseal
  std::string key_id;                 // kid / verificationMethod when no certificate
  nlohmann::json to_json() const;
};

struct TimestampInfo {
  std::string type;  // "adoTst", "sigTst", "arcTst", "SignatureTimeStamp", ...
  std::string time;  // genTime, ISO 8601 UTC
  std::string tsa;   // TSA certificate subject
  bool valid = false;
  nlohmann::json to_json() const;
};

struct VerifyReport {
  std::string file;
  std::string format;  // format id of the credential inside ("edc", "ob3", "edci-xml", ...)
  std::string method;  // envelope: "jades", "jws", "vc-jwt", "di-eddsa-rdfc-2022", "xades", ...
  bool integrity = false;
  Verdict verdict = Verdict::TotalFailed;
  std::string sub_indication;
  std::optional<SignerInfo> signer;
  std::string signing_time;  // ISO 8601 UTC; the proven time when a timestamp proves it
  std::vector<TimestampInfo> timestamps;
  std::vector<Check> checks;
  Diagnostics diagnostics;  // input problems met while verifying (malformed envelope, ...)

  Check& add(std::string id, bool passed, std::string detail, CheckKind kind = CheckKind::Integrity,
             std::string sub_indication = {});
  // Sets integrity, verdict and sub_indication from the checks: any failed Integrity, Format
  // or Timestamp check -> TOTAL-FAILED; else any failed Trust check, or no Trust check at
  // all -> INDETERMINATE; else TOTAL-PASSED. A report with no Integrity check never passes:
  // it is TOTAL-FAILED, except when its only failures are Trust checks (the signing key or
  // certificate could not be found, so the signature was never checked): INDETERMINATE with
  // that check's sub-indication (default NO_SIGNING_CERTIFICATE_FOUND), integrity false.
  void finish();
  // The first check with this id (some ids repeat, e.g. one per XMLDSig reference), or the
  // first with this id and outcome; nullptr when there is none.
  const Check* find(std::string_view id) const;
  const Check* find(std::string_view id, bool passed) const;
  nlohmann::json to_json() const;
};

}  // namespace credgate::signing
