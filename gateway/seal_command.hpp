// `credgate seal` and `credgate verify` (issue 4, JSON seals): argument handling, file I/O and
// exit codes over signing/jws.hpp (JOSE, JAdES with --tsa through signing/timestamp.hpp) and
// signing/di/data_integrity.hpp (di-eddsa-rdfc-2022, di-ecdsa-rdfc-2019).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "mappers/json_input.hpp"
#include "signing/jws.hpp"

namespace credgate {

struct SealArgs {
  std::string method;        // jades, jws, vc-jwt, ob2-jws, di-eddsa-rdfc-2022, di-ecdsa-rdfc-2019
  std::string key;           // file or pkcs11: URI
  std::string key_password;  // --key-password, else CREDGATE_KEY_PASSWORD
  std::string cert;          // --cert: PEM chain, leaf first
  std::string alg;           // --alg: JOSE name; default from the key
  std::string tsa;           // --tsa URL (baseline B-T)
  std::string sig_time;      // --signing-time (tests, reproducible output): ISO 8601 UTC
  std::string verification_method;  // --verification-method (di-*): default the key's did:key
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
  // --trust-did: DIDs/URLs trusted as controllers of Data Integrity verification methods
  // (X.509 --trust does not apply to Data Integrity proofs).
  std::vector<std::string> trust_dids;
  InputLimits limits;
};

// --tsa for jades: asks the TSA at `url` (signing/timestamp::request_timestamp, URL policy
// check_tsa_url) for a token over the base64url signature value and returns the etsiU entry
// {"sigTst": {"tstTokens": [{"val": "<base64 DER>"}]}}.
signing::SignatureTimestamper tsa_timestamper(const std::string& url);

int run_seal(const SealArgs& args, std::ostream& out, std::ostream& err);
// One JSON report per file per line. Exit 0 when every file is TOTAL-PASSED; one file: 1 when
// INDETERMINATE or TOTAL-FAILED, 3 when malformed or unreadable; several files: 1 when any
// is not TOTAL-PASSED (the batch rule of docs/cli.md).
int run_verify(const VerifyArgs& args, std::ostream& out, std::ostream& err);

}  // namespace credgate
