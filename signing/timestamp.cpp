#include "signing/timestamp.hpp"
#include "signing/cert_cache.hpp"
#include "signing/utc_time.hpp"

#include <curl/curl.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <cstring>
#include <ctime>

namespace credgate::signing::timestamp {

namespace {

template <typename T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  Owned() = default;
  explicit Owned(T* v) : p(v) {}
  ~Owned() {
    if (p) Free(p);
  }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  T* get() const { return p; }
  void reset(T* v = nullptr) {
    if (p) Free(p);
    p = v;
  }
  T* release() {
    T* v = p;
    p = nullptr;
    return v;
  }
  explicit operator bool() const { return p != nullptr; }
};
using Pkcs7 = Owned<PKCS7, PKCS7_free>;
using TstInfo = Owned<TS_TST_INFO, TS_TST_INFO_free>;

std::string openssl_errors() {
  std::string out;
  unsigned long e;
  char buffer[256];
  while ((e = ERR_get_error()) != 0) {
    ERR_error_string_n(e, buffer, sizeof buffer);
    if (!out.empty()) out += "; ";
    out += buffer;
  }
  return out.empty() ? "no OpenSSL error detail" : out;
}

std::string hex(const unsigned char* data, size_t length) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < length; ++i) {
    out.push_back(digits[data[i] >> 4]);
    out.push_back(digits[data[i] & 15]);
  }
  return out;
}

std::string name_string(const X509_NAME* name) {
  if (!name) return {};
  BIO* bio = BIO_new(BIO_s_mem());
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

std::string iso_time(const ASN1_GENERALIZEDTIME* time) {
  std::tm tm{};
  if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return {};
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buffer;
  // Keep the fraction of a second the TSA gave ("YYYYMMDDhhmmss.fffZ").
  std::string raw(reinterpret_cast<const char*>(ASN1_STRING_get0_data(time)),
                  static_cast<size_t>(ASN1_STRING_length(time)));
  if (size_t dot = raw.find('.'); dot != std::string::npos) {
    size_t end = raw.find('Z', dot);
    out += raw.substr(dot, end == std::string::npos ? std::string::npos : end - dot);
  }
  return out + "Z";
}

std::vector<unsigned char> digest(const EVP_MD* md, std::string_view data) {
  std::vector<unsigned char> out(EVP_MAX_MD_SIZE);
  unsigned length = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &length, md, nullptr);
  out.resize(length);
  return out;
}

Diagnostic ts_error(std::string code, std::string stage, std::string message) {
  return make_error(std::move(code), std::move(stage), std::move(message));
}

// One DER TLV with a one-byte tag and a definite length that fits in `avail`; nullopt for
// anything else (BER indefinite lengths, multi-byte tags), which takes the plain d2i path.
struct Tlv {
  unsigned char tag;
  size_t header;
  size_t length;
  size_t size() const { return header + length; }
};

std::optional<Tlv> read_tlv(const unsigned char* p, size_t avail) {
  if (avail < 2 || (p[0] & 0x1f) == 0x1f) return std::nullopt;
  size_t length = p[1], header = 2;
  if (length >= 0x80) {
    size_t n = length & 0x7f;
    if (n == 0 || n > 4 || avail < 2 + n) return std::nullopt;
    length = 0;
    for (size_t i = 0; i < n; ++i) length = (length << 8) | p[2 + i];
    header += n;
  }
  if (length > avail - header) return std::nullopt;
  return Tlv{p[0], header, length};
}

void put_header(std::string& out, unsigned char tag, size_t length) {
  out.push_back(static_cast<char>(tag));
  if (length < 0x80) {
    out.push_back(static_cast<char>(length));
    return;
  }
  unsigned char bytes[sizeof(size_t)];
  size_t n = 0;
  for (size_t l = length; l; l >>= 8) bytes[n++] = static_cast<unsigned char>(l & 0xff);
  out.push_back(static_cast<char>(0x80 | n));
  while (n) out.push_back(static_cast<char>(bytes[--n]));
}

