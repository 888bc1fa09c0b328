// N-Quads (RDF 1.1) in and canonical N-Quads out. Written here, not taken from serd, because
// RDFC-1.0 fixes the exact output bytes (which characters are escaped, and how), and the
// parser must report errors as our diagnostics with their line.
#pragma once

#include <string>
#include <string_view>

#include "jsonld/rdf.hpp"
#include "mappers/model/diagnostic.hpp"

namespace credgate::jsonld {

struct ParsedNQuads {
  Dataset quads;
  Diagnostics diagnostics;  // nquads.syntax, with line and column
  bool ok() const { return !has_error(diagnostics); }
};

ParsedNQuads parse_nquads(std::string_view text);

// One quad in canonical form (RDF Dataset Canonicalization, section 4.9 / RDF 1.2 N-Quads
// canonical form): no comments, single spaces, the minimal escapes, and a final " .\n".
std::string to_nquad(const Quad& quad);
std::string term_to_nquads(const Term& term);
// The same, appended to `out` (canonicalization serializes every quad several times).
void append_term(std::string& out, const Term& term);
void append_nquad(std::string& out, const Quad& quad);

}  // namespace credgate::jsonld
