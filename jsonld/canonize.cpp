#include "jsonld/canonize.hpp"

#include "jsonld/json_text.hpp"

namespace credgate::jsonld {

ToRdfResult to_rdf_text(std::string_view json_text, const JsonLdOptions& options) {
  ParsedText parsed = parse_json_text(json_text);
  if (!parsed.ok()) {
    ToRdfResult out;
    out.diagnostics.push_back(
        make_error("json.syntax", "parse", "malformed JSON: " + parsed.error));
    return out;
  }
  return to_rdf(std::move(parsed.value), options);
}

Canonicalized canonize_text(std::string_view json_text, const JsonLdOptions& options,
                            const CanonicalizeOptions& canonicalize_options) {
  ToRdfResult rdf = to_rdf_text(json_text, options);
  if (!rdf.ok()) {
    Canonicalized out;
    out.diagnostics = std::move(rdf.diagnostics);
    return out;
  }
  Canonicalized out = canonicalize(rdf.dataset, canonicalize_options);
  out.diagnostics.insert(out.diagnostics.begin(), std::make_move_iterator(rdf.diagnostics.begin()),
                         std::make_move_iterator(rdf.diagnostics.end()));
  return out;
}

}  // namespace credgate::jsonld
