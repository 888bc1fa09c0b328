// credgate_seal_bench: seals and verifications per second per method on the EC's EDC sample
// (Sample-CertOfPart-unsigned.jsonld by default), beside the raw signature rate of the same
// key in the same run (EVP sign/verify of a 32-byte message through signing/jose, i.e. no
// JOSE work at all), so the JOSE/JAdES overhead is visible apart from the crypto. One thread;
// the best of 3 rounds of --seconds each (default 0.5). See bench/README.md.
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "signing/jose.hpp"
#include "signing/jws.hpp"
#include "signing/keys.hpp"

namespace {

using namespace credgate::signing;
using Clock = std::chrono::steady_clock;

double rate(double seconds, const std::function<void()>& op) {
  double best = 0;
  for (int round = 0; round < 3; ++round) {
    std::uint64_t n = 0;
    auto start = Clock::now();
    double elapsed = 0;
    do {
      op();
      ++n;
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    } while (elapsed < seconds);
    best = std::max(best, static_cast<double>(n) / elapsed);
  }
  return best;
}

// A self-signed certificate so that JAdES (which needs x5c) and trust can run.
X509Ptr self_signed(EVP_PKEY* key) {
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("bench"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_set_pubkey(cert, key);
  bool ed = EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519;
  X509_sign(cert, key, ed ? nullptr : EVP_sha256());
  return wrap(cert);
}

}  // namespace

int main(int argc, char** argv) {
  std::string file =
      std::string(CREDGATE_SOURCE_DIR) + "/tests/data/edc/Sample-CertOfPart-unsigned.jsonld";
  double seconds = 0.5;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc)
      seconds = std::stod(argv[++i]);
    else
      file = a;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string credential = ss.str();
  if (credential.empty()) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return 1;
  }
  std::printf("input: %s (%zu bytes), best of 3 rounds of %.2f s, one thread\n", file.c_str(),
              credential.size(), seconds);
  std::printf("%-8s %-7s %12s %12s %12s %12s\n", "method", "alg", "seal/s", "verify/s", "rawsign/s",
              "rawverify/s");

  struct Row {
    const char* method;
    const char* alg;
    EVP_PKEY* (*make)();
  };
  const Row rows[] = {
      {"jades", "RS256", [] { return EVP_RSA_gen(2048); }},
      {"jws", "RS256", [] { return EVP_RSA_gen(2048); }},
      {"jws", "PS256", [] { return EVP_RSA_gen(2048); }},
      {"jades", "ES256", [] { return EVP_EC_gen("P-256"); }},
      {"jws", "ES256", [] { return EVP_EC_gen("P-256"); }},
      {"vc-jwt", "ES256", [] { return EVP_EC_gen("P-256"); }},
      {"jws", "EdDSA", [] { return EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); }},
  };
  for (const Row& row : rows) {
    Key key(wrap(row.make()));
    X509Ptr cert = self_signed(key.pkey());
    key.set_chain({cert});
    SealOptions seal;
    seal.method = row.method;
    seal.alg = row.alg;
    seal.key = key;
    SealResult sealed = seal_jose(credential, seal);
    if (!sealed.ok()) {
      std::fprintf(stderr, "%s %s: %s\n", row.method, row.alg,
                   sealed.diagnostics.empty() ? "?" : sealed.diagnostics[0].to_line().c_str());
      return 1;
    }
    VerifyOptions verify;
    verify.trust.anchors.push_back(cert);
    VerifyReport check = verify_jose(sealed.output, verify);
    if (check.verdict != Verdict::TotalPassed) {
      std::fprintf(stderr, "%s %s: %s\n", row.method, row.alg, check.to_json().dump().c_str());
      return 1;
    }
    const JoseAlg& alg = *find_alg(row.alg);
    std::string message(32, 'm');
    std::string raw_sig = *jose_sign(alg, key.pkey(), message);
    double seals = rate(seconds, [&] { seal_jose(credential, seal); });
    double verifies = rate(seconds, [&] { verify_jose(sealed.output, verify); });
    double raw_sign = rate(seconds, [&] { jose_sign(alg, key.pkey(), message); });
    double raw_verify = rate(seconds, [&] { jose_verify(alg, key.pkey(), message, raw_sig); });
    std::printf("%-8s %-7s %12.0f %12.0f %12.0f %12.0f\n", row.method, row.alg, seals, verifies,
                raw_sign, raw_verify);
    std::fflush(stdout);
  }
  return 0;
}
