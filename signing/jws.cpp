#include "signing/jws.hpp"

#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include <set>

#include "jsonld/jcs.hpp"
#include "jsonld/json_check.hpp"
#include "jsonld/json_text.hpp"
#include "signing/jose.hpp"
#include "signing/jose_json.hpp"
#include "signing/timestamp.hpp"
#include "signing/x5c_cache.hpp"

namespace credgate::signing {
namespace {

using json = nlohmann::json;

// Header parameters this implementation understands when they are listed in `crit`:
// RFC 7797 b64 and the JAdES signed header parameters it processes.
const std::set<std::string> kUnderstoodCrit = {"b64", "sigT", "adoTst"};
// RFC 7515 section 4.1.11: names defined by the JWS/JWA specifications must not be in crit.
const std::set<std::string> kRegistered = {"alg", "jku",      "jwk", "kid", "x5u", "x5c",
                                           "x5t", "x5t#S256", "typ", "cty", "crit"};

std::string now_or(const std::optional<std::time_t>& t) {
  return iso_time(t ? *t : std::time(nullptr));
}

// The x5c member's value, ["<base64 DER>",...], through the header cache (x5c_cache.hpp): a
// sealer signs with the same certificates each time. Base64 has nothing to escape.
void append_x5c(std::string& out, const std::vector<X509Ptr>& chain) {
  out += '[';
  for (size_t i = 0; i < chain.size(); ++i) {
    auto h = header_certificate(chain[i]);
    if (i > 0) out += ',';
    out += '"';
    if (h) out += h->x5c;  // "" (refused by every verifier) if it cannot be encoded
    out += '"';
  }
  out += ']';
}

// The JAdES protected header, as dump_compact writes the json object holding it (members in
// nlohmann's order: alg, b64, crit, cty, kid, sigT, typ, x5c, x5t#S256), written directly:
// the certificates are 2-4 KB of base64 that nlohmann's serializer decoded as UTF-8 byte by
// byte (5% of an ES256 seal). Every value is ASCII with nothing to escape (a known algorithm
// name, base64, an ISO time); jades_test.cpp checks the text against the dump of its parse.
std::string jades_protected_header(std::string_view alg, const HeaderCertificate& signer,
                                   const std::vector<X509Ptr>& chain, std::string_view sig_t) {
  std::string out;
  out.reserve(256 + signer.x5c.size() * (chain.size() + 1));
  auto quoted = [&](std::string_view value) {
    out += '"';
    out += value;
    out += '"';
  };
  out += "{\"alg\":";
  quoted(alg);
  out += ",\"b64\":false,\"crit\":[\"b64\",\"sigT\"],\"cty\":\"json\",";
  if (!signer.issuer_serial_b64.empty()) {
    out += "\"kid\":";
    quoted(signer.issuer_serial_b64);
    out += ',';
  }
  out += "\"sigT\":";
  quoted(sig_t);
  out += ",\"typ\":\"jose+json\",\"x5c\":";
  append_x5c(out, chain);
  out += ",\"x5t#S256\":";
  quoted(signer.x5t_s256);
  out += '}';
  return out;
}

// Whether the certificate holds the key's public key. EVP_PKEY_eq compares EC points (1.6 us,
// 1.5% of an ES256 seal), and a sealer passes the same pair every time: the last pair that
// matched is remembered per thread, by weak references. They keep neither object alive (no
// private key outlives its owner here), and one that has been freed no longer matches, so
// another key or certificate built at its address is checked afresh (certificates and keys
// are not modified once built).
bool certificate_fits_key(const X509Ptr& cert, const PkeyPtr& key) {
  thread_local std::weak_ptr<X509> fitted_cert;
  thread_local std::weak_ptr<EVP_PKEY> fitted_key;
  if (cert && key && cert == fitted_cert.lock() && key == fitted_key.lock()) return true;
  if (!same_public_key(X509_get0_pubkey(cert.get()), key.get())) return false;
  fitted_cert = cert;
  fitted_key = key;
  return true;
}

// Whether the algorithm suits the key (alg_matches_key), remembered the same way for the last
// key that passed: reading an EC key's curve name through OpenSSL's parameters costs about
// 1 us per seal.
bool key_fits_alg(const JoseAlg& alg, const PkeyPtr& key, std::string* why) {
  thread_local std::weak_ptr<EVP_PKEY> fitted_key;
  thread_local const JoseAlg* fitted_alg = nullptr;
  if (key && &alg == fitted_alg && key == fitted_key.lock()) return true;
  if (!alg_matches_key(alg, key.get(), why)) return false;
  fitted_key = key;
  fitted_alg = &alg;
  return true;
}

// A compact JWS's protected header, as dump_compact writes the json object holding it (members
// in nlohmann's order: alg, cty, jwk, kid, typ, x5c), written directly as the JAdES header is.
// `cty` and `typ` are left out when empty. The key is named, unless `name_key` is false (OB 2.0
// names it by verification.creator): x5c with a certificate, else the kid, else the public JWK.
// jades_test.cpp checks the text against the dump of its parse.
std::string compact_protected_header(std::string_view alg, std::string_view cty,
                                     std::string_view typ, bool name_key, const Key& key,
                                     const std::vector<X509Ptr>& chain) {
  std::string out = "{\"alg\":\"";
  out += alg;  // a name from the algorithm table: nothing to escape
  out += '"';
  if (!cty.empty()) {
    out += ",\"cty\":\"";
    out += cty;
    out += '"';
  }
  bool x5c = name_key && !chain.empty(), kid = name_key && !x5c && !key.kid.empty();
  if (name_key && !x5c && !kid) {
    if (auto jwk = public_jwk(key.pkey())) {
      out += ",\"jwk\":";
      out += dump_compact(*jwk);
    }
  }
  if (kid) {
    out += ",\"kid\":";
    out += dump_compact(json(key.kid));  // as before, whatever bytes the kid was given
  }
  if (!typ.empty()) {
    out += ",\"typ\":\"";
    out += typ;
    out += '"';
  }
  if (x5c) {
    out += ",\"x5c\":";
    append_x5c(out, chain);
  }
  out += '}';
  return out;
}

std::optional<std::string> id_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("id") && v["id"].is_string()) return v["id"].get<std::string>();
  return std::nullopt;
}

bool is_vc2(const json& credential) {
  if (!credential.contains("@context")) return false;
  const json& ctx = credential["@context"];
  auto is_v2 = [](const json& c) {
    return c.is_string() && c.get<std::string>() == "https://www.w3.org/ns/credentials/v2";
  };
  if (ctx.is_array()) return !ctx.empty() && is_v2(ctx[0]);
  return is_v2(ctx);
}