// A TimeStampToken split into the same ContentInfo without the SignedData `certificates`
// field, and the DER of each certificate that field held. d2i_PKCS7 of a whole token decodes
// every certificate in it (the TSA's, often its chain too), the bulk of a token's decoding
// cost in OpenSSL 3; split this way, the certificates go through cached_certificate instead.
// nullopt (take the plain path) unless the token is DER ContentInfo { OID, [0] SignedData }
// with a certificates field holding only plain Certificates.
struct SplitToken {
  std::string without_certificates;
  std::vector<std::string_view> certificates;
};

std::optional<SplitToken> split_certificates(const std::vector<uint8_t>& token) {
  const unsigned char* base = token.data();
  auto outer = read_tlv(base, token.size());
  if (!outer || outer->tag != 0x30 || outer->size() != token.size()) return std::nullopt;
  const unsigned char* p = base + outer->header;
  const unsigned char* end = base + token.size();
  auto oid = read_tlv(p, static_cast<size_t>(end - p));
  if (!oid || oid->tag != 0x06) return std::nullopt;
  const unsigned char* oid_at = p;
  p += oid->size();
  auto explicit0 = read_tlv(p, static_cast<size_t>(end - p));
  if (!explicit0 || explicit0->tag != 0xa0 || p + explicit0->size() != end) return std::nullopt;
  p += explicit0->header;
  auto signed_data = read_tlv(p, static_cast<size_t>(end - p));
  if (!signed_data || signed_data->tag != 0x30 || p + signed_data->size() != end)
    return std::nullopt;
  p += signed_data->header;
  SplitToken split;
  std::string body;
  bool had_certificates = false;
  while (p < end) {
    auto field = read_tlv(p, static_cast<size_t>(end - p));
    if (!field) return std::nullopt;
    if (field->tag == 0xa0 && !had_certificates) {
      had_certificates = true;
      const unsigned char* c = p + field->header;
      const unsigned char* c_end = p + field->size();
      while (c < c_end) {
        auto cert = read_tlv(c, static_cast<size_t>(c_end - c));
        if (!cert || cert->tag != 0x30) return std::nullopt;
        split.certificates.emplace_back(reinterpret_cast<const char*>(c), cert->size());
        c += cert->size();
      }
    } else {
      body.append(reinterpret_cast<const char*>(p), field->size());
    }
    p += field->size();
  }
  if (!had_certificates) return std::nullopt;
  std::string sd;
  put_header(sd, 0x30, body.size());
  sd += body;
  std::string content(reinterpret_cast<const char*>(oid_at), oid->size());
  put_header(content, 0xa0, sd.size());
  content += sd;
  put_header(split.without_certificates, 0x30, content.size());
  split.without_certificates += content;
  return split;
}

}  // namespace

void TokenVerification::add_to(VerifyReport& report) const {
  for (const auto& c : checks) report.checks.push_back(c);
  report.timestamps.push_back(info);
  for (const auto& d : diagnostics) report.diagnostics.push_back(d);
}

