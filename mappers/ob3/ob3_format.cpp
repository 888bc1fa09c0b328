// Registry row for Open Badges 3.0.
#include "mappers/ob3/ob3_format.hpp"

#include "mappers/json_types.hpp"
#include "mappers/ob3/ob3_reader.hpp"
#include "mappers/ob3/ob3_writer.hpp"

namespace credgate::ob3 {

static Detection detect(const Sniff& s) {
  if (s.kind != ContentKind::Json || !s.json.is_object()) return {};
  bool endorsement = has_type(s.json, "EndorsementCredential");
  if (!has_type(s.json, "OpenBadgeCredential") && !has_type(s.json, "AchievementCredential") &&
      !endorsement)
    return {};
  std::string version = "3.0";
  for (const char* v : {"3.0.1", "3.0.2", "3.0.3"})
    if (has_context(s.json, "https://purl.imsglobal.org/spec/ob/v3p0/context-" + std::string(v) + ".json"))
      version = v;
  if (has_context(s.json, "https://www.w3.org/2018/credentials/v1")) version += " (VC 1.1)";
  else if (has_context(s.json, "https://www.w3.org/ns/credentials/v2")) version += " (VC 2.0)";
  if (endorsement) version += " EndorsementCredential";
  return {Confidence::Yes, version};
}

Format format() {
  Format f;
  f.id = "ob3";
  f.name = "Open Badges 3.0 OpenBadgeCredential / AchievementCredential";
  f.versions = {"3.0.0", "3.0.1", "3.0.2", "3.0.3"};
  f.media_types = {"application/vc+ld+json", "application/vc+jwt", "application/json"};
  f.capabilities.read = true;
  f.capabilities.write = true;
  f.capabilities.lossless_same_format = true;
  f.capabilities.envelopes = {"vc-jwt", "jws", "data-integrity"};
  f.capabilities.output_multiplicity = "one credential per achievement";
  f.detect = detect;
  f.read = read;
  f.write = write;
  return f;
}

}  // namespace credgate::ob3
