// Verification method retrieval for Data Integrity proofs (W3C Controller Documents 1.0,
// section 3.3 "Retrieve Verification Method"): the verification method URL without its
// fragment names the controller document; the method must be listed there, be controlled by
// that document, and be authorised for the proof purpose.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

// Where a did:web DID document lives (did:web method specification, "Read (Resolve)"):
// did:web:example.com -> https://example.com/.well-known/did.json,
// did:web:example.com:user:alice -> https://example.com/user/alice/did.json, "%3A" in the
// host part is a port colon. nullopt for anything else (or an empty or unsafe segment). For a
// fetch_controller_document hook, which receives the DID.
std::optional<std::string> did_web_document_url(std::string_view did);

}  // namespace credgate::signing::di
