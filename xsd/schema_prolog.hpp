// Schema documents as Xerces-C is handed them.
#pragma once

#include <string>
#include <string_view>

namespace credgate::xsd {

// `text` with its DOCTYPE declaration (internal subset included) overwritten by spaces, line
// breaks kept so Xerces' line numbers still match the bundled file. Why: the W3C XMLDSig
// schema of 2002 carries a DOCTYPE whose internal subset only re-declares the xmlns:ds its root
// already has and two empty parameter entities; scanning it makes Xerces-C 3.2.4 lose 186 bytes
// per process (XMLScanner::scanProlog). Nothing in the schema body uses it: a general entity
// that was declared there would now be undeclared, which Xerces reports when the grammar
// loads, so a schema that needs its DOCTYPE fails at start-up, never silently.
// Text without a DOCTYPE before its first element comes back unchanged.
std::string without_doctype(std::string_view text);

}  // namespace credgate::xsd
