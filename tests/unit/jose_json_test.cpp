// The fast JSON paths of the JOSE code (signing/jose_json.*) against what they replace:
// dump_compact against nlohmann's dump(), read_jws_json and read_jwt_claims against a full
// jsonld::parse_json_text, and signing in pieces against signing the concatenation.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include "jsonld/json_text.hpp"
#include "signing/jose.hpp"
#include "signing/jose_json.hpp"
#include "signing/jws.hpp"
#include "signing/keys.hpp"
#include "support/test_support.hpp"

namespace credgate {
namespace {

using namespace signing;
using json = nlohmann::json;

TEST(JoseJson, DumpCompactEqualsDump) {
  const char* texts[] = {
      R"({"b":1,"a":[true,false,null,-0.0,0,-1,18446744073709551615,1.5e300,0.1,[],{}],
          "s":"quote \" backslash \\ slash / tab \t nl \n cr \r ff \f bs \b nul \u0000 us \u001f del \u007f",
          "u":"é € 𝄞 \u2028","":{"nested":{"k":"v"}},"Z":"x","e":""})",
      R"([])",
      R"("only a string")",
      R"(-12.5e-7)",
  };
  for (const char* text : texts) {
    json value = json::parse(text);
    EXPECT_EQ(dump_compact(value), value.dump()) << text;
  }
}

TEST(JoseJson, JwsJsonPayloadIsTheParsedString) {
  std::string text =
      R"({"payload":"{\"a\":\"\\u00e9\\n\"}","signatures":[{"protected":"x","signature":"y",)"
      R"("header":{"etsiU":["z"],"n":-1.5}}]})";
  JwsJsonText read = read_jws_json(text);
  json full = jsonld::parse_json_text(text).value;
  EXPECT_EQ(read.payload, full["payload"].get<std::string>());
  full["payload"] = "";
  EXPECT_EQ(read.document, full);
}

TEST(JoseJson, JwsJsonLastPayloadWins) {
  JwsJsonText read = read_jws_json(R"({"payload":"first","payload":"second"})");
  EXPECT_EQ(read.payload, "second");
  read = read_jws_json(R"({"payload":"first","payload":7})");
  EXPECT_EQ(read.payload, "");
  EXPECT_EQ(read.document["payload"], 7);
}

TEST(JoseJson, JwsJsonFallsBackWhereSimdjsonDeclines) {
  // -0 and a number beyond 64 bits: parse_json_text (nlohmann) decides, payload still read.
  for (const char* text : {R"({"payload":"p","header":{"x":-0}})",
                           R"({"payload":"p","header":{"x":123456789012345678901234567890}})"}) {
    JwsJsonText read = read_jws_json(text);
    json full = jsonld::parse_json_text(text).value;
    EXPECT_EQ(read.payload, "p") << text;
    full["payload"] = "";
    EXPECT_EQ(read.document, full) << text;
  }
  EXPECT_TRUE(read_jws_json("{not json").document.is_null());
  EXPECT_TRUE(read_jws_json("[1,2]").document.is_array());
}

TEST(JoseJson, ClaimsKeepWhatTheChecksRead) {
  std::string text = R"({"iss":"did:example:1","nbf":1700000000,"exp":1800000000.5,"jti":"urn:x",
    "sub":"did:example:s","extra":{"big":[1,2,3]},
    "vc":{"issuer":{"id":"did:example:1","name":"dropped","image":"dropped"},"id":"urn:x",
          "credentialSubject":[{"id":"did:example:s","achievement":{"name":"dropped"}},{"id":"2"}],
          "issuanceDate":"2024-01-01T00:00:00Z","validUntil":"2030-01-01T00:00:00Z",
          "other":"dropped"},
    "type":["Assertion"],"verification":{"type":"SignedBadge","creator":"https://k","x":1},
    "credentialSubject":{"id":"s","more":"dropped"}})";
  json claims = read_jwt_claims(text);
  json expected = json::parse(R"({"iss":"did:example:1","nbf":1700000000,"exp":1800000000.5,
    "jti":"urn:x","sub":"did:example:s",
    "vc":{"issuer":{"id":"did:example:1"},"id":"urn:x","credentialSubject":[{"id":"did:example:s"}],
          "issuanceDate":"2024-01-01T00:00:00Z","validUntil":"2030-01-01T00:00:00Z"},
    "type":["Assertion"],"verification":{"type":"SignedBadge","creator":"https://k"},
    "credentialSubject":{"id":"s"}})");
  EXPECT_EQ(claims, expected);
}