const json* first_subject(const json& credential) {
  if (!credential.contains("credentialSubject")) return nullptr;
  const json& s = credential["credentialSubject"];
  if (s.is_array()) return s.empty() ? nullptr : &s[0];
  return &s;
}

}  // namespace

std::optional<std::time_t> parse_xsd_datetime(const std::string& text) {
  // YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)
  if (text.size() < 20) return std::nullopt;
  std::string base = text.substr(0, 19) + "Z";
  auto t = parse_iso_utc(base);
  if (!t) return std::nullopt;
  size_t i = 19;
  if (i < text.size() && text[i] == '.') {
    ++i;
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start) return std::nullopt;
  }
  std::string zone = text.substr(i);
  if (zone == "Z") return t;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
      std::isdigit(static_cast<unsigned char>(zone[1])) &&
      std::isdigit(static_cast<unsigned char>(zone[2])) &&
      std::isdigit(static_cast<unsigned char>(zone[4])) &&
      std::isdigit(static_cast<unsigned char>(zone[5]))) {
    int offset = ((zone[1] - '0') * 10 + (zone[2] - '0')) * 3600 +
                 ((zone[4] - '0') * 10 + (zone[5] - '0')) * 60;
    return zone[0] == '+' ? *t - offset : *t + offset;
  }
  return std::nullopt;
}

SealResult seal_jose(std::string_view credential, const SealOptions& options) {
  SealResult out;
  auto fail = [&](std::string code, std::string message, std::string location = {}) {
    out.diagnostics.push_back(
        make_error(std::move(code), "seal", std::move(message), std::move(location)));
    out.output.clear();
    return out;
  };
  if (!options.key || !options.key.is_private)
    return fail("input.key", "no private key to seal with");
  std::string alg = options.alg.empty() ? options.key.default_alg() : options.alg;
  if (is_forbidden_alg(alg)) return fail("usage.alg", "algorithm " + alg + " is refused for seals");
  const JoseAlg* info = find_alg(alg);
  if (!info) return fail("usage.alg", "unsupported algorithm '" + alg + "'");
  std::string why;
  if (!key_fits_alg(*info, options.key.shared_pkey(), &why)) return fail("usage.alg", why);
  const std::vector<X509Ptr>& chain = options.chain.empty() ? options.key.chain() : options.chain;
  if (!chain.empty() && !certificate_fits_key(chain[0], options.key.shared_pkey()))
    return fail("input.certificate", "the certificate does not belong to the key");

  // Every method checks the credential is a JSON object in one pass (jsonld/json_check.hpp):
  // VC-JWT's also writes it without blanks and reads the members its claims come from
  // (jose_json.hpp; a JSON object when it succeeds), JAdES's escapes it into the payload
  // member, the compact forms' writes nothing. Header and claims are dumped by dump_compact
  // (json::dump(-1) byte for byte for the valid UTF-8 strings a parsed or built value holds).
  std::optional<JwtCredential> jwt_credential;
  if (options.method == "vc-jwt") jwt_credential = read_credential_for_jwt(credential);
  size_t first = credential.find_first_not_of(" \t\r\n");
  // JAdES: the output starts with the payload member, the credential escaped into a JSON
  // string (the first member: nlohmann orders keys); the rest is appended once signed.
  const std::string_view jades_head = "{\n  \"payload\": \"";
  if (!jwt_credential) {
    jsonld::JsonCheckOptions check;
    if (options.method == "jades") {
      out.output.reserve(credential.size() + credential.size() / 16 + 16384);
      out.output.assign(jades_head);
      check.output = jsonld::JsonOutput::kStringContents;
      check.out = &out.output;
    }
    if (first == std::string_view::npos || credential[first] != '{' ||
        !jsonld::check_json_text(credential, check).ok)
      return fail("json.syntax", "the credential to seal must be a JSON object");
  }
  // What simdjson declines (numbers beyond 64 bits, -0) is parsed whole, as before.
  json parsed = jwt_credential               ? std::move(jwt_credential->members)
                : options.method == "vc-jwt" ? jsonld::parse_json_text(credential).value
                                             : json::object();

  // The signing input is given in pieces and streamed into the digest (no copy of the payload).
  // The key and the algorithm were checked above.
  auto sign = [&](std::initializer_list<std::string_view> input) -> std::optional<std::string> {
    std::string error;
    auto sig = jose_sign_parts(*info, options.key.pkey(), input, &error);
    if (!sig) out.diagnostics.push_back(make_error("seal.sign", "seal", error));
    return sig;
  };

  if (options.method == "jades") {
    if (chain.empty())
      return fail("usage.cert",
                  "JAdES needs the signer's certificate (--cert, or a PKCS#12/PEM "
                  "file holding it)");
    if (info->family == KeyFamily::Ed25519)
      return fail("usage.alg", "JAdES baseline signatures do not use EdDSA (ETSI TS 119 312)");
    auto signer = header_certificate(chain[0]);
    if (!signer) return fail("input.certificate", "the signer's certificate cannot be encoded");
    std::string protected_b64 =
        b64url_encode(jades_protected_header(alg, *signer, chain, now_or(options.now)));
    // RFC 7797: the signing input holds the payload bytes as they are.
    auto sig = sign({protected_b64, ".", credential});
    if (!sig) {
      out.output.clear();
      return out;
    }
    std::string signature_b64 = b64url_encode(*sig);
    std::string etsi_u;  // the one unsigned-header entry, base64url of {"sigTst": ...}
    if (options.timestamper) {
      auto entry = options.timestamper(signature_b64, out.diagnostics);
      if (!entry) {
        if (!has_error(out.diagnostics))
          out.diagnostics.push_back(make_error("seal.timestamp", "seal", "no signature timestamp"));
        out.output.clear();
        return out;
      }
      etsi_u = b64url_encode(dump_compact(*entry));
    }
    // The payload member is in the output already; the rest as json::dump(2) writes
    // {"payload": ..., "signatures": [{"header": {"etsiU": [...]}, "protected": ...,
    // "signature": ...}]}. Every value is base64url: nothing to escape.
    out.output += "\",\n  \"signatures\": [\n    {\n";
    if (!etsi_u.empty()) {
      out.output += "      \"header\": {\n        \"etsiU\": [\n          \"";
      out.output += etsi_u;
      out.output += "\"\n        ]\n      },\n";
    }
    out.output += "      \"protected\": \"";
    out.output += protected_b64;
    out.output += "\",\n      \"signature\": \"";
    out.output += signature_b64;
    out.output += "\"\n    }\n  ]\n}\n";
    return out;
  }

  if (options.timestamper) return fail("usage.tsa", "--tsa applies to jades (and xades) only");

  std::string_view typ, cty;    // of the protected header, for VC-JWT
  std::string payload_storage;  // the VC-JWT claims; a JWS payload is the credential as given
  std::string_view payload;
  // A VC 1.1 JWT's payload in pieces: the claims before "vc", the credential's text, "}".
  // Encoded as one text, without joining them into a copy of the credential.
  std::string_view vc_text;
  if (options.method == "jws") {
    payload = credential;
  } else if (options.method == "ob2-jws") {
    // Open Badges 2.0 section "Signed Badges": a compact JWS, RS256, over the assertion.
    if (alg != "RS256") return fail("usage.alg", "Open Badges 2.0 signed badges use RS256");
    json assertion = json::parse(credential);
    const json* verification =
        assertion.contains("verification") ? &assertion["verification"] : nullptr;
    std::string vtype =
        verification && verification->is_object() && (*verification)["type"].is_string()
            ? (*verification)["type"].get<std::string>()
            : "";
    if (vtype != "SignedBadge" && vtype != "signed")
      return fail("model.missing-member",
                  "an Open Badges 2.0 signed assertion needs verification.type SignedBadge "
                  "(and verification.creator, the public key's URL)",
                  "/verification");
    payload = credential;
  } else if (options.method == "vc-jwt") {
    if (is_vc2(parsed)) {
      // VC-JOSE-COSE: the payload is the credential itself.
      typ = "vc+jwt";
      cty = "vc";
      if (jwt_credential) {
        payload = jwt_credential->compact();
      } else {
        payload_storage = dump_compact(parsed);
        payload = payload_storage;
      }
    } else {
      // VC Data Model 1.1 section 6.3.1 (JWT encoding), as Open Badges 3.0 section 8.2 uses it.
      typ = "JWT";
      json claims = json::object();
      if (parsed.contains("issuer")) {
        auto iss = id_of(parsed["issuer"]);
        if (!iss) return fail("model.missing-member", "issuer has no id", "/issuer");
        claims["iss"] = *iss;
      }
      if (parsed.contains("id") && parsed["id"].is_string()) claims["jti"] = parsed["id"];
      if (const json* subject = first_subject(parsed))
        if (subject->is_object() && subject->contains("id") && (*subject)["id"].is_string())
          claims["sub"] = (*subject)["id"];
      for (const char* member : {"issuanceDate", "validFrom"}) {
        if (!parsed.contains(member) || claims.contains("nbf")) continue;
        auto t = parsed[member].is_string() ? parse_xsd_datetime(parsed[member]) : std::nullopt;
        if (!t) return fail("model.datetime", "not an xsd:dateTime", std::string("/") + member);
        claims["nbf"] = static_cast<long long>(*t);
      }
      for (const char* member : {"expirationDate", "validUntil"}) {
        if (!parsed.contains(member) || claims.contains("exp")) continue;
        auto t = parsed[member].is_string() ? parse_xsd_datetime(parsed[member]) : std::nullopt;
        if (!t) return fail("model.datetime", "not an xsd:dateTime", std::string("/") + member);
        claims["exp"] = static_cast<long long>(*t);
      }
      if (!claims.contains("nbf"))
        claims["nbf"] = static_cast<long long>(options.now ? *options.now : std::time(nullptr));
      if (jwt_credential) {
        // "vc" sorts after every other claim (exp, iss, jti, nbf, sub) and nbf is always set:
        // the credential's text goes before the closing brace, as dump_compact would put it.
        payload_storage = dump_compact(claims);
        payload_storage.pop_back();
        payload_storage += ",\"vc\":";
        vc_text = jwt_credential->compact();
      } else {
        claims["vc"] = std::move(parsed);  // not read again: moved, not copied
        payload_storage = dump_compact(claims);
      }
      payload = payload_storage;
    }
  } else {
    return fail("usage.method", "unknown JOSE seal method '" + options.method + "'");
  }
  // The signing input is built where the output goes, and signed there.
  std::string& jws = out.output;
  jws.reserve((payload.size() + vc_text.size()) / 3 * 4 + 4096);
  // OB 2.0 names its key by verification.creator, not in the header.
  b64url_encode_append(jws, compact_protected_header(alg, cty, typ, options.method != "ob2-jws",
                                                     options.key, chain));
  jws += '.';
  if (vc_text.empty()) {
    b64url_encode_append(jws, payload);
  } else {
    const std::string_view parts[] = {payload, vc_text, "}"};
    b64url_encode_append(jws, parts);
  }
  auto sig = sign({jws});
  if (!sig) {
    jws.clear();
    return out;
  }
  jws += '.';
  b64url_encode_append(jws, *sig);
  jws += '\n';
  return out;
}

