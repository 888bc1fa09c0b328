// X.509 trust for every verifier: the chain from the signer's certificate to an anchor of
// `--trust`, key usage, validity at the proven signing time and revocation from CRLs that are
// embedded (JAdES rVals, XAdES RevocationValues) or supplied, and from embedded OCSP responses.
// Nothing is fetched (no OCSP request, no CRL download).
#pragma once

#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "signing/keys.hpp"
#include "signing/ocsp.hpp"
#include "signing/utc_time.hpp"
#include "signing/verify_report.hpp"

namespace credgate::signing {

using CrlPtr = std::shared_ptr<X509_CRL>;

struct TrustStore {
  std::vector<X509Ptr> anchors;
  std::vector<X509Ptr> intermediates;  // non-self-signed certificates found under --trust
  std::vector<CrlPtr> crls;
};

// PEM/DER files or a directory of them: self-signed certificates become anchors, other
// certificates candidate intermediates, CRLs revocation data. An unreadable path is an error.
TrustStore load_trust(const std::string& path, Diagnostics& diagnostics);
std::optional<CrlPtr> parse_der_crl(std::string_view der);

struct TrustInput {
  X509Ptr leaf;
  std::vector<X509Ptr> untrusted;     // x5c[1..], xVals
  std::vector<CrlPtr> crls;           // rVals crlVals
  std::vector<OcspPtr> ocsp;          // rVals ocspVals, OCSPValues
  std::optional<std::time_t> at;      // --at
  std::optional<std::time_t> proven;  // genTime of a verified signature timestamp
};

// Adds trust.chain, trust.validity, trust.revocation and trust.key-usage checks (CheckKind
// Trust) to the report. The validation time is `at`, else `proven`, else now; a certificate
// out of its validity at that time without a proof of existence before its expiry gives
// OUT_OF_BOUNDS_NO_POE, a revoked one REVOKED_NO_POE. Where no CRL decided, the OCSP responses
// are asked about each certificate of the chain: a verified "good" for the signer passes
// trust.revocation, a verified "revoked" fails it; unusable ones are reported (trust.ocsp, Info).
void evaluate_trust(const TrustInput& input, const TrustStore& store, VerifyReport& report);

// A verified timestamp's TSA against the same anchors as a signer (chain, key usage, validity
// and revocation at the token's genTime, `input.at`), for every envelope: only a token whose
// TSA is trusted proves a time. The detail names the chain and what failed.
struct AuthorityTrust {
  bool trusted = false;
  std::string detail;
};
AuthorityTrust evaluate_timestamp_authority(const TrustInput& input, const TrustStore& store);

SignerInfo signer_info(X509* cert);

}  // namespace credgate::signing