TEST(JoseJson, ClaimsAsNlohmannReadsThem) {
  EXPECT_EQ(read_jwt_claims(R"({"iss":"a","iss":"b"})"), json::parse(R"({"iss":"b"})"));
  EXPECT_EQ(read_jwt_claims(R"({"vc":"s"})"), json::parse(R"({"vc":"s"})"));
  // -0: nlohmann reads an integer 0, the fallback keeps that (the whole value then).
  json zero = read_jwt_claims(R"({"nbf":-0})");
  EXPECT_TRUE(zero["nbf"].is_number_integer());
  EXPECT_TRUE(read_jwt_claims("[1]").is_null() || !read_jwt_claims("[1]").is_object());
  EXPECT_TRUE(read_jwt_claims("not json").is_null());
}

// The credential for a VC-JWT: its own text without blanks, members in its order, when no
// object repeats a name (ordered_json writes the samples so: they hold no escapes); else the
// dump of its parse (sorted, each name once with its last value). Either way it parses to the
// credential, and the members the claims come from are the parse's.
TEST(JoseJson, CredentialForJwtIsItsTextWithoutBlanks) {
  std::string cert_of_part =
      test::read_file(test::data_path("edc/Sample-CertOfPart-unsigned.jsonld"));
  struct Case {
    std::string text;
    bool repeats;  // a repeated name, or one written with an escape
  };
  std::vector<Case> cases = {
      {cert_of_part, false},
      {nlohmann::ordered_json::parse(cert_of_part).dump(2), false},  // blanks to drop
      {test::read_file(test::data_path("ob3-vectors/credential.json")), false},
      {R"({"z":1,"issuer":{"name":"n","id":"did:x"},"credentialSubject":[{"more":1,"id":"s1"},
          {"id":"s2"}],"validFrom":"2024-01-01T00:00:00Z","big":18446744073709551615})",
       false},
      {R"({"z":1,"a":{"y":[3,{"k":"v","b":null}],"x":true},"a":{"again":"last wins"},
          "\u00e9":"é","e\u0301":2,"~":-1.25e-8,"big":18446744073709551615,"n":-9223372036854775808,
          "f":1.0,"g":1e2,"s":"\"\\\/\b\f\n\r\t\u0001\u007f\u2028",
          "@context":["https://www.w3.org/2018/credentials/v1"],"issuer":{"id":"did:x","name":"n"},
          "credentialSubject":[{"id":"s1","more":1},{"id":"s2"}]})",
       true},
      {R"({"\u0069d":"escaped name","issuer":"did:y"})", true},
  };
  for (const Case& c : cases) {
    const std::string& text = c.text;
    ASSERT_FALSE(text.empty());
    json full = jsonld::parse_json_text(text).value;
    auto read = read_credential_for_jwt(text);
    ASSERT_TRUE(read) << text.substr(0, 80);
    EXPECT_EQ(json::parse(read->compact()), full) << text.substr(0, 80);
    if (c.repeats) {
      EXPECT_EQ(read->compact(), full.dump()) << text.substr(0, 80);
    } else {
      EXPECT_EQ(read->compact(), nlohmann::ordered_json::parse(text).dump()) << text.substr(0, 80);
    }
    for (const char* member :
         {"@context", "id", "issuanceDate", "validFrom", "expirationDate", "validUntil"}) {
      if (!full.contains(member)) continue;
      EXPECT_EQ(read->members[member], full[member]) << member;
    }
    // issuer: its id only; credentialSubject: the first one's id only.
    if (full.contains("issuer")) {
      const json& issuer = full["issuer"];
      json expected = issuer.is_object() ? json::object() : issuer;
      if (issuer.is_object() && issuer.contains("id")) expected["id"] = issuer["id"];
      EXPECT_EQ(read->members["issuer"], expected) << text.substr(0, 80);
    }
    if (full.contains("credentialSubject")) {
      const json& subject = full["credentialSubject"];
      const json& first = subject.is_array() ? subject[0] : subject;
      json expected = json::object();
      if (first.contains("id")) expected["id"] = first["id"];
      EXPECT_EQ(read->members["credentialSubject"],
                subject.is_array() ? json::array({expected}) : expected)
          << text.substr(0, 80);
    }
    for (const auto& [name, value] : read->members.items())
      EXPECT_TRUE(full.contains(name)) << name;  // nothing else picked
  }
  // Not an object, or not JSON: none (the seal refuses it). -0 and numbers beyond 64 bits stay
  // as written; a -0 among the claims' members is read as nlohmann reads it (the integer 0).
  EXPECT_FALSE(read_credential_for_jwt("[1]"));
  EXPECT_FALSE(read_credential_for_jwt(R"({"a":1,})"));
  auto negative_zero = read_credential_for_jwt(R"({"a": -0.0, "id": -0})");
  ASSERT_TRUE(negative_zero);
  EXPECT_EQ(negative_zero->compact(), R"({"a":-0.0,"id":-0})");
  EXPECT_TRUE(negative_zero->members["id"].is_number_integer());
  auto big = read_credential_for_jwt(R"({"a": 123456789012345678901234567890})");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->compact(), R"({"a":123456789012345678901234567890})");
}