// ---------------------------------------------------------------------------------------
// Verification

namespace {

struct Parts {
  std::string protected_b64;
  json protected_header;
  json unprotected;  // object or null
  std::string signature_b64;
  std::string location;  // JSON Pointer of this signature
  // Compact serialization: the signing input (header '.' payload) as one view of the input,
  // verified as it is (EdDSA signs in one call: no joined copy). Empty for JWS JSON.
  std::string_view compact_signing_input;
};

Diagnostic malformed(std::string message, std::string location) {
  return make_error("jws.malformed", "verify", std::move(message), std::move(location));
}

std::optional<json> decode_header(const std::string& b64, const JoseLimits& limits,
                                  const std::string& location, Diagnostics& diagnostics) {
  auto text = b64url_decode_strict(b64);
  if (!text) {
    diagnostics.push_back(malformed("protected header is not strict base64url", location));
    return std::nullopt;
  }
  if (text->size() > limits.max_header_bytes) {
    diagnostics.push_back(make_error(
        "input.too-large", "verify",
        "protected header larger than " + std::to_string(limits.max_header_bytes) + " bytes",
        location));
    return std::nullopt;
  }
  // Duplicate member names are refused (RFC 7515 section 4: "MUST either reject"). simdjson
  // keeps every member of an object, so its parse sees them (a header with x5c is kilobytes,
  // which nlohmann's lexer reads a character at a time); what simdjson declines (numbers
  // beyond 64 bits, -0) goes through nlohmann with a callback that sees each key.
  jsonld::ParsedText fast = jsonld::parse_json_text(*text);
  if (!fast.by_nlohmann) {
    if (!fast.ok() || !fast.value.is_object()) {
      diagnostics.push_back(malformed("protected header is not a JSON object", location));
      return std::nullopt;
    }
    if (fast.duplicate_keys) {
      diagnostics.push_back(malformed("protected header repeats a member name", location));
      return std::nullopt;
    }
    return std::move(fast.value);
  }
  bool duplicate = false;
  std::vector<std::set<std::string>> seen;
  json::parser_callback_t cb = [&](int depth, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) seen.emplace_back();
    if (event == json::parse_event_t::object_end && !seen.empty()) seen.pop_back();
    if (event == json::parse_event_t::key && !seen.empty() &&
        !seen.back().insert(parsed.get<std::string>()).second)
      duplicate = true;
    (void)depth;
    return true;
  };
  json header = json::parse(*text, cb, false);
  if (header.is_discarded() || !header.is_object()) {
    diagnostics.push_back(malformed("protected header is not a JSON object", location));
    return std::nullopt;
  }
  if (duplicate) {
    diagnostics.push_back(malformed("protected header repeats a member name", location));
    return std::nullopt;
  }
  return header;
}

