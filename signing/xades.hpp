// Enveloped XAdES baseline signatures (ETSI EN 319 132-1) on xmlsec1 (OpenSSL backend) over
// libxml2: sealing (B-B, and B-T with a TSA) and verification of any enveloped XMLDSig/XAdES
// document (EDCI v2, ELMO) into the one VerifyReport. See docs/xades.md.
//
// Signature-wrapping defences (verify): exactly one ds:Signature, a child of the document
// root; no duplicate Id/ID/id attributes; the document reference has URI "" or "#<root Id>";
// the only other reference is the XAdES SignedProperties of this signature; transforms are
// limited to enveloped-signature (or its XPath / XPath Filter 2.0 spellings used by EU DSS,
// matched literally) and C14N; xmlsec never loads anything outside the document.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signing/jws.hpp"
#include "signing/keys.hpp"
#include "signing/verify_report.hpp"
#include "signing/x509_trust.hpp"

namespace credgate::signing {

struct XadesSealOptions {
  Key key;
  std::vector<X509Ptr> chain;      // leaf first; empty = the key's own chain
  std::optional<std::time_t> now;  // SigningTime; empty = the clock
  std::string tsa_url;             // set: baseline B-T (SignatureTimeStamp)
  // Baseline LT (needs tsa_url and crls): CertificateValues (the chain after the signer's
  // certificate) and RevocationValues/CRLValues (these CRLs) in UnsignedSignatureProperties.
  bool lt = false;
  std::vector<CrlPtr> crls;
};

// Seals the document (its root element) with an enveloped XAdES signature. Errors: xades.*
// diagnostics with stage "seal"; the output is empty then.
SealResult seal_xades(std::string_view xml, const XadesSealOptions& options);

// Verifies the enveloped XMLDSig/XAdES signature of an XML document. Malformed XML leaves
// error diagnostics in report.diagnostics.
VerifyReport verify_xades(std::string_view xml, const VerifyOptions& options);

}  // namespace credgate::signing
