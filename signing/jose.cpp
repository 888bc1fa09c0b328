#include "signing/jose.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include <array>
#include <memory>

namespace credgate::signing {
namespace {

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// The decoding itself is OpenSSL's (EVP_DecodeBlock); only the strictness checks are ours,
// because EVP_DecodeBlock accepts whitespace and ignores non-zero trailing bits, which would
// let two different texts carry the same signature.
std::optional<std::string> decode_standard(std::string b64, size_t unpadded) {
  if (b64.empty()) return std::string();
  size_t rem = unpadded % 4;
  if (rem == 1) return std::nullopt;
  // The bits below the last full byte must be zero.
  int last = b64_value(b64[unpadded - 1]);
  if (rem == 2 && (last & 0x0F) != 0) return std::nullopt;
  if (rem == 3 && (last & 0x03) != 0) return std::nullopt;
  std::string out(b64.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(b64.data()),
                          static_cast<int>(b64.size()));
  if (n < 0) return std::nullopt;
  size_t padding = b64.size() - unpadded;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

struct PkeyCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, PkeyCtxFree>;
struct EcdsaSigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};

constexpr std::array<JoseAlg, 9> kAlgs = {{
    {"RS256", KeyFamily::Rsa, "SHA256", nullptr, 0},
    {"RS384", KeyFamily::Rsa, "SHA384", nullptr, 0},
    {"RS512", KeyFamily::Rsa, "SHA512", nullptr, 0},
    {"PS256", KeyFamily::RsaPss, "SHA256", nullptr, 0},
    {"PS384", KeyFamily::RsaPss, "SHA384", nullptr, 0},
    {"PS512", KeyFamily::RsaPss, "SHA512", nullptr, 0},
    {"ES256", KeyFamily::Ec, "SHA256", "prime256v1", 32},
    {"ES384", KeyFamily::Ec, "SHA384", "secp384r1", 48},
    {"EdDSA", KeyFamily::Ed25519, nullptr, nullptr, 0},
}};

std::string ec_curve_name(EVP_PKEY* key) {
  char name[64] = {0};
  size_t len = 0;
  if (!EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len))
    return {};
  return name;
}

bool init_ctx(const JoseAlg& alg, EVP_PKEY* key, EVP_MD_CTX* ctx, bool sign) {
  EVP_PKEY_CTX* pctx = nullptr;
  const EVP_MD* md = alg.digest ? EVP_get_digestbyname(alg.digest) : nullptr;
  int rc = sign ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, key)
                : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, key);
  if (rc != 1) return false;
  if (alg.family == KeyFamily::RsaPss) {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1) return false;
    // RFC 7518 section 3.5: the salt is as long as the hash output.
    if (EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1) return false;
    if (EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1) return false;
  } else if (alg.family == KeyFamily::Rsa) {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) return false;
  }
  return true;
}

// The pieces as one message for a one-shot signature (EdDSA): a single piece as it is, several
// concatenated into `buffer`.
std::string_view joined(std::span<const std::string_view> parts, std::string& buffer) {
  if (parts.size() == 1) return parts[0];
  size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  buffer.reserve(size);
  for (std::string_view part : parts) buffer.append(part);
  return buffer;
}

}  // namespace

std::optional<std::string> b64_decode_strict(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  size_t unpadded = text.size();
  while (unpadded > 0 && text[unpadded - 1] == '=' && text.size() - unpadded < 2) --unpadded;
  for (size_t i = 0; i < unpadded; ++i) {
    char c = text[i];
    if (c == '-' || c == '_' || b64_value(c) < 0) return std::nullopt;
  }
  return decode_standard(std::string(text), unpadded);
}

std::string b64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

const JoseAlg* find_alg(std::string_view name) {
  for (const auto& a : kAlgs)
    if (name == a.name) return &a;
  return nullptr;
}

bool is_forbidden_alg(std::string_view name) {
  return name == "none" || name.substr(0, 2) == "HS";
}

std::string default_alg_for(EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return "RS256";
    case EVP_PKEY_RSA_PSS:
      return "PS256";
    case EVP_PKEY_ED25519:
      return "EdDSA";
    case EVP_PKEY_EC: {
      std::string curve = ec_curve_name(key);
      if (curve == "prime256v1" || curve == "P-256") return "ES256";
      if (curve == "secp384r1" || curve == "P-384") return "ES384";
      return {};
    }
    default:
      return {};
  }
}

bool alg_matches_key(const JoseAlg& alg, EVP_PKEY* key, std::string* why) {
  auto fail = [&](std::string reason) {
    if (why) *why = std::move(reason);
    return false;
  };
  int id = EVP_PKEY_get_base_id(key);
  switch (alg.family) {
    case KeyFamily::Rsa:
      if (id != EVP_PKEY_RSA) return fail(std::string(alg.name) + " needs an RSA key");
      break;
    case KeyFamily::RsaPss:
      if (id != EVP_PKEY_RSA && id != EVP_PKEY_RSA_PSS)
        return fail(std::string(alg.name) + " needs an RSA key");
      break;
    case KeyFamily::Ec: {
      if (id != EVP_PKEY_EC) return fail(std::string(alg.name) + " needs an EC key");
      std::string curve = ec_curve_name(key);
      if (curve != alg.curve)
        return fail(std::string(alg.name) + " needs curve " + alg.curve + ", the key is on " +
                    (curve.empty() ? "an unknown curve" : curve));
      break;
    }
    case KeyFamily::Ed25519:
      if (id != EVP_PKEY_ED25519) return fail("EdDSA needs an Ed25519 key");
      break;
  }
  if ((alg.family == KeyFamily::Rsa || alg.family == KeyFamily::RsaPss) &&
      EVP_PKEY_get_bits(key) < 2048)
    return fail("RSA keys shorter than 2048 bits are refused (RFC 7518 section 3.3)");
  return true;
}

