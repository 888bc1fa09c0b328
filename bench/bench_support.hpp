// What every credgate benchmark needs: a file's bytes, an operations-per-second measurement
// (best of several rounds, as the machine is shared), and a throwaway certificate for the
// seal benchmarks. One copy, so the figures of all benches are measured the same way.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "signing/keys.hpp"

namespace credgate::bench {

// The whole file. A file that cannot be opened ends the bench: "cannot read PATH" on stderr,
// exit status 2 (an empty file is read as "", for the caller to judge).
std::string read_file(const std::string& path);

// "allocator: mimalloc 2.0.9 (malloc overridden)" on stdout, first in every bench's output:
// figures only compare between runs on the same allocator (gateway/cli/allocator.hpp).
void print_allocator();

// Operations per second of `op`: `rounds` rounds of `seconds` each after one warm-up call; the
// best round counts (the least disturbed by other load).
double best_rate(double seconds, const std::function<void()>& op, int rounds = 3);

// The same rounds timed by two clocks at once: the wall clock (best_rate's) and the calling
// thread's CPU clock. On a shared, loaded machine the thread waits for a core and wall-clock
// rates drop with the load; CPU time leaves the waiting out, as `openssl speed` does (it
// divides by user CPU time unless given -elapsed), so CPU-time rates compare with its figures.
struct Rates {
  double wall = 0;  // operations per wall-clock second, best round
  double cpu = 0;   // operations per CPU second of this thread, best round
};
Rates best_rates(double seconds, const std::function<void()>& op, int rounds = 3);

// One round of `op` for `seconds` of wall clock (at least one call); keeps the better rates in
// `best`. For benches that put rounds of their own between rounds of a peer process.
void timed_round(double seconds, const std::function<void()>& op, Rates& best);

// best_rates of several operations whose rates are compared with each other, measured in
// turns: each round runs every operation for `seconds`, so a burst of load from other
// processes falls on all of them rather than on whichever was being timed (each one's best
// round counts). The rates are in the order of `ops`.
std::vector<Rates> best_rates_interleaved(double seconds,
                                          const std::vector<std::function<void()>>& ops,
                                          int rounds = 5);

// A self-signed certificate (CN=bench, valid from an hour ago for a day) for `key`, so that
// methods that need a certificate (JAdES x5c, XAdES KeyInfo) and trust checks can run.
signing::X509Ptr self_signed(EVP_PKEY* key);

}  // namespace credgate::bench
