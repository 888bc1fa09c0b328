// A test PKI made with OpenSSL's API at test time and written to a temporary directory:
// root CA -> intermediate CA -> leaves. Leaves: an eSeal (RSA 2048, organizationIdentifier,
// QcStatements QcCompliance + QcType eseal), an expired one, a revoked one (listed in the
// intermediate's CRL), an EC P-256 one and an Ed25519 one. Files (PEM): root.pem,
// intermediate.pem, crl.pem, trust/ (root + CRL), and per leaf NAME.key.pem, NAME.cert.pem
// (leaf only), NAME.chain.pem (leaf + intermediate), plus eseal.p12 (password "secret").
#pragma once

#include <filesystem>
#include <string>

#include "signing/keys.hpp"

namespace credgate::test {

struct TestPki {
  std::filesystem::path dir;
  signing::Key root, intermediate;
  signing::Key eseal, expired, revoked, ec, ed;
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

// Generated once per test process (RSA key generation is slow), removed at exit.
const TestPki& test_pki();
// Makes a PKI in `dir` (which must exist).
TestPki make_test_pki(const std::filesystem::path& dir);

}  // namespace credgate::test
