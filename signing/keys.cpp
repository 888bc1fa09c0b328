#include "signing/keys.hpp"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509v3.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "signing/jose.hpp"

namespace credgate::signing {
namespace {

using json = nlohmann::json;

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

BioPtr mem_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

int password_cb(char* buf, int size, int, void* u) {
  const std::string* pw = static_cast<const std::string*>(u);
  if (!pw || pw->empty()) return 0;
  int n = static_cast<int>(std::min<size_t>(pw->size(), static_cast<size_t>(size)));
  std::memcpy(buf, pw->data(), static_cast<size_t>(n));
  return n;
}

Diagnostic key_error(const std::string& code, const std::string& message,
                     const std::string& origin) {
  return make_error(code, "seal", message, origin);
}

struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

std::optional<std::string> member_bytes(const json& jwk, const char* name) {
  if (!jwk.contains(name) || !jwk[name].is_string()) return std::nullopt;
  return b64url_decode_strict(jwk[name].get<std::string>());
}

BnPtr to_bn(const std::string& bytes) {
  return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                         static_cast<int>(bytes.size()), nullptr));
}

std::string bn_bytes(const BIGNUM* bn, int width = 0) {
  int n = width > 0 ? width : BN_num_bytes(bn);
  std::string out(static_cast<size_t>(n), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), n);
  return out;
}

EVP_PKEY* from_params(const char* type, OSSL_PARAM_BLD* bld, bool priv) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* key = nullptr;
  if (ctx && params && EVP_PKEY_fromdata_init(ctx) == 1)
    EVP_PKEY_fromdata(ctx, &key, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return key;
}

}  // namespace

PkeyPtr wrap(EVP_PKEY* key) {
  return PkeyPtr(key, EVP_PKEY_free);
}
X509Ptr wrap(X509* cert) {
  return X509Ptr(cert, X509_free);
}

std::string Key::default_alg() const {
  return pkey_ ? default_alg_for(pkey_.get()) : "";
}

std::optional<std::string> Key::sign(std::string_view alg_name, std::string_view bytes,
                                     std::string* error) const {
  return sign_parts(alg_name, std::span<const std::string_view>(&bytes, 1), error);
}

std::optional<std::string> Key::sign_parts(std::string_view alg_name,
                                           std::span<const std::string_view> parts,
                                           std::string* error) const {
  const JoseAlg* alg = find_alg(alg_name);
  if (!alg) {
    if (error) *error = "unsupported algorithm " + std::string(alg_name);
    return std::nullopt;
  }
  if (!pkey_ || !is_private) {
    if (error) *error = "no private key";
    return std::nullopt;
  }
  if (!alg_matches_key(*alg, pkey_.get(), error)) return std::nullopt;
  return jose_sign_parts(*alg, pkey_.get(), parts, error);
}

bool Key::verify(std::string_view alg_name, std::string_view bytes,
                 std::string_view signature) const {
  const JoseAlg* alg = find_alg(alg_name);
  return alg && pkey_ && alg_matches_key(*alg, pkey_.get()) &&
         jose_verify(*alg, pkey_.get(), bytes, signature);
}

