// `openssl speed` figures for the seal benches, taken in the same run as the bench's own: the
// issue asks for seal rates "beside openssl speed figures for the same key types". Running the
// command and reading its table is the only way to have its numbers (it is a program, not a
// library call); the benches also measure the same raw operation themselves through EVP.
#pragma once

#include <map>
#include <string>

namespace credgate::bench {

struct SpeedFigure {
  double sign_per_second = 0;
  double verify_per_second = 0;
};

// Runs `openssl speed -seconds S rsa2048 ecdsap256 ed25519` (with -elapsed: rates per
// wall-clock second; without: per user CPU second, openssl's default) and returns its sign/s
// and verify/s by key type: "rsa2048", "ecdsap256", "ed25519". Empty when openssl is not on
// the PATH or prints no such rows.
std::map<std::string, SpeedFigure> openssl_speed(int seconds, bool elapsed);

}  // namespace credgate::bench
