// The string classifications JSON-LD needs (keywords, absolute IRIs, blank node identifiers,
// language tags) and RFC 3986 reference resolution. Shared by context processing, expansion
// and toRdf so all of them draw the same lines.
#pragma once

#include <string>
#include <string_view>

#include "jsonld/literal_equals.hpp"

namespace credgate::jsonld {

// One of the JSON-LD 1.1 keywords ("@context", "@id", ...).
bool is_keyword(std::string_view s);
// Matches the ABNF "@"1*ALPHA: reserved for future keywords, ignored with a warning.
bool has_keyword_form(std::string_view s);
// "_:" followed by anything. Inline: toRdf asks it of every term.
inline bool is_blank_node_id(std::string_view s) {
  return starts_with(s, "_:");
}
// Has the form of an absolute IRI: a scheme (ALPHA *(ALPHA / DIGIT / "+" / "-" / ".")), a
// colon, and no character that RFC 3987 excludes from IRIs (spaces, <, >, ", {, }, |, \, ^, `).
bool is_absolute_iri(std::string_view s);
// Ends with a gen-delim character of RFC 3986 (":/?#[]@"): such IRI mappings make a
// simple term usable as a compact IRI prefix.
bool ends_with_gen_delim(std::string_view s);
// BCP 47 well-formedness as JSON-LD processors check it in practice: alphanumeric subtags of
// 1 to 8 characters separated by hyphens, the first alphabetic.
bool is_well_formed_language(std::string_view s);

// ASCII lower case: language tags are normalised to it (the spec allows it; jsonld.js does
// it, so RDF from both processors agrees).
std::string ascii_lowercase(std::string s);
// The same in place, on any string type (expansion's arena strings).
template <class String>
void lowercase_ascii(String& s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

// Resolves `reference` against `base` with RFC 3986 section 5.2 (no normalisation beyond
// dot-segment removal). `base` must be absolute; the result keeps the reference's fragment.
std::string resolve_iri(std::string_view base, std::string_view reference);

}  // namespace credgate::jsonld
