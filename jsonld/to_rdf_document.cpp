// JsonLdProcessor.toRdf(): expansion, then Deserialize JSON-LD to RDF. On its own so that
// expanded_to_rdf() (to_rdf.cpp) can be used and tested without the expansion algorithm.
#include "jsonld/expander.hpp"
#include "jsonld/to_rdf.hpp"
#include "jsonld/to_rdf_ref.hpp"
#include "jsonld/tree_release.hpp"

namespace credgate::jsonld {

namespace {

ToRdfResult from_expanded(ExpandedDocument expanded, const JsonLdOptions& options) {
  if (!expanded.ok()) return {{}, std::move(expanded.diagnostics)};
  ToRdfResult result = expanded_json_to_rdf(expanded.expanded, options);
  release_tree(expanded.expanded);
  // Expansion's warnings come first, in the order the steps ran.
  result.diagnostics.insert(result.diagnostics.begin(),
                            std::make_move_iterator(expanded.diagnostics.begin()),
                            std::make_move_iterator(expanded.diagnostics.end()));
  return result;
}

}  // namespace

ToRdfResult to_rdf(const nlohmann::json& input, const JsonLdOptions& options) {
  ArenaScope arena;
  return from_expanded(expand_document(input, options), options);
}

}  // namespace credgate::jsonld
