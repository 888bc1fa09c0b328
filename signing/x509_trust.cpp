#include "signing/x509_trust.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace credgate::signing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kQcStatements = "1.3.6.1.5.5.7.1.3";
constexpr const char* kQcCompliance = "0.4.0.1862.1.1";
constexpr const char* kQcType = "0.4.0.1862.1.6";
constexpr const char* kQcTypeESeal = "0.4.0.1862.1.6.2";

std::string name_text(X509_NAME* name) {
  BIO* bio = BIO_new(BIO_s_mem());
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(len));
  BIO_free(bio);
  return out;
}

std::string name_entry(X509_NAME* name, int nid) {
  int idx = X509_NAME_get_index_by_NID(name, nid, -1);
  if (idx < 0) return {};
  ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, value);
  if (len < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

std::string asn1_time_iso(const ASN1_TIME* t) {
  auto time = asn1_to_time(t);
  return time ? iso_time(*time) : std::string();
}

std::string oid_text(const ASN1_OBJECT* obj) {
  char buf[128];
  int n = OBJ_obj2txt(buf, sizeof buf, obj, 1);
  return n > 0 ? std::string(buf) : std::string();
}

// The elements of a DER SEQUENCE, parsed by OpenSSL's generic ASN.1 decoder.
STACK_OF(ASN1_TYPE) * sequence_items(const unsigned char* der, long len) {
  return d2i_ASN1_SEQUENCE_ANY(nullptr, &der, len);
}

// QcStatements (ETSI EN 319 412-5): QcCompliance and QcType containing eseal.
void read_qc_statements(X509* cert, bool& compliance, bool& eseal) {
  compliance = eseal = false;
  ASN1_OBJECT* qc_oid = OBJ_txt2obj(kQcStatements, 1);
  int idx = X509_get_ext_by_OBJ(cert, qc_oid, -1);
  ASN1_OBJECT_free(qc_oid);
  if (idx < 0) return;
  ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(cert, idx));
  STACK_OF(ASN1_TYPE)* statements = sequence_items(data->data, data->length);
  for (int i = 0; statements && i < sk_ASN1_TYPE_num(statements); ++i) {
    ASN1_TYPE* st = sk_ASN1_TYPE_value(statements, i);
    if (st->type != V_ASN1_SEQUENCE) continue;
    STACK_OF(ASN1_TYPE)* parts =
        sequence_items(st->value.sequence->data, st->value.sequence->length);
    if (parts && sk_ASN1_TYPE_num(parts) >= 1 &&
        sk_ASN1_TYPE_value(parts, 0)->type == V_ASN1_OBJECT) {
      std::string id = oid_text(sk_ASN1_TYPE_value(parts, 0)->value.object);
      if (id == kQcCompliance) compliance = true;
      if (id == kQcType && sk_ASN1_TYPE_num(parts) >= 2 &&
          sk_ASN1_TYPE_value(parts, 1)->type == V_ASN1_SEQUENCE) {
        ASN1_STRING* types = sk_ASN1_TYPE_value(parts, 1)->value.sequence;
        STACK_OF(ASN1_TYPE)* list = sequence_items(types->data, types->length);
        for (int k = 0; list && k < sk_ASN1_TYPE_num(list); ++k)
          if (sk_ASN1_TYPE_value(list, k)->type == V_ASN1_OBJECT &&
              oid_text(sk_ASN1_TYPE_value(list, k)->value.object) == kQcTypeESeal)
            eseal = true;
        sk_ASN1_TYPE_pop_free(list, ASN1_TYPE_free);
      }
    }
    sk_ASN1_TYPE_pop_free(parts, ASN1_TYPE_free);
  }
  sk_ASN1_TYPE_pop_free(statements, ASN1_TYPE_free);
  ERR_clear_error();
}

// Issued by itself and signed with its own key. Not X509_check_issued: that also wants
// keyCertSign, so a self-signed end-entity certificate given as an anchor (a TSA's, the test
// TSA's) would become an "intermediate" and never be trusted.
bool is_self_signed(X509* cert) {
  EVP_PKEY* key = X509_get0_pubkey(cert);
  bool self = key && X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) == 0 &&
              X509_verify(cert, key) == 1;
  ERR_clear_error();
  return self;
}

