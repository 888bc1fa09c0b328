// The JSON a JWS carries, read and written fast. Read: through simdjson, without building more
// nlohmann DOM than the checks look at: a JWS JSON serialization whose payload (the whole
// credential, 100 KB for an EDC) stays a view into the parser's buffer, and the few claims of a
// compact JWS payload that tell an Open Badges 2.0 assertion or a VC-JWT apart and are compared
// with the credential.
//
// Why not jsonld::parse_json_text: it converts the whole text into nlohmann values, one copy
// per string (the payload) and one node per member (the credential inside a VC-JWT, about
// 2 M instructions per verification for nothing the checks read). Values are read exactly as
// parse_json_text reads them: a duplicate member keeps its last value, and whatever simdjson
// declines (numbers beyond 64 bits, -0, nesting beyond jsonld::kMaxJsonDepth) goes through
// parse_json_text whole, so only the speed differs.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace credgate::signing {

struct JwsJsonText {
  // The document with the "payload" member's string replaced by "" (its type kept); null
  // when the text is not JSON.
  nlohmann::json document;
  // The payload string (unescaped), valid until the next read_jws_json on this thread or the
  // JwsJsonText's end, whichever is first. Empty unless document["payload"] is a string.
  std::string_view payload;
  std::string payload_storage;  // holds the payload when it could not stay a view
};

JwsJsonText read_jws_json(std::string_view text);

// The members of a compact JWS payload the verifier's checks read: top-level type, iss, jti,
// sub, nbf, exp, credentialSubject (the first subject's id), verification (type, creator) and
// vc (issuer or its id, id, the first credentialSubject's id, issuanceDate, validFrom,
// expirationDate, validUntil). Null when the payload is not JSON; a non-object stays a
// non-object (its value is not read).
nlohmann::json read_jwt_claims(std::string_view text);

// value.dump(-1) byte for byte (members in nlohmann's order, numbers as nlohmann writes them),
// for valid UTF-8 strings (what a parsed value holds). Why not dump(): its string escaper
// decodes UTF-8 byte by byte, a third of a VC-JWT seal of a 100 KB credential; this one copies
// the runs between escapes whole (jsonld::append_json_string_contents, tested to equal dump).
std::string dump_compact(const nlohmann::json& value);

// A credential to seal as a VC-JWT, from one pass over its text (jsonld/json_check.hpp): the
// members its JWT claims come from (@context, issuer or its id, id, the first
// credentialSubject's id, issuanceDate, validFrom, expirationDate, validUntil) and the
// credential's text without its blanks, members in its own order, numbers as written.
// When an object repeats a member name (or writes a name with an escape), the credential is
// written instead as dump_compact(parse_json_text(text)) would write it (members sorted as
// nlohmann orders them, a repeated name once with its last value), so that a JWT never
// carries a name twice. nullopt when the text is not a JSON object, or when that second way
// meets what simdjson declines: the caller then parses it whole.
struct JwtCredential {
  nlohmann::json members;
  std::string written;    // the credential as written for the JWT, unless `text` is
  std::string_view text;  // the text read, when it is that already (it had no blanks)
  std::string_view compact() const { return text.empty() ? std::string_view(written) : text; }
};
std::optional<JwtCredential> read_credential_for_jwt(std::string_view text);

}  // namespace credgate::signing