TokenVerification verify_token(const std::vector<uint8_t>& token, std::string_view covered,
                               const VerifyOptions& options) {
  TokenVerification v;
  v.info.type = options.type;
  // The token's own certificates, decoded once per distinct DER (see split_certificates); the
  // plain path decodes them inside the PKCS7 when the token does not split.
  std::vector<X509Ptr> token_certificates;
  Pkcs7 p7;
  bool whole = false;
  if (auto split = split_certificates(token)) {
    bool decoded = true;
    for (std::string_view der : split->certificates) {
      auto cert = cached_certificate(der);
      if (!cert) {
        decoded = false;
        break;
      }
      token_certificates.push_back(*cert);
    }
    const auto* q = reinterpret_cast<const unsigned char*>(split->without_certificates.data());
    const auto* q_end = q + split->without_certificates.size();
    if (decoded) p7.reset(d2i_PKCS7(nullptr, &q, static_cast<long>(q_end - q)));
    whole = p7 && q == q_end;
    if (!whole) {
      p7.reset();
      token_certificates.clear();
      ERR_clear_error();
    }
  }
  if (!p7) {
    const unsigned char* p = token.data();
    p7.reset(d2i_PKCS7(nullptr, &p, static_cast<long>(token.size())));
    whole = p == token.data() + token.size();
  }
  TstInfo tst(p7 ? PKCS7_to_TS_TST_INFO(p7.get()) : nullptr);
  if (!p7 || !tst || !whole) {
    ERR_clear_error();
    v.diagnostics.push_back(
        ts_error("timestamp.token", "verify",
                 "not a DER RFC 3161 TimeStampToken (SignedData with TSTInfo)"));
    v.checks.push_back(
        {"tst.signature", false, "not a TimeStampToken", CheckKind::Timestamp, "FORMAT_FAILURE"});
    return v;
  }
  v.info.time = iso_time(TS_TST_INFO_get_time(tst.get()));
  // For the caller's trust evaluation of the TSA (intermediates); the plain path has them
  // inside the PKCS7 only.
  if (token_certificates.empty() && PKCS7_type_is_signed(p7.get()) && p7.get()->d.sign->cert)
    for (int i = 0; i < sk_X509_num(p7.get()->d.sign->cert); ++i) {
      X509* c = sk_X509_value(p7.get()->d.sign->cert, i);
      X509_up_ref(c);
      v.token_certificates.push_back(wrap(c));
    }
  else
    v.token_certificates = token_certificates;

  // The signer certificate: in the token (certReq) or among the caller's.
  STACK_OF(X509)* extra = sk_X509_new_null();
  for (X509* c : options.extra_certificates) sk_X509_push(extra, c);
  // After the caller's, as PKCS7_get0_signers looks in the token's own certificates last.
  for (const auto& c : token_certificates) sk_X509_push(extra, c.get());
  STACK_OF(X509)* signers = PKCS7_get0_signers(p7.get(), extra, 0);
  X509* signer = signers && sk_X509_num(signers) == 1 ? sk_X509_value(signers, 0) : nullptr;
  if (signer) {
    X509_up_ref(signer);
    v.tsa_certificate.reset(signer);
    v.info.tsa = name_string(X509_get_subject_name(signer));
  } else if (const GENERAL_NAME* tsa = TS_TST_INFO_get_tsa(tst.get());
             tsa && tsa->type == GEN_DIRNAME) {
    v.info.tsa = name_string(tsa->d.directoryName);
  }
  sk_X509_free(signers);
  sk_X509_free(extra);
  ERR_clear_error();

  // extendedKeyUsage timeStamping (RFC 3161 2.3: present, critical, the only purpose).
  bool eku_ok = false;
  std::string eku_detail = "no signer certificate (certReq was false and none was supplied)";
  if (signer) {
    uint32_t flags = X509_get_extension_flags(signer);
    bool has = (flags & EXFLAG_XKUSAGE) && (X509_get_extended_key_usage(signer) & XKU_TIMESTAMP);
    int at = X509_get_ext_by_NID(signer, NID_ext_key_usage, -1);
    bool critical = at >= 0 && X509_EXTENSION_get_critical(X509_get_ext(signer, at));
    eku_ok = has;
    eku_detail =
        has ? std::string("extendedKeyUsage timeStamping") +
                  (critical ? " (critical)" : " (not critical, RFC 3161 wants it critical)")
            : "the TSA certificate has no extendedKeyUsage timeStamping";
  }
  v.checks.push_back({"tst.eku", eku_ok, eku_detail, CheckKind::Timestamp,
                      eku_ok ? "" : "SIG_CONSTRAINTS_FAILURE"});

  // CMS signature and ESS signing-certificate, with the signer certificate as its own anchor:
  // the chain to a trusted root is the caller's trust check.
  bool signature_ok = false;
  std::string signature_detail = "no signer certificate to verify with";
  if (signer) {
    TS_VERIFY_CTX* ctx = TS_VERIFY_CTX_new();
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, signer);
    // Validity periods are not checked here either: whether the TSA certificate was valid at
    // genTime (or is now) is part of the trust evaluation at the proven time.
    X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_NO_CHECK_TIME);
    TS_VERIFY_CTX_set_flags(ctx, TS_VFY_SIGNATURE);
    TS_VERIFY_CTX_set_store(ctx, store);  // owned by ctx from here
    // The signer may be the caller's certificate (a token made without certReq).
    STACK_OF(X509)* certs = sk_X509_new_null();
    X509_up_ref(signer);
    sk_X509_push(certs, signer);
    TS_VERIFY_CTX_set_certs(ctx, certs);  // owned by ctx from here
    signature_ok = TS_RESP_verify_token(ctx, p7.get()) == 1;
    signature_detail = signature_ok
                           ? "CMS signature and ESS signing-certificate verify with " + v.info.tsa
                           : "CMS signature does not verify: " + openssl_errors();
    TS_VERIFY_CTX_free(ctx);
    ERR_clear_error();
  }
  v.checks.push_back({"tst.signature", signature_ok, signature_detail, CheckKind::Timestamp,
                      signature_ok ? "" : "SIG_CRYPTO_FAILURE"});

  // Message imprint over exactly the covered bytes.
  TS_MSG_IMPRINT* imprint = TS_TST_INFO_get_msg_imprint(tst.get());
  X509_ALGOR* algorithm = TS_MSG_IMPRINT_get_algo(imprint);
  const ASN1_OBJECT* oid = nullptr;
  X509_ALGOR_get0(&oid, nullptr, nullptr, algorithm);
  const EVP_MD* md = EVP_get_digestbyobj(oid);
  ASN1_OCTET_STRING* message = TS_MSG_IMPRINT_get_msg(imprint);
  bool imprint_ok = false;
  std::string imprint_detail;
  if (!md) {
    imprint_detail = "unsupported message imprint hash algorithm";
  } else {
    v.hash_algorithm = EVP_MD_get0_name(md);
    auto expected = digest(md, covered);
    imprint_ok = static_cast<size_t>(ASN1_STRING_length(message)) == expected.size() &&
                 std::memcmp(ASN1_STRING_get0_data(message), expected.data(), expected.size()) == 0;
    imprint_detail = imprint_ok ? v.hash_algorithm + " imprint matches the covered bytes"
                                : v.hash_algorithm + " imprint does not match the covered bytes";
  }
  v.checks.push_back({"tst.imprint", imprint_ok, imprint_detail, CheckKind::Timestamp,
                      imprint_ok ? "" : "HASH_FAILURE"});

  if (const ASN1_INTEGER* nonce = TS_TST_INFO_get_nonce(tst.get()))
    v.nonce = hex(ASN1_STRING_get0_data(nonce), static_cast<size_t>(ASN1_STRING_length(nonce)));
  std::string info = "genTime " + v.info.time;
  char policy[128] = {0};
  if (OBJ_obj2txt(policy, sizeof policy, TS_TST_INFO_get_policy_id(tst.get()), 1) > 0)
    info += ", policy " + std::string(policy);
  if (const ASN1_INTEGER* serial = TS_TST_INFO_get_serial(tst.get()))
    info += ", serial " +
            hex(ASN1_STRING_get0_data(serial), static_cast<size_t>(ASN1_STRING_length(serial)));
  v.checks.push_back({"tst.info", true, info, CheckKind::Info, ""});
  // For the caller's trust evaluation: was the TSA certificate valid at genTime?
  auto gen_time = asn1_to_time(TS_TST_INFO_get_time(tst.get()));
  if (signer && gen_time) {
    std::time_t gen = *gen_time;
    bool within = X509_cmp_time(X509_get0_notBefore(signer), &gen) < 0 &&
                  X509_cmp_time(X509_get0_notAfter(signer), &gen) > 0;
    v.checks.push_back({"tst.cert-validity", within,
                        within ? "the TSA certificate was valid at genTime"
                               : "the TSA certificate was not valid at genTime",
                        CheckKind::Info, ""});
  }

  v.info.valid = eku_ok && signature_ok && imprint_ok;
  return v;
}

