// credgate_xades_bench: XAdES verifications per second of the EC's sealed EDCI samples
// (edci_credential_basic.xml, Ildiko_Mazar_Certificate_of_Excellence.xml by default; the full
// check list: structure, xmlsec references and signature, SigningCertificateV2, the
// SignatureTimeStamp token, trust), XAdES seals per second of the same documents without their
// signature (RSA-2048 and EC P-256), beside the raw EVP signature rate of the same keys, and,
// in the same run, npm xadesjs verifying the same files (tests/oracle/xades-interop.mjs bench;
// skipped without node or `npm ci` in tests/oracle). One thread, best of 3 rounds.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "signing/jose.hpp"
#include "signing/keys.hpp"
#include "signing/xades.hpp"

namespace {

using namespace credgate::signing;
using Clock = std::chrono::steady_clock;

std::string unsigned_copy(std::string xml) {
  size_t a = xml.find("<ds:Signature");
  size_t b = xml.find("</ds:Signature>");
  if (a != std::string::npos && b != std::string::npos)
    xml.erase(a, b + std::string("</ds:Signature>").size() - a);
  return xml;
}

}  // namespace

int main(int argc, char** argv) {
  credgate::bench::print_allocator();
  std::string src = CREDGATE_SOURCE_DIR;
  std::vector<std::string> files;
  double seconds = 0.5;
  int node_runs = 30;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc)
      seconds = std::stod(argv[++i]);
    else if (a == "--node-runs" && i + 1 < argc)
      node_runs = std::stoi(argv[++i]);
    else
      files.push_back(a);
  }
  if (files.empty())
    files = {src + "/tests/data/xml/edci/edci_credential_basic.xml",
             src + "/tests/data/xml/edci/Ildiko_Mazar_Certificate_of_Excellence.xml"};
  std::printf("best of 3 rounds of %.2f s, one thread\n", seconds);

  // Raw signature rates of the keys used (RSA-2048 is the EC samples' key size).
  std::vector<std::pair<std::string, Key>> keys;
  for (auto [alg, make] : std::vector<std::pair<std::string, std::function<EVP_PKEY*()>>>{
           {"RS256", [] { return EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}); }},
           {"ES256", [] { return EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); }}}) {
    PkeyPtr pkey = wrap(make());
    Key key(pkey, {credgate::bench::self_signed(pkey.get())});
    keys.emplace_back(alg, key);
    std::string message(32, 'x');
    std::string sig = *key.sign(alg, message);
    double s = credgate::bench::best_rate(seconds, [&] { key.sign(alg, message); });
    double v = credgate::bench::best_rate(seconds, [&] { key.verify(alg, message, sig); });
    std::printf("raw %-6s sign/s %10.0f  verify/s %10.0f\n", alg.c_str(), s, v);
  }

  std::map<std::string, double> ours_ms;
  for (const auto& file : files) {
    std::string xml = credgate::bench::read_file(file);
    std::string name = std::filesystem::path(file).filename().string();
    VerifyOptions options;
    VerifyReport check = verify_xades(xml, options);
    if (!check.integrity) {
      std::fprintf(stderr, "%s does not verify: %s\n", name.c_str(),
                   check.to_json().dump().c_str());
      return 1;
    }
    double v = credgate::bench::best_rate(seconds, [&] { verify_xades(xml, options); });
    ours_ms[name] = 1000.0 / v;
    std::printf("%-48s %8zu B  verify/s %8.0f (%.3f ms)\n", name.c_str(), xml.size(), v,
                1000.0 / v);
    std::string plain = unsigned_copy(xml);
    for (const auto& [alg, key] : keys) {
      XadesSealOptions so;
      so.key = key;
      if (!seal_xades(plain, so).ok()) {
        std::fprintf(stderr, "sealing %s failed\n", name.c_str());
        return 1;
      }
      double s = credgate::bench::best_rate(seconds, [&] { seal_xades(plain, so); });
      std::string sealed = seal_xades(plain, so).output;
      double sv = credgate::bench::best_rate(seconds, [&] { verify_xades(sealed, options); });
      std::printf("  seal %-6s seal/s %8.0f  verify(own seal)/s %8.0f\n", alg.c_str(), s, sv);
    }
  }

  std::string oracle = src + "/tests/oracle";
  if (node_runs <= 0) return 0;  // --node-runs 0: credgate only (profiling)
  if (!std::filesystem::exists(oracle + "/node_modules/xadesjs")) {
    std::printf("xadesjs: skipped (run npm ci in tests/oracle)\n");
    return 0;
  }
  std::string cmd = "node " + oracle + "/xades-interop.mjs bench " + std::to_string(node_runs);
  for (const auto& f : files) cmd += " '" + f + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return 0;
  char line[4096];
  while (fgets(line, sizeof line, p)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    std::string name = j.value("file", "");
    double ms = j.value("ms_per_verification", 0.0);
    std::printf("xadesjs %-40s %.2f ms/verification; credgate %.3f ms: %.0fx faster\n",
                name.c_str(), ms, ours_ms[name], ours_ms[name] > 0 ? ms / ours_ms[name] : 0.0);
  }
  pclose(p);
  return 0;
}