std::optional<Key> key_from_jwk(const json& jwk, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Key> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (!jwk.is_object() || !jwk.contains("kty") || !jwk["kty"].is_string())
    return fail("a JWK is a JSON object with a kty string");
  std::string kty = jwk["kty"];
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                      OSSL_PARAM_BLD_free);
  std::vector<BnPtr> keep;  // BIGNUMs must outlive OSSL_PARAM_BLD_to_param
  auto push_bn = [&](const char* param, const char* member, bool required) {
    auto bytes = member_bytes(jwk, member);
    if (!bytes) return !required && !jwk.contains(member);
    keep.push_back(to_bn(*bytes));
    return OSSL_PARAM_BLD_push_BN(bld.get(), param, keep.back().get()) == 1;
  };
  EVP_PKEY* key = nullptr;
  bool priv = jwk.contains("d");
  if (kty == "RSA") {
    if (!push_bn(OSSL_PKEY_PARAM_RSA_N, "n", true) || !push_bn(OSSL_PKEY_PARAM_RSA_E, "e", true))
      return fail("RSA JWK needs base64url n and e");
    if (priv) {
      if (!push_bn(OSSL_PKEY_PARAM_RSA_D, "d", true) ||
          !push_bn(OSSL_PKEY_PARAM_RSA_FACTOR1, "p", false) ||
          !push_bn(OSSL_PKEY_PARAM_RSA_FACTOR2, "q", false) ||
          !push_bn(OSSL_PKEY_PARAM_RSA_EXPONENT1, "dp", false) ||
          !push_bn(OSSL_PKEY_PARAM_RSA_EXPONENT2, "dq", false) ||
          !push_bn(OSSL_PKEY_PARAM_RSA_COEFFICIENT1, "qi", false))
        return fail("RSA JWK private members are not base64url");
    }
    key = from_params("RSA", bld.get(), priv);
  } else if (kty == "EC") {
    std::string crv = jwk.value("crv", "");
    const char* group = crv == "P-256" ? "prime256v1" : crv == "P-384" ? "secp384r1" : nullptr;
    size_t width = crv == "P-256" ? 32 : 48;
    if (!group) return fail("EC JWK curve must be P-256 or P-384");
    auto x = member_bytes(jwk, "x"), y = member_bytes(jwk, "y");
    if (!x || !y || x->size() != width || y->size() != width)
      return fail("EC JWK x and y must be base64url coordinates of the curve's size");
    std::string point = "\x04" + *x + *y;
    OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
    OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                     point.size());
    if (priv && !push_bn(OSSL_PKEY_PARAM_PRIV_KEY, "d", true))
      return fail("EC JWK d is not base64url");
    key = from_params("EC", bld.get(), priv);
  } else if (kty == "OKP") {
    if (jwk.value("crv", "") != "Ed25519") return fail("OKP JWK curve must be Ed25519");
    auto x = member_bytes(jwk, "x");
    if (!x || x->size() != 32) return fail("Ed25519 JWK x must be 32 base64url bytes");
    if (priv) {
      auto d = member_bytes(jwk, "d");
      if (!d || d->size() != 32) return fail("Ed25519 JWK d must be 32 base64url bytes");
      key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                         reinterpret_cast<const unsigned char*>(d->data()), 32);
      // The public key must be the one derived from d.
      if (key) {
        auto pub = public_jwk(key);
        if (!pub || (*pub)["x"] != jwk["x"]) {
          EVP_PKEY_free(key);
          return fail("Ed25519 JWK x does not belong to d");
        }
      }
    } else {
      key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                        reinterpret_cast<const unsigned char*>(x->data()), 32);
    }
  } else {
    return fail("JWK kty " + kty + " is not supported (RSA, EC, OKP)");
  }
  if (!key) return fail("OpenSSL refused the JWK: " + openssl_error_text());
  Key out(wrap(key));
  out.is_private = priv;
  out.source = "jwk";
  if (jwk.contains("kid") && jwk["kid"].is_string()) out.kid = jwk["kid"];
  if (jwk.contains("x5c") && jwk["x5c"].is_array()) {
    std::vector<X509Ptr> chain;
    for (const auto& c : jwk["x5c"]) {
      auto der = c.is_string() ? b64_decode_strict(c.get<std::string>()) : std::nullopt;
      auto cert = der ? parse_der_certificate(*der) : std::nullopt;
      if (!cert) return fail("JWK x5c holds something that is not a base64 certificate");
      chain.push_back(*cert);
    }
    out.set_chain(std::move(chain));
  }
  return out;
}

std::optional<json> public_jwk(EVP_PKEY* key) {
  int id = EVP_PKEY_get_base_id(key);
  if (id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS) {
    BIGNUM *n = nullptr, *e = nullptr;
    if (!EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) ||
        !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e)) {
      BN_free(n);
      return std::nullopt;
    }
    json j = {{"kty", "RSA"}, {"n", b64url_encode(bn_bytes(n))}, {"e", b64url_encode(bn_bytes(e))}};
    BN_free(n);
    BN_free(e);
    return j;
  }
  if (id == EVP_PKEY_EC) {
    std::string alg = default_alg_for(key);
    if (alg.empty()) return std::nullopt;
    int width = alg == "ES256" ? 32 : 48;
    BIGNUM *x = nullptr, *y = nullptr;
    if (!EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) ||
        !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y)) {
      BN_free(x);
      return std::nullopt;
    }
    json j = {{"kty", "EC"},
              {"crv", alg == "ES256" ? "P-256" : "P-384"},
              {"x", b64url_encode(bn_bytes(x, width))},
              {"y", b64url_encode(bn_bytes(y, width))}};
    BN_free(x);
    BN_free(y);
    return j;
  }
  if (id == EVP_PKEY_ED25519) {
    unsigned char raw[32];
    size_t len = sizeof raw;
    if (!EVP_PKEY_get_raw_public_key(key, raw, &len)) return std::nullopt;
    return json{{"kty", "OKP"},
                {"crv", "Ed25519"},
                {"x", b64url_encode(std::string_view(reinterpret_cast<char*>(raw), len))}};
  }
  return std::nullopt;
}

