#include "support/test_pki.hpp"

#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509v3.h>

#include <stdexcept>

#include "support/test_support.hpp"

namespace credgate::test {
namespace {

using signing::Key;
using signing::wrap;

constexpr long kDay = 24 * 3600;

void ensure(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test PKI: ") + what);
}

X509_NAME* make_name(const std::vector<std::pair<const char*, std::string>>& parts) {
  X509_NAME* name = X509_NAME_new();
  for (const auto& [field, value] : parts)
    ensure(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                      0) == 1,
           field);
  return name;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  ensure(ext != nullptr, value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// QCStatements { QcCompliance, QcType { eseal } } (ETSI EN 319 412-5), DER written out here
// because OpenSSL has no QcStatements type; it is test data, parsed back by the library.
void add_qc_statements(X509* cert) {
  static const unsigned char der[] = {
      0x30, 0x1F,                                                        // QCStatements
      0x30, 0x08, 0x06, 0x06, 0x04, 0x00, 0x8E, 0x46, 0x01, 0x01,        // QcCompliance
      0x30, 0x13, 0x06, 0x06, 0x04, 0x00, 0x8E, 0x46, 0x01, 0x06,        // QcType
      0x30, 0x09, 0x06, 0x07, 0x04, 0x00, 0x8E, 0x46, 0x01, 0x06, 0x02,  // eseal
  };
  ASN1_OBJECT* oid = OBJ_txt2obj("1.3.6.1.5.5.7.1.3", 1);
  ASN1_OCTET_STRING* value = ASN1_OCTET_STRING_new();
  ASN1_OCTET_STRING_set(value, der, sizeof der);
  X509_EXTENSION* ext = X509_EXTENSION_create_by_OBJ(nullptr, oid, 0, value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  ASN1_OCTET_STRING_free(value);
  ASN1_OBJECT_free(oid);
}

struct CertSpec {
  X509_NAME* subject;
  long serial;
  long not_before;  // seconds from now
  long not_after;
  bool ca = false;
  bool qc = false;
};

signing::X509Ptr make_cert(EVP_PKEY* key, const CertSpec& spec, X509* issuer,
                           EVP_PKEY* issuer_key) {
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), spec.serial);
  X509_gmtime_adj(X509_getm_notBefore(cert), spec.not_before);
  X509_gmtime_adj(X509_getm_notAfter(cert), spec.not_after);
  X509_set_subject_name(cert, spec.subject);
  X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : spec.subject);
  X509_set_pubkey(cert, key);
  add_ext(cert, issuer, NID_subject_key_identifier, "hash");
  if (issuer) add_ext(cert, issuer, NID_authority_key_identifier, "keyid:always");
  add_ext(cert, issuer, NID_basic_constraints, spec.ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_ext(cert, issuer, NID_key_usage,
          spec.ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation");
  if (spec.qc) add_qc_statements(cert);
  ensure(X509_sign(cert, issuer_key, EVP_sha256()) > 0, "sign certificate");
  X509_NAME_free(spec.subject);
  return wrap(cert);
}

void write_pem(const std::filesystem::path& path, const std::function<int(BIO*)>& write) {
  BIO* bio = BIO_new_file(path.string().c_str(), "w");
  ensure(bio && write(bio) == 1, "write PEM");
  BIO_free(bio);
}

void write_leaf(const std::filesystem::path& dir, const std::string& name, const Key& key) {
  write_pem(dir / (name + ".key.pem"), [&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, key.pkey(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  write_pem(dir / (name + ".cert.pem"),
            [&](BIO* b) { return PEM_write_bio_X509(b, key.chain()[0].get()); });
  write_pem(dir / (name + ".chain.pem"), [&](BIO* b) {
    for (const auto& c : key.chain())
      if (PEM_write_bio_X509(b, c.get()) != 1) return 0;
    return 1;
  });
}

}  // namespace

TestPki make_test_pki(const std::filesystem::path& dir) {
  TestPki pki;
  pki.dir = dir;
  auto ec_key = [] { return wrap(EVP_EC_gen("P-256")); };

  pki.root = Key(ec_key());
  auto root_cert =
      make_cert(pki.root.pkey(),
                {make_name({{"C", "BE"}, {"O", "credgate test"}, {"CN", "credgate Test Root CA"}}),
                 1, -800 * kDay, 3650 * kDay, true, false},
                nullptr, pki.root.pkey());
  pki.root.set_chain({root_cert});

  pki.intermediate = Key(ec_key());
  auto int_cert =
      make_cert(pki.intermediate.pkey(),
                {make_name({{"C", "BE"}, {"O", "credgate test"}, {"CN", "credgate Test eSeal CA"}}),
                 2, -700 * kDay, 3000 * kDay, true, false},
                root_cert.get(), pki.root.pkey());
  pki.intermediate.set_chain({int_cert, root_cert});

  auto leaf = [&](signing::PkeyPtr key, const std::string& cn, long serial, long nb, long na,
                  bool qc) {
    Key k(std::move(key));
    auto cert = make_cert(k.pkey(),
                          {make_name({{"C", "BE"},
                                      {"O", "Example University"},
                                      {"organizationIdentifier", "VATBE-0123456789"},
                                      {"CN", cn}}),
                           serial, nb, na, false, qc},
                          int_cert.get(), pki.intermediate.pkey());
    k.set_chain({cert, int_cert});
    return k;
  };
  pki.eseal =
      leaf(wrap(EVP_RSA_gen(2048)), "Example University eSeal", 100, -kDay, 365 * kDay, true);
  pki.expired = leaf(wrap(EVP_RSA_gen(2048)), "Example University old eSeal", 101, -400 * kDay,
                     -30 * kDay, true);
  pki.revoked = leaf(wrap(EVP_RSA_gen(2048)), "Example University revoked eSeal", 102, -kDay,
                     365 * kDay, true);
  pki.ec = leaf(ec_key(), "Example University EC seal", 103, -kDay, 365 * kDay, false);
  pki.ed = leaf(wrap(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")), "Example University Ed25519",
                104, -kDay, 365 * kDay, false);

  // The intermediate's CRL lists the revoked leaf.
  X509_CRL* crl = X509_CRL_new();
  X509_CRL_set_version(crl, 1);
  X509_CRL_set_issuer_name(crl, X509_get_subject_name(int_cert.get()));
  ASN1_TIME* t = X509_gmtime_adj(nullptr, -3600);
  X509_CRL_set1_lastUpdate(crl, t);
  ASN1_TIME_free(t);
  t = X509_gmtime_adj(nullptr, 30 * kDay);
  X509_CRL_set1_nextUpdate(crl, t);
  ASN1_TIME_free(t);
  X509_REVOKED* rev = X509_REVOKED_new();
  ASN1_INTEGER* serial = ASN1_INTEGER_new();
  ASN1_INTEGER_set(serial, 102);
  X509_REVOKED_set_serialNumber(rev, serial);
  ASN1_INTEGER_free(serial);
  t = X509_gmtime_adj(nullptr, -7200);
  X509_REVOKED_set_revocationDate(rev, t);
  ASN1_TIME_free(t);
  X509_CRL_add0_revoked(crl, rev);
  X509_CRL_sort(crl);
  ensure(X509_CRL_sign(crl, pki.intermediate.pkey(), EVP_sha256()) > 0, "sign CRL");

  std::filesystem::create_directories(dir / "trust");
  write_pem(dir / "root.pem", [&](BIO* b) { return PEM_write_bio_X509(b, root_cert.get()); });
  write_pem(dir / "trust" / "root.pem",
            [&](BIO* b) { return PEM_write_bio_X509(b, root_cert.get()); });
  write_pem(dir / "intermediate.pem",
            [&](BIO* b) { return PEM_write_bio_X509(b, int_cert.get()); });
  write_pem(dir / "crl.pem", [&](BIO* b) { return PEM_write_bio_X509_CRL(b, crl); });
  write_pem(dir / "trust" / "crl.pem", [&](BIO* b) { return PEM_write_bio_X509_CRL(b, crl); });
  X509_CRL_free(crl);
  write_leaf(dir, "eseal", pki.eseal);
  write_leaf(dir, "expired", pki.expired);
  write_leaf(dir, "revoked", pki.revoked);
  write_leaf(dir, "ec", pki.ec);
  write_leaf(dir, "ed", pki.ed);
  write_pem(dir / "eseal.enc.key.pem", [&](BIO* b) {
    return PEM_write_bio_PKCS8PrivateKey(b, pki.eseal.pkey(), EVP_aes_256_cbc(), nullptr, 0,
                                         nullptr, const_cast<char*>("secret"));
  });
  STACK_OF(X509)* ca = sk_X509_new_null();
  sk_X509_push(ca, int_cert.get());
  PKCS12* p12 = PKCS12_create("secret", "eseal", pki.eseal.pkey(), pki.eseal.chain()[0].get(), ca,
                              0, 0, 0, 0, 0);
  sk_X509_free(ca);
  ensure(p12 != nullptr, "PKCS#12");
  BIO* bio = BIO_new_file((dir / "eseal.p12").string().c_str(), "wb");
  i2d_PKCS12_bio(bio, p12);
  BIO_free(bio);
  PKCS12_free(p12);
  return pki;
}

const TestPki& test_pki() {
  struct Holder {
    TempDir tmp{"credgate-pki"};
    TestPki pki = make_test_pki(tmp.path);
  };
  static Holder holder;
  return holder.pki;
}

}  // namespace credgate::test