struct TstToken {
  std::string der;
  std::string gen_time, tsa;
  std::vector<X509Ptr> certificates;  // SignedData certificates (the TSA's chain, if carried)
};

// Reads genTime and the TSA name of an RFC 3161 token (OpenSSL's TS module) for the report;
// the token's signature is the timestamp verifier's job.
std::optional<TstToken> read_token(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  PKCS7* token = d2i_PKCS7(nullptr, &p, static_cast<long>(der.size()));
  if (!token) {
    ERR_clear_error();
    return std::nullopt;
  }
  TstToken out;
  out.der = der;
  TS_TST_INFO* info = PKCS7_to_TS_TST_INFO(token);
  if (!info) {
    PKCS7_free(token);
    ERR_clear_error();
    return std::nullopt;
  }
  {
    if (auto t = asn1_to_time(TS_TST_INFO_get_time(info))) out.gen_time = iso_time(*t);
    STACK_OF(X509)* signers = PKCS7_get0_signers(token, nullptr, 0);
    if (signers && sk_X509_num(signers) > 0)
      out.tsa = signer_info(sk_X509_value(signers, 0)).subject;
    sk_X509_free(signers);
    if (PKCS7_type_is_signed(token) && token->d.sign && token->d.sign->cert)
      for (int i = 0; i < sk_X509_num(token->d.sign->cert); ++i) {
        X509* c = sk_X509_value(token->d.sign->cert, i);
        X509_up_ref(c);
        out.certificates.push_back(wrap(c));
      }
    TS_TST_INFO_free(info);
  }
  PKCS7_free(token);
  ERR_clear_error();
  return out;
}

// A token whose signature and imprint verified, waiting for its TSA's trust evaluation (which
// needs every xVals/rVals entry of etsiU, wherever they come in the array).
struct PendingTimestamp {
  size_t info_index;  // into report.timestamps
  std::string type;
  std::string location;
  X509Ptr tsa_certificate;
  std::vector<X509Ptr> token_certificates;
  std::optional<std::time_t> gen_time;
};

struct Context {
  const VerifyOptions& options;
  VerifyReport& report;
  std::vector<X509Ptr> xvals;
  std::vector<CrlPtr> crls;
  std::vector<OcspPtr> ocsp;
  std::optional<std::time_t> proven;
  std::string proven_text;  // the genTime proving it, as the token gives it (fractions kept)
  std::vector<PendingTimestamp> pending;
};

// What a failed token verification says, for the check's detail.
std::string failed_tst_checks(const timestamp::TokenVerification& v) {
  std::string out;
  for (const auto& c : v.checks)
    if (!c.passed) out += (out.empty() ? "" : "; ") + c.id + ": " + c.detail;
  for (const auto& d : v.diagnostics) out += (out.empty() ? "" : "; ") + d.message;
  return out.empty() ? "does not verify" : out;
}

// Token list of sigTst/adoTst/arcTst: {"tstTokens": [{"val": base64}]}.
void report_timestamps(Context& ctx, const std::string& type, const json& value,
                       std::string_view imprint_input, const std::string& location) {
  if (!value.is_object() || !value.contains("tstTokens") || !value["tstTokens"].is_array() ||
      value["tstTokens"].empty()) {
    ctx.report.add("jades." + type, false, "no tstTokens array", CheckKind::Format,
                   "FORMAT_FAILURE");
    return;
  }
  for (size_t i = 0; i < value["tstTokens"].size(); ++i) {
    const json& t = value["tstTokens"][i];
    auto der = t.is_object() && t.contains("val") && t["val"].is_string()
                   ? b64_decode_strict(t["val"].get<std::string>())
                   : std::nullopt;
    auto token = der ? read_token(*der) : std::nullopt;
    // With a timestamp verifier the token is its to judge; without one it must at least parse.
    if (!der || (!token && !ctx.options.timestamps)) {
      ctx.report.add(
          "jades." + type, false,
          "tstTokens[" + std::to_string(i) + "] is not a base64 RFC 3161 token (" + location + ")",
          CheckKind::Format, "FORMAT_FAILURE");
      continue;
    }
    if (!token) token = TstToken{*der, "", "", {}};
    TimestampInfo info{type, token->gen_time, token->tsa, false};
    std::string which = type + " tstTokens[" + std::to_string(i) + "]";
    if (!ctx.options.timestamps) {
      // Built in: the token's CMS signature, the TSA's timeStamping EKU and the message imprint
      // over exactly `imprint_input` (signing/timestamp.hpp); the TSA's trust comes later.
      std::vector<uint8_t> der_bytes(token->der.begin(), token->der.end());
      timestamp::VerifyOptions tst_options;
      tst_options.type = type;
      timestamp::TokenVerification v =
          timestamp::verify_token(der_bytes, imprint_input, tst_options);
      if (!v.info.time.empty()) info.time = v.info.time;
      if (!v.info.tsa.empty()) info.tsa = v.info.tsa;
      ctx.report.add("jades." + type, v.valid(),
                     v.valid() ? which + " of " + info.time + " by " + info.tsa +
                                     ": signature, timeStamping EKU and imprint verify"
                               : which + " (" + location + "): " + failed_tst_checks(v),
                     CheckKind::Timestamp, "TIMESTAMP_FAILURE");
      if (v.valid() && v.tsa_certificate) {
        X509* c = v.tsa_certificate.get();
        X509_up_ref(c);
        ctx.pending.push_back({ctx.report.timestamps.size(), type, location, wrap(c),
                               token->certificates, parse_xsd_datetime(info.time)});
      }
    } else {
      TimestampCheck check = ctx.options.timestamps(type, token->der, imprint_input);
      info.valid = check.valid;
      if (!check.gen_time.empty()) info.time = check.gen_time;
      if (!check.tsa.empty()) info.tsa = check.tsa;
      ctx.report.add("jades." + type, check.valid, check.detail, CheckKind::Timestamp,
                     "TIMESTAMP_FAILURE");
      if (check.valid && type == "sigTst") {
        auto t = parse_xsd_datetime(info.time);
        if (t && (!ctx.proven || *t < *ctx.proven)) {
          ctx.proven = t;
          ctx.proven_text = info.time;
        }
      }
    }
    ctx.report.timestamps.push_back(std::move(info));
  }
}