namespace {

struct Body {
  std::string data;
  size_t limit = 0;
  bool overflow = false;
};

size_t on_body(char* ptr, size_t size, size_t count, void* user) {
  auto* body = static_cast<Body*>(user);
  size_t n = size * count;
  if (body->data.size() + n > body->limit) {
    body->overflow = true;
    return 0;  // aborts the transfer
  }
  body->data.append(ptr, n);
  return n;
}

}  // namespace

std::optional<std::string> check_tsa_url(const std::string& url) {
  CURLU* parsed = curl_url();
  if (!parsed) return "libcurl could not start";
  std::optional<std::string> problem;
  char* scheme = nullptr;
  char* host = nullptr;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
      curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
      curl_url_get(parsed, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
    problem = "not an absolute http(s) URL: " + url;
  } else {
    std::string s = scheme, h = host;
    for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool loopback = h == "127.0.0.1" || h == "[::1]" || h == "::1" || h == "localhost";
    if (s == "http" && !loopback)
      problem =
          "a TSA is reached over https; plain http only on the loopback interface (" + url + ")";
    else if (s != "http" && s != "https")
      problem = "the TSA URL must be https (or http on the loopback interface): " + url;
  }
  curl_free(scheme);
  curl_free(host);
  curl_url_cleanup(parsed);
  return problem;
}

