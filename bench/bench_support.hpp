// What every credgate benchmark needs: a file's bytes, an operations-per-second measurement
// (best of several rounds, as the machine is shared), and a throwaway certificate for the
// seal benchmarks. One copy, so the figures of all benches are measured the same way.
#pragma once

#include <functional>
#include <string>

#include "signing/keys.hpp"

namespace credgate::bench {

// The whole file; "" when it cannot be read.
std::string read_file(const std::string& path);

// Operations per second of `op`: `rounds` rounds of `seconds` each after one warm-up call; the
// best round counts (the least disturbed by other load).
double best_rate(double seconds, const std::function<void()>& op, int rounds = 3);

// A self-signed certificate (CN=bench, valid from an hour ago for a day) for `key`, so that
// methods that need a certificate (JAdES x5c, XAdES KeyInfo) and trust checks can run.
signing::X509Ptr self_signed(EVP_PKEY* key);

}  // namespace credgate::bench
