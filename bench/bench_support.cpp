#include "bench/bench_support.hpp"

#include "gateway/cli/allocator.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

namespace credgate::bench {

void print_allocator() {
  std::printf("allocator: %s%s\n", allocator::name(),
              allocator::overrides_malloc() ? " (malloc overridden)" : "");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

void timed_round(double seconds, const std::function<void()>& op, Rates& best) {
  using Clock = std::chrono::steady_clock;
  std::uint64_t n = 0;
  auto start = Clock::now();
  double cpu_start = thread_cpu_seconds();
  double elapsed = 0;
  do {
    op();
    ++n;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  double cpu = thread_cpu_seconds() - cpu_start;
  best.wall = std::max(best.wall, static_cast<double>(n) / elapsed);
  if (cpu > 0) best.cpu = std::max(best.cpu, static_cast<double>(n) / cpu);
}

Rates best_rates(double seconds, const std::function<void()>& op, int rounds) {
  op();  // warm-up
  Rates best;
  for (int round = 0; round < rounds; ++round) timed_round(seconds, op, best);
  return best;
}

double best_rate(double seconds, const std::function<void()>& op, int rounds) {
  return best_rates(seconds, op, rounds).wall;
}

std::vector<Rates> best_rates_interleaved(double seconds,
                                          const std::vector<std::function<void()>>& ops,
                                          int rounds) {
  for (const auto& op : ops) op();  // warm-up
  std::vector<Rates> best(ops.size());
  for (int round = 0; round < rounds; ++round)
    for (size_t i = 0; i < ops.size(); ++i) timed_round(seconds, ops[i], best[i]);
  return best;
}

signing::X509Ptr self_signed(EVP_PKEY* key) {
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
  bool ed = EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519;  // EdDSA signs without a digest
  X509_sign(cert, key, ed ? nullptr : EVP_sha256());
  return signing::wrap(cert);
}

}  // namespace credgate::bench