bool same_public_key(EVP_PKEY* a, EVP_PKEY* b) {
  if (!a || !b) return false;
  int rc = EVP_PKEY_eq(a, b);
  ERR_clear_error();
  return rc == 1;
}

std::optional<X509Ptr> parse_der_certificate(std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (!cert) {
    ERR_clear_error();
    return std::nullopt;
  }
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    X509_free(cert);
    return std::nullopt;  // trailing bytes
  }
  return wrap(cert);
}

std::string certificate_der(X509* cert) {
  unsigned char* der = nullptr;
  int n = i2d_X509(cert, &der);
  if (n <= 0) return {};
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  return out;
}

std::string issuer_serial_der(X509* cert) {
  GENERAL_NAMES* names = GENERAL_NAMES_new();
  GENERAL_NAME* dir = GENERAL_NAME_new();
  GENERAL_NAME_set0_value(dir, GEN_DIRNAME, X509_NAME_dup(X509_get_issuer_name(cert)));
  sk_GENERAL_NAME_push(names, dir);
  unsigned char* names_der = nullptr;
  int names_len = i2d_GENERAL_NAMES(names, &names_der);
  GENERAL_NAMES_free(names);
  unsigned char* serial_der = nullptr;
  int serial_len = i2d_ASN1_INTEGER(X509_get0_serialNumber(cert), &serial_der);
  std::string der;
  if (names_len > 0 && serial_len > 0) {
    // OpenSSL's ESS_ISSUER_SERIAL has no public setters, so the SEQUENCE is put around the two
    // encodings here.
    int content = names_len + serial_len;
    der.resize(static_cast<size_t>(ASN1_object_size(1, content, V_ASN1_SEQUENCE)));
    unsigned char* p = reinterpret_cast<unsigned char*>(der.data());
    ASN1_put_object(&p, 1, content, V_ASN1_SEQUENCE, V_ASN1_UNIVERSAL);
    std::memcpy(p, names_der, static_cast<size_t>(names_len));
    std::memcpy(p + names_len, serial_der, static_cast<size_t>(serial_len));
  }
  OPENSSL_free(names_der);
  OPENSSL_free(serial_der);
  return der;
}

std::vector<X509Ptr> load_certificates(std::string_view bytes, Diagnostics& diagnostics,
                                       const std::string& origin) {
  std::vector<X509Ptr> out;
  if (bytes.find("-----BEGIN") != std::string_view::npos) {
    BioPtr bio = mem_bio(bytes);
    while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
      out.push_back(wrap(c));
    ERR_clear_error();
  } else if (auto c = parse_der_certificate(bytes)) {
    out.push_back(*c);
  }
  if (out.empty())
    diagnostics.push_back(
        make_error("input.certificate", "seal", "no X.509 certificate could be read", origin));
  return out;
}