void load_file(const fs::path& path, TrustStore& store, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  size_t before = store.anchors.size() + store.intermediates.size() + store.crls.size();
  auto add_cert = [&](X509Ptr c) {
    (is_self_signed(c.get()) ? store.anchors : store.intermediates).push_back(std::move(c));
  };
  if (bytes.find("-----BEGIN") != std::string::npos) {
    BIO* bio = BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size()));
    STACK_OF(X509_INFO)* infos = PEM_X509_INFO_read_bio(bio, nullptr, nullptr, nullptr);
    for (int i = 0; infos && i < sk_X509_INFO_num(infos); ++i) {
      X509_INFO* info = sk_X509_INFO_value(infos, i);
      if (info->x509) {
        X509_up_ref(info->x509);
        add_cert(wrap(info->x509));
      }
      if (info->crl) {
        X509_CRL_up_ref(info->crl);
        store.crls.push_back(CrlPtr(info->crl, X509_CRL_free));
      }
    }
    sk_X509_INFO_pop_free(infos, X509_INFO_free);
    BIO_free(bio);
  } else if (auto c = parse_der_certificate(bytes)) {
    add_cert(*c);
  } else if (auto crl = parse_der_crl(bytes)) {
    store.crls.push_back(*crl);
  }
  ERR_clear_error();
  if (store.anchors.size() + store.intermediates.size() + store.crls.size() == before)
    diagnostics.push_back(make_warning("input.trust", "verify",
                                       "no certificate or CRL in this trust file", path.string()));
}

const char* sub_indication_for(int error) {
  switch (error) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "OUT_OF_BOUNDS_NO_POE";
    case X509_V_ERR_CERT_REVOKED:
      return "REVOKED_NO_POE";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return "NO_CERTIFICATE_CHAIN_FOUND";
    default:
      return "CHAIN_CONSTRAINTS_FAILURE";
  }
}

struct Collected {
  struct Error {
    int code;
    int depth;
  };
  std::vector<Error> errors;
};

int collect_cb(int ok, X509_STORE_CTX* ctx) {
  if (!ok) {
    auto* c = static_cast<Collected*>(
        X509_STORE_CTX_get_ex_data(ctx, 0));  // slot 0: set below, ours for this call
    if (c)
      c->errors.push_back({X509_STORE_CTX_get_error(ctx), X509_STORE_CTX_get_error_depth(ctx)});
  }
  return 1;  // keep going: report every problem, not only the first
}

// What the embedded OCSP responses say about each certificate of the built chain (below the
// anchor) at `when`: the first verified "good" or "revoked" for a certificate decides it.
struct OcspOutcome {
  std::optional<std::string> signer_good;
  std::optional<std::string> revoked;
  std::vector<std::string> unusable;
};

OcspOutcome evaluate_ocsp(const TrustInput& input, const TrustStore& store,
                          const std::vector<X509Ptr>& chain, std::time_t when) {
  OcspOutcome out;
  std::vector<X509Ptr> untrusted = input.untrusted;
  untrusted.insert(untrusted.end(), store.intermediates.begin(), store.intermediates.end());
  untrusted.insert(untrusted.end(), chain.begin(), chain.end());
  for (size_t depth = 0; depth + 1 < chain.size(); ++depth) {
    X509* cert = chain[depth].get();
    std::string who = depth == 0 ? "signer" : "certificate at depth " + std::to_string(depth);
    for (size_t i = 0; i < input.ocsp.size(); ++i) {
      OcspStatus st = ocsp_status(input.ocsp[i].get(), cert, chain[depth + 1].get(), store.anchors,
                                  untrusted, when);
      std::string which = "OCSP response " + std::to_string(i + 1) + " for the " + who;
      if (st.kind == OcspStatus::Kind::NotFound) continue;
      if (st.kind == OcspStatus::Kind::Unusable || st.kind == OcspStatus::Kind::Unknown) {
        out.unusable.push_back(which + " not used: " + st.reason);
        continue;
      }
      std::string produced = " (produced at " + iso_time(*st.produced_at) + ")";
      if (st.kind == OcspStatus::Kind::Revoked) {
        out.revoked = which + ": revoked at " + iso_time(*st.revocation_time) + produced;
        return out;
      }
      if (depth == 0) {
        std::string detail = "signer good per OCSP at " + iso_time(when) + produced;
        if (st.revocation_time) detail += ", revoked later at " + iso_time(*st.revocation_time);
        out.signer_good = detail;
      }
      break;  // this certificate is decided
    }
  }
  return out;
}

}  // namespace

