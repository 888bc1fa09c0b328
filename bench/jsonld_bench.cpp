// credgate_jsonld_bench: RDFC-1.0 canonicalizations per second of the EC's EDC samples
// (JSON text in, canonical N-Quads out: parse, expand, toRdf, canonicalize), single thread,
// beside jsonld.js (npm jsonld 9, RDFC-1.0) on the same files in the same run, through
// tests/oracle/canonize.mjs. Target of issue 3: at least 30x jsonld.js. See bench/README.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "jsonld/canonize.hpp"
#include "jsonld/loaders.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// One canonicalization from the JSON text, as a verifier does it (canonize_text: parse,
// expand, toRdf, RDFC-1.0).
size_t canonize_once(const std::string& text, credgate::jsonld::DocumentLoader& loader) {
  credgate::jsonld::JsonLdOptions options;
  options.loader = &loader;
  auto canon = credgate::jsonld::canonize_text(text, options);
  if (!canon.ok()) {
    std::cerr << "canonize failed: " << canon.diagnostics.front().to_line() << "\n";
    std::exit(1);
  }
  return canon.nquads.size();
}

}  // namespace

int main(int argc, char** argv) {
  credgate::bench::print_allocator();
  double seconds = 2.0;
  long iterations = 0;  // > 0: that many timed canonicalizations per file, no peer, no warm-up
  int rounds = 3;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc)
      seconds = std::stod(argv[++i]);
    else if (a == "--iterations" && i + 1 < argc)
      iterations = std::stol(argv[++i]);
    else if (a == "--rounds" && i + 1 < argc)
      rounds = std::max(1, std::stoi(argv[++i]));
    else
      files.push_back(a);
  }
  std::string src = CREDGATE_SOURCE_DIR;
  if (files.empty())
    files = {src + "/tests/data/edc/Sample-MC-Annex1-unsigned.jsonld",
             src + "/tests/data/edc/Sample-CertOfPart-unsigned.jsonld"};

  // The peer first (its own process): "file ops/s ms/op" per line.
  std::map<std::string, double> peer_ms;
  if (iterations > 0) {  // a fixed amount of work, for instruction counts (valgrind)
    credgate::jsonld::BundledLoader loader;
    size_t checksum = 0;
    for (const auto& f : files) {
      std::string text = credgate::bench::read_file(f);
      for (long i = 0; i < iterations; ++i) checksum += canonize_once(text, loader);
    }
    std::printf("%ld canonicalizations per file (checksum %zu)\n", iterations, checksum);
    return 0;
  }
  std::string command = "node " + src + "/tests/oracle/canonize.mjs --bench " +
                        std::to_string(seconds) + " --rounds " +
                        std::to_string(rounds);  // the same statistic as below
  for (const auto& f : files) command += " '" + f + "'";
  if (FILE* p = popen((command + " 2>/dev/null").c_str(), "r")) {
    char name[512];
    double ops = 0, ms = 0;
    while (std::fscanf(p, "%511s %lf %lf", name, &ops, &ms) == 3) peer_ms[name] = ms;
    pclose(p);
  }

  credgate::jsonld::BundledLoader loader;
  std::printf("%-36s %8s %12s %12s %12s %8s\n", "input", "quads", "credgate/s", "us/op",
              "jsonld.js ms", "ratio");
  size_t checksum = 0;
  for (const auto& f : files) {
    std::string text = credgate::bench::read_file(f);
    for (int i = 0; i < 20; ++i) checksum += canonize_once(text, loader);  // warm-up
    // The fastest of `rounds` rounds: outside load only slows a round down.
    double us = 0;
    for (int round = 0; round < rounds; ++round) {
      size_t ops = 0;
      auto start = Clock::now();
      double elapsed = 0;
      while (elapsed < seconds / rounds) {
        checksum += canonize_once(text, loader);
        ++ops;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
      }
      double round_us = elapsed * 1e6 / ops;
      if (round == 0 || round_us < us) us = round_us;
    }
    std::string base = f.substr(f.rfind('/') + 1);
    credgate::jsonld::JsonLdOptions options;
    options.loader = &loader;
    auto rdf = credgate::jsonld::to_rdf_text(text, options);
    double peer = peer_ms.count(base) ? peer_ms[base] : 0;
    std::printf("%-36s %8zu %12.1f %12.1f %12.3f %7.1fx\n", base.c_str(), rdf.dataset.size(),
                1e6 / us, us, peer, peer > 0 ? peer * 1000.0 / us : 0.0);
  }
  std::printf(
      "ratio = jsonld.js time / credgate time, single thread; target >= 30x (checksum %zu)\n",
      checksum);
  return 0;
}
