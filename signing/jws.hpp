// JWS-based seals: JAdES baseline B-B (ETSI TS 119 182-1; JWS JSON serialization, unencoded
// payload), compact JWS, VC-JWT (VC 1.1 JWT claims, as Open Badges 3.0 uses them) and
// VC-JOSE (VC 2.0, typ vc+jwt); and their verification into a VerifyReport.
//
// No I/O here: bytes in, bytes or a report out. Timestamps come through hooks so the RFC 3161
// client/verifier (signing/timestamp.*) plugs in without this file knowing about HTTP.
#pragma once

#include <ctime>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "mappers/model/diagnostic.hpp"
#include "signing/keys.hpp"
#include "signing/verify_report.hpp"
#include "signing/x509_trust.hpp"

namespace credgate::signing {

// Limits on what a verifier accepts before any crypto runs.
struct JoseLimits {
  size_t max_header_bytes = 256 * 1024;         // decoded protected header (x5c chains, adoTst)
  size_t max_payload_bytes = 32 * 1024 * 1024;  // decoded payload
  size_t max_signatures = 16;                   // signatures of a general JWS JSON
  size_t max_etsiu_entries = 64;
};

// B-T hook: given the base64url JWS signature value (the sigTst message imprint input of
// ETSI TS 119 182-1 clause 5.3.4), returns the etsiU entry to add (e.g.
// {"sigTst": {"tstTokens": [{"val": "<base64 DER TimeStampToken>"}]}}) or diagnostics.
using SignatureTimestamper = std::function<std::optional<nlohmann::json>(
    std::string_view signature_b64url, Diagnostics& diagnostics)>;

struct SealOptions {
  std::string method;  // "jades", "jws", "vc-jwt"
  std::string alg;     // "" = the key's default
  Key key;
  std::vector<X509Ptr> chain;      // --cert: leaf first; empty = the key's own chain (PKCS#12, PEM)
  std::optional<std::time_t> now;  // sigT / default nbf; empty = the clock
  SignatureTimestamper timestamper;  // set for --tsa (baseline B-T)
};

struct SealResult {
  std::string output;
  Diagnostics diagnostics;
  bool ok() const { return !has_error(diagnostics) && !output.empty(); }
};

SealResult seal_jose(std::string_view credential, const SealOptions& options);

// What a replacement timestamp verifier (VerifyOptions::timestamps) answers for one token.
struct TimestampCheck {
  bool valid = false;
  std::string gen_time;  // ISO 8601 UTC
  std::string tsa;
  std::string detail;
};
// type: "sigTst", "adoTst", "arcTst"; token: DER TimeStampToken; imprint_input: the bytes the
// token's message imprint must cover (see docs/signing.md).
using TimestampVerifier = std::function<TimestampCheck(
    const std::string& type, std::string_view token, std::string_view imprint_input)>;

struct VerifyOptions {
  TrustStore trust;
  std::optional<std::time_t> at;  // --at
  std::optional<Key> key;         // a key to verify with when the JWS names none (kid)
  JoseLimits limits;
  // Replaces the built-in timestamp verification (tests). Empty: every sigTst, adoTst and
  // arcTst is verified with signing/timestamp (signature, EKU, imprint over the bytes
  // ETSI TS 119 182-1 names) and its TSA checked against `trust` at its genTime.
  TimestampVerifier timestamps;
};

// Verifies a JWS JSON (general or flattened; JAdES when it carries JAdES parameters) or a
// compact JWS / VC-JWT. `report.method` says which; malformed input leaves error diagnostics
// in report.diagnostics (exit code 3).
VerifyReport verify_jose(std::string_view bytes, const VerifyOptions& options);

// xsd:dateTime ("2024-01-01T00:00:00Z", fractions, offsets) -> seconds since the epoch.
std::optional<std::time_t> parse_xsd_datetime(const std::string& text);

}  // namespace credgate::signing
