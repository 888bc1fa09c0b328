#include "signing/ocsp.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509_vfy.h>

#include "signing/utc_time.hpp"

namespace credgate::signing {
namespace {

std::string openssl_error() {
  unsigned long e = ERR_peek_last_error();
  char buf[256] = {0};
  if (e) ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return e ? std::string(buf) : std::string("no detail");
}

struct Found {
  int status = -1, reason = -1;
  ASN1_GENERALIZEDTIME *revoked = nullptr, *this_update = nullptr, *next_update = nullptr;
};

// The SingleResponse for `cert`: its CertID may hash the issuer with any of these.
bool find_single(OCSP_BASICRESP* response, X509* cert, X509* issuer, Found& found) {
  for (const EVP_MD* md : {EVP_sha1(), EVP_sha256(), EVP_sha384(), EVP_sha512()}) {
    OCSP_CERTID* id = OCSP_cert_to_id(md, cert, issuer);
    if (!id) continue;
    int ok = OCSP_resp_find_status(response, id, &found.status, &found.reason, &found.revoked,
                                   &found.this_update, &found.next_update);
    OCSP_CERTID_free(id);
    if (ok == 1) return true;
  }
  ERR_clear_error();
  return false;
}

}  // namespace

std::optional<OcspPtr> parse_der_ocsp(std::string_view der, std::string* error) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  if (OCSP_RESPONSE* resp = d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size()))) {
    int status = OCSP_response_status(resp);
    OCSP_BASICRESP* basic =
        status == OCSP_RESPONSE_STATUS_SUCCESSFUL ? OCSP_response_get1_basic(resp) : nullptr;
    OCSP_RESPONSE_free(resp);
    ERR_clear_error();
    if (!basic) {
      if (error)
        *error = status == OCSP_RESPONSE_STATUS_SUCCESSFUL
                     ? "OCSP response without a BasicOCSPResponse"
                     : std::string("OCSP response status ") + OCSP_response_status_str(status);
      return std::nullopt;
    }
    return OcspPtr(basic, OCSP_BASICRESP_free);
  }
  p = reinterpret_cast<const unsigned char*>(der.data());
  if (OCSP_BASICRESP* basic = d2i_OCSP_BASICRESP(nullptr, &p, static_cast<long>(der.size()))) {
    ERR_clear_error();
    return OcspPtr(basic, OCSP_BASICRESP_free);
  }
  ERR_clear_error();
  if (error) *error = "neither a DER OCSPResponse nor a BasicOCSPResponse";
  return std::nullopt;
}

OcspStatus ocsp_status(OCSP_BASICRESP* response, X509* cert, X509* issuer,
                       const std::vector<X509Ptr>& anchors, const std::vector<X509Ptr>& untrusted,
                       std::time_t at) {
  OcspStatus out;
  Found found;
  if (!response || !cert || !issuer || !find_single(response, cert, issuer, found)) return out;
  out.produced_at = asn1_to_time(OCSP_resp_get0_produced_at(response));
  out.this_update = found.this_update ? asn1_to_time(found.this_update) : std::nullopt;
  if (found.next_update) out.next_update = asn1_to_time(found.next_update);
  if (found.revoked) out.revocation_time = asn1_to_time(found.revoked);
  out.kind = OcspStatus::Kind::Unusable;
  if (!out.produced_at || !out.this_update) {
    out.reason = "unreadable producedAt or thisUpdate";
    return out;
  }

  // The signature, and the responder: the CA itself or a delegated responder (id-kp-OCSPSigning)
  // issued by it, its chain to an anchor valid when the response was produced.
  X509_STORE* store = X509_STORE_new();
  for (const auto& a : anchors) X509_STORE_add_cert(store, a.get());
  X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store), *out.produced_at);
  STACK_OF(X509)* certs = sk_X509_new_null();
  for (const auto& c : untrusted) sk_X509_push(certs, c.get());
  sk_X509_push(certs, issuer);
  int verified = OCSP_basic_verify(response, certs, store, 0);
  std::string why = verified == 1 ? std::string() : openssl_error();
  sk_X509_free(certs);
  X509_STORE_free(store);
  ERR_clear_error();
  if (verified != 1) {
    out.reason = "signature or responder not verified: " + why;
    return out;
  }

  std::time_t covered_until = out.next_update ? *out.next_update : *out.this_update;
  if (at > covered_until + kOcspTolerance) {
    out.reason = "not current at " + iso_time(at) + " (" +
                 (out.next_update ? "nextUpdate " : "thisUpdate ") + iso_time(covered_until) + ")";
    return out;
  }
  switch (found.status) {
    case V_OCSP_CERTSTATUS_GOOD:
      out.kind = OcspStatus::Kind::Good;
      break;
    case V_OCSP_CERTSTATUS_REVOKED:
      if (!out.revocation_time) {
        out.reason = "unreadable revocationTime";
        break;
      }
      // Revoked after the validation time: not revoked then.
      out.kind = *out.revocation_time <= at ? OcspStatus::Kind::Revoked : OcspStatus::Kind::Good;
      break;
    default:
      out.kind = OcspStatus::Kind::Unknown;
      out.reason = "the responder does not know the certificate";
      break;
  }
  return out;
}

}  // namespace credgate::signing
