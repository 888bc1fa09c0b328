// Test-only driver for the Data Integrity interop test (tests/oracle/run_di_oracle.sh) until the
// CLI's seal/verify commands call the same library functions.
//   credgate_di_tool sign SUITE CURVE IN OUT   seal IN with a fresh did:key (made the issuer)
//   credgate_di_tool verify FILE...            print each report; exit 1 unless all verify
#include <openssl/evp.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "signing/di/data_integrity.hpp"
#include "signing/multikey.hpp"

using json = nlohmann::json;
namespace di = credgate::signing::di;
namespace mk = credgate::signing::multikey;

static json read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "sign" && argc == 6) {
    auto suite = di::parse_cryptosuite(argv[2]);
    std::string curve = argv[3];
    if (!suite) return 2;
    mk::KeyPtr key(curve == "Ed25519" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve.c_str()));
    json credential = read_json(argv[4]);
    if (credential["issuer"].is_object())
      credential["issuer"]["id"] = mk::did_key_for(key.get());
    else
      credential["issuer"] = mk::did_key_for(key.get());
    auto sealed = di::seal_data_integrity(credential, key.get(), *suite, "");
    for (const auto& d : sealed.diagnostics) std::cerr << d.to_line() << "\n";
    if (!sealed.ok()) return 1;
    std::ofstream(argv[5]) << sealed.document.dump(2) << "\n";
    return 0;
  }
  if (mode == "verify" && argc > 2) {
    int failed = 0;
    for (int i = 2; i < argc; ++i) {
      auto report = di::verify_data_integrity(read_json(argv[i]));
      report.file = argv[i];
      std::cout << report.to_json().dump() << "\n";
      if (!report.integrity) ++failed;
    }
    return failed ? 1 : 0;
  }
  std::cerr << "usage: credgate_di_tool sign SUITE CURVE IN OUT | verify FILE...\n";
  return 2;
}
