// An EDCI 1.0 `vp:verifiablePresentation` around the europassCredential the writer made
// (`credgate convert --to edci-xml --edci-presentation shared|mandated`); mapping and choices in
// docs/mappings/edci-xml.md, section "verifiablePresentation".
#pragma once

#include <string>

#include "mappers/format.hpp"

namespace credgate::edci_xml {

// Whether `kind` names a presentation the writer makes ("shared" or "mandated").
bool known_presentation(const std::string& kind);

// Envelope entries of a source presentation the presentation writer carries over (its
// presenter), so the credential writer does not report them as losses.
bool carried_by_presentation(const std::string& envelope_key);

// Wraps `written` (one schema-valid europassCredential) into a presentation of `kind`, valid
// against the EDCI 1.0 presentation schema of that kind, which its xsi:schemaLocation names.
// The presenter (vp:issuer) is the source presentation's, when the credential was read from
// one; a presenter the 1.0 schema rejects is left out and reported as a loss. Output the schema
// rejects for any other reason is an error (model.edci-invalid-output), and no document.
void wrap_in_presentation(WriteResult& written, const model::Credential& credential,
                          const std::string& kind);

}  // namespace credgate::edci_xml