// The VC-JWT payload: the dump of the claims with the credential's text, without its blanks,
// as "vc" (the last member, as nlohmann orders them), which parses to the credential.
TEST(JoseJson, VcJwtPayloadIsTheClaimsWithTheCredentialsText) {
  std::string text = test::read_file(test::data_path("edc/Sample-CertOfPart-unsigned.jsonld"));
  SealOptions options;
  options.method = "vc-jwt";
  options.key = Key(wrap(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")));
  options.now = 1700000000;
  SealResult sealed = seal_jose(text, options);
  ASSERT_TRUE(sealed.ok());
  size_t a = sealed.output.find('.'), b = sealed.output.find('.', a + 1);
  auto payload = b64url_decode_strict(sealed.output.substr(a + 1, b - a - 1));
  ASSERT_TRUE(payload);
  json credential = jsonld::parse_json_text(text).value;
  json claims = json::parse(*payload);
  ASSERT_TRUE(claims.contains("nbf"));
  EXPECT_EQ(claims["vc"], credential);
  json others = claims;
  others.erase("vc");
  std::string expected = others.dump();
  expected.pop_back();
  expected += ",\"vc\":" + nlohmann::ordered_json::parse(text).dump() + "}";
  EXPECT_EQ(*payload, expected);
}

TEST(JoseParts, SigningInPiecesIsSigningTheConcatenation) {
  struct Case {
    const char* alg;
    EVP_PKEY* key;
  } cases[] = {{"RS256", EVP_RSA_gen(2048)},
               {"PS256", EVP_RSA_gen(2048)},
               {"ES256", EVP_EC_gen("P-256")},
               {"EdDSA", EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")}};
  for (const Case& c : cases) {
    Key key(wrap(c.key));
    const JoseAlg& alg = *find_alg(c.alg);
    std::string payload(100000, 'p');
    const std::string_view parts[] = {"header", ".", payload};
    std::string whole = "header." + payload;
    auto sig = key.sign_parts(c.alg, parts);
    ASSERT_TRUE(sig) << c.alg;
    EXPECT_TRUE(jose_verify(alg, key.pkey(), whole, *sig)) << c.alg;
    auto sig_whole = jose_sign(alg, key.pkey(), whole);
    ASSERT_TRUE(sig_whole) << c.alg;
    EXPECT_TRUE(jose_verify_parts(alg, key.pkey(), parts, *sig_whole)) << c.alg;
    if (std::string(c.alg) == "EdDSA") {
      EXPECT_EQ(*sig, *sig_whole);  // deterministic
    }
    const std::string_view other[] = {"header", ".", payload, "x"};
    EXPECT_FALSE(jose_verify_parts(alg, key.pkey(), other, *sig)) << c.alg;
  }
}

}  // namespace
}  // namespace credgate
