// credgate_jsonld_bench: RDFC-1.0 canonicalizations per second of the EC's EDC samples
// (JSON text in, canonical N-Quads out: parse, expand, toRdf, canonicalize), single thread,
// beside jsonld.js (npm jsonld 9, RDFC-1.0) on the same files in the same run, through
// tests/oracle/canonize.mjs. Target of issue 3: at least 30x jsonld.js. See bench/README.md.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "jsonld/canonize.hpp"
#include "jsonld/loaders.hpp"

namespace {

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

// jsonld.js in its own process (`canonize.mjs --serve`), asked for one timed round at a time,
// so that its rounds and ours alternate and a burst of load from other processes falls on
// both (the seal benches measure in turns too, bench_support.hpp). The process lives for the
// whole bench: its JIT stays warm between rounds.
class Peer {
 public:
  explicit Peer(const std::string& script) {
    std::signal(SIGPIPE, SIG_IGN);  // a peer that died is a failed write, not the end of the bench
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0) return;
    if (pipe(from_child) != 0) {
      close(to_child[0]);
      close(to_child[1]);
      return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&actions, to_child[1]);
    posix_spawn_file_actions_addclose(&actions, from_child[0]);
    std::string node = "node", mode = "--serve";
    std::string script_arg = script;
    char* argv[] = {node.data(), script_arg.data(), mode.data(), nullptr};
    const bool spawned = posix_spawnp(&pid_, "node", &actions, nullptr, argv, environ) == 0;
    posix_spawn_file_actions_destroy(&actions);
    close(to_child[0]);
    close(from_child[1]);
    if (!spawned) {
      close(to_child[1]);
      close(from_child[0]);
      pid_ = -1;
      return;
    }
    to_ = fdopen(to_child[1], "w");
    from_ = fdopen(from_child[0], "r");
  }
  ~Peer() {
    if (to_ != nullptr) std::fclose(to_);  // end of input: the peer exits
    if (from_ != nullptr) std::fclose(from_);
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
  }
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;

  // One round of `seconds` on `file`: ms per canonicalization, or 0 when the peer is not
  // there (node or the npm packages missing: tests/oracle needs `npm ci`).
  double round(const std::string& file, double seconds) {
    if (to_ == nullptr || from_ == nullptr || failed_) return 0;
    std::fprintf(to_, "%.6f %s\n", seconds, file.c_str());
    std::fflush(to_);
    double ms = 0;
    if (std::fscanf(from_, "%lf", &ms) != 1) failed_ = true;
    return failed_ ? 0 : ms;
  }
  bool failed() const { return to_ == nullptr || from_ == nullptr || failed_; }

 private:
  pid_t pid_ = -1;
  FILE* to_ = nullptr;
  FILE* from_ = nullptr;
  bool failed_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  credgate::bench::print_allocator();
  double seconds = 2.0;
  long iterations = 0;  // > 0: that many timed canonicalizations per file, no peer, no warm-up
  int rounds = 3;
  bool sequential = false;  // the peer's rounds all first, then ours (the method until 2026-12-07)
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc)
      seconds = std::stod(argv[++i]);
    else if (a == "--iterations" && i + 1 < argc)
      iterations = std::stol(argv[++i]);
    else if (a == "--rounds" && i + 1 < argc)
      rounds = std::max(1, std::stoi(argv[++i]));
    else if (a == "--sequential")
      sequential = true;
    else
      files.push_back(a);
  }
  std::string src = CREDGATE_SOURCE_DIR;
  if (files.empty())
    files = {src + "/tests/data/edc/Sample-MC-Annex1-unsigned.jsonld",
             src + "/tests/data/edc/Sample-CertOfPart-unsigned.jsonld"};

  std::map<std::string, double> peer_ms;  // --sequential: the peer's figures, by file name
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
  const std::string script = src + "/tests/oracle/canonize.mjs";
  if (sequential) {  // the peer first, all its rounds: "file ops/s ms/op" per line
    std::string command = "node " + script + " --bench " + std::to_string(seconds) + " --rounds " +
                          std::to_string(rounds);  // the same statistic as below
    for (const auto& f : files) command += " '" + f + "'";
    if (FILE* p = popen((command + " 2>/dev/null").c_str(), "r")) {
      char name[512];
      double ops = 0, ms = 0;
      while (std::fscanf(p, "%511s %lf %lf", name, &ops, &ms) == 3) peer_ms[name] = ms;
      pclose(p);
    }
  }
  std::unique_ptr<Peer> peer_process;  // in turns (the default)
  if (!sequential) peer_process = std::make_unique<Peer>(script);

  credgate::jsonld::BundledLoader loader;
  std::printf("%-36s %8s %12s %12s %12s %8s\n", "input", "quads", "credgate/s", "us/op",
              "jsonld.js ms", "ratio");
  size_t checksum = 0;
  for (const auto& f : files) {
    std::string text = credgate::bench::read_file(f);
    std::string base = f.substr(f.rfind('/') + 1);
    for (int i = 0; i < 20; ++i) checksum += canonize_once(text, loader);  // warm-up
    // The fastest of `rounds` rounds on each side (outside load only slows a round down); in
    // turns, a round of the peer's then one of ours, unless --sequential.
    double peer = sequential && peer_ms.count(base) ? peer_ms[base] : 0;  // ms
    credgate::bench::Rates ours;
    for (int round = 0; round < rounds; ++round) {
      if (peer_process) {
        double ms = peer_process->round(f, seconds / rounds);
        if (ms > 0 && (peer == 0 || ms < peer)) peer = ms;
      }
      credgate::bench::timed_round(
          seconds / rounds, [&] { checksum += canonize_once(text, loader); }, ours);
    }
    const double us = 1e6 / ours.wall;
    credgate::jsonld::JsonLdOptions options;
    options.loader = &loader;
    auto rdf = credgate::jsonld::to_rdf_text(text, options);
    std::printf("%-36s %8zu %12.1f %12.1f %12.3f %7.1fx\n", base.c_str(), rdf.dataset.size(),
                1e6 / us, us, peer, peer > 0 ? peer * 1000.0 / us : 0.0);
  }
  if (peer_process && peer_process->failed())
    std::fprintf(stderr,
                 "jsonld.js did not answer: node and tests/oracle's packages are needed "
                 "((cd tests/oracle && npm ci))\n");
  std::printf(
      "ratio = jsonld.js time / credgate time, single thread; target >= 30x (checksum %zu)\n",
      checksum);
  return 0;
}