std::optional<CrlPtr> parse_der_crl(std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()));
  if (!crl) {
    ERR_clear_error();
    return std::nullopt;
  }
  return CrlPtr(crl, X509_CRL_free);
}

TrustStore load_trust(const std::string& path, Diagnostics& diagnostics) {
  TrustStore store;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(path, ec))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) load_file(f, store, diagnostics);
  } else if (fs::is_regular_file(path, ec)) {
    load_file(path, store, diagnostics);
  } else {
    diagnostics.push_back(make_error("io.read", "verify", "cannot read the trust path", path));
  }
  return store;
}

SignerInfo signer_info(X509* cert) {
  SignerInfo info;
  X509_NAME* subject = X509_get_subject_name(cert);
  info.subject = name_text(subject);
  info.organization_identifier = name_entry(subject, NID_organizationIdentifier);
  info.country = name_entry(subject, NID_countryName);
  info.issuer = name_text(X509_get_issuer_name(cert));
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  if (serial) {
    char* hex = BN_bn2hex(serial);
    info.serial = hex;
    OPENSSL_free(hex);
    BN_free(serial);
  }
  info.not_before = asn1_time_iso(X509_get0_notBefore(cert));
  info.not_after = asn1_time_iso(X509_get0_notAfter(cert));
  bool compliance = false, eseal = false;
  read_qc_statements(cert, compliance, eseal);
  info.qualified_eseal = compliance && eseal;
  return info;
}

AuthorityTrust evaluate_timestamp_authority(const TrustInput& input, const TrustStore& store) {
  VerifyReport scratch;
  evaluate_trust(input, store, scratch);
  AuthorityTrust out;
  out.trusted = input.leaf && input.at.has_value();
  for (const auto& c : scratch.checks) {
    if (c.kind != CheckKind::Trust) continue;
    if (!c.passed) out.trusted = false;
    if (!c.passed || c.id == "trust.chain")
      out.detail += (out.detail.empty() ? "" : "; ") + c.detail;
  }
  return out;
}

