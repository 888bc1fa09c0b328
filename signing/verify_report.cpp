#include "signing/verify_report.hpp"

namespace credgate::signing {

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::TotalPassed:
      return "TOTAL-PASSED";
    case Verdict::Indeterminate:
      return "INDETERMINATE";
    case Verdict::TotalFailed:
      return "TOTAL-FAILED";
  }
  return "TOTAL-FAILED";
}

nlohmann::json SignerInfo::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  auto put = [&](const char* name, const std::string& value) {
    if (!value.empty()) j[name] = value;
  };
  put("subject", subject);
  put("organizationIdentifier", organization_identifier);
  put("country", country);
  put("issuer", issuer);
  put("serialNumber", serial);
  put("notBefore", not_before);
  put("notAfter", not_after);
  put("keyId", key_id);
  j["qualifiedESeal"] = qualified_eseal;
  return j;
}

nlohmann::json TimestampInfo::to_json() const {
  return {{"type", type}, {"time", time}, {"tsa", tsa}, {"valid", valid}};
}

Check& VerifyReport::add(std::string id, bool passed, std::string detail, CheckKind kind,
                         std::string sub_indication) {
  checks.push_back({std::move(id), passed, std::move(detail), kind, std::move(sub_indication)});
  return checks.back();
}

const Check* VerifyReport::find(std::string_view id) const {
  for (const auto& c : checks)
    if (c.id == id) return &c;
  return nullptr;
}

const Check* VerifyReport::find(std::string_view id, bool passed) const {
  for (const auto& c : checks)
    if (c.id == id && c.passed == passed) return &c;
  return nullptr;
}

void VerifyReport::finish() {
  const Check* hard_failure = nullptr;
  const Check* trust_failure = nullptr;
  bool any_integrity = false, any_trust = false;
  for (const Check& c : checks) {
    if (c.kind == CheckKind::Integrity) any_integrity = true;
    if (c.kind == CheckKind::Trust) any_trust = true;
    if (c.passed || c.kind == CheckKind::Info) continue;
    if (c.kind == CheckKind::Trust) {
      if (!trust_failure) trust_failure = &c;
    } else if (!hard_failure) {
      hard_failure = &c;
    }
  }
  integrity = any_integrity && !hard_failure && !has_error(diagnostics);
  if (!integrity && !any_integrity && !hard_failure && trust_failure && !has_error(diagnostics)) {
    // Nothing is broken, but the signature could not be checked at all (its key or
    // certificate was not found): ETSI INDETERMINATE, e.g. NO_SIGNING_CERTIFICATE_FOUND.
    verdict = Verdict::Indeterminate;
    sub_indication = trust_failure->sub_indication.empty() ? "NO_SIGNING_CERTIFICATE_FOUND"
                                                           : trust_failure->sub_indication;
  } else if (!integrity) {
    verdict = Verdict::TotalFailed;
    sub_indication = hard_failure && !hard_failure->sub_indication.empty()
                         ? hard_failure->sub_indication
                         : (any_integrity ? "SIG_CRYPTO_FAILURE" : "FORMAT_FAILURE");
  } else if (trust_failure || !any_trust) {
    verdict = Verdict::Indeterminate;
    sub_indication = trust_failure && !trust_failure->sub_indication.empty()
                         ? trust_failure->sub_indication
                         : "NO_CERTIFICATE_CHAIN_FOUND";
  } else {
    verdict = Verdict::TotalPassed;
    sub_indication.clear();
  }
}

nlohmann::json VerifyReport::to_json() const {
  nlohmann::json j;
  j["file"] = file;
  j["format"] = format;
  j["method"] = method;
  j["integrity"] = integrity;
  j["verdict"] = verdict_name(verdict);
  j["subIndication"] =
      sub_indication.empty() ? nlohmann::json(nullptr) : nlohmann::json(sub_indication);
  j["signer"] = signer ? signer->to_json() : nlohmann::json(nullptr);
  j["signingTime"] = signing_time.empty() ? nlohmann::json(nullptr) : nlohmann::json(signing_time);
  j["timestamps"] = nlohmann::json::array();
  for (const auto& t : timestamps) j["timestamps"].push_back(t.to_json());
  j["checks"] = nlohmann::json::array();
  for (const auto& c : checks) {
    nlohmann::json cj = {{"id", c.id}, {"passed", c.passed}, {"detail", c.detail}};
    if (!c.passed && !c.sub_indication.empty()) cj["subIndication"] = c.sub_indication;
    j["checks"].push_back(std::move(cj));
  }
  if (!diagnostics.empty()) {
    j["diagnostics"] = nlohmann::json::array();
    for (const auto& d : diagnostics) j["diagnostics"].push_back(d.to_json());
  }
  return j;
}

}  // namespace credgate::signing
