#include "signing/di/verification_method.hpp"

#include <vector>

namespace credgate::signing::di {

namespace {

Diagnostic vm_error(std::string code, std::string message, const std::string& vm) {
  Diagnostic d =
      make_error(std::move(code), "verify", std::move(message), "/proof/verificationMethod");
  d.hint = vm;
  return d;
}

// "#key-1" relative to the controller document's id; absolute ids unchanged.
std::string absolute_id(const std::string& id, const std::string& document_id) {
  return !id.empty() && id[0] == '#' ? document_id + id : id;
}

// The entry of `list` (a string reference or an embedded method) whose id is `vm`.
const nlohmann::json* find_in(const nlohmann::json& list, const std::string& vm,
                              const std::string& document_id, bool* referenced) {
  auto match = [&](const nlohmann::json& entry) -> const nlohmann::json* {
    if (entry.is_string() && absolute_id(entry.get<std::string>(), document_id) == vm) {
      if (referenced) *referenced = true;
      return &entry;
    }
    if (entry.is_object() && entry.contains("id") && entry["id"].is_string() &&
        absolute_id(entry["id"].get<std::string>(), document_id) == vm)
      return &entry;
    return nullptr;
  };
  if (list.is_array()) {
    for (const auto& entry : list)
      if (const auto* found = match(entry)) return found;
    return nullptr;
  }
  return match(list);
}

}  // namespace

ResolvedMethod resolve_verification_method(const std::string& vm, const std::string& purpose,
                                           const VerifyOptions& options) {
  ResolvedMethod result;
  result.id = vm;
  size_t colon = vm.find(':');
  if (vm.empty() || colon == std::string::npos || colon == 0) {
    result.diagnostics.push_back(
        vm_error("di.vm-invalid", "verificationMethod is not an absolute URL: " + vm, vm));
    return result;
  }
  std::string controller_url = vm.substr(0, vm.find('#'));

  // 1. Controller documents the caller supplied; 2. did:key offline; 3. remote, if enabled.
  std::optional<nlohmann::json> document;
  multikey::KeyResult did_key;  // the key a did:key document was derived from
  for (const auto& candidate : options.controller_documents) {
    if (candidate.is_object() && candidate.value("id", nlohmann::json()) == controller_url) {
      document = candidate;
      result.source = "caller-supplied controller document";
      break;
    }
  }
  if (!document && controller_url.rfind("did:key:", 0) == 0) {
    auto did = multikey::resolve_did_key(vm);
    if (!did.ok()) {
      result.diagnostics = std::move(did.diagnostics);
      for (auto& d : result.diagnostics) d.location = "/proof/verificationMethod";
      return result;
    }
    document = std::move(did.document);
    did_key = std::move(did.key);
    result.source = "did:key (offline)";
  }
  if (!document) {
    bool remote_kind = controller_url.rfind("did:web:", 0) == 0 ||
                       controller_url.rfind("https://", 0) == 0 ||
                       controller_url.rfind("http://", 0) == 0;
    if (remote_kind && !(options.allow_remote_resolution && options.fetch_controller_document)) {
      result.diagnostics.push_back(vm_error(
          "di.vm-remote-disabled",
          "resolving " + controller_url +
              " needs remote resolution, which is not enabled (supply the controller document, "
              "or enable remote resolution with a fetcher)",
          vm));
      return result;
    }
    if (remote_kind) {
      document = options.fetch_controller_document(controller_url);
      result.source = "fetched";
    }
    if (!document) {
      result.diagnostics.push_back(
          vm_error("di.vm-unresolvable", "no controller document for " + controller_url, vm));
      return result;
    }
  }

  const nlohmann::json& doc = *document;
  if (!doc.is_object() || doc.value("id", nlohmann::json()) != controller_url) {
    result.diagnostics.push_back(vm_error(
        "di.vm-controller", "controller document id does not equal " + controller_url, vm));
    return result;
  }
  const nlohmann::json* method = nullptr;
  if (doc.contains("verificationMethod"))
    method = find_in(doc["verificationMethod"], vm, controller_url, nullptr);
  if (!method || !method->is_object()) {
    // Methods may also be embedded in a relationship.
    method = nullptr;
    for (const char* rel : {"assertionMethod", "authentication", "capabilityInvocation",
                            "capabilityDelegation", "keyAgreement"}) {
      if (!doc.contains(rel)) continue;
      const auto* found = find_in(doc[rel], vm, controller_url, nullptr);
      if (found && found->is_object()) {
        method = found;
        break;
      }
    }
  }
  if (!method) {
    result.diagnostics.push_back(
        vm_error("di.vm-not-found", vm + " is not listed in its controller document", vm));
    return result;
  }
  if (method->value("controller", nlohmann::json()) != controller_url) {
    result.diagnostics.push_back(
        vm_error("di.vm-controller", "the method's controller is not " + controller_url, vm));
    return result;
  }
  result.controller = controller_url;
  if (!doc.contains(purpose) || !find_in(doc[purpose], vm, controller_url, nullptr)) {
    result.diagnostics.push_back(vm_error(
        "di.vm-purpose", vm + " is not authorised for " + purpose + " by " + controller_url, vm));
    return result;
  }
  if (method->value("type", nlohmann::json()) != "Multikey" ||
      !method->contains("publicKeyMultibase") || !(*method)["publicKeyMultibase"].is_string()) {
    result.diagnostics.push_back(
        vm_error("di.vm-unsupported-type", vm + " is not a Multikey with publicKeyMultibase", vm));
    return result;
  }
  const std::string& multibase = (*method)["publicKeyMultibase"].get_ref<const std::string&>();
  // A did:key document's method holds the key it was derived from: not decoded twice.
  bool derived = did_key.ok() && controller_url == "did:key:" + multibase;
  auto key = derived ? std::move(did_key) : multikey::decode_public_key(multibase);
  if (!key.ok()) {
    result.diagnostics = std::move(key.diagnostics);
    for (auto& d : result.diagnostics) d.location = "/proof/verificationMethod";
    return result;
  }
  result.key = std::move(key.key);
  result.type = key.type;
  return result;
}

std::optional<std::string> did_web_document_url(std::string_view did) {
  constexpr std::string_view prefix = "did:web:";
  if (did.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = did.substr(prefix.size());
  if (rest.find_first_of("#?/") != std::string_view::npos) return std::nullopt;
  std::vector<std::string> segments;
  size_t start = 0;
  while (true) {
    size_t colon = rest.find(':', start);
    segments.emplace_back(
        rest.substr(start, colon == std::string_view::npos ? colon : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  for (const auto& segment : segments)
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
  std::string host = segments[0];
  if (size_t at = host.find("%3A"); at != std::string::npos) host.replace(at, 3, ":");
  if (host.find('%') != std::string::npos || host.find('@') != std::string::npos)
    return std::nullopt;
  std::string url = "https://" + host;
  if (segments.size() == 1) return url + "/.well-known/did.json";
  for (size_t i = 1; i < segments.size(); ++i) url += "/" + segments[i];
  return url + "/did.json";
}

}  // namespace credgate::signing::di
