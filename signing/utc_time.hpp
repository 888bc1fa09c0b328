// UTC times as every seal writes and reads them: "YYYY-MM-DDThh:mm:ssZ" (JAdES sigT, report
// fields, --at, --signing-time, Data Integrity `created`) and OpenSSL's ASN1_TIME (certificate
// validity, RFC 3161 genTime). One place, so all verifiers agree on the same instant.
#pragma once

#include <openssl/asn1.h>

#include <ctime>
#include <optional>
#include <string>

namespace credgate::signing {

std::string iso_time(std::time_t t);
// "2022-07-25T14:36:56Z" -> time; nullopt when not exactly that form (or not a real date).
std::optional<std::time_t> parse_iso_utc(const std::string& text);
// An ASN1 UTCTime/GeneralizedTime as seconds since the epoch (fractions dropped).
std::optional<std::time_t> asn1_to_time(const ASN1_TIME* time);

}  // namespace credgate::signing