std::optional<std::string> jose_sign(const JoseAlg& alg, EVP_PKEY* key, std::string_view input,
                                     std::string* error) {
  return jose_sign_parts(alg, key, std::span<const std::string_view>(&input, 1), error);
}

bool jose_verify(const JoseAlg& alg, EVP_PKEY* key, std::string_view input,
                 std::string_view signature) {
  return jose_verify_parts(alg, key, std::span<const std::string_view>(&input, 1), signature);
}

std::optional<std::string> jose_sign_parts(const JoseAlg& alg, EVP_PKEY* key,
                                           std::span<const std::string_view> parts,
                                           std::string* error) {
  auto fail = [&](const char* what) -> std::optional<std::string> {
    if (error) *error = std::string(what) + ": " + openssl_error_text();
    return std::nullopt;
  };
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || !init_ctx(alg, key, ctx.get(), true)) return fail("cannot start signing");
  size_t len = 0;
  std::string sig;
  if (alg.family == KeyFamily::Ed25519) {
    std::string buffer;
    std::string_view message = joined(parts, buffer);
    auto data = reinterpret_cast<const unsigned char*>(message.data());
    if (EVP_DigestSign(ctx.get(), nullptr, &len, data, message.size()) != 1)
      return fail("cannot size signature");
    sig.assign(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data,
                       message.size()) != 1)
      return fail("signing failed");
  } else {
    for (std::string_view part : parts)
      if (EVP_DigestSignUpdate(ctx.get(), part.data(), part.size()) != 1)
        return fail("signing failed");
    if (EVP_DigestSignFinal(ctx.get(), nullptr, &len) != 1) return fail("cannot size signature");
    sig.assign(len, '\0');
    if (EVP_DigestSignFinal(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len) != 1)
      return fail("signing failed");
  }
  sig.resize(len);
  if (alg.family != KeyFamily::Ec) return sig;
  // DER ECDSA-Sig-Value -> fixed-width R||S.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
  std::unique_ptr<ECDSA_SIG, EcdsaSigFree> es(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)));
  if (!es) return fail("malformed ECDSA signature");
  const BIGNUM *r = nullptr, *s = nullptr;
  ECDSA_SIG_get0(es.get(), &r, &s);
  std::string out(2 * alg.coordinate, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (BN_bn2binpad(r, o, static_cast<int>(alg.coordinate)) < 0 ||
      BN_bn2binpad(s, o + alg.coordinate, static_cast<int>(alg.coordinate)) < 0)
    return fail("ECDSA signature too long");
  return out;
}

bool jose_verify_parts(const JoseAlg& alg, EVP_PKEY* key, std::span<const std::string_view> parts,
                       std::string_view signature) {
  std::string sig(signature);
  if (alg.family == KeyFamily::Ec) {
    if (sig.size() != 2 * alg.coordinate) return false;
    auto* raw = reinterpret_cast<const unsigned char*>(sig.data());
    std::unique_ptr<ECDSA_SIG, EcdsaSigFree> es(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(raw, static_cast<int>(alg.coordinate), nullptr);
    BIGNUM* s = BN_bin2bn(raw + alg.coordinate, static_cast<int>(alg.coordinate), nullptr);
    if (!es || !r || !s || ECDSA_SIG_set0(es.get(), r, s) != 1) {
      BN_free(r);
      BN_free(s);
      return false;
    }
    unsigned char* der = nullptr;
    int n = i2d_ECDSA_SIG(es.get(), &der);
    if (n <= 0) return false;
    sig.assign(reinterpret_cast<char*>(der), static_cast<size_t>(n));
    OPENSSL_free(der);
  }
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || !init_ctx(alg, key, ctx.get(), false)) {
    ERR_clear_error();
    return false;
  }
  auto sig_bytes = reinterpret_cast<const unsigned char*>(sig.data());
  int rc = 0;
  if (alg.family == KeyFamily::Ed25519) {
    std::string buffer;
    std::string_view message = joined(parts, buffer);
    rc = EVP_DigestVerify(ctx.get(), sig_bytes, sig.size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size());
  } else {
    rc = 1;
    for (std::string_view part : parts)
      if (rc == 1) rc = EVP_DigestVerifyUpdate(ctx.get(), part.data(), part.size());
    if (rc == 1) rc = EVP_DigestVerifyFinal(ctx.get(), sig_bytes, sig.size());
  }
  ERR_clear_error();
  return rc == 1;
}

std::string openssl_error_text() {
  std::string out;
  unsigned long e;
  while ((e = ERR_get_error()) != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

std::string sha256(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(md), len);
}

}  // namespace credgate::signing
