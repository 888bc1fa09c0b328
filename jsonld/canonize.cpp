#include "jsonld/canonize.hpp"

#include "jsonld/expand.hpp"
#include "jsonld/json_text.hpp"
#include "jsonld/to_rdf_ref.hpp"

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
  Canonicalized out;
  ParsedText parsed = parse_json_text(json_text);
  if (!parsed.ok()) {
    out.diagnostics.push_back(
        make_error("json.syntax", "parse", "malformed JSON: " + parsed.error));
    return out;
  }
  ExpandResult expanded = expand(std::move(parsed.value), options);
  out.diagnostics = std::move(expanded.diagnostics);
  if (!expanded.ok()) return out;
  // Quads that point into the expanded tree instead of copying its strings (to_rdf_ref.hpp);
  // the tree outlives them.
  ToRdfRefs rdf = expanded_to_rdf_refs(expanded.expanded, options);
  for (auto& d : rdf.diagnostics) out.diagnostics.push_back(std::move(d));
  if (has_error(out.diagnostics)) return out;
  Canonicalized canonical = canonicalize_refs(rdf.dataset, canonicalize_options);
  canonical.diagnostics.insert(canonical.diagnostics.begin(),
                               std::make_move_iterator(out.diagnostics.begin()),
                               std::make_move_iterator(out.diagnostics.end()));
  return canonical;
}

}  // namespace credgate::jsonld
