// Trust anchors taken from a sealed XAdES sample itself, for tests on the EC's EDCI samples:
// they stand in for the EU trusted lists EU DSS validated the samples against.
#pragma once

#include <string>

#include "signing/verify_report.hpp"
#include "signing/xades.hpp"

namespace credgate::test {

// Verify options whose anchors are the self-signed certificates among the document's
// xades:CertificateValues (the signer's root) and among the certificates its
// xades:EncapsulatedTimeStamp tokens carry (the TSA's root).
signing::VerifyOptions xades_embedded_roots(const std::string& xml);

}  // namespace credgate::test
