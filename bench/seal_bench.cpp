// credgate_seal_bench: seals and verifications per second per method on the EC's EDC sample
// (Sample-CertOfPart-unsigned.jsonld by default), beside the raw signature rate of the same
// key in the same run (EVP sign/verify of a 32-byte message through signing/jose, i.e. no
// JOSE work at all), so the JOSE/JAdES overhead is visible apart from the crypto, and the
// SHA-256 rate over the whole input (the hashing no seal can avoid). Each row is set against
// issue 4's target: sealing at >= 80% of the raw signature rate ("seal%" column), and a
// verification within 1.5x of raw verify plus hashing the payload ("vfy/(raw+hash)" column).
// One thread; the best of 3 rounds of --seconds each (default 0.5). See bench/README.md.
//
// --ops N (for callgrind): no timing; per row N seals then N verifications, each batch dumped
// as its own callgrind profile part ("<method> <alg> seal"/"verify"), so a part's Ir / N is
// the instruction count of one operation:
//   valgrind --tool=callgrind ./build/bench/credgate_seal_bench --ops 20
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name) (void)(name)
#endif

#include "bench/bench_support.hpp"
#include "signing/jose.hpp"
#include "signing/jws.hpp"
#include "signing/keys.hpp"

namespace {

using namespace credgate::signing;
using Clock = std::chrono::steady_clock;

}  // namespace

int main(int argc, char** argv) {
  std::string file =
      std::string(CREDGATE_SOURCE_DIR) + "/tests/data/edc/Sample-CertOfPart-unsigned.jsonld";
  double seconds = 0.5;
  int ops = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc)
      seconds = std::stod(argv[++i]);
    else if (a == "--ops" && i + 1 < argc)
      ops = std::stoi(argv[++i]);
    else
      file = a;
  }
  std::string credential = credgate::bench::read_file(file);
  if (credential.empty()) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return 1;
  }
  std::printf("input: %s (%zu bytes), best of 3 rounds of %.2f s, one thread\n", file.c_str(),
              credential.size(), seconds);
  std::printf("%-8s %-7s %9s %9s %10s %11s %9s %7s %15s %s\n", "method", "alg", "seal/s",
              "verify/s", "rawsign/s", "rawverify/s", "sha256/s", "seal%", "vfy/(raw+hash)",
              "target");

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
    X509Ptr cert = credgate::bench::self_signed(key.pkey());
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
    if (ops > 0) {
      std::string part = std::string(row.method) + " " + row.alg;
      CALLGRIND_ZERO_STATS;
      for (int i = 0; i < ops; ++i) seal_jose(credential, seal);
      CALLGRIND_DUMP_STATS_AT((part + " seal").c_str());
      for (int i = 0; i < ops; ++i) verify_jose(sealed.output, verify);
      CALLGRIND_DUMP_STATS_AT((part + " verify").c_str());
      std::printf("%-8s %-7s %d seals, %d verifications\n", row.method, row.alg, ops, ops);
      continue;
    }
    const JoseAlg& alg = *find_alg(row.alg);
    std::string message(32, 'm');
    std::string raw_sig = *jose_sign(alg, key.pkey(), message);
    double seals = credgate::bench::best_rate(seconds, [&] { seal_jose(credential, seal); });
    double verifies =
        credgate::bench::best_rate(seconds, [&] { verify_jose(sealed.output, verify); });
    double raw_sign =
        credgate::bench::best_rate(seconds, [&] { jose_sign(alg, key.pkey(), message); });
    double raw_verify = credgate::bench::best_rate(
        seconds, [&] { jose_verify(alg, key.pkey(), message, raw_sig); });
    // SHA-256 of the whole input: the hashing a verification of this payload cannot avoid.
    double hashes = credgate::bench::best_rate(seconds, [&] { sha256(credential); });
    double seal_percent = 100.0 * seals / raw_sign;
    double verify_ratio = (1.0 / verifies) / (1.0 / raw_verify + 1.0 / hashes);
    bool met = seal_percent >= 80.0 && verify_ratio <= 1.5;
    std::printf("%-8s %-7s %9.0f %9.0f %10.0f %11.0f %9.0f %6.0f%% %14.2fx %s%s%s\n", row.method,
                row.alg, seals, verifies, raw_sign, raw_verify, hashes, seal_percent, verify_ratio,
                met ? "met" : "missed:", seal_percent >= 80.0 ? "" : " seal",
                verify_ratio <= 1.5 ? "" : " verify");
    std::fflush(stdout);
  }
  return 0;
}
