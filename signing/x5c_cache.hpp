// x5c entries (RFC 7515 section 4.1.6: standard base64 of a DER certificate) both ways, each
// computed once per certificate:
// - read: decoded, with what a JWS verifier reads off the signer's certificate (its x5t#S256 and
//   the signer facts of the report). A clearinghouse verifies seal after seal from the same few
//   signers; decoding, hashing and reading the subject, serial, validity and QC statements again
//   for each cost about 5% of a JAdES RS256 verification of a 97 KB credential;
// - written: a sealer's certificate as its JOSE headers carry it (x5c, x5t#S256, kid), 5% of a
//   JAdES ES256 seal of the same credential when encoded and hashed for every seal.
// (bench/README.md, "Issue 4 tuning, round 5".)
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "signing/keys.hpp"
#include "signing/verify_report.hpp"

namespace credgate::signing {

struct X5cCertificate {
  X509Ptr cert;          // through cached_certificate (cert_cache.hpp)
  std::string x5t_s256;  // base64url of the SHA-256 of the DER
  SignerInfo signer;     // signer_info(cert); key_id empty
};

// Keyed by the exact base64 text (at most 512 entries; the whole cache is dropped when full).
// nullptr when the text is not strict base64 of exactly one DER certificate. Thread-safe; the
// entry is immutable and may be shared.
std::shared_ptr<const X5cCertificate> cached_x5c_certificate(std::string_view base64);

struct HeaderCertificate {
  X509Ptr cert;
  std::string x5c;                // standard base64 of the DER
  std::string x5t_s256;           // base64url of the SHA-256 of the DER
  std::string issuer_serial_b64;  // base64 of issuer_serial_der: the kid of the EC's seals
};

// Keyed by the certificate object; the entry holds it, so its address cannot be reused by
// another certificate while cached (at most 512 entries, dropped together when full).
// Certificates are not modified once parsed or built. nullptr when it cannot be encoded.
std::shared_ptr<const HeaderCertificate> header_certificate(const X509Ptr& cert);

}  // namespace credgate::signing