// sigTst covers the base64url signature as carried; arcTst the payload as carried, '.', the
// protected header, '.', the signature, '.', then every earlier etsiU element as carried
// (ETSI TS 119 182-1 clauses 5.3.4 and 5.3.6.3.1; signing/timestamp.hpp).
void read_etsiu(Context& ctx, const json& etsiu, std::string_view payload_field,
                const std::string& protected_b64, const std::string& signature_b64,
                const std::string& location) {
  if (!etsiu.is_array()) {
    ctx.report.diagnostics.push_back(malformed("etsiU must be an array", location));
    return;
  }
  if (etsiu.size() > ctx.options.limits.max_etsiu_entries) {
    ctx.report.diagnostics.push_back(
        make_error("input.too-large", "verify", "too many etsiU entries", location));
    return;
  }
  std::string earlier;  // the etsiU elements before the current one, as carried
  for (size_t i = 0; i < etsiu.size(); ++i) {
    std::string where = pointer_append(location, i);
    std::string as_carried =
        etsiu[i].is_string() ? etsiu[i].get<std::string>() : dump_compact(etsiu[i]);
    struct Append {
      std::string& earlier;
      const std::string& element;
      ~Append() { earlier += element; }
    } append{earlier, as_carried};
    json entry;
    if (etsiu[i].is_string()) {
      auto text = b64url_decode_strict(etsiu[i].get<std::string>());
      if (text) entry = json::parse(*text, nullptr, false);
    } else {
      entry = etsiu[i];  // clear incorporation
    }
    if (!entry.is_object() || entry.size() != 1) {
      ctx.report.diagnostics.push_back(
          malformed("etsiU entry is not one base64url JSON object with one member", where));
      continue;
    }
    const std::string name = entry.begin().key();
    const json& value = entry.begin().value();
    if (name == "sigTst") {
      report_timestamps(ctx, name, value, signature_b64, where);
    } else if (name == "arcTst") {
      report_timestamps(
          ctx, name, value,
          std::string(payload_field) + "." + protected_b64 + "." + signature_b64 + "." + earlier,
          where);
    } else if (name == "xVals") {
      size_t n = 0;
      for (const auto& x : value.is_array() ? value : json::array()) {
        if (!x.is_object() || !x.contains("x509Cert")) continue;
        const json& c = x["x509Cert"];
        auto der = c.is_object() && c.contains("val") && c["val"].is_string()
                       ? b64_decode_strict(c["val"].get<std::string>())
                       : std::nullopt;
        auto cert = der ? parse_der_certificate(*der) : std::nullopt;
        if (cert) {
          ctx.xvals.push_back(*cert);
          ++n;
        }
      }
      ctx.report.add("jades.xVals", true, std::to_string(n) + " certificate(s) for the chain",
                     CheckKind::Info);
    } else if (name == "rVals") {
      size_t crl_count = 0, ocsp_count = 0;
      if (value.is_object() && value.contains("crlVals") && value["crlVals"].is_array())
        for (const auto& c : value["crlVals"]) {
          auto der = c.is_object() && c.contains("val") && c["val"].is_string()
                         ? b64_decode_strict(c["val"].get<std::string>())
                         : std::nullopt;
          if (auto crl = der ? parse_der_crl(*der) : std::nullopt) {
            ctx.crls.push_back(*crl);
            ++crl_count;
          }
        }
      size_t ocsp_unreadable = 0;
      if (value.is_object() && value.contains("ocspVals") && value["ocspVals"].is_array())
        for (const auto& o : value["ocspVals"]) {
          auto der = o.is_object() && o.contains("val") && o["val"].is_string()
                         ? b64_decode_strict(o["val"].get<std::string>())
                         : std::nullopt;
          if (auto resp = der ? parse_der_ocsp(*der) : std::nullopt) {
            ctx.ocsp.push_back(*resp);
            ++ocsp_count;
          } else {
            ++ocsp_unreadable;
          }
        }
      ctx.report.add("jades.rVals", true,
                     std::to_string(crl_count) + " CRL(s) and " + std::to_string(ocsp_count) +
                         " OCSP response(s) used for revocation" +
                         (ocsp_unreadable ? ", " + std::to_string(ocsp_unreadable) +
                                                " unreadable OCSP value(s) ignored"
                                          : ""),
                     CheckKind::Info);
    } else {
      ctx.report.add("jades.etsiU", true, "unprocessed unsigned property " + name, CheckKind::Info);
    }
  }
}

// Each verified token's TSA certificate against the trust anchors, as the signer's (chain,
// validity, revocation from rVals), at the token's genTime. A token whose TSA is trusted is
// valid; a valid sigTst's genTime is the proven signing time (the earliest, if several). An
// untrusted TSA is reported (Info) and proves nothing, it does not fail the seal.
void evaluate_timestamp_authorities(Context& ctx, const std::vector<X509Ptr>& x5c) {
  for (const auto& p : ctx.pending) {
    TrustInput input;
    input.leaf = p.tsa_certificate;
    input.untrusted = p.token_certificates;
    input.untrusted.insert(input.untrusted.end(), ctx.xvals.begin(), ctx.xvals.end());
    input.untrusted.insert(input.untrusted.end(), x5c.begin(), x5c.end());
    input.crls = ctx.crls;
    input.ocsp = ctx.ocsp;
    input.at = p.gen_time;
    auto [trusted, detail] = evaluate_timestamp_authority(input, ctx.options.trust);
    TimestampInfo& info = ctx.report.timestamps[p.info_index];
    info.valid = trusted;
    ctx.report.add("jades." + p.type + ".tsa", trusted,
                   std::string(trusted ? "TSA trusted at " : "TSA not trusted at ") + info.time +
                       " (" + info.tsa + "): " + detail +
                       (trusted ? "" : "; the token proves no time"),
                   CheckKind::Info);
    if (trusted && p.type == "sigTst" && (!ctx.proven || *p.gen_time < *ctx.proven)) {
      ctx.proven = p.gen_time;
      ctx.proven_text = info.time;
    }
  }
  ctx.pending.clear();
}

