// credgate_di_bench: Data Integrity seals and verifications per second (eddsa-rdfc-2022 with
// Ed25519, ecdsa-rdfc-2019 with P-256 and P-384) on one credential, single thread, beside the
// raw OpenSSL sign/verify rates of the same keys over 64/96 bytes and the canonicalization
// alone (jsonld::canonize: expansion, toRdf, RDFC-1.0; safe mode, bundled contexts; of the document
// and of the proof configuration, each then hashed: the "hash data" of the suites), measured in the
// same run. Issue 4's verification target is "within 1.5x of raw verify plus hashing plus
// canonicalization": the vfy/(raw+c14n) column. See bench/README.md.
//
// --ops N (for callgrind): no timing; per suite N seals, N verifications and N
// canonicalizations, each batch dumped as its own callgrind part (3 parts per suite).
#include <openssl/evp.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name) (void)(name)
#endif

#include "bench/bench_support.hpp"
#include "jsonld/canonize.hpp"
#include "jsonld/loaders.hpp"
#include "jsonld/rdfc10.hpp"
#include "signing/di/data_integrity.hpp"
#include "signing/multikey.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;
namespace di = credgate::signing::di;
namespace jsonld = credgate::jsonld;
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

// What the suites hash, computed by the JSON-LD engine directly (not through
// signing/di): both canonicalizations and the two hashes of their N-Quads. Returns false when
// the engine reports an error.
bool canonicalize_and_hash(const json& document, const json& proof_config, bool sha384) {
  jsonld::BundledLoader loader;
  jsonld::JsonLdOptions options;
  options.safe = true;
  options.loader = &loader;
  jsonld::CanonicalizeOptions canon;
  canon.hash = sha384 ? jsonld::HashAlgorithm::Sha384 : jsonld::HashAlgorithm::Sha256;
  bool ok = true;
  for (const json* input : {&document, &proof_config}) {
    auto c = jsonld::canonize(*input, options, canon);  // what signing/di calls
    ok = ok && c.ok() && !c.nquads.empty();
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(c.nquads.data(), c.nquads.size(), md, &length, sha384 ? EVP_sha384() : EVP_sha256(),
               nullptr);
  }
  return ok;
}

void dump_part(const std::string& name) {
  CALLGRIND_DUMP_STATS_AT(name.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  credgate::bench::print_allocator();
  double seconds = 0.3;  // per operation and round; 5 rounds in turns
  std::string file = std::string(CREDGATE_SOURCE_DIR) + "/tests/data/ob3-vectors/credential.json";
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
  std::string text = credgate::bench::read_file(file);
  json credential = json::parse(text, nullptr, false);
  if (credential.is_discarded()) {
    std::cerr << "cannot read " << file << "\n";
    return 2;
  }
  std::printf("credential: %s (%zu bytes)\n", file.c_str(), text.size());
  // One suite's rates by one clock (wall, or the thread's CPU time: see bench_support.hpp).
  struct Measured {
    const char* name;
    double seal, verify, sign, raw_verify, canon;
  };
  std::vector<Measured> wall_rows, cpu_rows;

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
    // The proof configuration as a verifier rebuilds it: the proof without proofValue, with
    // the document's @context; the document without its proof.
    json unsecured = sealed.document;
    json proof_config = unsecured["proof"];
    unsecured.erase("proof");
    proof_config.erase("proofValue");
    proof_config["@context"] = unsecured["@context"];
    bool sha384 = c.curve && std::string(c.curve) == "P-384";
    if (!canonicalize_and_hash(unsecured, proof_config, sha384)) {
      std::cerr << c.name << ": canonicalization failed\n";
      return 1;
    }
    if (ops > 0) {
      CALLGRIND_ZERO_STATS;
      for (int i = 0; i < ops; ++i) (void)di::seal_data_integrity(doc, key.get(), c.suite, "", so);
      dump_part(std::string(c.name) + " seal");
      for (int i = 0; i < ops; ++i) (void)di::verify_data_integrity(sealed.document);
      dump_part(std::string(c.name) + " verify");
      for (int i = 0; i < ops; ++i) canonicalize_and_hash(unsecured, proof_config, sha384);
      dump_part(std::string(c.name) + " canonicalize and hash");
      std::printf("%-24s %d seals, verifications, canonicalizations\n", c.name, ops);
      continue;
    }
    std::vector<uint8_t> data(c.data, 0x5a), sig;
    raw_sign(key.get(), c.md, data, sig);
    // In turns (bench_support.hpp), so that the ratios compare rates taken under the same load.
    auto rates = credgate::bench::best_rates_interleaved(
        seconds, {[&] { (void)di::seal_data_integrity(doc, key.get(), c.suite, "", so); },
                  [&] { (void)di::verify_data_integrity(sealed.document); },
                  [&] { raw_sign(key.get(), c.md, data, sig); },
                  [&] { raw_verify(key.get(), c.md, data, sig); },
                  [&] { canonicalize_and_hash(unsecured, proof_config, sha384); }});
    const auto &seal_rate = rates[0], &verify_rate = rates[1], &sign_rate = rates[2],
               &raw_verify_rate = rates[3], &canon_rate = rates[4];
    wall_rows.push_back({c.name, seal_rate.wall, verify_rate.wall, sign_rate.wall,
                         raw_verify_rate.wall, canon_rate.wall});
    cpu_rows.push_back({c.name, seal_rate.cpu, verify_rate.cpu, sign_rate.cpu, raw_verify_rate.cpu,
                        canon_rate.cpu});
  }
  for (const auto* table : {&wall_rows, &cpu_rows}) {
    if (table->empty()) continue;
    std::printf("\n%s\n", table == &wall_rows ? "Rates per wall-clock second:"
                                              : "Rates per CPU second of the thread:");
    std::printf("%-24s %8s %9s %11s %12s %8s %15s %s\n", "suite", "seal/s", "verify/s",
                "raw sign/s", "raw verify/s", "c14n/s", "vfy/(raw+c14n)", "target");
    for (const Measured& m : *table) {
      // Issue 4: a verification within 1.5x of raw verify plus (hashing plus) canonicalization.
      double ratio = (1.0 / m.verify) / (1.0 / m.raw_verify + 1.0 / m.canon);
      std::printf("%-24s %8.0f %9.0f %11.0f %12.0f %8.0f %14.2fx %s\n", m.name, m.seal, m.verify,
                  m.sign, m.raw_verify, m.canon, ratio, ratio <= 1.5 ? "met" : "missed");
    }
  }
  return 0;
}
