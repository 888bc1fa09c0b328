// Registry row for 1EdTech CLR 2.0. Detection only until the CLR issue.
#include "mappers/clr2/clr2_format.hpp"

#include "mappers/json_types.hpp"

namespace credgate::clr2 {

static Detection detect(const Sniff& s) {
  if (s.kind != ContentKind::Json || !s.json.is_object()) return {};
  if (has_type(s.json, "ClrCredential")) return {Confidence::Yes, "2.0"};
  return {};
}

Format format() {
  Format f;
  f.id = "clr2";
  f.name = "1EdTech Comprehensive Learner Record 2.0";
  f.versions = {"2.0"};
  f.media_types = {"application/vc+ld+json", "application/vc+jwt"};
  f.capabilities.envelopes = {"vc-jwt", "jws", "data-integrity"};
  f.capabilities.planned = "reader and writer: CLR 2.0 issue";
  f.detect = detect;
  return f;
}

}  // namespace credgate::clr2
