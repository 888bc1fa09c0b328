// credgate_xsd_bench: XSD validations per second with the cached (preparsed, locked) Xerces
// grammar pools, beside `xmllint --schema` (libxml2) on the same files in the same run.
// xmllint cannot fetch the schemas' remote imports offline: the bench writes the bundled
// schemas to a temporary directory with an XML catalog (XML_CATALOG_FILES) mapping every URL
// of xsd/schemas/index.json to its file, and runs xmllint --nonet with it. See bench/README.md.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_support.hpp"
#include "xsd/bundled_schemas.hpp"
#include "xsd/validator.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Validations per second of one file on one thread, for about `budget` seconds.
double cached_rate(const std::string& bytes, double budget, bool& valid) {
  const auto& cache = credgate::xsd::SchemaCache::bundled();
  valid = cache.validate(bytes).valid;  // warm: this thread's parser is made here
  size_t n = 0;
  auto start = Clock::now();
  while (seconds_since(start) < budget) {
    cache.validate(bytes);
    ++n;
  }
  return n / seconds_since(start);
}

double cached_rate_threads(const std::string& bytes, double budget, unsigned threads) {
  std::vector<size_t> counts(threads, 0);
  std::vector<std::thread> pool;
  auto start = Clock::now();
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      const auto& cache = credgate::xsd::SchemaCache::bundled();
      while (seconds_since(start) < budget) {
        cache.validate(bytes);
        ++counts[t];
      }
    });
  for (auto& th : pool) th.join();
  size_t total = 0;
  for (auto c : counts) total += c;
  return total / seconds_since(start);
}

struct Xmllint {
  fs::path dir;
  std::string catalog;
  bool available = false;
};

Xmllint prepare_xmllint() {
  Xmllint x;
  if (std::system("command -v xmllint > /dev/null 2>&1") != 0) return x;
  x.dir = fs::temp_directory_path() / ("credgate-xsd-bench-" + std::to_string(getpid()));
  fs::create_directories(x.dir);
  std::string catalog =
      "<?xml version=\"1.0\"?>\n<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n";
  for (const auto& s : credgate::xsd::bundled_schemas()) {
    fs::path file = x.dir / std::string(s.file);
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << s.text;
    catalog +=
        "  <uri name=\"" + std::string(s.url) + "\" uri=\"file://" + file.string() + "\"/>\n";
    catalog += "  <system systemId=\"" + std::string(s.url) + "\" uri=\"file://" + file.string() +
               "\"/>\n";
  }
  catalog += "</catalog>\n";
  x.catalog = (x.dir / "catalog.xml").string();
  std::ofstream(x.catalog) << catalog;
  x.available = true;
  return x;
}

std::string entry_file(const Xmllint& x, const std::string& set) {
  for (const auto& s : credgate::xsd::bundled_schema_sets())
    if (s.id == set)
      for (const auto& b : credgate::xsd::bundled_schemas())
        if (b.url == s.entry_url) return (x.dir / std::string(b.file)).string();
  return {};
}

// Runs xmllint --schema on `file` repeated `repeat` times in one process; returns wall seconds
// and whether xmllint called every copy valid.
double xmllint_run(const Xmllint& x, const std::string& schema, const std::string& file, int repeat,
                   bool& valid) {
  std::string cmd =
      "XML_CATALOG_FILES=" + x.catalog + " xmllint --nonet --noout --schema " + schema;
  for (int i = 0; i < repeat; ++i) cmd += " " + file;
  cmd += " > /dev/null 2>&1";
  auto start = Clock::now();
  int rc = std::system(cmd.c_str());
  double s = seconds_since(start);
  valid = rc == 0;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  credgate::bench::print_allocator();
  std::string src = CREDGATE_SOURCE_DIR;
  double budget = 2.0;
  std::vector<std::pair<std::string, std::string>> files = {
      {src + "/tests/data/xml/edci/edci_credential_basic.xml", "edci-0.10.0"},
      {src + "/tests/data/xml/edci/Ildiko_Mazar_Certificate_of_Excellence.xml", "edci-0.10.0"},
      {src + "/tests/data/xml/elmo/example.xml", "elmo-1"},
  };
  if (argc > 1) budget = std::atof(argv[1]);
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());

  auto start = Clock::now();
  const auto& cache = credgate::xsd::SchemaCache::bundled();
  double load_ms = seconds_since(start) * 1000;
  if (!cache.load_diagnostics().empty()) {
    std::cerr << cache.load_diagnostics()[0].to_line() << "\n";
    return 4;
  }
  std::printf("grammar pools loaded once: %.0f ms (all sets)\n", load_ms);
  Xmllint x = prepare_xmllint();
  std::printf("%-48s %8s %6s %10s %12s %6s %14s %14s\n", "file", "bytes", "valid", "xerces/s",
              "xerces/s(all)", "lint", "xmllint/s(1p)", "xmllint/s(N)");
  for (const auto& [path, set] : files) {
    std::string bytes = credgate::bench::read_file(path);
    bool valid = false;
    double rate = cached_rate(bytes, budget, valid);
    double rate_all = cached_rate_threads(bytes, budget, threads);
    std::string name = fs::path(path).filename().string();
    double per_process = 0, amortised = 0;
    bool lint_valid = false;
    if (x.available) {
      std::string schema = entry_file(x, set);
      // one process per validation: schema parsed every time (what a script calling xmllint gets)
      int runs = 5;
      double s = 0;
      for (int i = 0; i < runs; ++i) s += xmllint_run(x, schema, path, 1, lint_valid);
      per_process = runs / s;
      // one process, the file given N times: schema parsed once, like our cached pool
      int n = 50;
      double t = xmllint_run(x, schema, path, n, lint_valid);
      amortised = n / t;
    }
    std::printf("%-48s %8zu %6s %10.0f %12.0f %6s %14.1f %14.1f\n", name.c_str(), bytes.size(),
                valid ? "yes" : "no", rate, rate_all,
                x.available ? (lint_valid ? "yes" : "no") : "n/a", per_process, amortised);
  }
  std::printf("threads for xerces/s(all): %u\n", threads);
  if (x.available) fs::remove_all(x.dir);
  return 0;
}
