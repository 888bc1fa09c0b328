// RFC 3161 time-stamps: a client that asks a TSA for a token over some bytes, and the
// verification of a TimeStampToken (DER ContentInfo / SignedData holding a TSTInfo).
//
// What the "covered bytes" are is the caller's business; for JAdES (ETSI TS 119 182-1 V1.1.1)
// the message imprint is computed over:
//   sigTst  (clause 5.3.4, "The sigTst JSON object"): the base64url-encoded JWS Signature
//           Value, i.e. the ASCII octets of the BASE64URL(signature) string as it appears in
//           the JWS, not the raw signature bytes.
//   adoTst  (content time-stamp, a signed header parameter): the JWS Payload as the JWS
//           carries it: the base64url-encoded payload, or the raw payload octets when
//           b64 = false; with sigD, the octets of the referenced data objects instead.
//   arcTst  (clause 5.3.6.3.1, "Processing"): payload octets (as for adoTst) || '.' ||
//           BASE64URL(protected header) || '.' || BASE64URL(signature) || '.' || every etsiU
//           element that precedes this arcTst, as it appears in etsiU (base64url-encoded
//           or clear, per the array).
// tests/unit/timestamp_test.cpp checks all three against the adoTst, sigTst and arcTst of the
// EC's JAdES-LTA sealed EDC (tests/data/edc/edc-software/credential-signed.jades.jsonld).
// For XAdES (ETSI EN 319 132-1) SignatureTimeStamp covers the canonicalized ds:SignatureValue
// element. For CAdES the signature value octets. Verify with exactly those bytes.
#pragma once

#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/model/diagnostic.hpp"
#include "signing/keys.hpp"
#include "signing/verify_report.hpp"

namespace credgate::signing::timestamp {

struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
using CertPtr = std::unique_ptr<X509, X509Deleter>;

struct RequestOptions {
  std::string url;  // the TSA: https://, or http:// on loopback only (check_tsa_url)
  long connect_timeout_ms = 5000;
  long total_timeout_ms = 15000;
  size_t max_response_bytes = 256 * 1024;
  std::string policy_oid;  // optional reqPolicy, dotted
  bool cert_req = true;    // ask the TSA to include its certificate
  // The TSA's certificate(s), needed to check the answer when cert_req is false.
  std::vector<X509*> tsa_certificates;
};

struct TokenResult {
  std::vector<uint8_t> token;  // DER TimeStampToken (ContentInfo), empty on error
  TimestampInfo info;          // genTime, TSA subject; valid = the token passed verification
  Diagnostics diagnostics;     // timestamp.* errors, stage "seal"
  bool ok() const { return !token.empty() && !has_error(diagnostics); }
};

// Builds a TimeStampReq (SHA-256 imprint of `covered`, a random 64-bit nonce, certReq), POSTs
// it as application/timestamp-query with libcurl, and checks the TimeStampResp: PKIStatus
// granted (or grantedWithMods), the nonce and the imprint are ours, and the token verifies
// (verify_token below). Errors: timestamp.http (transport, status, content type, size),
// timestamp.response (unparsable), timestamp.rejected (PKIStatus with its text and
// failInfo), timestamp.nonce, timestamp.imprint, timestamp.invalid-token.
TokenResult request_timestamp(std::string_view covered, const RequestOptions& options);

// The TSA URL policy request_timestamp applies first (error timestamp.url): https anywhere;
// plain http only to the loopback interface (127.0.0.1, [::1], localhost), where the tests'
// TSA runs. nullopt = acceptable; else why not.
std::optional<std::string> check_tsa_url(const std::string& url);

struct VerifyOptions {
  // TSA certificates to use when the token does not carry its own (certReq was false).
  std::vector<X509*> extra_certificates;
  std::string type;  // copied into TimestampInfo::type ("sigTst", "adoTst", ...)
};

struct TokenVerification {
  TimestampInfo info;         // type, genTime (ISO 8601 UTC), TSA subject, valid
  std::vector<Check> checks;  // "tst.signature", "tst.eku", "tst.imprint" (kind Timestamp),
                              // "tst.info" (kind Info: genTime, policy, serial),
                              // "tst.cert-validity" (Info: TSA cert valid at genTime)
  CertPtr tsa_certificate;    // the signer, for the caller's trust checks (may be null)
  std::vector<X509Ptr> token_certificates;  // SignedData certificates: the TSA's chain, if sent
  std::string hash_algorithm;               // of the message imprint, e.g. "SHA256"
  std::string nonce;                        // hex, "" if none
  Diagnostics diagnostics;                  // timestamp.token (not a TimeStampToken at all)
  bool valid() const { return info.valid; }
  // Appends the checks and the TimestampInfo to a report.
  void add_to(VerifyReport& report) const;
};

// Verifies a DER TimeStampToken: the CMS signature is valid with the signer certificate it
// names (ESS signing-certificate included; neither the chain to a trust anchor nor validity
// periods are checked here: tsa_certificate goes to the caller's trust evaluation at the proven
// time, "tst.cert-validity" says whether it covered genTime), the signer has the extendedKeyUsage
// timeStamping (RFC 3161 2.3), and the message imprint equals the hash of exactly `covered`
// with the token's hash algorithm.
TokenVerification verify_token(const std::vector<uint8_t>& token, std::string_view covered,
                               const VerifyOptions& options = {});

}  // namespace credgate::signing::timestamp
