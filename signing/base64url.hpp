// base64url (RFC 4648 section 5, no padding), strict, as JOSE needs it (RFC 7515 section 2).
// A compact JWS carries the whole credential in this form, so sealing encodes and verifying
// decodes about 100 KB per document: the coder is vectorised (AVX2, and AVX-512 VBMI for
// encoding, chosen at run time, with the table coder as fallback and as the reference the
// tests compare them with).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace credgate::signing {

// Only [A-Za-z0-9_-], no '=', no whitespace, and the unused low bits of the last character
// must be zero (one text per byte string). nullopt for anything else.
std::optional<std::string> b64url_decode_strict(std::string_view text);
std::string b64url_encode(std::string_view bytes);
// Appends the base64url text of `bytes` to `out` (a compact JWS is built in one string).
void b64url_encode_append(std::string& out, std::string_view bytes);
// Appends the base64url text of the parts' concatenation, without making it.
void b64url_encode_append(std::string& out, std::span<const std::string_view> parts);

namespace detail {
// The coder's paths, each one a superset of the one before: the portable table coder, AVX2,
// and AVX-512 VBMI for encoding. The public functions take the best the CPU has (asked once);
// the tests run each path the CPU has and hold it to the table coder.
enum class B64Path { kTable, kAvx2, kAvx512Vbmi };
B64Path b64url_best_path();
std::optional<std::string> b64url_decode_strict_with(std::string_view text, B64Path path);
void b64url_encode_append_with(std::string& out, std::string_view bytes, B64Path path);
}  // namespace detail

}  // namespace credgate::signing
