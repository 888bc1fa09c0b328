// `credgate seal` and `credgate verify` (issue 4, JSON seals): argument handling, file I/O and
// exit codes over signing/jws.hpp. The XAdES and Data Integrity methods join here at merge.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "mappers/json_input.hpp"

namespace credgate {

struct SealArgs {
  std::string method;        // jades, jws, vc-jwt
  std::string key;           // file or pkcs11: URI
  std::string key_password;  // --key-password, else CREDGATE_KEY_PASSWORD
  std::string cert;          // --cert: PEM chain, leaf first
  std::string alg;           // --alg: JOSE name; default from the key
  std::string tsa;           // --tsa URL (baseline B-T)
  std::string sig_time;      // --signing-time (tests, reproducible output): ISO 8601 UTC
  std::string level;         // --level (xades): b, t, lt; "" = b, or t with --tsa
  std::string crl;           // --crl (xades lt): CRL file or directory to embed
  std::string input;
  std::string output;  // -o; standard output when empty
  InputLimits limits;
};

struct VerifyArgs {
  std::vector<std::string> inputs;
  std::string trust;  // --trust PEM file or directory
  std::string at;     // --at ISO 8601 UTC
  std::string key;    // --key: public key/certificate/JWK for a JWS that names none
  InputLimits limits;
};

int run_seal(const SealArgs& args, std::ostream& out, std::ostream& err);
// One JSON report per file per line. Exit 0 when every file is TOTAL-PASSED; one file: 1 when
// INDETERMINATE or TOTAL-FAILED, 3 when malformed or unreadable; several files: 1 when any
// is not TOTAL-PASSED (the batch rule of docs/cli.md).
int run_verify(const VerifyArgs& args, std::ostream& out, std::ostream& err);

}  // namespace credgate
