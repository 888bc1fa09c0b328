// Decoded X.509 certificates kept by their DER. Decoding a certificate is costly in OpenSSL 3
// (its public key goes through the decoder framework), and a gateway sees the same issuers' and
// TSAs' certificates again and again. X509 objects are immutable once parsed (the lazily
// computed extension flags are set under OpenSSL's own lock), so one decoded object can be
// shared between verifications and threads.
#pragma once

#include <optional>
#include <string_view>

#include "signing/keys.hpp"

namespace credgate::signing {

// parse_der_certificate through a cache keyed by the exact DER (at most 512 entries; the whole
// cache is dropped when full). nullopt when the bytes are not exactly one DER certificate.
std::optional<X509Ptr> cached_certificate(std::string_view der);

}  // namespace credgate::signing