// The checks of one signature (JWS JSON member or compact JWS).
void verify_signature(Context& ctx, const Parts& parts, std::string_view payload_field,
                      bool json_serialization, std::string* payload_out) {
  VerifyReport& report = ctx.report;
  const json& h = parts.protected_header;
  const JoseLimits& limits = ctx.options.limits;

  // Protected and unprotected names are disjoint (RFC 7515 section 7.2.1).
  if (parts.unprotected.is_object())
    for (auto it = parts.unprotected.begin(); it != parts.unprotected.end(); ++it)
      if (h.contains(it.key()))
        report.diagnostics.push_back(malformed(
            "header member " + it.key() + " is both protected and unprotected", parts.location));

  // alg: present, allowed, known.
  std::string alg = h.contains("alg") && h["alg"].is_string() ? h["alg"].get<std::string>() : "";
  const JoseAlg* info = nullptr;
  if (alg.empty()) {
    report.add("jws.alg", false, "no alg in the protected header", CheckKind::Format,
               "FORMAT_FAILURE");
  } else if (is_forbidden_alg(alg)) {
    report.add("jws.alg", false, "alg " + alg + " is refused: a seal needs an asymmetric signature",
               CheckKind::Format, "CRYPTO_CONSTRAINTS_FAILURE");
  } else if (!(info = find_alg(alg))) {
    report.add("jws.alg", false, "alg " + alg + " is not supported", CheckKind::Format,
               "CRYPTO_CONSTRAINTS_FAILURE");
  }

  // crit (RFC 7515 section 4.1.11, RFC 7797 section 6).
  bool crit_ok = true;
  std::string crit_detail = "no crit";
  std::set<std::string> crit;
  if (h.contains("crit")) {
    if (!h["crit"].is_array() || h["crit"].empty()) {
      crit_ok = false;
      crit_detail = "crit must be a non-empty array";
    } else {
      crit_detail = "understood:";
      for (const auto& c : h["crit"]) {
        std::string name = c.is_string() ? c.get<std::string>() : "";
        if (name.empty() || !crit.insert(name).second) {
          crit_ok = false;
          crit_detail = "crit holds a non-string or repeated entry";
          break;
        }
        if (kRegistered.count(name)) {
          crit_ok = false;
          crit_detail = "crit lists the registered parameter " + name;
          break;
        }
        if (!kUnderstoodCrit.count(name)) {
          crit_ok = false;
          crit_detail = "crit lists " + name + ", which this verifier does not understand";
          break;
        }
        if (!h.contains(name)) {
          crit_ok = false;
          crit_detail = "crit lists " + name + ", which the protected header lacks";
          break;
        }
        crit_detail += " " + name;
      }
    }
  }
  if (h.contains("b64") && !crit.count("b64") && crit_ok) {
    crit_ok = false;
    crit_detail = "b64 is used without being listed in crit (RFC 7797 section 6)";
  }
  report.add("jws.crit", crit_ok, crit_detail, CheckKind::Format, "FORMAT_FAILURE");

  bool b64 = true;
  if (h.contains("b64")) {
    if (!h["b64"].is_boolean())
      report.diagnostics.push_back(malformed("b64 must be a boolean", parts.location));
    else
      b64 = h["b64"].get<bool>();
  }
  std::string decoded_payload;
  std::string_view payload_bytes;  // the unencoded payload is not copied
  if (b64) {
    auto decoded = b64url_decode_strict(payload_field);
    if (!decoded) {
      report.diagnostics.push_back(malformed("payload is not strict base64url", "/payload"));
      return;
    }
    decoded_payload = std::move(*decoded);
    payload_bytes = decoded_payload;
  } else {
    if (!json_serialization && payload_field.find('.') != std::string_view::npos) {
      report.diagnostics.push_back(
          malformed("an unencoded compact payload may not contain '.'", ""));
      return;
    }
    payload_bytes = payload_field;
  }
  if (payload_bytes.size() > limits.max_payload_bytes) {
    report.diagnostics.push_back(
        make_error("input.too-large", "verify", "payload larger than the limit", "/payload"));
    return;
  }
  if (payload_out) *payload_out = b64 ? std::move(decoded_payload) : std::string(payload_field);

  // Certificates: x5c (standard base64 DER, RFC 7515 section 4.1.6), x5t#S256.
  // Decoded through the x5c cache (x5c_cache.hpp): a gateway sees the same signers again and
  // again. `signer` is x5c[0]'s entry.
  std::vector<X509Ptr> x5c;
  std::shared_ptr<const X5cCertificate> signer;
  if (h.contains("x5c")) {
    if (!h["x5c"].is_array() || h["x5c"].empty()) {
      report.diagnostics.push_back(malformed("x5c must be a non-empty array", parts.location));
    } else {
      for (size_t i = 0; i < h["x5c"].size(); ++i) {
        const json& c = h["x5c"][i];
        auto entry =
            c.is_string() ? cached_x5c_certificate(c.get_ref<const std::string&>()) : nullptr;
        if (!entry) {
          report.diagnostics.push_back(malformed(
              "x5c[" + std::to_string(i) + "] is not a base64 DER certificate", parts.location));
          break;
        }
        if (i == 0) signer = entry;
        x5c.push_back(entry->cert);
      }
    }
  }
  if (h.contains("x5t#S256")) {
    if (x5c.empty()) {
      report.add("jws.x5t#S256", false, "x5t#S256 without x5c: the certificate is not here",
                 CheckKind::Trust, "NO_SIGNING_CERTIFICATE_FOUND");
    } else {
      bool ok = h["x5t#S256"].is_string() &&
                h["x5t#S256"].get_ref<const std::string&>() == signer->x5t_s256;
      report.add("jws.x5t#S256", ok,
                 ok ? "matches x5c[0]" : "does not match x5c[0] (signing certificate swapped?)",
                 CheckKind::Format, "FORMAT_FAILURE");
    }
  }

  // The verification key: x5c[0], else an embedded jwk, else the key given to the verifier.
  std::optional<Key> key;
  std::string key_from;
  if (!x5c.empty()) {
    EVP_PKEY* pub = X509_get0_pubkey(x5c[0].get());
    if (pub) {
      EVP_PKEY_up_ref(pub);
      key = Key(wrap(pub));
      key_from = "x5c[0]";
    }
    if (ctx.options.key && !same_public_key(ctx.options.key->pkey(), key ? key->pkey() : nullptr))
      report.add("jws.key", false, "the given key is not the key of the x5c certificate",
                 CheckKind::Integrity, "SIG_CRYPTO_FAILURE");
  } else if (h.contains("jwk")) {
    std::string why;
    key = key_from_jwk(h["jwk"], &why);
    if (!key || key->is_private) {
      report.diagnostics.push_back(malformed(
          key ? "the jwk header holds a private key" : "bad jwk header: " + why, parts.location));
      return;
    }
    key_from = "the jwk header (self-asserted)";
    if (ctx.options.key && !same_public_key(ctx.options.key->pkey(), key->pkey()))
      report.add("jws.key", false, "the given key is not the jwk of the header",
                 CheckKind::Integrity, "SIG_CRYPTO_FAILURE");
  } else if (ctx.options.key) {
    key = ctx.options.key;
    key_from = "the key given to the verifier";
    // A certificate given with --key is the signer's certificate: trust is evaluated on it.
    // (report.signer is set from it below, with the kid: signer_info once.)
    if (!ctx.options.key->chain().empty()) x5c = ctx.options.key->chain();
  }
  if (h.contains("kid") && h["kid"].is_string() && !report.signer) {
    SignerInfo s;
    s.key_id = h["kid"].get<std::string>();
    report.signer = s;
  }
  if (!x5c.empty()) {
    // From the x5c cache when x5c[0] is the signer; a certificate given with --key is read here.
    SignerInfo s = signer ? signer->signer : signer_info(x5c[0].get());
    if (h.contains("kid") && h["kid"].is_string()) s.key_id = h["kid"].get<std::string>();
    report.signer = s;
  }

  auto signature = b64url_decode_strict(parts.signature_b64);
  if (!signature) {
    report.diagnostics.push_back(malformed("signature is not strict base64url", parts.location));
    return;
  }
  if (!key) {
    report.add("jws.signature", false,
               "no verification key: the JWS has no x5c or jwk and no key was given (--key)",
               CheckKind::Integrity, "NO_SIGNING_CERTIFICATE_FOUND");
  } else if (info) {
    std::string why;
    if (!alg_matches_key(*info, key->pkey(), &why)) {
      report.add("jws.alg", false, why + " (the key decides the algorithm, not only the header)",
                 CheckKind::Format, "CRYPTO_CONSTRAINTS_FAILURE");
      report.add("jws.signature", false, "not checked: algorithm does not fit the key",
                 CheckKind::Integrity, "SIG_CRYPTO_FAILURE");
    } else {
      report.add("jws.alg", true, alg + " fits " + key_from, CheckKind::Format);
      // The exact signing input: protected header as transmitted, '.', payload as transmitted.
      const std::string_view pieces[] = {parts.protected_b64, ".", payload_field};
      std::span<const std::string_view> input(pieces);
      if (!parts.compact_signing_input.empty()) input = {&parts.compact_signing_input, 1};
      bool ok = jose_verify_parts(*info, key->pkey(), input, *signature);
      report.add("jws.signature", ok,
                 std::string(ok ? "verifies" : "does not verify") + " with " + key_from +
                     (b64 ? "" : " over the unencoded payload (b64: false)"),
                 CheckKind::Integrity, "SIG_CRYPTO_FAILURE");
    }
  } else {
    report.add("jws.signature", false, "not checked: algorithm refused", CheckKind::Integrity,
               "SIG_CRYPTO_FAILURE");
  }

  // JAdES signed properties.
  if (h.contains("sigT")) {
    std::string sig_t = h["sigT"].is_string() ? h["sigT"].get<std::string>() : "";
    std::string claimed;
    if (auto t = parse_iso_utc(sig_t)) claimed = iso_time(*t);
    report.add("jades.sigT", !claimed.empty(),
               !claimed.empty() ? "claimed signing time " + claimed
                                : "sigT is not of the form YYYY-MM-DDThh:mm:ssZ",
               CheckKind::Format, "FORMAT_FAILURE");
    if (!claimed.empty() && report.signing_time.empty()) report.signing_time = claimed;
  }
  if (h.contains("adoTst"))
    // All-data-objects timestamp: over the payload as in the signing input (see docs).
    report_timestamps(ctx, "adoTst", h["adoTst"], payload_field, parts.location);
  if (parts.unprotected.is_object() && parts.unprotected.contains("etsiU"))
    read_etsiu(ctx, parts.unprotected["etsiU"], payload_field, parts.protected_b64,
               parts.signature_b64,
               pointer_append(pointer_append(parts.location, "header"), "etsiU"));

  evaluate_timestamp_authorities(ctx, x5c);

  TrustInput trust;
  if (!x5c.empty()) {
    trust.leaf = x5c[0];
    trust.untrusted.assign(x5c.begin() + 1, x5c.end());
  }
  trust.untrusted.insert(trust.untrusted.end(), ctx.xvals.begin(), ctx.xvals.end());
  trust.crls = ctx.crls;
  trust.ocsp = ctx.ocsp;
  trust.at = ctx.options.at;
  trust.proven = ctx.proven;
  if (ctx.proven) report.signing_time = ctx.proven_text;
  if (trust.leaf) {
    evaluate_trust(trust, ctx.options.trust, report);
  } else {
    report.add("trust.chain", false,
               "no certificate: the key (" + (key_from.empty() ? "none" : key_from) +
                   ") is not bound to an identity",
               CheckKind::Trust, "NO_CERTIFICATE_CHAIN_FOUND");
  }
}

