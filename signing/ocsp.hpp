// Embedded OCSP responses (JAdES rVals ocspVals, XAdES OCSPValues): parsed, their signature
// verified against the trust anchors (the responder is the CA or a delegated OCSPSigning
// responder it issued, as OpenSSL checks), and the status of one certificate read from the
// response. Nothing is fetched.
#pragma once

#include <openssl/ocsp.h>

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signing/keys.hpp"

namespace credgate::signing {

using OcspPtr = std::shared_ptr<OCSP_BASICRESP>;

// A DER OCSPResponse (successful, id-pkix-ocsp-basic; RFC 6960 4.2.1, the form of JAdES
// ocspVals and XAdES EncapsulatedOCSPValue) or a bare BasicOCSPResponse. nullopt with `error`
// set when it is neither.
std::optional<OcspPtr> parse_der_ocsp(std::string_view der, std::string* error = nullptr);

struct OcspStatus {
  enum class Kind {
    Good,      // verified, not revoked at the validation time
    Revoked,   // verified, revoked at or before the validation time
    Unknown,   // verified, the responder does not know the certificate
    NotFound,  // no SingleResponse for this certificate: the response is about others
    Unusable,  // signature, responder or times do not allow using it (see reason)
  };
  Kind kind = Kind::NotFound;
  std::string reason;  // why it is unusable / unknown
  std::optional<std::time_t> produced_at, this_update, next_update, revocation_time;
};

// How far thisUpdate/nextUpdate may be off the validation time (clock skew).
constexpr std::time_t kOcspTolerance = 5 * 60;

// The status of `cert` (issued by `issuer`) at `at` per `response`. The response's signature
// is verified with OCSP_basic_verify against `anchors`, `untrusted` and the response's own
// certificates, the responder's chain at the response's producedAt. The response covers `at`
// when `at` <= (nextUpdate, else thisUpdate) + tolerance; a later "good" (or a revocation after
// `at`) says the certificate was not revoked at `at`.
OcspStatus ocsp_status(OCSP_BASICRESP* response, X509* cert, X509* issuer,
                       const std::vector<X509Ptr>& anchors, const std::vector<X509Ptr>& untrusted,
                       std::time_t at);

}  // namespace credgate::signing
