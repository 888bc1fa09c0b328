#include "bench/openssl_speed.hpp"

#include <cstdio>
#include <sstream>
#include <vector>

namespace credgate::bench {

std::map<std::string, SpeedFigure> openssl_speed(int seconds, bool elapsed) {
  std::map<std::string, SpeedFigure> out;
  std::string command = "openssl speed " + std::string(elapsed ? "-elapsed " : "") + "-seconds " +
                        std::to_string(seconds) + " rsa2048 ecdsap256 ed25519 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  // Result rows end in "sign/s verify/s": "rsa 2048 bits 0.000260s 0.000022s 3839.8 45873.5",
  // " 256 bits ecdsa (nistp256) 0.0000s 0.0001s 42620.7 13073.0",
  // " 253 bits EdDSA (Ed25519) 0.0001s 0.0001s 19706.1 7404.1".
  char line[512];
  while (std::fgets(line, sizeof line, pipe)) {
    std::string text = line;
    std::string key = text.rfind("rsa 2048 bits", 0) == 0                  ? "rsa2048"
                      : text.find("ecdsa (nistp256)") != std::string::npos ? "ecdsap256"
                      : text.find("EdDSA (Ed25519)") != std::string::npos  ? "ed25519"
                                                                           : "";
    if (key.empty()) continue;
    std::istringstream words(text);
    std::vector<std::string> all;
    for (std::string w; words >> w;) all.push_back(w);
    if (all.size() < 2) continue;
    try {
      out[key] = {std::stod(all[all.size() - 2]), std::stod(all.back())};
    } catch (const std::exception&) {
      // not a result row
    }
  }
  pclose(pipe);
  return out;
}

}  // namespace credgate::bench
