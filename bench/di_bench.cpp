// credgate_di_bench: Data Integrity seals and verifications per second (eddsa-rdfc-2022 with
// Ed25519, ecdsa-rdfc-2019 with P-256 and P-384) on one credential, single thread, beside the
// raw OpenSSL sign/verify rates of the same keys over 64/96 bytes, measured in the same run:
// the difference is what JSON-LD + RDFC-1.0 (twice per proof) cost. See bench/README.md.
#include <openssl/evp.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "signing/di/data_integrity.hpp"
#include "signing/multikey.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;
namespace di = credgate::signing::di;
namespace mk = credgate::signing::multikey;

bool raw_sign(EVP_PKEY* key, const EVP_MD* md, const std::vector<uint8_t>& data,
              std::vector<uint8_t>& sig) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t length = 0;
  bool ok = EVP_DigestSignInit(ctx, nullptr, md, nullptr, key) == 1 &&
            EVP_DigestSign(ctx, nullptr, &length, data.data(), data.size()) == 1;
  sig.resize(length);
  ok = ok && EVP_DigestSign(ctx, sig.data(), &length, data.data(), data.size()) == 1;
  sig.resize(length);
  EVP_MD_CTX_free(ctx);
  return ok;
}

bool raw_verify(EVP_PKEY* key, const EVP_MD* md, const std::vector<uint8_t>& data,
                const std::vector<uint8_t>& sig) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, sig.data(), sig.size(), data.data(), data.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 1.0;  // per round, best of three
  std::string file = std::string(CREDGATE_SOURCE_DIR) + "/tests/data/ob3-vectors/credential.json";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc)
      seconds = std::stod(argv[++i]);
    else
      file = a;
  }
  std::string text = credgate::bench::read_file(file);
  json credential = json::parse(text, nullptr, false);
  if (credential.is_discarded()) {
    std::cerr << "cannot read " << file << "\n";
    return 2;
  }
  std::printf("credential: %s (%zu bytes)\n", file.c_str(), text.size());
  std::printf("%-28s %12s %12s %12s %12s\n", "suite", "seal/s", "verify/s", "raw sign/s",
              "raw verify/s");

  struct Case {
    const char* name;
    const char* algorithm;
    const char* curve;
    di::Cryptosuite suite;
    const EVP_MD* md;
    size_t data;
  };
  const Case cases[] = {
      {"eddsa-rdfc-2022 Ed25519", "ED25519", nullptr, di::Cryptosuite::EddsaRdfc2022, nullptr, 64},
      {"ecdsa-rdfc-2019 P-256", "EC", "P-256", di::Cryptosuite::EcdsaRdfc2019, EVP_sha256(), 64},
      {"ecdsa-rdfc-2019 P-384", "EC", "P-384", di::Cryptosuite::EcdsaRdfc2019, EVP_sha384(), 96},
  };
  for (const Case& c : cases) {
    mk::KeyPtr key(c.curve ? EVP_PKEY_Q_keygen(nullptr, nullptr, c.algorithm, c.curve)
                           : EVP_PKEY_Q_keygen(nullptr, nullptr, c.algorithm));
    json doc = credential;
    if (doc.contains("issuer") && doc["issuer"].is_object())
      doc["issuer"]["id"] = mk::did_key_for(key.get());
    else
      doc["issuer"] = mk::did_key_for(key.get());
    di::SealOptions so;
    so.created = "2026-01-01T00:00:00Z";
    auto sealed = di::seal_data_integrity(doc, key.get(), c.suite, "", so);
    if (!sealed.ok()) {
      std::cerr << c.name << ": " << sealed.diagnostics.at(0).to_line() << "\n";
      return 1;
    }
    if (!di::verify_data_integrity(sealed.document).integrity) {
      std::cerr << c.name << ": own seal does not verify\n";
      return 1;
    }
    double seal_rate = credgate::bench::best_rate(
        seconds, [&] { (void)di::seal_data_integrity(doc, key.get(), c.suite, "", so); });
    double verify_rate = credgate::bench::best_rate(
        seconds, [&] { (void)di::verify_data_integrity(sealed.document); });
    std::vector<uint8_t> data(c.data, 0x5a), sig;
    raw_sign(key.get(), c.md, data, sig);
    double sign_rate =
        credgate::bench::best_rate(seconds / 2, [&] { raw_sign(key.get(), c.md, data, sig); });
    double raw_verify_rate =
        credgate::bench::best_rate(seconds / 2, [&] { raw_verify(key.get(), c.md, data, sig); });
    std::printf("%-28s %12.0f %12.0f %12.0f %12.0f\n", c.name, seal_rate, verify_rate, sign_rate,
                raw_verify_rate);
  }
  return 0;
}