void evaluate_trust(const TrustInput& input, const TrustStore& store, VerifyReport& report) {
  if (!input.leaf) {
    report.add("trust.chain", false, "no signer certificate (x5c) to build a chain from",
               CheckKind::Trust, "NO_SIGNING_CERTIFICATE_FOUND");
    return;
  }
  X509* leaf = input.leaf.get();
  std::time_t when = input.at ? *input.at : input.proven ? *input.proven : std::time(nullptr);
  const char* when_source = input.at ? "--at" : input.proven ? "a signature timestamp" : "now";

  // Key usage first: it needs no anchor.
  uint32_t ku = X509_get_key_usage(leaf);
  if (ku == UINT32_MAX) {
    report.add("trust.key-usage", true, "no keyUsage extension (any use allowed)",
               CheckKind::Trust);
  } else {
    bool ok = (ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
    report.add("trust.key-usage", ok,
               ok ? "keyUsage allows digitalSignature or nonRepudiation"
                  : "keyUsage allows neither digitalSignature nor nonRepudiation",
               CheckKind::Trust, "CHAIN_CONSTRAINTS_FAILURE");
  }

  if (store.anchors.empty()) {
    report.add("trust.chain", false, "no trust anchors given (--trust)", CheckKind::Trust,
               "NO_CERTIFICATE_CHAIN_FOUND");
    return;
  }
  X509_STORE* xs = X509_STORE_new();
  for (const auto& a : store.anchors) X509_STORE_add_cert(xs, a.get());
  std::vector<CrlPtr> crls = store.crls;
  crls.insert(crls.end(), input.crls.begin(), input.crls.end());
  for (const auto& c : crls) X509_STORE_add_crl(xs, c.get());
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  for (const auto& c : input.untrusted) sk_X509_push(untrusted, c.get());
  for (const auto& c : store.intermediates) sk_X509_push(untrusted, c.get());

  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, xs, leaf, untrusted);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
  X509_VERIFY_PARAM_set_time(param, when);
  if (!crls.empty()) X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK);
  Collected collected;
  X509_STORE_CTX_set_ex_data(ctx, 0, &collected);
  X509_STORE_CTX_set_verify_cb(ctx, collect_cb);
  X509_verify_cert(ctx);
  std::string anchor;
  std::vector<X509Ptr> built;  // leaf first, then its issuers
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx);
  if (chain && sk_X509_num(chain) > 0)
    anchor = name_text(X509_get_subject_name(sk_X509_value(chain, sk_X509_num(chain) - 1)));
  for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
    X509_up_ref(sk_X509_value(chain, i));
    built.push_back(wrap(sk_X509_value(chain, i)));
  }
  X509_STORE_CTX_free(ctx);
  sk_X509_free(untrusted);
  X509_STORE_free(xs);
  ERR_clear_error();

  const Collected::Error* chain_error = nullptr;
  const Collected::Error* time_error = nullptr;
  const Collected::Error* revoked = nullptr;
  bool no_crl = false;
  for (const auto& e : collected.errors) {
    if (e.code == X509_V_ERR_CERT_HAS_EXPIRED || e.code == X509_V_ERR_CERT_NOT_YET_VALID) {
      if (!time_error) time_error = &e;
    } else if (e.code == X509_V_ERR_CERT_REVOKED) {
      if (!revoked) revoked = &e;
    } else if (e.code == X509_V_ERR_UNABLE_TO_GET_CRL) {
      no_crl = true;
    } else if (e.code == X509_V_ERR_CRL_HAS_EXPIRED || e.code == X509_V_ERR_CRL_NOT_YET_VALID) {
      no_crl = true;  // a CRL not current at the validation time says nothing then
    } else if (!chain_error) {
      chain_error = &e;
    }
  }
  auto describe = [](const Collected::Error& e) {
    return std::string(X509_verify_cert_error_string(e.code)) + " at depth " +
           std::to_string(e.depth);
  };
  report.add("trust.chain", !chain_error,
             chain_error ? describe(*chain_error) : "chain to the trust anchor " + anchor,
             CheckKind::Trust, chain_error ? sub_indication_for(chain_error->code) : "");
  report.add("trust.validity", !time_error,
             (time_error ? describe(*time_error) : std::string("every certificate valid")) +
                 " at " + iso_time(when) + " (" + when_source + ")",
             CheckKind::Trust, "OUT_OF_BOUNDS_NO_POE");
  if (revoked) {
    report.add("trust.revocation", false, describe(*revoked), CheckKind::Trust, "REVOKED_NO_POE");
    return;
  }
  bool crl_decided = !crls.empty() && !no_crl;
  if (!crl_decided && !input.ocsp.empty()) {
    OcspOutcome ocsp = evaluate_ocsp(input, store, built, when);
    for (const auto& note : ocsp.unusable) report.add("trust.ocsp", false, note, CheckKind::Info);
    if (ocsp.revoked) {
      report.add("trust.revocation", false, *ocsp.revoked, CheckKind::Trust, "REVOKED_NO_POE");
      return;
    }
    if (ocsp.signer_good) {
      report.add("trust.revocation", true, *ocsp.signer_good, CheckKind::Trust);
      return;
    }
  }
  if (crls.empty() || no_crl)
    report.add("trust.revocation", true,
               crls.empty()
                   ? (input.ocsp.empty() ? "no revocation data embedded or supplied; not fetched"
                                         : "no usable OCSP response for the signer; not fetched")
                   : "no current CRL for the signer; not fetched",
               CheckKind::Info);
  else
    report.add("trust.revocation", true, "signer not revoked at " + iso_time(when),
               CheckKind::Trust);
}

}  // namespace credgate::signing