// VC 1.1 JWT claims against the credential they carry (VC Data Model 1.1 section 6.3.1).
void check_vc_claims(VerifyReport& report, const json& claims,
                     const std::optional<std::time_t>& at) {
  if (!claims.is_object()) return;
  if (!claims.contains("vc")) {
    report.add("vc-jwt.claims", true, "VC-JOSE: the payload is the credential", CheckKind::Info);
    return;
  }
  const json& vc = claims["vc"];
  std::vector<std::string> problems;
  auto compare = [&](const char* claim, const std::optional<std::string>& value,
                     const char* field) {
    if (!claims.contains(claim) || !value) return;
    if (!claims[claim].is_string() || claims[claim].get<std::string>() != *value)
      problems.push_back(std::string(claim) + " differs from " + field);
  };
  if (vc.contains("issuer")) compare("iss", id_of(vc["issuer"]), "issuer");
  if (vc.contains("id") && vc["id"].is_string()) compare("jti", vc["id"].get<std::string>(), "id");
  if (const json* s = first_subject(vc))
    if (s->is_object() && s->contains("id") && (*s)["id"].is_string())
      compare("sub", (*s)["id"].get<std::string>(), "credentialSubject.id");
  auto compare_time = [&](const char* claim, std::initializer_list<const char*> fields) {
    if (!claims.contains(claim)) return;
    if (!claims[claim].is_number()) {
      problems.push_back(std::string(claim) + " is not a NumericDate");
      return;
    }
    for (const char* f : fields) {
      if (!vc.contains(f)) continue;
      auto t = vc[f].is_string() ? parse_xsd_datetime(vc[f].get<std::string>()) : std::nullopt;
      if (!t || static_cast<long long>(*t) != claims[claim].get<long long>())
        problems.push_back(std::string(claim) + " differs from " + f);
      return;
    }
  };
  compare_time("nbf", {"issuanceDate", "validFrom"});
  compare_time("exp", {"expirationDate", "validUntil"});
  std::string detail = "iss, sub, jti, nbf, exp agree with the credential";
  if (!problems.empty()) {
    detail.clear();
    for (const auto& p : problems) detail += (detail.empty() ? "" : "; ") + p;
  }
  report.add("vc-jwt.claims", problems.empty(), detail, CheckKind::Format, "FORMAT_FAILURE");
  if (claims.contains("exp") && claims["exp"].is_number()) {
    std::time_t now = at ? *at : std::time(nullptr);
    bool live = claims["exp"].get<long long>() > static_cast<long long>(now);
    report.add("vc-jwt.exp", live,
               live ? "not expired" : "the credential expired (exp) before the validation time",
               CheckKind::Info);
  }
}