KeyLoad load_key_bytes(std::string_view bytes, const std::string& password,
                       const std::string& origin) {
  KeyLoad out;
  std::string_view trimmed = bytes;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front())))
    trimmed.remove_prefix(1);
  if (!trimmed.empty() && trimmed.front() == '{') {
    json jwk = json::parse(bytes, nullptr, false);
    std::string why;
    auto key = jwk.is_discarded() ? std::nullopt : key_from_jwk(jwk, &why);
    if (!key) {
      out.diagnostics.push_back(key_error(
          "input.key", jwk.is_discarded() ? "the key file is not valid JSON" : "bad JWK: " + why,
          origin));
      return out;
    }
    if (!key->is_private) {
      out.diagnostics.push_back(key_error("input.key", "the JWK has no private part (d)", origin));
      return out;
    }
    out.key = std::move(*key);
    return out;
  }
  std::string pw = password;
  if (bytes.find("-----BEGIN") != std::string_view::npos) {
    BioPtr bio = mem_bio(bytes);
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, password_cb, &pw);
    if (!key) {
      std::string why = openssl_error_text();
      out.diagnostics.push_back(key_error(
          "input.key", "no private key in the PEM file (wrong password or not a key): " + why,
          origin));
      return out;
    }
    out.key = Key(wrap(key));
    out.key.source = "pem";
    Diagnostics ignored;
    std::vector<X509Ptr> chain = load_certificates(bytes, ignored, origin);
    if (!chain.empty()) out.key.set_chain(std::move(chain));
    return out;
  }
  // Binary: PKCS#12 first, then a DER private key.
  {
    BioPtr bio = mem_bio(bytes);
    PKCS12* p12 = d2i_PKCS12_bio(bio.get(), nullptr);
    if (p12) {
      EVP_PKEY* key = nullptr;
      X509* cert = nullptr;
      STACK_OF(X509)* ca = nullptr;
      int ok = PKCS12_parse(p12, password.c_str(), &key, &cert, &ca);
      PKCS12_free(p12);
      if (!ok || !key) {
        std::string why = openssl_error_text();
        X509_free(cert);
        sk_X509_pop_free(ca, X509_free);
        EVP_PKEY_free(key);
        out.diagnostics.push_back(key_error(
            "input.key", "cannot open the PKCS#12 file (wrong password?): " + why, origin));
        return out;
      }
      std::vector<X509Ptr> chain;
      if (cert) chain.push_back(wrap(cert));
      for (int i = 0; ca && i < sk_X509_num(ca); ++i)
        chain.push_back(wrap(X509_dup(sk_X509_value(ca, i))));
      sk_X509_pop_free(ca, X509_free);
      out.key = Key(wrap(key), std::move(chain));
      out.key.source = "pkcs12";
      return out;
    }
    ERR_clear_error();
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
  EVP_PKEY* key = d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(bytes.size()));
  if (!key) {
    ERR_clear_error();
    out.diagnostics.push_back(
        key_error("input.key", "not a PEM, PKCS#12, DER or JWK private key", origin));
    return out;
  }
  out.key = Key(wrap(key));
  out.key.source = "der";
  return out;
}

KeyLoad load_public_key_bytes(std::string_view bytes, const std::string& origin) {
  KeyLoad out;
  std::string_view trimmed = bytes;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front())))
    trimmed.remove_prefix(1);
  if (!trimmed.empty() && trimmed.front() == '{') {
    json jwk = json::parse(bytes, nullptr, false);
    // An Open Badges 2.0 CryptographicKey document carries its key as publicKeyPem.
    if (jwk.is_object() && jwk.contains("publicKeyPem") && jwk["publicKeyPem"].is_string())
      return load_public_key_bytes(jwk["publicKeyPem"].get<std::string>(), origin);
    std::string why;
    auto key = jwk.is_discarded() ? std::nullopt : key_from_jwk(jwk, &why);
    if (!key) {
      out.diagnostics.push_back(key_error("input.key", "bad JWK: " + why, origin));
      return out;
    }
    out.key = std::move(*key);
    out.key.is_private = false;
    return out;
  }
  if (bytes.find("-----BEGIN CERTIFICATE") != std::string_view::npos ||
      bytes.find("-----BEGIN") == std::string_view::npos) {
    Diagnostics ignored;
    auto certs = load_certificates(bytes, ignored, origin);
    if (!certs.empty()) {
      EVP_PKEY* pub = X509_get0_pubkey(certs[0].get());
      if (pub) {
        EVP_PKEY_up_ref(pub);
        out.key = Key(wrap(pub), std::move(certs));
        out.key.is_private = false;
        out.key.source = "certificate";
        return out;
      }
    }
  }
  BioPtr bio = mem_bio(bytes);
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (!key) {
    ERR_clear_error();
    out.diagnostics.push_back(
        key_error("input.key", "not a certificate, PEM public key or JWK", origin));
    return out;
  }
  out.key = Key(wrap(key));
  out.key.is_private = false;
  out.key.source = "pem";
  return out;
}

KeyLoad load_key(const std::string& spec, const std::string& password) {
  if (spec.rfind("pkcs11:", 0) == 0) return load_pkcs11_key(spec);
  std::ifstream in(spec, std::ios::binary);
  if (!in) {
    KeyLoad out;
    out.diagnostics.push_back(make_error("io.read", "seal", "cannot read the key file", spec));
    return out;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return load_key_bytes(ss.str(), password, spec);
}

}  // namespace credgate::signing