TokenResult request_timestamp(std::string_view covered, const RequestOptions& options) {
  TokenResult result;
  auto fail = [&](std::string code, std::string message) {
    result.diagnostics.push_back(ts_error(std::move(code), "seal", std::move(message)));
    result.token.clear();
    return std::move(result);
  };
  if (auto problem = check_tsa_url(options.url)) return fail("timestamp.url", *problem);

  // TimeStampReq: version 1, SHA-256 imprint, 64-bit random nonce, certReq.
  auto hash = digest(EVP_sha256(), covered);
  unsigned char nonce_bytes[8];
  if (RAND_bytes(nonce_bytes, sizeof nonce_bytes) != 1)
    return fail("timestamp.request", "no randomness");
  nonce_bytes[0] &= 0x7f;  // a positive INTEGER
  nonce_bytes[0] |= 0x01;  // and never zero-led, so its DER is always 8 bytes
  BIGNUM* nonce_bn = BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr);
  ASN1_INTEGER* nonce = BN_to_ASN1_INTEGER(nonce_bn, nullptr);
  BN_free(nonce_bn);
  TS_REQ* req = TS_REQ_new();
  TS_MSG_IMPRINT* imprint = TS_MSG_IMPRINT_new();
  X509_ALGOR* algorithm = X509_ALGOR_new();
  X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  bool built = req && imprint && algorithm && nonce && TS_REQ_set_version(req, 1) == 1 &&
               TS_MSG_IMPRINT_set_algo(imprint, algorithm) == 1 &&
               TS_MSG_IMPRINT_set_msg(imprint, hash.data(), static_cast<int>(hash.size())) == 1 &&
               TS_REQ_set_msg_imprint(req, imprint) == 1 && TS_REQ_set_nonce(req, nonce) == 1 &&
               TS_REQ_set_cert_req(req, options.cert_req ? 1 : 0) == 1;
  if (built && !options.policy_oid.empty()) {
    ASN1_OBJECT* policy = OBJ_txt2obj(options.policy_oid.c_str(), 1);
    built = policy && TS_REQ_set_policy_id(req, policy) == 1;
    ASN1_OBJECT_free(policy);
  }
  unsigned char* der = nullptr;
  int der_length = built ? i2d_TS_REQ(req, &der) : -1;
  X509_ALGOR_free(algorithm);
  TS_MSG_IMPRINT_free(imprint);
  TS_REQ_free(req);
  if (der_length <= 0) {
    ASN1_INTEGER_free(nonce);
    return fail("timestamp.request", "cannot build the TimeStampReq: " + openssl_errors());
  }
  std::string request(reinterpret_cast<char*>(der), static_cast<size_t>(der_length));
  OPENSSL_free(der);

  // POST application/timestamp-query (RFC 3161 3.4).
  CURL* curl = curl_easy_init();
  if (!curl) {
    ASN1_INTEGER_free(nonce);
    return fail("timestamp.http", "libcurl could not start");
  }
  Body body;
  body.limit = options.max_response_bytes;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/timestamp-query");
  headers = curl_slist_append(headers, "Accept: application/timestamp-reply");
  curl_easy_setopt(curl, CURLOPT_URL, options.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options.total_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  CURLcode code = curl_easy_perform(curl);
  long status = 0;
  char* content_type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
  std::string type = content_type ? content_type : "";
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (body.overflow) {
    ASN1_INTEGER_free(nonce);
    return fail("timestamp.http", "the TSA response exceeds " +
                                      std::to_string(options.max_response_bytes) + " bytes");
  }
  if (code != CURLE_OK) {
    ASN1_INTEGER_free(nonce);
    return fail("timestamp.http", options.url + ": " + curl_easy_strerror(code));
  }
  if (status != 200) {
    ASN1_INTEGER_free(nonce);
    return fail("timestamp.http", options.url + ": HTTP status " + std::to_string(status));
  }
  if (type.rfind("application/timestamp-reply", 0) != 0 &&
      type.rfind("application/timestamp-response", 0) != 0)
    result.diagnostics.push_back(make_warning(
        "timestamp.content-type", "seal",
        "TSA answered with Content-Type '" + type + "', not application/timestamp-reply"));

  // TimeStampResp: status, then our nonce and imprint.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(body.data.data());
  TS_RESP* response = d2i_TS_RESP(nullptr, &p, static_cast<long>(body.data.size()));
  if (!response) {
    ASN1_INTEGER_free(nonce);
    ERR_clear_error();
    return fail("timestamp.response", "the TSA's answer is not a DER TimeStampResp");
  }
  TS_STATUS_INFO* status_info = TS_RESP_get_status_info(response);
  long pki_status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status_info));
  if (pki_status != 0 && pki_status != 1) {
    std::string text;
    if (const auto* texts = TS_STATUS_INFO_get0_text(status_info))
      for (int i = 0; i < sk_ASN1_UTF8STRING_num(texts); ++i) {
        const ASN1_UTF8STRING* t = sk_ASN1_UTF8STRING_value(texts, i);
        text += (text.empty() ? "" : "; ") +
                std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t)),
                            static_cast<size_t>(ASN1_STRING_length(t)));
      }
    std::string fail_info;
    static const std::pair<int, const char*> bits[] = {
        {TS_INFO_BAD_ALG, "badAlg"},
        {TS_INFO_BAD_REQUEST, "badRequest"},
        {TS_INFO_BAD_DATA_FORMAT, "badDataFormat"},
        {TS_INFO_TIME_NOT_AVAILABLE, "timeNotAvailable"},
        {TS_INFO_UNACCEPTED_POLICY, "unacceptedPolicy"},
        {TS_INFO_UNACCEPTED_EXTENSION, "unacceptedExtension"},
        {TS_INFO_ADD_INFO_NOT_AVAILABLE, "addInfoNotAvailable"},
        {TS_INFO_SYSTEM_FAILURE, "systemFailure"}};
    if (const ASN1_BIT_STRING* f = TS_STATUS_INFO_get0_failure_info(status_info))
      for (const auto& [bit, name] : bits)
        if (ASN1_BIT_STRING_get_bit(f, bit))
          fail_info += (fail_info.empty() ? "" : ",") + std::string(name);
    TS_RESP_free(response);
    ASN1_INTEGER_free(nonce);
    return fail("timestamp.rejected", "the TSA refused: PKIStatus " + std::to_string(pki_status) +
                                          (fail_info.empty() ? "" : " failInfo " + fail_info) +
                                          (text.empty() ? "" : " (" + text + ")"));
  }
  TS_TST_INFO* tst = TS_RESP_get_tst_info(response);
  PKCS7* token = TS_RESP_get_token(response);
  if (!tst || !token) {
    TS_RESP_free(response);
    ASN1_INTEGER_free(nonce);
    return fail("timestamp.response", "the TSA granted but sent no TimeStampToken");
  }
  const ASN1_INTEGER* echoed = TS_TST_INFO_get_nonce(tst);
  bool nonce_ok = echoed && ASN1_INTEGER_cmp(echoed, nonce) == 0;
  ASN1_INTEGER_free(nonce);
  if (!nonce_ok) {
    TS_RESP_free(response);
    return fail("timestamp.nonce", "the token's nonce is not the request's (replayed answer?)");
  }
  unsigned char* token_der = nullptr;
  int token_length = i2d_PKCS7(token, &token_der);
  TS_RESP_free(response);
  if (token_length <= 0) return fail("timestamp.response", "cannot encode the token");
  result.token.assign(token_der, token_der + token_length);
  OPENSSL_free(token_der);

  VerifyOptions verify_options;
  verify_options.extra_certificates = options.tsa_certificates;
  TokenVerification v = verify_token(result.token, covered, verify_options);
  result.info = v.info;
  for (const auto& c : v.checks) {
    if (c.passed || c.kind == CheckKind::Info) continue;
    return fail(c.id == "tst.imprint" ? "timestamp.imprint" : "timestamp.invalid-token",
                c.id + ": " + c.detail);
  }
  return result;
}

}  // namespace credgate::signing::timestamp
