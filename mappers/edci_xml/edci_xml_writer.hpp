#pragma once
#include "mappers/format.hpp"
namespace credgate::edci_xml {
// Canonical model -> Europass EDCI v2 `europassCredential` (schema 0.10.0), the reverse of
// edci_xml_reader.cpp; mapping table and losses in docs/mappings/edci-xml.md. Shared nodes
// (issuer, awarding bodies, specifications, awarding processes, learning outcomes) go into the
// *References sections and are referenced by idref. The `proof` the schema requires is written
// empty: `credgate seal --method xades` puts the ds:Signature into it.
//
// The output is validated against the bundled schema before it is returned. What the schema
// requires and the model lacks (an issuer id, a registration, the holder's date of birth, ...)
// is an error naming it (`map.missing-member`, `map.missing-id`, with the model's source
// location), never a half-valid file.
//
// With `options.edci_presentation` ("shared" or "mandated") the credential is returned inside
// an EDCI 1.0 vp:verifiablePresentation of that kind (edci_xml_presentation.hpp).
WriteResult write(const model::Credential& credential, const WriteOptions& options);
}  // namespace credgate::edci_xml