bool is_ob2_assertion(const json& doc) {
  if (!doc.is_object() || !doc.contains("type")) return false;
  auto is_assertion = [](const json& t) {
    return t.is_string() && t.get<std::string>() == "Assertion";
  };
  if (is_assertion(doc["type"])) return true;
  if (doc["type"].is_array())
    for (const auto& t : doc["type"])
      if (is_assertion(t)) return true;
  return false;
}

// Open Badges 2.0 signed assertion: RS256, verification.type SignedBadge, and the key is the
// CryptographicKey at verification.creator, which is not fetched (remote access is off).
void check_ob2(VerifyReport& report, const json& assertion, const json& header, bool key_given) {
  const json* v = assertion.contains("verification") ? &assertion["verification"] : nullptr;
  std::string vtype = v && v->is_object() && v->contains("type") && (*v)["type"].is_string()
                          ? (*v)["type"].get<std::string>()
                          : "";
  std::string creator = v && v->is_object() && v->contains("creator") && (*v)["creator"].is_string()
                            ? (*v)["creator"].get<std::string>()
                            : "";
  bool ok = (vtype == "SignedBadge" || vtype == "signed") && header.value("alg", "") == "RS256";
  report.add("ob2.verification", ok,
             ok ? "SignedBadge, RS256"
                : "an OB 2.0 signed assertion needs verification.type SignedBadge and RS256",
             CheckKind::Format, "FORMAT_FAILURE");
  if (!key_given && !creator.empty())
    report.add(
        "ob2.creator", true,
        "the signing key is published at " + creator + "; it is not fetched: give it with --key",
        CheckKind::Info);
}

}  // namespace

VerifyReport verify_jose(std::string_view bytes, const VerifyOptions& options) {
  VerifyReport report;
  size_t start = 0, end = bytes.size();
  while (start < end && std::isspace(static_cast<unsigned char>(bytes[start]))) ++start;
  while (end > start && std::isspace(static_cast<unsigned char>(bytes[end - 1]))) --end;
  std::string_view body = bytes.substr(start, end - start);
  Context ctx{options, report, {}, {}, {}, {}, {}, {}};
  if (body.size() > options.limits.max_payload_bytes + options.limits.max_header_bytes * 2) {
    report.diagnostics.push_back(make_error("input.too-large", "verify", "input too large"));
    report.finish();
    return report;
  }

  if (!body.empty() && body.front() == '{') {
    // The payload (the credential) stays a view into the parser's buffer: not copied.
    JwsJsonText parsed = read_jws_json(body);
    const json& doc = parsed.document;
    if (!doc.is_object() || !doc.contains("payload")) {
      report.diagnostics.push_back(malformed("not a JWS JSON serialization", ""));
      report.finish();
      return report;
    }
    if (!doc["payload"].is_string()) {
      report.diagnostics.push_back(malformed("payload must be a string", "/payload"));
      report.finish();
      return report;
    }
    std::vector<Parts> all;
    auto take = [&](const json& s, const std::string& location) {
      Parts p;
      p.location = location;
      if (!s.is_object() || !s.contains("protected") || !s["protected"].is_string() ||
          !s.contains("signature") || !s["signature"].is_string()) {
        report.diagnostics.push_back(
            malformed("a signature needs protected and signature strings", location));
        return;
      }
      p.protected_b64 = s["protected"];
      p.signature_b64 = s["signature"];
      if (s.contains("header")) {
        if (!s["header"].is_object()) {
          report.diagnostics.push_back(malformed("header must be an object", location));
          return;
        }
        p.unprotected = s["header"];
      }
      auto h = decode_header(p.protected_b64, options.limits, location, report.diagnostics);
      if (!h) return;
      p.protected_header = std::move(*h);
      all.push_back(std::move(p));
    };
    if (doc.contains("signatures")) {
      if (!doc["signatures"].is_array() || doc["signatures"].empty() ||
          doc["signatures"].size() > options.limits.max_signatures || doc.contains("signature")) {
        report.diagnostics.push_back(
            malformed("signatures must be a non-empty array (and not mixed with flattened members)",
                      "/signatures"));
      } else {
        for (size_t i = 0; i < doc["signatures"].size(); ++i)
          take(doc["signatures"][i], pointer_append("/signatures", i));
      }
    } else {
      take(doc, "");
    }
    if (!all.empty()) {
      const json& h0 = all[0].protected_header;
      bool jades = h0.contains("sigT") || h0.contains("adoTst") ||
                   (all[0].unprotected.is_object() && all[0].unprotected.contains("etsiU"));
      report.method = jades ? "jades" : "jws";
      for (const auto& p : all) verify_signature(ctx, p, parsed.payload, true, nullptr);
    }
    report.finish();
    return report;
  }

  // Compact serialization: exactly three dot-separated parts.
  size_t a = body.find('.');
  size_t b = a == std::string_view::npos ? a : body.find('.', a + 1);
  if (a == std::string_view::npos || b == std::string_view::npos ||
      body.find('.', b + 1) != std::string_view::npos) {
    report.diagnostics.push_back(malformed("neither a JWS JSON object nor a compact JWS", ""));
    report.finish();
    return report;
  }
  Parts p;
  p.protected_b64 = std::string(body.substr(0, a));
  p.signature_b64 = std::string(body.substr(b + 1));
  p.compact_signing_input = body.substr(0, b);
  auto h = decode_header(p.protected_b64, options.limits, "", report.diagnostics);
  if (!h) {
    report.finish();
    return report;
  }
  p.protected_header = std::move(*h);
  std::string payload;
  report.method = "jws";
  verify_signature(ctx, p, body.substr(a + 1, b - a - 1), false, &payload);
  std::string typ = p.protected_header.value("typ", "");
  // Only the claims the checks below read are built (not the whole credential of a VC-JWT).
  json claims = read_jwt_claims(payload);
  if (is_ob2_assertion(claims)) {
    report.method = "ob2-jws";
    check_ob2(report, claims, p.protected_header, ctx.options.key.has_value());
  } else if (claims.is_object() && (claims.contains("vc") || typ == "vc+jwt" ||
                                    typ == "vc+ld+jwt" || claims.contains("credentialSubject"))) {
    report.method = "vc-jwt";
    check_vc_claims(report, claims, options.at);
  }
  report.finish();
  return report;
}

}  // namespace credgate::signing
