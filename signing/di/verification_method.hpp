// Verification method retrieval for Data Integrity proofs (W3C Controller Documents 1.0,
// section 3.3 "Retrieve Verification Method"): the verification method URL without its
// fragment names the controller document; the method must be listed there, be controlled by
// that document, and be authorised for the proof purpose.
#pragma once

#include <string>

#include "signing/di/data_integrity.hpp"
#include "signing/multikey.hpp"

namespace credgate::signing::di {

struct ResolvedMethod {
  multikey::KeyPtr key;
  multikey::KeyType type = multikey::KeyType::Ed25519;
  std::string id;
  std::string controller;
  std::string source;       // "did:key (offline)", "caller-supplied controller document", "fetched"
  Diagnostics diagnostics;  // di.vm-* / did.* / multikey.* errors
  bool ok() const { return key != nullptr && !has_error(diagnostics); }
};

// Error codes: di.vm-invalid (not an absolute URL), di.vm-remote-disabled (did:web / https
// without remote resolution), di.vm-unresolvable (no controller document), di.vm-controller
// (document id or method controller mismatch), di.vm-not-found, di.vm-purpose (not listed
// under the proof purpose), di.vm-unsupported-type (not Multikey with publicKeyMultibase).
ResolvedMethod resolve_verification_method(const std::string& vm_url, const std::string& purpose,
                                           const VerifyOptions& options);

}  // namespace credgate::signing::di
